"""A site to back up, and a fingerprint of everything in it, for tests/test_backup_restore.py.

Both run in a separate process (``manage.py shell -c``) against the database DATABASE_URL
names, because the backup scripts must read committed data from a real database file or
server, not the test run's own transaction.
"""

import hashlib
import json

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

# Not compressible, not text: a byte that changed in the round trip would show.
MEDIA_BYTES = hashlib.sha256(b"backup-restore").digest() * 2048


def build() -> None:
    """The seed content in every language, three personalised agreements with several
    revisions each, and one uploaded document."""
    from accounts.factories import PractitionerFactory
    from agreements.models import TemplatePage
    from personalised.concurrency import save_change
    from personalised.factories import PersonalisedAgreementFactory

    call_command("load_seed_content", verbosity=0)
    call_command("load_locale_trees", verbosity=0)
    template = TemplatePage.objects.filter(locale__language_code="en-gb").live().first()
    for number in range(3):
        owner = PractitionerFactory(username=f"backup-owner-{number}")
        agreement = PersonalisedAgreementFactory(owner=owner, template=template)
        for change in range(number + 1):

            def rename(current, change=change):
                current.title = f"{current.title} (revised {change + 1})"

            agreement = save_change(agreement, agreement.latest_revision_id, owner, rename)
    get_document_model().objects.create(
        title="Signed agreement scan", file=ContentFile(MEDIA_BYTES, name="signed-scan.pdf")
    )


def migrate_build_and_fingerprint() -> None:
    """Migrate the empty database, :func:`build` the site in it and print its :func:`fingerprint`:
    one Python start (Django and Wagtail take seconds to import) instead of three."""
    call_command("migrate", interactive=False, verbosity=0)
    build()
    fingerprint()


def fingerprint() -> None:
    """Print, as JSON, every page (every locale) with its status when served, every agreement
    with every revision's content, and every document's and image's bytes' SHA-256."""
    from personalised.models import PersonalisedAgreement

    client = Client()
    pages = []
    for page in Page.objects.filter(depth__gt=1).select_related("locale").order_by("path"):
        url = page.get_url()
        pages.append(
            {
                "path": page.path,
                "locale": page.locale.language_code,
                "title": page.title,
                "url": url,
                "live": page.live,
                "alias_of": page.alias_of_id,
                "revisions": Revision.page_revisions.filter(object_id=str(page.pk)).count(),
                "status": client.get(url).status_code if page.live and url else None,
            }
        )
    agreements = []
    for agreement in PersonalisedAgreement.objects.order_by("uuid"):
        agreements.append(
            {
                "uuid": str(agreement.uuid),
                "title": agreement.title,
                "owner": agreement.owner.username,
                "person_name": agreement.person_name,
                "body": agreement.body.raw_data,
                "revisions": [
                    {"created_at": revision.created_at.isoformat(), "content": revision.content}
                    for revision in agreement.revisions.order_by("created_at", "pk")
                ],
            }
        )
    documents = []
    for document in get_document_model().objects.order_by("pk"):
        with document.file.open("rb") as stream:
            documents.append(
                {
                    "title": document.title,
                    "file": document.file.name,
                    "sha256": hashlib.sha256(stream.read()).hexdigest(),
                }
            )
    images = []
    for image in get_image_model().objects.order_by("pk"):
        with image.file.open("rb") as stream:
            images.append(
                {
                    "title": image.title,
                    "file": image.file.name,
                    "sha256": hashlib.sha256(stream.read()).hexdigest(),
                }
            )
    print(
        json.dumps(
            {"pages": pages, "agreements": agreements, "documents": documents, "images": images},
            default=str,
            sort_keys=True,
        )
    )

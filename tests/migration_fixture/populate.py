"""Fill a database made at today's main (a53b0d0) with what the migration test reads back: the
seed content in every language, a second published version of a template, guidance feedback
addressed in a version, and personalised agreements with several revisions, each party's
recorded agreement, shares (one revoked), audit log entries and a soft deletion.

Runs inside that checkout (see build.py), with its own code: the names here are a53b0d0's.
"""

import datetime
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.dev")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from wagtail.models import Locale  # noqa: E402

import agreements  # noqa: E402
from agreements import agreeing, audit, deletion, sharing  # noqa: E402
from agreements.accounts import DEMO_ACCOUNTS  # noqa: E402
from agreements.forking import PersonDetails, fork_template  # noqa: E402
from agreements.models import PageVersion, Party, SharePermission, TemplatePage  # noqa: E402
from guidance.feedback import Feedback, FeedbackStatus  # noqa: E402

# The checkout's own code, not this worktree's (see tree.py).
print("populating with", agreements.__file__)

call_command("migrate", interactive=False, verbosity=0)
call_command("load_seed_content", verbosity=0)
call_command("load_locale_trees", verbosity=0)
call_command("load_demo_accounts", verbosity=0)

User = get_user_model()
practitioner = User.objects.get(username=DEMO_ACCOUNTS[2].username)
colleague = User.objects.get(username=DEMO_ACCOUNTS[3].username)
editor = User.objects.get(username=DEMO_ACCOUNTS[0].username)

with transaction.atomic():
    isf = TemplatePage.objects.get(slug="isf-partnership-agreement", locale=Locale.get_default())
    draft = isf.get_latest_revision_as_object()
    draft.intro = (draft.intro or "") + "<p>Revised after testing with two councils.</p>"
    draft.change_note = "Added a sentence to the introduction after testing."
    draft.save_revision(user=editor).publish()
    isf.refresh_from_db()
    version = PageVersion.objects.filter(page=isf).order_by("-number").first()
    Feedback.objects.create(
        author=practitioner,
        page=isf,
        body="The introduction could say who the agreement is for.",
        status=FeedbackStatus.ADDRESSED,
        addressed_in=version,
        response="Thank you: the introduction now says so.",
    )

partnering = TemplatePage.objects.filter(locale=Locale.get_default()).exclude(pk=isf.pk).first()
people = [
    ("Alex Jones", "Alex", isf),
    ("Sam Patel", "Sam", isf),
    ("Chris Evans", "Chris", partnering),
]
for number, (name, known_as, template) in enumerate(people, start=1):
    agreement = fork_template(
        template,
        owner=practitioner,
        details=PersonDetails(
            person_name=name,
            known_as=known_as,
            local_authority="Suffolk County Council",
            provider="Home Support Ltd",
            family_members="Jo Jones\nKim Jones" if number == 1 else "",
        ),
    )
    for edit in range(number + 1):
        agreement.provider = f"Home Support Ltd (branch {edit + 1})"
        agreement.save()
        agreement.save_revision(user=practitioner, clean=False)
        audit.record(agreement, audit.VIEW, practitioner)
    agreement.refresh_from_db()
    agreeing.record_agreements(
        agreement,
        agreement.latest_revision_id,
        practitioner,
        [
            (party, f"Signed for {party}", datetime.date(2026, 11, 20))
            for party in (Party.values if number != 2 else Party.values[:1])
        ],
    )
    share = sharing.share(agreement, colleague, SharePermission.EDIT, practitioner)
    if number == 2:
        sharing.revoke(share, practitioner)
    audit.record(agreement, audit.EXPORT, practitioner, format="docx")
    if number == 3:
        deletion.soft_delete(agreement, practitioner)

print("populated")

"""The email a template's followers get when it changes in a major way.

It says which template changed, the editor's change note, and a link to review the change in
each agreement the follower owns or has been shared from that template. An email is not a
private channel, so it names no person: an agreement is shown by its title (the template's)
and the date it was made, never by the person it is for."""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from accounts.practitioners import PRACTITIONERS
from agreements.models import TemplatePage
from jobs.languages import language_for
from personalised.models import PersonalisedAgreement
from versioning.models import PageVersion


def followers(page: TemplatePage):
    """Practitioners following the page who can be written to."""
    return (
        get_user_model()
        .objects.filter(template_follows__page=page, is_active=True, groups__name=PRACTITIONERS)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )


@task()
def announce_major_change(version_id: int) -> int:
    """Email each follower of the version's template once; returns how many were emailed."""
    version = PageVersion.objects.filter(pk=version_id).first()
    if version is None or not version.is_major:
        return 0
    page = TemplatePage.objects.live().filter(pk=version.page_id).first()
    if page is None:
        return 0  # unpublished since: there is nothing to go and read
    sent = 0
    for user in followers(page).iterator():
        send_announcement(user, page, version)
        sent += 1
    return sent


def send_announcement(user, page: TemplatePage, version: PageVersion) -> None:
    agreements = (
        PersonalisedAgreement.objects.visible_to(user)
        .filter(source_page=page)
        .order_by("created_at", "pk")
        .only("uuid", "title", "created_at", "language")
    )
    with translation.override(language_for(user)):
        context = {
            "template_title": page.title,
            "version": version.number,
            "change_note": version.change_note,
            "template_url": absolute(page.url),
            "agreements": [
                {
                    "title": agreement.title,
                    "made_on": agreement.created_at,
                    "url": absolute(reverse("agreements:updates", args=[agreement.uuid])),
                }
                for agreement in agreements
            ],
        }
        subject = render_to_string("following/email/major_change_subject.txt", context)
        body = render_to_string("following/email/major_change.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)

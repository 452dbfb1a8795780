"""The site's URLs with a stand-in for the invitee's agreement page (``invited:agreement``),
used only while that page (built on the ``invitee`` branch) is not merged: the landing tests
need somewhere to be redirected to that checks the invitee's session. ``personalised/tests/
conftest.py`` uses it only when ``invited:agreement`` does not exist."""

from site import urls as site_urls

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from personalised.invitations import urls as invited_urls
from personalised.invitations.session import get_member_or_404


def stand_in_agreement(request: HttpRequest, member_uuid) -> HttpResponse:
    member = get_member_or_404(request, member_uuid)
    return HttpResponse(f"Signed in to agreement {member.agreement.uuid}")


_invited = (
    [
        *invited_urls.urlpatterns,
        path("invited/<uuid:member_uuid>/", stand_in_agreement, name="agreement"),
    ],
    "invited",
)

# First, so that reversing "invited:..." finds these.
urlpatterns = [
    *i18n_patterns(path("", include(_invited)), prefix_default_language=False),
    *site_urls.urlpatterns,
]

"""Every agreement URL, as every kind of user, by GET and by POST: only the right ones succeed.

The routes are read from ``agreements/urls.py``, so a route added later is walked without editing
this file, and it fails here until ``ROUTE_ACCESS`` says who may use it. Their parameters are
filled in from one fixture agreement; a parameter nobody knows how to fill fails the test too.
"""

from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, reverse

from agreements import deletion
from agreements import urls as agreement_urls
from agreements.accounts import EDITORS
from agreements.factories import (
    PersonalisedAgreementFactory,
    PersonDetailsFactory,
    PractitionerFactory,
    published_template,
)
from agreements.models import AgreementShare, PersonalisedAgreement, SharePermission

from .records_helpers import share

pytestmark = pytest.mark.django_db


class Needs(Enum):
    """What a route needs, and so who may use it."""

    PRACTITIONER = "any practitioner"  # pages of one's own, such as the list
    VIEW = "read the agreement"
    EDIT = "change the agreement"
    MANAGE = "own the agreement"
    MANAGE_DELETED = "own the agreement, deleted"  # restore: walked with a deleted agreement


# Every route in agreements/urls.py, by name. A route missing here fails the test: say who may
# use it. (Routes other parts of issue #4 add are listed as agreed in notes/agreements.md.)
ROUTE_ACCESS: dict[str, Needs] = {
    "list": Needs.PRACTITIONER,
    "deleted": Needs.PRACTITIONER,
    "fork": Needs.PRACTITIONER,
    "detail": Needs.VIEW,
    "history": Needs.VIEW,
    "revision": Needs.VIEW,
    "compare": Needs.VIEW,
    "print": Needs.VIEW,
    "docx": Needs.VIEW,
    "edit_area": Needs.EDIT,
    "edit_details": Needs.EDIT,
    "agree": Needs.EDIT,
    "updates": Needs.EDIT,
    "restore_revision": Needs.EDIT,
    "share": Needs.MANAGE,
    "update_share": Needs.MANAGE,
    "delete": Needs.MANAGE,
    "audit_log": Needs.MANAGE,
    "restore": Needs.MANAGE_DELETED,
}

ROLES = ["anonymous", "other practitioner", "view collaborator", "edit collaborator", "owner"]
ROLES.append("editor")

ALLOWED: dict[Needs, set[str]] = {
    Needs.PRACTITIONER: {"other practitioner", "view collaborator", "edit collaborator", "owner"},
    Needs.VIEW: {"view collaborator", "edit collaborator", "owner"},
    Needs.EDIT: {"edit collaborator", "owner"},
    Needs.MANAGE: {"owner"},
    Needs.MANAGE_DELETED: {"owner"},
}


def agreement_routes() -> list[URLPattern]:
    return [pattern for pattern in agreement_urls.urlpatterns if isinstance(pattern, URLPattern)]


@dataclass
class Fixture:
    agreement: PersonalisedAgreement
    users: dict[str, object]

    def kwargs_for(self, pattern: URLPattern) -> dict:
        """Real values for the route's parameters, from the fixture agreement."""
        agreement = self.agreement
        first_revision = agreement.revisions.order_by("created_at", "pk").first()
        fillers = {
            "uuid": agreement.uuid,
            "block_id": next(child.id for child in agreement.body if child.block_type == "area"),
            "revision_id": first_revision.pk,
            "share_id": AgreementShare.objects.get(
                agreement=agreement, user=self.users["view collaborator"]
            ).pk,
            "template_id": agreement.source_page_id,
            "page_id": agreement.source_page_id,
            "pk": agreement.source_page_id,
        }
        names = list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)
        unknown = [name for name in names if name not in fillers]
        assert not unknown, (
            f"route {pattern.name!r} has parameters {unknown} that test_access_matrix.py "
            "cannot fill: add them to Fixture.kwargs_for"
        )
        return {name: fillers[name] for name in names}


def _fixture(deleted: bool) -> Fixture:
    owner = PractitionerFactory(username="owner")
    template = published_template()
    agreement = PersonalisedAgreementFactory(
        owner=owner,
        template=template,
        details=PersonDetailsFactory(person_name="Sam Secretname"),
    )
    agreement.known_as = "Sammy"
    agreement.save()
    agreement.save_revision(user=owner)  # two revisions, so restoring the first changes it
    editor = PractitionerFactory(username="edie")
    editor.groups.set([Group.objects.get(name=EDITORS)])
    users = {
        "anonymous": None,
        "other practitioner": PractitionerFactory(username="other"),
        "view collaborator": PractitionerFactory(username="viewer"),
        "edit collaborator": PractitionerFactory(username="collaborator"),
        "owner": owner,
        "editor": editor,
    }
    share(agreement, users["view collaborator"], SharePermission.VIEW)
    share(agreement, users["edit collaborator"], SharePermission.EDIT)
    if deleted:
        deletion.soft_delete(agreement, owner)
    return Fixture(agreement, users)


def _state(agreement: PersonalisedAgreement) -> tuple:
    """What a refused request must leave as it was."""
    fresh = PersonalisedAgreement.objects.get(pk=agreement.pk)
    shares = list(
        AgreementShare.objects.filter(agreement=agreement)
        .order_by("pk")
        .values_list("user_id", "permission", "revoked_at")
    )
    return (
        fresh.latest_revision_id,
        fresh.deleted_at,
        fresh.known_as,
        fresh.party_agreements.count(),
        shares,
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", agreement_routes(), ids=lambda pattern: pattern.name)
def test_only_the_right_people_can_use_each_agreement_url(client, pattern, role, method):
    assert pattern.name in ROUTE_ACCESS, (
        f"route {pattern.name!r} is not in ROUTE_ACCESS (agreements/tests/test_access_matrix.py): "
        "say whether it needs a practitioner, or to view, edit or manage the agreement"
    )
    needs = ROUTE_ACCESS[pattern.name]
    fixture = _fixture(deleted=needs is Needs.MANAGE_DELETED)
    url = reverse(f"agreements:{pattern.name}", kwargs=fixture.kwargs_for(pattern))
    user = fixture.users[role]
    if user is not None:
        client.force_login(user)
    before = _state(fixture.agreement)

    response = getattr(client, method)(url)

    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control, (
        f"{method.upper()} {url} as {role} answered {response.status_code} without "
        f"Cache-Control: private, no-store (it said {cache_control!r})"
    )
    location = urlsplit(response.get("Location", "")).path
    sent_to_sign_in = response.status_code == 302 and location == reverse("sign_in")
    if role == "anonymous":
        assert sent_to_sign_in, f"{method.upper()} {url} anonymous: {response.status_code}"
    elif role in ALLOWED[needs]:
        # 405: a POST-only route asked by GET, or a read-only page posted to; 400: an empty form.
        allowed = {200, 302, 303, 405} | ({400} if method == "post" else set())
        assert response.status_code in allowed and not sent_to_sign_in, (
            f"{method.upper()} {url} as {role} (may {needs.value}) answered {response.status_code}"
        )
    else:
        refused = {403, 404} if needs is Needs.PRACTITIONER else {404}
        if method == "get":
            refused = refused | {405}  # a POST-only route says nothing about the agreement
        assert response.status_code in refused, (
            f"{method.upper()} {url} as {role} (may not {needs.value}) answered "
            f"{response.status_code}"
        )
    if role not in ALLOWED[needs]:
        assert _state(fixture.agreement) == before, f"{method.upper()} {url} as {role} changed it"
        if hasattr(response, "content"):
            assert b"Secretname" not in response.content


def test_every_route_declared_here_is_a_route_or_one_agreed_for_issue_4():
    """ROUTE_ACCESS only lists real routes, or the ones other parts of issue #4 will add."""
    agreed_elsewhere = {"fork", "edit_area", "edit_details", "agree", "print", "docx", "updates"}
    names = {pattern.name for pattern in agreement_routes()}
    assert set(ROUTE_ACCESS) - names <= agreed_elsewhere

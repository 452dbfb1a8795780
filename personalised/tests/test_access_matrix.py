"""Every agreement URL, as every kind of user, by GET and by POST: only the right ones succeed,
and what they do really happens.

The routes are read from ``agreements/urls.py``, so a route added later is walked without editing
this file, and it fails here until ``ROUTE_ACCESS`` says who may use it. Their parameters are
filled in from one fixture agreement; a parameter nobody knows how to fill fails the test too.

A permitted GET answers 200 with the agreement in it (the Word document for the export), or 405
on a route that only takes POST. A permitted POST sends the form a browser would (read from the
owner's page) and must do what the route is for (``POSTS``): a share made, a revision saved, the
agreement deleted or restored; a POST to a page that only reads answers as its GET does. A
refused request gets exactly the refusal (404 for an agreement, so that its address does not
confirm there is one) and changes nothing, even with a valid form.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS
from agreements.factories import published_template
from following.models import TemplateFollow
from personalised import urls as agreement_urls
from personalised.deleting import services as deletion
from personalised.exports.docx import CONTENT_TYPE as DOCX
from personalised.exports.pdf import CONTENT_TYPE as PDF
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.invitations import services as invitations
from personalised.invitations import urls as invited_urls
from personalised.invitations.tokens import new_link_token, normalise_code, token_hash
from personalised.models import (
    AgreementShare,
    Invitation,
    InvitationChannel,
    PersonalisedAgreement,
    SharePermission,
)
from personalised.tests.copies import read_pdf
from personalised.tests.editing import form_data
from personalised.tests.exporting import docx_text
from personalised.tests.invitee_helpers import sign_in_invitee
from personalised.tests.inviting import follow_a_letter
from personalised.tests.records_helpers import share
from personalised.tests.updating_helpers import block, publish
from tests.shared_state import SHARED_STATE, register_state

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
    "follow": Needs.PRACTITIONER,
    "detail": Needs.VIEW,
    "history": Needs.VIEW,
    "revision": Needs.VIEW,
    "compare": Needs.VIEW,
    "print": Needs.VIEW,
    "docx": Needs.VIEW,
    "easy_read": Needs.VIEW,
    "easy_read_docx": Needs.VIEW,
    "large_print": Needs.VIEW,
    "large_print_docx": Needs.VIEW,
    "pdf": Needs.VIEW,
    "edit_area": Needs.EDIT,
    "edit_block": Needs.EDIT,
    "edit_details": Needs.EDIT,
    "agree": Needs.EDIT,
    "comment": Needs.EDIT,
    "people": Needs.VIEW,
    "add_member": Needs.EDIT,
    "edit_member": Needs.EDIT,
    "remove_member": Needs.EDIT,
    "invite_member": Needs.EDIT,
    "invitation_letter": Needs.EDIT,
    "resend_invitation": Needs.EDIT,
    "revoke_invitation": Needs.EDIT,
    "updates": Needs.EDIT,
    "restore_revision": Needs.EDIT,
    "share": Needs.MANAGE,
    "update_share": Needs.MANAGE,
    "delete": Needs.MANAGE,
    "audit_log": Needs.MANAGE,
    "restore": Needs.MANAGE_DELETED,
}

ROLES = [
    "anonymous",
    # A party member of this very agreement, signed in by their invitation: not a practitioner,
    # so every practitioner's route sends them to sign in, as it does anyone anonymous.
    "invitee",
    "other practitioner",
    "view collaborator",
    "edit collaborator",
    "owner",
    "editor",
    # agreements/access.py: nobody but the owner and those it is shared with may know an
    # agreement exists, administrators included.
    "superuser",
]

ALLOWED: dict[Needs, set[str]] = {
    Needs.PRACTITIONER: {"other practitioner", "view collaborator", "edit collaborator", "owner"},
    Needs.VIEW: {"view collaborator", "edit collaborator", "owner"},
    Needs.EDIT: {"edit collaborator", "owner"},
    Needs.MANAGE: {"owner"},
    Needs.MANAGE_DELETED: {"owner"},
}

PERSON = "Sam Secretname"
KNOWN_AS = "Sammy"
# The commitment the template's second version rewords, so the agreement has an update to take.
REWORDED = "We will share what resources there are with _____."


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
            # Someone in the person's party other than the person (who cannot be removed).
            "member_uuid": agreement.members.filter(is_the_person=False).first().uuid,
            "invitation_id": Invitation.objects.get(
                member__agreement=agreement, channel=InvitationChannel.EMAIL
            ).pk,
            # The copy a PDF is of: the large print one, the largest to write.
            "format": "large-print",
        }
        if pattern.name == "edit_block":
            # The block its template lets practitioners change (an area has its own route).
            fillers["block_id"] = next(
                child.id for child in agreement.body if child.block_type == "text"
            )
        names = list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)
        unknown = [name for name in names if name not in fillers]
        assert not unknown, (
            f"route {pattern.name!r} has parameters {unknown} that test_access_matrix.py "
            "cannot fill: add them to Fixture.kwargs_for"
        )
        return {name: fillers[name] for name in names}

    def fresh(self) -> PersonalisedAgreement:
        return PersonalisedAgreement.objects.get(pk=self.agreement.pk)

    def owners_form(self, name: str, **kwargs) -> dict:
        """The fields of the owner's form on a route's page, as a browser would send them."""
        owner = Client()
        owner.force_login(self.users["owner"])
        response = owner.get(reverse(f"agreements:{name}", kwargs=kwargs))
        assert response.status_code == 200
        return form_data(response.content.decode())


def _fixture(deleted: bool) -> Fixture:
    owner = PractitionerFactory(username="owner")
    template = published_template()

    def with_editable_text(body):
        body.append(
            {
                "type": "text",
                "value": {"heading": "About", "text": "<p>Words for _____.</p>"},
                "id": "e0000000-0000-4000-8000-000000000001",
            }
        )
        body[-1]["value"]["practitioners_may_edit"] = True

    template = publish(template, with_editable_text, "Practitioners may change the text.")
    agreement = PersonalisedAgreementFactory(
        owner=owner, template=template, details=PersonDetailsFactory(person_name=PERSON)
    )
    agreement.known_as = KNOWN_AS
    agreement.save()
    agreement.save_revision(user=owner)  # two revisions, so restoring the first changes it

    def reword(body):
        block(body, "Resources")["value"]["commitments"][0]["value"] = REWORDED

    publish(template, reword, "Reworded the Resources commitment.")
    editor = PractitionerFactory(username="edie")
    editor.groups.set([Group.objects.get(name=EDITORS)])
    superuser = PractitionerFactory(username="root", is_superuser=True, is_staff=True)
    superuser.groups.clear()
    users = {
        "anonymous": None,
        "invitee": None,
        "other practitioner": PractitionerFactory(username="other"),
        "view collaborator": PractitionerFactory(username="viewer"),
        "edit collaborator": PractitionerFactory(username="collaborator"),
        "owner": owner,
        "editor": editor,
        "superuser": superuser,
    }
    share(agreement, users["view collaborator"], SharePermission.VIEW)
    share(agreement, users["edit collaborator"], SharePermission.EDIT)
    PractitionerFactory(username="newcomer")  # someone to share it with
    # Someone in the person's party with an email address, invited by email.
    member = agreement.members.filter(is_the_person=False).first()
    member.email = "jo@example.org"
    member.save()
    Invitation.objects.create(
        member=member,
        channel=InvitationChannel.EMAIL,
        created_by=owner,
        expires_at=invitations.expiry(),
        sent_at=timezone.now(),
        token_hash=token_hash(new_link_token()),
    )
    if deleted:
        deletion.soft_delete(agreement, owner)
    return Fixture(agreement, users)


# The fixture agreement (and its deleted twin) is built once and shared by every test of the
# matrix that asks for it (tests/shared_state.py): each test's changes are rolled back. What was
# built is kept here by primary key, and each test reads it afresh.
_BUILT: dict[bool, tuple[int, dict[str, int | None]]] = {}


def _build(deleted: bool) -> None:
    fixture = _fixture(deleted)
    users = {role: (user.pk if user is not None else None) for role, user in fixture.users.items()}
    _BUILT[deleted] = (fixture.agreement.pk, users)


def _shared_fixture(state: str, deleted: bool) -> Fixture:
    if not SHARED_STATE.has(state):
        return _fixture(deleted)  # not shared (a test run on its own in a transaction)
    agreement_pk, user_pks = _BUILT[deleted]
    users = get_user_model().objects.in_bulk([pk for pk in user_pks.values() if pk is not None])
    return Fixture(
        PersonalisedAgreement.objects.get(pk=agreement_pk),
        {role: users.get(pk) for role, pk in user_pks.items()},
    )


register_state("access_matrix", lambda: _build(deleted=False))
register_state("deleted_access_matrix", lambda: _build(deleted=True))


@pytest.fixture
def access_matrix(db) -> Fixture:
    """The fixture agreement, shared, with its users by role."""
    return _shared_fixture("access_matrix", deleted=False)


@pytest.fixture
def deleted_access_matrix(db) -> Fixture:
    """The same, deleted by its owner (for the route that restores it)."""
    return _shared_fixture("deleted_access_matrix", deleted=True)


def _state(agreement: PersonalisedAgreement) -> tuple:
    """What a refused request must leave as it was."""
    fresh = PersonalisedAgreement.objects.get(pk=agreement.pk)
    shares = list(
        AgreementShare.objects.filter(agreement=agreement)
        .order_by("pk")
        .values_list("user_id", "permission", "revoked_at")
    )
    return (
        PersonalisedAgreement.objects.count(),
        fresh.latest_revision_id,
        fresh.revisions.count(),
        fresh.deleted_at,
        fresh.known_as,
        fresh.source_version,
        fresh.body.stream_block.get_prep_value(fresh.body),
        fresh.consents.count(),
        list(fresh.members.order_by("pk").values_list("name", "role", "removed_at")),
        fresh.comments.count(),
        list(
            Invitation.objects.filter(member__agreement=agreement)
            .order_by("pk")
            .values_list("channel", "created_by", "revoked_at", "used_at", "token_hash")
        ),
        shares,
    )


# --------------------------------------------------------------------------- permitted POSTs


@dataclass(frozen=True)
class Post:
    """What a permitted POST to a route sends, and the proof that it did what it is for."""

    data: Callable[[Fixture], dict]
    happened: Callable[[Fixture, object, HttpResponse], None]  # (fixture, user, response)


def _redirects_to(response: HttpResponse, url: str) -> None:
    assert response.status_code == 302, response.status_code
    assert urlsplit(response["Location"]).path == url


def _made_a_revision(fixture: Fixture, user) -> PersonalisedAgreement:
    fresh = fixture.fresh()
    assert fresh.latest_revision_id != fixture.agreement.latest_revision_id
    assert fresh.latest_revision.user == user
    return fresh


def _fork_data(fixture: Fixture) -> dict:
    data = fixture.owners_form("fork", template_id=fixture.agreement.source_page_id)
    return {
        **data,
        "person_name": "Alex Forked",
        "known_as": "Alex",
        "party-local-authority": "Suffolk County Council",
        "party-provider": "Good Support Ltd",
    }


def _forked(fixture: Fixture, user, response: HttpResponse) -> None:
    forked = PersonalisedAgreement.objects.get(owner=user, person_name="Alex Forked")
    assert forked.source_page_id == fixture.agreement.source_page_id
    _redirects_to(response, forked.get_absolute_url())


def _followed(fixture: Fixture, user, response: HttpResponse) -> None:
    assert TemplateFollow.objects.filter(user=user, page_id=fixture.agreement.source_page_id)
    _redirects_to(response, reverse("agreements:follow", args=[fixture.agreement.source_page_id]))


def _area_data(fixture: Fixture) -> dict:
    data = fixture.owners_form(
        "edit_area", uuid=fixture.agreement.uuid, block_id=fixture.agreement.areas()[0].id
    )
    return {**data, "this_means": "<p>Sam likes to be near the sea.</p>"}


def _area_saved(fixture: Fixture, user, response: HttpResponse) -> None:
    fresh = _made_a_revision(fixture, user)
    assert "near the sea" in fresh.areas()[0].value["this_means"].source
    assert response.status_code == 302


def _block_data(fixture: Fixture) -> dict:
    block_id = next(child.id for child in fixture.agreement.body if child.block_type == "text")
    data = fixture.owners_form("edit_block", uuid=fixture.agreement.uuid, block_id=block_id)
    return {**data, "text": "Sam likes the sea."}


def _block_saved(fixture: Fixture, user, response: HttpResponse) -> None:
    fresh = _made_a_revision(fixture, user)
    text = next(child for child in fresh.body if child.block_type == "text")
    assert text.value["text"].source == "<p>Sam likes the sea.</p>"
    assert response.status_code == 302


def _details_data(fixture: Fixture) -> dict:
    return {**fixture.owners_form("edit_details", uuid=fixture.agreement.uuid), "known_as": "Sambo"}


def _details_saved(fixture: Fixture, user, response: HttpResponse) -> None:
    assert _made_a_revision(fixture, user).known_as == "Sambo"
    _redirects_to(response, fixture.agreement.get_absolute_url())


def _agree_data(fixture: Fixture) -> dict:
    data = fixture.owners_form("agree", uuid=fixture.agreement.uuid)
    who = next(name for name in data if name.endswith("-agreed_by"))
    return {**data, who: "Lee Signatory"}


def _agreed(fixture: Fixture, user, response: HttpResponse) -> None:
    recorded = fixture.fresh().consents.get()
    assert (recorded.agreed_by, recorded.revision_id) == (
        "Lee Signatory",
        fixture.agreement.latest_revision_id,
    )
    _redirects_to(response, fixture.agreement.get_absolute_url())


def _add_member_data(fixture: Fixture) -> dict:
    data = fixture.owners_form("people", uuid=fixture.agreement.uuid)
    return {**data, "add-party": "provider", "add-name": "Pat Manager"}


def _member_added(fixture: Fixture, user, response: HttpResponse) -> None:
    assert fixture.agreement.members.active().filter(party="provider", name="Pat Manager").exists()
    _redirects_to(response, reverse("agreements:people", args=[fixture.agreement.uuid]))


def _commented(fixture: Fixture, user, response: HttpResponse) -> None:
    made = fixture.agreement.comments.get()
    assert (made.text, made.author) == ("Could we meet on Fridays?", user)
    _redirects_to(response, fixture.agreement.get_absolute_url())


def _the_member(fixture: Fixture):
    return fixture.agreement.members.filter(is_the_person=False).first()


def _member_data(fixture: Fixture) -> dict:
    data = fixture.owners_form(
        "edit_member", uuid=fixture.agreement.uuid, member_uuid=_the_member(fixture).uuid
    )
    return {**data, "role": "Aunt"}


def _member_changed(fixture: Fixture, user, response: HttpResponse) -> None:
    assert _the_member(fixture).role == "Aunt"
    _redirects_to(response, reverse("agreements:people", args=[fixture.agreement.uuid]))


def _member_removed(fixture: Fixture, user, response: HttpResponse) -> None:
    assert _the_member(fixture).removed_at is not None
    _redirects_to(response, reverse("agreements:people", args=[fixture.agreement.uuid]))


def _invitations_by(fixture: Fixture, user, channel: str) -> list[Invitation]:
    return list(
        Invitation.objects.filter(
            member__agreement=fixture.agreement, channel=channel, created_by=user
        ).exclude(pk=_first_invitation(fixture).pk)
    )


def _first_invitation(fixture: Fixture) -> Invitation:
    return Invitation.objects.filter(member__agreement=fixture.agreement).earliest("pk")


def _invited(fixture: Fixture, user, response: HttpResponse) -> None:
    (made,) = _invitations_by(fixture, user, InvitationChannel.EMAIL)
    assert made.member == _the_member(fixture)
    _redirects_to(response, reverse("agreements:people", args=[fixture.agreement.uuid]))


def _letter_printed(fixture: Fixture, user, response: HttpResponse) -> None:
    (made,) = _invitations_by(fixture, user, InvitationChannel.LETTER)
    assert made.member == _the_member(fixture)
    assert response.status_code == 200
    code = re.search(r"invitation-letter__code[^>]*>([A-Z0-9-]{14})<", response.text).group(1)
    assert made.token_hash == token_hash(normalise_code(code))


def _resent(fixture: Fixture, user, response: HttpResponse) -> None:
    assert _first_invitation(fixture).revoked_at is not None
    (made,) = _invitations_by(fixture, user, InvitationChannel.EMAIL)
    assert made.revoked_at is None
    _redirects_to(response, reverse("agreements:people", args=[fixture.agreement.uuid]))


def _revoked(fixture: Fixture, user, response: HttpResponse) -> None:
    assert _first_invitation(fixture).revoked_at is not None
    _redirects_to(response, reverse("agreements:people", args=[fixture.agreement.uuid]))


def _updates_data(fixture: Fixture) -> dict:
    data = fixture.owners_form("updates", uuid=fixture.agreement.uuid)
    choices = [name for name in data if name.startswith("change-")]
    assert choices, "the fixture agreement has no template update to take"
    return {**data, **dict.fromkeys(choices, "accept")}


def _updated(fixture: Fixture, user, response: HttpResponse) -> None:
    fresh = _made_a_revision(fixture, user)
    assert fresh.source_version == fixture.agreement.source_version + 1
    resources = next(area for area in fresh.areas() if area.value["title"] == "Resources")
    assert list(resources.value["commitments"]) == [REWORDED]


def _restored_revision(fixture: Fixture, user, response: HttpResponse) -> None:
    assert _made_a_revision(fixture, user).known_as == "Sam"  # as forked, before "Sammy"
    _redirects_to(response, reverse("agreements:history", args=[fixture.agreement.uuid]))


def _shared(fixture: Fixture, user, response: HttpResponse) -> None:
    made = AgreementShare.objects.active().get(
        agreement=fixture.agreement, user__username="newcomer"
    )
    assert made.permission == SharePermission.EDIT
    _redirects_to(response, reverse("agreements:share", args=[fixture.agreement.uuid]))


def _share_changed(fixture: Fixture, user, response: HttpResponse) -> None:
    changed = AgreementShare.objects.get(
        agreement=fixture.agreement, user=fixture.users["view collaborator"]
    )
    assert (changed.permission, changed.revoked_at) == (SharePermission.EDIT, None)
    _redirects_to(response, reverse("agreements:share", args=[fixture.agreement.uuid]))


def _deleted(fixture: Fixture, user, response: HttpResponse) -> None:
    assert fixture.fresh().is_deleted
    _redirects_to(response, reverse("agreements:list"))


def _restored(fixture: Fixture, user, response: HttpResponse) -> None:
    assert not fixture.fresh().is_deleted
    _redirects_to(response, fixture.agreement.get_absolute_url())


def _no_data(fixture: Fixture) -> dict:
    return {}


# Every route that changes something, with what its POST sends and what must follow. The others
# only read: a POST to them must answer as their GET does.
POSTS: dict[str, Post] = {
    "fork": Post(_fork_data, _forked),
    "follow": Post(lambda fixture: {"action": "follow"}, _followed),
    "edit_area": Post(_area_data, _area_saved),
    "edit_block": Post(_block_data, _block_saved),
    "edit_details": Post(_details_data, _details_saved),
    "agree": Post(_agree_data, _agreed),
    "comment": Post(lambda fixture: {"text": "Could we meet on Fridays?"}, _commented),
    "add_member": Post(_add_member_data, _member_added),
    "edit_member": Post(_member_data, _member_changed),
    "remove_member": Post(_no_data, _member_removed),
    "invite_member": Post(_no_data, _invited),
    "invitation_letter": Post(_no_data, _letter_printed),
    "resend_invitation": Post(_no_data, _resent),
    "revoke_invitation": Post(_no_data, _revoked),
    "updates": Post(_updates_data, _updated),
    "restore_revision": Post(_no_data, _restored_revision),
    "share": Post(lambda fixture: {"who": "newcomer", "permission": "edit"}, _shared),
    "update_share": Post(lambda fixture: {"permission": "edit"}, _share_changed),
    "delete": Post(_no_data, _deleted),
    "restore": Post(_no_data, _restored),
}
# Routes that only take POST: their GET answers 405 to those who may use them. (Restoring a
# deleted agreement asks first, on a page of its own: which shares come back.)
POST_ONLY = {
    "update_share",
    "restore_revision",
    "add_member",
    "comment",
    "invite_member",
    "invitation_letter",
    "resend_invitation",
    "revoke_invitation",
}
# Pages that only read and refuse a POST with 405 (the others answer it as a GET).
GET_ONLY = {"audit_log", "pdf"}


def _shows_the_agreement(text: str) -> bool:
    """The person's name or the name they are known by (pages show one or the other)."""
    return PERSON in text or KNOWN_AS in text


def _read(fixture: Fixture, role: str, name: str, response: HttpResponse, request: str) -> None:
    """A permitted read: 200 with the agreement in it (or, on the lists, not in it for someone
    it is not shared with)."""
    assert response.status_code == 200, f"{request} answered {response.status_code}"
    if name in ("docx", "easy_read_docx", "large_print_docx"):
        assert response["Content-Type"] == DOCX
        assert PERSON in docx_text(response.content), f"{request}: not the agreement's DOCX"
        return
    if name == "pdf":
        assert response["Content-Type"] == PDF
        assert PERSON in read_pdf(response.content).text, f"{request}: not the agreement's PDF"
        return
    shown = _shows_the_agreement(response.text)
    if name == "list":
        assert shown == (role in ALLOWED[Needs.VIEW]), f"{request} listed it: {shown}"
    elif name == "fork":
        assert "person_name" in response.text, f"{request} shows no form to fork"
    elif name == "follow":
        assert 'value="follow"' in response.text, f"{request} shows no button to follow"
    elif name != "deleted":
        assert shown, f"{request} does not show the agreement"


def _walked_with_a_deleted_agreement(pattern: URLPattern) -> bool:
    return ROUTE_ACCESS.get(pattern.name) is Needs.MANAGE_DELETED


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "pattern",
    [pattern for pattern in agreement_routes() if not _walked_with_a_deleted_agreement(pattern)],
    ids=lambda pattern: pattern.name,
)
def test_only_the_right_people_can_use_each_agreement_url(
    client, access_matrix, pattern, role, method
):
    _walk(client, access_matrix, pattern, role, method)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "pattern",
    [pattern for pattern in agreement_routes() if _walked_with_a_deleted_agreement(pattern)],
    ids=lambda pattern: pattern.name,
)
def test_only_the_right_people_can_use_each_deleted_agreement_url(
    client, deleted_access_matrix, pattern, role, method
):
    _walk(client, deleted_access_matrix, pattern, role, method)


def _walk(client, fixture: Fixture, pattern: URLPattern, role: str, method: str) -> None:
    assert pattern.name in ROUTE_ACCESS, (
        f"route {pattern.name!r} is not in ROUTE_ACCESS (personalised/tests/"
        "test_access_matrix.py): "
        "say whether it needs a practitioner, or to view, edit or manage the agreement"
    )
    name, needs = pattern.name, ROUTE_ACCESS[pattern.name]
    assert fixture.agreement.is_deleted == (needs is Needs.MANAGE_DELETED)
    url = reverse(f"agreements:{name}", kwargs=fixture.kwargs_for(pattern))
    post = POSTS.get(name)
    data = post.data(fixture) if method == "post" and post else {}
    user = fixture.users[role]
    if user is not None:
        client.force_login(user)
    if role == "invitee" and fixture.agreement.is_deleted:
        # No invitation opens a deleted agreement: signed in as its member before it was.
        sign_in_invitee(client, _the_member(fixture))
    elif role == "invitee":
        follow_a_letter(client, _the_member(fixture))
    before = _state(fixture.agreement)
    request = f"{method.upper()} {url} as {role}"

    response = getattr(client, method)(url, data)

    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control, (
        f"{request} answered {response.status_code} without Cache-Control: private, no-store "
        f"(it said {cache_control!r})"
    )
    if role not in ALLOWED[needs]:
        if role in ("anonymous", "invitee"):
            _redirects_to(response, reverse("sign_in"))
        else:
            refused = 403 if needs is Needs.PRACTITIONER else 404
            assert response.status_code == refused, (
                f"{request} (may not {needs.value}) answered {response.status_code}"
            )
        assert _state(fixture.agreement) == before, f"{request} changed it"
        assert not _shows_the_agreement(response.content.decode(errors="replace"))
    elif (method == "get" and name in POST_ONLY) or (method == "post" and name in GET_ONLY):
        assert response.status_code == 405, f"{request} answered {response.status_code}"
        assert _state(fixture.agreement) == before, f"{request} changed it"
    elif method == "post" and post is not None:
        post.happened(fixture, user, response)
    else:
        _read(fixture, role, name, response, request)
        assert _state(fixture.agreement) == before, f"{request} changed it"


def test_every_route_declared_here_is_a_route_or_one_agreed_for_issue_4():
    """ROUTE_ACCESS only lists real routes, or the ones other parts of issue #4 will add."""
    agreed_elsewhere = {"fork", "edit_area", "edit_details", "agree", "print", "docx", "updates"}
    names = {pattern.name for pattern in agreement_routes()}
    assert set(ROUTE_ACCESS) - names <= agreed_elsewhere


# --------------------------------------------------------------------------- invitees' routes


def invitee_routes() -> list[URLPattern]:
    return [pattern for pattern in invited_urls.urlpatterns if isinstance(pattern, URLPattern)]


# The routes of the ``invited`` namespace about one member (``<member_uuid>``): only a browser
# signed in as that member may use them; anyone else gets 404, whoever they are. Each with the
# parameters its walk uses besides the member, and what a permitted GET answers.
MEMBER_ROUTES: dict[str, dict] = {
    "agreement": {},
    "comment": {},
    "agree": {},
    "download": {"copy_format": "standard", "kind": "docx"},
}
# The others, and why anyone may use them: they hold nothing of any agreement by themselves.
OPEN_ROUTES: dict[str, str] = {
    "start": "the landing of a link: its token is the key (invitations/test_landing.py)",
    "code": "the short link of a letter: its code is the key (invitations/test_landing.py)",
    "open": "opens only the link this browser followed (invitations/test_landing.py)",
    "home": "lists only the agreements this browser is signed in to (test_invitee_pages.py)",
    "sign_out": "ends this browser's own invitee session",
}

INVITEE_ROLES = ["anonymous", "owner", "invitee", "other agreement's invitee", "revoked invitee"]


@pytest.mark.parametrize("role", INVITEE_ROLES)
@pytest.mark.parametrize("pattern", invitee_routes(), ids=lambda pattern: pattern.name)
def test_an_invitee_reaches_only_their_own_agreements_invitee_routes(
    client, access_matrix, pattern, role
):
    name = pattern.name
    if name in OPEN_ROUTES:
        return
    assert name in MEMBER_ROUTES, (
        f"route invited:{name} is in neither MEMBER_ROUTES nor OPEN_ROUTES "
        "(personalised/tests/test_access_matrix.py): say who may use it"
    )
    fixture = access_matrix
    member = _the_member(fixture)
    if role == "owner":
        client.force_login(fixture.users["owner"])
    elif role in ("invitee", "revoked invitee"):
        follow_a_letter(client, member)
        if role == "revoked invitee":
            used = member.invitations.filter(channel=InvitationChannel.LETTER).get()
            invitations.revoke(used, fixture.users["owner"])
    elif role == "other agreement's invitee":
        other = PersonalisedAgreementFactory(
            owner=fixture.users["owner"], details=PersonDetailsFactory(person_name="Oli Other")
        )
        follow_a_letter(client, other.members.filter(is_the_person=False).first())
    url = reverse(f"invited:{name}", kwargs={"member_uuid": member.uuid, **MEMBER_ROUTES[name]})
    before = _state(fixture.agreement)
    request = f"GET {url} as {role}"

    response = client.get(url)

    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control, request
    # Only the token link sends no Referer at all; the invitee's pages send their address to
    # this site alone (Chromium posts "Origin: null" from a no-referrer page, which CSRF refuses).
    assert response.get("Referrer-Policy") == "same-origin", request
    if role != "invitee":
        assert response.status_code == 404, f"{request} answered {response.status_code}"
        assert not _shows_the_agreement(response.content.decode(errors="replace")), request
        assert _state(fixture.agreement) == before, f"{request} changed it"
        return
    assert response.status_code == 200, f"{request} answered {response.status_code}"
    if name == "download":
        assert response["Content-Type"] == DOCX
        assert PERSON in docx_text(response.content)
    else:
        assert _shows_the_agreement(response.text), f"{request} does not show the agreement"
        # Nothing of the practitioners' side: no link to any practitioner's page.
        assert "/agreements/" not in response.text, f"{request} links to a practitioner page"


def test_every_invitee_route_declared_here_is_a_route():
    names = {pattern.name for pattern in invitee_routes()}
    assert set(MEMBER_ROUTES) | set(OPEN_ROUTES) == names

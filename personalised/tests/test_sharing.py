"""The owner shares an agreement with other practitioners, view or edit, and can revoke it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS
from agreements.tests.text import main_text
from personalised import audit
from personalised.access import Access, access_of
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementShare, SharePermission

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    return PersonalisedAgreementFactory(owner=PractitionerFactory(username="owner"))


@pytest.fixture
def colleague():
    return PractitionerFactory(
        username="carol", email="Carol@Example.org", first_name="Carol", last_name="Colleague"
    )


def share_url(agreement) -> str:
    return reverse("agreements:share", kwargs={"uuid": agreement.uuid})


def update_url(agreement, share) -> str:
    return reverse("agreements:update_share", kwargs={"uuid": agreement.uuid, "share_id": share.pk})


def actions(agreement) -> list[str]:
    return [entry.action for entry in audit.entries_for(agreement)]


@pytest.mark.parametrize("who", ["carol", "CAROL", "carol@example.org", " Carol@Example.org "])
def test_the_owner_shares_by_username_or_email_and_the_colleague_can_read_it(
    client, agreement, colleague, who
):
    client.force_login(agreement.owner)

    response = client.post(share_url(agreement), {"who": who, "permission": "view"})

    assert response.status_code == 302
    share = AgreementShare.objects.get(agreement=agreement)
    assert (share.user, share.permission, share.created_by) == (colleague, "view", agreement.owner)
    assert audit.SHARE in actions(agreement)
    page = client.get(share_url(agreement)).content.decode()
    message = f"If {who.strip()} is a practitioner on this site, they can now read it, but not"
    assert message in page
    client.force_login(colleague)
    assert client.get(agreement.get_absolute_url()).status_code == 200
    assert access_of(colleague, agreement) == {Access.VIEW}


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("owner", "This is your own agreement: you do not need to share it with yourself."),
        ("carol", "It is already shared with them. Change what they can do below."),
        ("", "This field is required."),
    ],
)
def test_a_share_that_cannot_be_made_is_explained_at_the_field(
    client, agreement, colleague, who, message
):
    editor = PractitionerFactory(username="edie")
    editor.groups.set([Group.objects.get(name=EDITORS)])  # not a practitioner
    AgreementShare.objects.create(agreement=agreement, user=colleague, permission="view")
    client.force_login(agreement.owner)

    response = client.post(share_url(agreement), {"who": who, "permission": "edit"})

    assert response.status_code == 200
    assert response.context["form"].errors["who"] == [message]
    assert 'id="id_who_error"' in response.content.decode()
    assert AgreementShare.objects.filter(agreement=agreement).count() == 1
    assert AgreementShare.objects.get(agreement=agreement).permission == "view"


def test_the_owner_changes_a_view_share_to_edit(client, agreement, colleague):
    share = AgreementShare.objects.create(agreement=agreement, user=colleague, permission="view")
    client.force_login(agreement.owner)

    client.post(update_url(agreement, share), {"permission": SharePermission.EDIT})

    share.refresh_from_db()
    assert share.permission == SharePermission.EDIT
    assert access_of(colleague, agreement) == {Access.VIEW, Access.EDIT}
    entry = audit.entries_for(agreement).filter(action=audit.SHARE).first()
    assert entry.data == {"practitioner": colleague.pk, "permission": "edit"}


def test_revoking_takes_effect_at_once_and_it_can_be_shared_again(client, agreement, colleague):
    share = AgreementShare.objects.create(agreement=agreement, user=colleague, permission="edit")
    colleague_client = client.__class__()
    colleague_client.force_login(colleague)
    assert colleague_client.get(agreement.get_absolute_url()).status_code == 200
    client.force_login(agreement.owner)

    client.post(update_url(agreement, share), {"revoke": "on"})

    assert colleague_client.get(agreement.get_absolute_url()).status_code == 404
    assert (
        agreement.person_name
        not in colleague_client.get(reverse("agreements:list")).content.decode()
    )
    share.refresh_from_db()
    assert share.revoked_at is not None
    assert audit.UNSHARE in actions(agreement)
    client.post(share_url(agreement), {"who": "carol", "permission": "view"})
    assert access_of(colleague, agreement) == {Access.VIEW}


def test_a_share_of_another_agreement_cannot_be_changed_through_this_one(
    client, agreement, colleague
):
    other = PersonalisedAgreementFactory(owner=PractitionerFactory())
    foreign = AgreementShare.objects.create(agreement=other, user=colleague, permission="view")
    client.force_login(agreement.owner)

    response = client.post(update_url(agreement, foreign), {"revoke": "on"})

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def the_answer_to_sharing(client, agreement, who: str) -> tuple:
    """What the owner sees when they share with ``who``: the response to the form, then the
    message and the form on the page it leads to (everything but the list of shares)."""
    response = client.post(share_url(agreement), {"who": who, "permission": "view"})
    page = client.get(response["Location"]).content.decode()
    notice = page[
        page.index('<div class="notice"') : page.index("</div>", page.index('<div class="notice"'))
    ]
    form = page[page.index('<h2 id="share-heading"') : page.index("</main>")]
    return (
        response.status_code,
        response["Location"],
        main_text(f"<main>{notice}</main>").replace(who, "WHO"),
        main_text(f"<main>{form}</main>"),
    )


def test_sharing_answers_the_same_whether_or_not_the_name_is_a_practitioners(
    client, agreement, colleague
):
    editor = PractitionerFactory(username="edie")
    editor.groups.set([Group.objects.get(name=EDITORS)])  # not a practitioner
    PractitionerFactory(username="jo1", email="team@example.org")
    PractitionerFactory(username="jo2", email="team@example.org")
    client.force_login(agreement.owner)

    nobody = the_answer_to_sharing(client, agreement, "nobody@example.org")
    not_a_practitioner = the_answer_to_sharing(client, agreement, "edie")
    two_accounts = the_answer_to_sharing(client, agreement, "team@example.org")
    practitioner = the_answer_to_sharing(client, agreement, "carol@example.org")

    assert nobody == not_a_practitioner == two_accounts == practitioner
    assert nobody[0] == 302
    assert (
        nobody[2]
        == "If WHO is a practitioner on this site, they can now read it, but not change it."
    )
    assert nobody[3] == practitioner[3]
    shares = AgreementShare.objects.filter(agreement=agreement)
    assert [share.user for share in shares] == [colleague]
    assert actions(agreement).count(audit.SHARE) == 1


def test_an_email_address_two_practitioners_share_shares_with_nobody(client, agreement):
    PractitionerFactory(username="jo1", email="team@example.org")
    PractitionerFactory(username="jo2", email="team@example.org")
    client.force_login(agreement.owner)

    client.post(share_url(agreement), {"who": "team@example.org", "permission": "view"})

    assert not AgreementShare.objects.filter(agreement=agreement).exists()
    client.post(share_url(agreement), {"who": "jo2", "permission": "view"})
    assert AgreementShare.objects.get(agreement=agreement).user.username == "jo2"

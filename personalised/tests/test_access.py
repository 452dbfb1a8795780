"""Who may read a personalised agreement: the owner and those it is shared with, nobody else."""

import pytest
from django.contrib.auth.models import Group

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS
from personalised.access import Access, access_of
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementShare, SharePermission

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    return PersonalisedAgreementFactory(owner=PractitionerFactory(username="owner"))


def _share(agreement, permission):
    user = PractitionerFactory()
    AgreementShare.objects.create(agreement=agreement, user=user, permission=permission)
    return user


def test_the_owner_may_read_change_and_manage(agreement):
    assert access_of(agreement.owner, agreement) == {Access.VIEW, Access.EDIT, Access.MANAGE}


def test_a_view_share_reads_only_and_an_edit_share_changes_but_never_manages(agreement):
    assert access_of(_share(agreement, SharePermission.VIEW), agreement) == {Access.VIEW}
    assert access_of(_share(agreement, SharePermission.EDIT), agreement) == {
        Access.VIEW,
        Access.EDIT,
    }


def test_a_revoked_share_gives_nothing(agreement):
    user = _share(agreement, SharePermission.EDIT)
    AgreementShare.objects.filter(user=user).update(revoked_at="2026-01-01T00:00Z")
    assert access_of(user, agreement) == set()


def test_editors_and_other_practitioners_get_nothing(agreement, django_user_model):
    editor = django_user_model.objects.create_user("edie", password="x" * 20)
    editor.groups.add(Group.objects.get(name=EDITORS))
    superuser = django_user_model.objects.create_superuser("root", password="x" * 20)
    assert access_of(editor, agreement) == set()
    assert access_of(superuser, agreement) == set()
    assert access_of(PractitionerFactory(), agreement) == set()


@pytest.mark.parametrize("who", ["anonymous", "other practitioner", "editor"])
def test_the_agreement_page_is_hidden_from_those_without_access(client, agreement, who):
    if who == "other practitioner":
        client.force_login(PractitionerFactory())
    elif who == "editor":
        editor = PractitionerFactory(username="edie")
        editor.groups.set([Group.objects.get(name=EDITORS)])
        client.force_login(editor)

    response = client.get(agreement.get_absolute_url())

    if who == "anonymous":
        assert response.status_code == 302
        assert "/accounts/sign-in/" in response["Location"]
    else:
        assert response.status_code == 404
    assert agreement.person_name not in response.content.decode()


def test_the_owner_reads_it_with_the_name_filled_in_and_nothing_cached(client, agreement):
    client.force_login(agreement.owner)

    response = client.get(agreement.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert "Help Sam find a home" in content
    assert "_____" not in content
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]

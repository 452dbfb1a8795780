"""'My agreements': a practitioner's own and shared agreements, filtered and paginated."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS
from agreements.factories import published_template
from personalised.deleting import services as deletion
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.listing.services import listed_agreements
from personalised.models import SharePermission
from personalised.tests.records_helpers import agree_all, share

pytestmark = pytest.mark.django_db

LIST_URL = reverse("agreements:list")


@pytest.fixture
def owner():
    return PractitionerFactory(username="owner", first_name="Olive", last_name="Owner")


@pytest.fixture
def template():
    return published_template(title="ISF Partnership Agreement")


def fork(owner, template, name="Sam Person", known_as="Sam"):
    return PersonalisedAgreementFactory(
        owner=owner,
        template=template,
        details=PersonDetailsFactory(person_name=name, known_as=known_as),
    )


def rows(response) -> list[str]:
    return [agreement.person_name for agreement in response.context["agreements_page"]]


def test_it_lists_my_agreements_and_those_shared_with_me_but_no_one_elses(client, owner, template):
    mine = fork(owner, template, "Sam Mine")
    colleague = PractitionerFactory(first_name="Carol", last_name="Colleague")
    shared = fork(colleague, template, "Robin Shared")
    share(shared, owner, SharePermission.EDIT)
    fork(colleague, template, "Kim Hidden")
    revoked = fork(colleague, template, "Lee Revoked")
    share(revoked, owner, SharePermission.VIEW).delete()
    deleted = fork(owner, template, "Dee Deleted")
    deletion.soft_delete(deleted, owner)
    client.force_login(owner)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert sorted(rows(response)) == ["Robin Shared", "Sam Mine"]
    content = response.content.decode()
    assert "Shared by <bdi>Carol Colleague</bdi>: you can edit" in content
    assert mine.get_absolute_url() in content
    assert "Kim Hidden" not in content and "Dee Deleted" not in content
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_status_and_review_date_are_shown_as_the_agreement_itself_computes_them(
    client, owner, template
):
    draft = fork(owner, template, "Dana Draft")
    agreed = fork(owner, template, "Abe Agreed")
    agree_all(agreed)
    due = fork(owner, template, "Ray Review")
    due.review_date = timezone.localdate() - timedelta(days=1)
    due.save()
    due.save_revision(user=owner)
    agree_all(due)
    changed = fork(owner, template, "Cy Changed")
    agree_all(changed)
    changed.save_revision(user=owner)  # any change after agreement makes it a draft again

    listed = {agreement.pk: agreement.list_status for agreement in listed_agreements(owner)}

    for agreement in (draft, agreed, due, changed):
        agreement.refresh_from_db()
        assert listed[agreement.pk] == agreement.status(), agreement.person_name
    assert [listed[a.pk] for a in (draft, agreed, due, changed)] == [
        "draft",
        "agreed",
        "review-due",
        "draft",
    ]
    client.force_login(owner)
    content = client.get(LIST_URL).content.decode()
    assert "Review due" in content and "Agreed" in content
    assert due.review_date.strftime("%Y-%m-%d") in content


def test_filters_by_status_template_whose_and_name(client, owner, template):
    other_template = published_template(title="Partnering Agreement")
    fork(owner, template, "Sam Smith", known_as="Sam")
    agreed = fork(owner, other_template, "Jo Jones", known_as="Jojo")
    agree_all(agreed)
    colleague = PractitionerFactory()
    share(fork(colleague, template, "Ali Shared"), owner, SharePermission.VIEW)
    client.force_login(owner)

    def names(**query):
        return sorted(rows(client.get(LIST_URL, query)))

    assert names(status="agreed") == ["Jo Jones"]
    assert names(status="draft") == ["Ali Shared", "Sam Smith"]
    assert names(template=other_template.pk) == ["Jo Jones"]
    assert names(whose="mine") == ["Jo Jones", "Sam Smith"]
    assert names(whose="shared") == ["Ali Shared"]
    assert names(q="smi") == ["Sam Smith"]
    assert names(q="jojo") == ["Jo Jones"]
    assert names(q="nobody") == []
    assert names(status="draft", whose="mine") == ["Sam Smith"]


def test_a_bad_filter_is_explained_at_its_field_and_the_list_still_shows(client, owner, template):
    fork(owner, template, "Sam Smith")
    client.force_login(owner)

    response = client.get(LIST_URL, {"status": "<script>", "template": "999999"})

    assert response.status_code == 200
    form = response.context["form"]
    assert "status" in form.errors and "template" in form.errors
    assert rows(response) == ["Sam Smith"]
    assert "<script>" not in response.content.decode()


def test_twenty_to_a_page_and_the_page_links_keep_the_filters(client, owner, template):
    for number in range(21):
        fork(owner, template, f"Person {number:02}")
    client.force_login(owner)

    first = client.get(LIST_URL, {"whose": "mine"})
    second = client.get(LIST_URL, {"whose": "mine", "page": 2})

    assert len(rows(first)) == 20
    assert len(rows(second)) == 1
    assert "?whose=mine&amp;page=2" in first.content.decode()


def queries_to_list(client) -> int:
    client.get(LIST_URL)  # warm per-process caches (content types, site)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_query_count_does_not_grow_with_the_number_of_agreements(client, owner, template):
    colleague = PractitionerFactory()
    client.force_login(owner)

    def add(count: int) -> None:
        for number in range(count):
            agreement = fork(owner if number % 2 else colleague, template, f"P {number}")
            if number % 2 == 0:
                share(agreement, owner, SharePermission.VIEW)
            if number % 3 == 0:
                agree_all(agreement)

    add(3)
    with_three = queries_to_list(client)
    add(27)
    with_thirty = queries_to_list(client)

    assert with_thirty == with_three


def test_my_agreements_is_linked_in_the_header_for_practitioners_only(
    client, owner, django_user_model
):
    client.force_login(owner)
    assert f'href="{LIST_URL}"' in client.get("/search/").content.decode()

    editor = django_user_model.objects.create_user("edie", password="x" * 20)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert f'href="{LIST_URL}"' not in client.get("/search/").content.decode()
    assert client.get(LIST_URL).status_code == 403

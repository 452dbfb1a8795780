"""Every text limit is said in the admin and enforced with a message at the field: nothing is
cut silently (a browser cuts typed or pasted text at an input's maxlength without a word)."""

import pytest
from django.urls import reverse

from agreements.blocks import PartiesBlock, TemplateBodyBlock
from agreements.factories import published_template
from agreements.models import TemplatePage
from agreements.tests.test_admin import editor  # noqa: F401 (fixture)
from agreements.tests.test_block_ids import edit_form, parties_block
from agreements.text_limits import CharBlock, TextBlock
from guidance.blocks import GuidanceBodyBlock

LONG_CONJUNCTION = ("AND IN PARTNERSHIP WITH, AND ON BEHALF OF, " * 3).strip()


def limited_text_blocks(block):
    for child in getattr(block, "child_blocks", {}).values():
        yield from limited_text_blocks(child)
    if hasattr(block, "child_block"):
        yield from limited_text_blocks(block.child_block)
    if isinstance(block, CharBlock | TextBlock) and block.field.max_length:
        yield block


@pytest.mark.django_db
def test_a_long_conjunction_is_refused_at_the_field_not_cut(client, editor):  # noqa: F811
    page = published_template()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    revisions = page.revisions.count()

    response = client.post(
        url,
        edit_form(
            page,
            parties_block("a1111111-0000-4000-8000-000000000001", "", LONG_CONJUNCTION),
        ),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert f"at most 100 characters (it has {len(LONG_CONJUNCTION)})." in content
    assert page.revisions.count() == revisions
    refreshed = TemplatePage.objects.get(pk=page.pk)
    assert "AND IN PARTNERSHIP" not in refreshed.get_latest_revision().content["body"]


@pytest.mark.django_db
def test_a_conjunction_within_the_limit_is_saved_whole(client, editor):  # noqa: F811
    page = published_template()
    client.force_login(editor)
    conjunction = LONG_CONJUNCTION[:100]

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_form(page, parties_block("a1111111-0000-4000-8000-000000000001", "", conjunction)),
    )

    assert response.status_code == 302
    body = TemplatePage.objects.get(pk=page.pk).get_latest_revision_as_object().body
    assert body[0].value["parties"][0]["conjunction"] == conjunction


def test_the_conjunction_field_says_its_limit_and_has_no_browser_maxlength():
    conjunction = PartiesBlock().child_blocks["parties"].child_block.child_blocks["conjunction"]

    assert "At most 100 characters." in str(conjunction.field.help_text)
    assert "maxlength" not in conjunction.field.widget.render("c", "AND")


@pytest.mark.parametrize("stream_block", [TemplateBodyBlock(), GuidanceBodyBlock()])
def test_every_limited_text_block_says_its_limit_and_is_not_cut_by_the_browser(stream_block):
    limited = list(limited_text_blocks(stream_block))

    assert limited
    for block in limited:
        assert f"At most {block.field.max_length} characters." in str(block.field.help_text)
        assert "maxlength" not in block.field.widget.render("x", "")


@pytest.mark.django_db
def test_a_long_page_title_is_refused_at_the_field_with_its_limit_said(client, editor):  # noqa: F811
    page = published_template()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    form = edit_form(page, parties_block("a1111111-0000-4000-8000-000000000001", ""))
    form["title"] = "A very long title " * 20

    response = client.post(url, form)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ensure this value has at most 255 characters" in content
    assert "At most 255 characters." in content
    assert 'maxlength="255"' not in content
    assert TemplatePage.objects.get(pk=page.pk).title == page.title

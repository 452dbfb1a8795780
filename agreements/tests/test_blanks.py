"""Blanks on templates: declared with their kinds, placed as [[key]] in any text that names the
person, refused at the field when undeclared or malformed, and shown as labelled gaps on the
template page; filled in, in the agreement's language, by agreements.personalising."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from agreements.blanks import Blank, BlankKind, FilledBlanks, blank_problems
from agreements.block_ids import with_block_ids
from agreements.blocks import BlanksBlock, TemplateBodyBlock
from agreements.factories import (
    blank,
    clause,
    direct_payment_template,
    list_items,
    paragraph,
    published_template,
)
from agreements.models import TemplatePage
from agreements.personalising import personalise, personalise_html
from agreements.seed_content import isf, partnering
from agreements.templatetags.agreement_tags import person_blanks
from agreements.tests.test_admin import editor  # noqa: F401 (fixture)
from agreements.tests.test_block_ids import edit_form

DECLARED = {
    "name": Blank("name", "The person's name", BlankKind.PERSON_NAME),
    "date-of-birth": Blank("date-of-birth", "Date of birth", BlankKind.DATE),
    "weekly-amount": Blank("weekly-amount", "Weekly amount", BlankKind.MONEY),
    "address": Blank("address", "Address", BlankKind.ADDRESS),
    "paid-to": Blank("paid-to", "Paid to", BlankKind.CHOICE, choices=("bank account", "card")),
    "carer": Blank("carer", "Appointed person", BlankKind.OTHER_NAME),
    "notes": Blank("notes", "Notes", BlankKind.TEXT),
}


def filled(values: dict, language: str = "en-gb") -> FilledBlanks:
    return FilledBlanks(DECLARED, values, language)


# --------------------------------------------------------------------------- the syntax


def test_a_declared_key_in_double_brackets_is_a_blank():
    assert blank_problems("Born on [[date-of-birth]], paid [[weekly-amount]].", DECLARED) == []


def test_single_brackets_are_the_editors_own_words():
    assert blank_problems("See [Appendix 1] and [note]", DECLARED) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Born on [[date-of-brith]]", "No blank has the key “date-of-brith”"),
        ("Born on [[date of birth]]", "“[[date of birth]]” is not a blank"),
        ("Born on [[]]", "“[[]]” is not a blank"),
        ("Born on [[date-of-birth]", "not closed or not opened"),
        ("Born on date-of-birth]]", "not closed or not opened"),
    ],
)
def test_a_mistyped_blank_is_named_in_words_an_editor_can_act_on(text, expected):
    problems = blank_problems(text, DECLARED)
    assert any(expected in problem for problem in problems), problems


# --------------------------------------------------------------------------- saving a template


def _template_with(body: list[dict], blanks: list[dict]) -> TemplatePage:
    template = published_template()
    template.body = with_block_ids(template.slug, TemplateBodyBlock(), body)
    template.blanks = with_block_ids(f"{template.slug}-b", BlanksBlock(), blanks)
    return template


@pytest.mark.django_db
def test_an_undeclared_key_is_refused_at_the_field_where_it_is_written():
    template = _template_with(
        [clause("Payments", paragraph("Fine."), paragraph("Paid [[weekly-amont]] a week."))],
        [blank("weekly-amount", "Weekly amount", "money")],
    )

    with pytest.raises(ValidationError) as refused:
        template.full_clean()

    error = refused.value.error_dict["body"][0]
    assert isinstance(error, StreamBlockValidationError)
    clause_error = error.block_errors[0]
    assert isinstance(clause_error, StructBlockValidationError)
    paragraph_error = clause_error.block_errors["content"].block_errors[1]
    assert "No blank has the key “weekly-amont”" in " ".join(paragraph_error.messages)
    assert 0 not in clause_error.block_errors["content"].block_errors  # the good paragraph


@pytest.mark.django_db
def test_an_undeclared_key_in_a_list_item_or_the_introduction_is_refused():
    template = _template_with(
        [clause("Payments", list_items("Fine", "Paid to [[bank]]"))],
        [blank("weekly-amount", "Weekly amount", "money")],
    )
    template.intro = "<p>For [[somebody]].</p>"

    with pytest.raises(ValidationError) as refused:
        template.full_clean()

    body_error = refused.value.error_dict["body"][0]
    items = body_error.block_errors[0].block_errors["content"].block_errors[0]
    assert "“bank”" in str(items.block_errors["items"].block_errors[1].messages)
    assert "“somebody”" in str(refused.value.error_dict["intro"])


@pytest.mark.django_db
def test_a_declared_key_saves():
    template = _template_with(
        [clause("Payments", paragraph("Paid [[weekly-amount]] a week to _____."))],
        [blank("weekly-amount", "Weekly amount", "money")],
    )
    template.full_clean()
    template.save_revision().publish()
    assert TemplatePage.objects.get(pk=template.pk).declared_blanks()["weekly-amount"].label == (
        "Weekly amount"
    )


def test_two_blanks_with_one_key_are_refused_at_the_second_key():
    block = BlanksBlock()
    value = block.to_python([blank("dob", "Date of birth", "date"), blank("dob", "Born", "date")])

    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(value)

    assert list(refused.value.block_errors) == [1]
    assert "already uses the key “dob”" in str(refused.value.block_errors[1].block_errors["key"])


def test_a_choice_needs_its_answers_and_only_a_choice_has_them():
    block = BlanksBlock()
    for declared, message in [
        (blank("paid-to", "Paid to", "choice", choices=["bank account"]), "at least two"),
        (blank("amount", "Amount", "money", choices=["1", "2"]), "Only a blank of the kind"),
    ]:
        with pytest.raises(StreamBlockValidationError) as refused:
            block.clean(block.to_python([declared]))
        assert message in str(refused.value.block_errors[0].block_errors["choices"])


def test_a_key_that_is_not_a_slug_is_refused():
    block = BlanksBlock()
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(block.to_python([blank("date of birth", "Date of birth", "date")]))
    assert "letters, numbers, hyphens" in str(refused.value.block_errors[0].block_errors["key"])


@pytest.mark.django_db
def test_the_admin_refuses_an_undeclared_key_with_a_message_and_keeps_the_page(
    client,
    editor,  # noqa: F811
):
    template = published_template()
    client.force_login(editor)
    data = edit_form(
        template,
        {
            "type": "clause",
            "id": "",
            "deleted": "",
            "value": {
                "heading": "Payments",
                "reference_key": "",
                "content": {
                    "count": 1,
                    "0": {
                        "type": "paragraph",
                        "id": "",
                        "deleted": "",
                        "order": 0,
                        "value": "Paid [[weekly-amount]] a week.",
                    },
                },
            },
        },
    )
    data["blanks-count"] = "0"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[template.pk]), data)

    assert response.status_code == 200
    assert "No blank has the key “weekly-amount”" in response.content.decode().replace(
        "\\u201c", "“"
    ).replace("\\u201d", "”")
    assert "[[weekly-amount]]" not in str(TemplatePage.objects.get(pk=template.pk).body.raw_data)


# --------------------------------------------------------------------------- template pages


@pytest.mark.django_db
def test_the_template_page_shows_each_placed_blank_as_a_gap_labelled_for_screen_readers(client):
    template = direct_payment_template()

    page = BeautifulSoup(client.get(template.url).content.decode(), "html.parser")

    paragraph_text = page.find(string=lambda s: s and "a week from" in s).parent
    blanks = paragraph_text.select(".person-blank")
    assert [b.select_one(".visually-hidden").get_text() for b in blanks] == [
        "(Weekly amount)",
        "(Start date)",
    ]
    assert all(b.select_one("[aria-hidden]").get_text() == "_____" for b in blanks)
    assert "[[" not in page.select_one(".document-body").get_text()
    # [[name]] of the kind "person's name" reads as _____ does.
    assert "(the person’s name)" in page.select_one(".document-body").get_text()


@pytest.mark.django_db
def test_the_person_blank_renders_as_before_with_and_without_declarations():
    page_html = str(person_blanks("Support _____ to live a good life, born [[dob]]."))
    assert page_html.startswith(
        'Support <span class="person-blank"><span aria-hidden="true">_____</span>'
        '<span class="visually-hidden">(the person’s name)</span></span> to live a good life'
    )
    assert '<span class="visually-hidden">(Dob)</span>' in page_html  # an undeclared key's words


# --------------------------------------------------------------------------- filling in


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en-gb", "1 March 2027"), ("cy", "1 Mawrth 2027"), ("pl", "1 marca 2027")],
)
def test_a_date_reads_in_the_agreements_language(language, expected):
    text = personalise(
        "Born on [[date-of-birth]].",
        "Sam",
        blanks=filled({"date-of-birth": "2027-03-01"}, language),
    )
    assert text == f"Born on {expected}."


def test_money_address_choice_and_names_read_as_people_write_them():
    blanks = filled(
        {
            "weekly-amount": "1234.5",
            "address": "1 High Street,\n\n Ipswich \nIP1 1AA",
            "paid-to": "card",
            "carer": "Jo Bloggs",
        }
    )
    text = personalise(
        "[[weekly-amount]] a week to [[address]] by [[paid-to]]; [[carer]] helps [[name]] "
        "with [[name]] home.",
        "Sam",
        blanks=blanks,
    )
    assert text == (
        "£1,234.50 a week to 1 High Street, Ipswich, IP1 1AA by card; Jo Bloggs helps Sam "
        "with Sam’s home."
    )


def test_an_unfilled_blank_is_a_visible_gap_with_its_label_never_none_or_nothing():
    blanks = filled({"notes": "   "})
    text = personalise("Paid [[weekly-amount]]. Notes: [[notes]].", "Sam", blanks=blanks)
    assert text == "Paid [Weekly amount: not filled in]. Notes: [Notes: not filled in]."
    html = str(personalise_html("Paid [[weekly-amount]].", "Sam", blanks=blanks))
    assert html == ('Paid <span class="blank-gap">[Weekly amount: not filled in]</span>.')
    assert "None" not in text


def test_values_are_data_escaped_never_markers_blanks_or_regex_templates():
    blanks = filled({"notes": "<script>x</script> \\1 \\g<0> _____ {they} [[carer]]"})
    html = str(personalise_html("Notes: [[notes]], {they} have _____ home", "Sam", "she", blanks))
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; \\1 \\g&lt;0&gt; _____ {they} [[carer]]" in html
    assert html.endswith(", she has Sam’s home")


def test_a_pronoun_marker_and_a_blank_in_one_sentence_both_read():
    text = personalise(
        "{they} have [[weekly-amount]] for {their} support",
        "Sam",
        "he",
        blanks=filled({"weekly-amount": "50"}),
    )
    assert text == "he has £50.00 for his support"


# --------------------------------------------------------------------------- the seeds


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [isf.SLUG, partnering.SLUG])
def test_seeded_templates_declare_the_person_name_blank_where_they_write_it(seeded_site, slug):
    template = TemplatePage.objects.get(slug=slug, locale__language_code="en-gb")
    uses_blank = "_____" in str(template.body.raw_data)
    declared = template.declared_blanks()
    assert ("name" in declared) == uses_blank
    if uses_blank:
        assert declared["name"].kind == BlankKind.PERSON_NAME
    template.full_clean()

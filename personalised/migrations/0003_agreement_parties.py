"""Personalised agreements take their parties from their template: the fixed local authority,
provider and family members become ``parties`` (the ISF's three, keyed local-authority,
provider and person; the person's party names the person first, then each family member), in
every agreement row and every one of its revisions, so existing agreements keep every word.
Each party is named as the agreement's source template declares it (else as the old fixed
labels did). Recorded consents keep their keys; a consent's party is now any key."""

import json

import django.core.validators  # noqa: F401  (the body's block definitions below use it)
import re  # noqa: F401
import wagtail.fields
from django.db import migrations, models

from agreements.party_declarations import link_isf_columns

#: The fixed parties' keys and labels before this migration, for agreements whose template
#: declares no such party.
OLD_PARTIES = (
    ("local-authority", "Local authority", "organisation", False),
    ("provider", "Provider", "organisation", False),
    ("person", "Person and family", "people", True),
)


def _lines(text) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def parties_from_old_fields(data: dict, declared_names: dict) -> list[dict]:
    """The three parties from an agreement's old fields (a row's values or a revision's
    content)."""
    names = {
        # Word for word, as the agreement had them.
        "local-authority": [str(data["local_authority"])] if data.get("local_authority") else [],
        "provider": [str(data["provider"])] if data.get("provider") else [],
        # The person first (their party includes them), then each family member's line, as
        # the agreement read them (one name per line).
        "person": [str(data.get("person_name") or ""), *_lines(data.get("family_members"))],
    }
    return [
        {
            "key": key,
            "name": declared_names.get(key) or label,
            "kind": kind,
            "includes_the_person": includes,
            "names": names[key] or [],
        }
        for key, label, kind, includes in OLD_PARTIES
    ]


def _declared_names(page) -> dict:
    if page is None:
        return {}
    raw = page.parties.raw_data if page.parties is not None else []
    names = {}
    for child in raw:
        value = child.get("value") or {}
        if value.get("key"):
            names[value["key"]] = value.get("name") or ""
    return names


def _links_isf_columns(declared_names: dict) -> bool:
    """The agreement's template declares the ISF's three parties (and so the data migration of
    templates linked its columns): its own copy of the areas is linked the same way, so that
    its areas still match the template's, for template updates, exactly."""
    return [key for key, *_rest in OLD_PARTIES] == list(declared_names)


def _linked_body(stored, declared_names: dict):
    """The body (raw stream data, or its JSON) with the ISF columns linked; None if unchanged."""
    if not stored or not _links_isf_columns(declared_names):
        return None
    body = json.loads(stored) if isinstance(stored, str) else json.loads(json.dumps(stored))
    if not link_isf_columns(body):
        return None
    return json.dumps(body) if isinstance(stored, str) else body


def convert_revision_content(content: dict, declared_names: dict) -> bool:
    """Turn one revision's content (an agreement as it was saved) to parties, in place; False
    when it has them already."""
    if "parties" in content and not any(
        name in content for name in ("local_authority", "provider", "family_members")
    ):
        return False
    parties = parties_from_old_fields(content, declared_names)
    body = _linked_body(content.get("body"), declared_names)
    if body is not None:
        content["body"] = body
    for name in ("local_authority", "provider", "family_members"):
        content.pop(name, None)
    content["parties"] = parties
    content["party_count"] = len(parties)
    return True


def forwards(apps, schema_editor):
    from wagtail.blocks import StreamValue

    agreement_model = apps.get_model("personalised", "PersonalisedAgreement")
    page_model = apps.get_model("agreements", "TemplatePage")
    names_by_page = {page.pk: _declared_names(page) for page in page_model.objects.all()}
    body_block = agreement_model._meta.get_field("body").stream_block
    has_old_fields = any(
        field.name == "local_authority" for field in agreement_model._meta.get_fields()
    )
    declared_by_agreement = {}
    for agreement in agreement_model.objects.all().iterator():
        declared = names_by_page.get(agreement.source_page_id, {})
        declared_by_agreement[agreement.pk] = declared
        body = _linked_body(list(agreement.body.raw_data), declared)
        if body is not None:
            agreement_model.objects.filter(pk=agreement.pk).update(
                body=StreamValue(body_block, body, is_lazy=True)
            )
        if not has_old_fields:
            continue
        parties = parties_from_old_fields(
            {
                "person_name": agreement.person_name,
                "local_authority": agreement.local_authority,
                "provider": agreement.provider,
                "family_members": agreement.family_members,
            },
            declared,
        )
        agreement_model.objects.filter(pk=agreement.pk).update(
            parties=parties, party_count=len(parties)
        )

    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_types = content_type_model.objects.filter(
        model="personalisedagreement", app_label__in=["personalised", "agreements"]
    )
    for revision in revision_model.objects.filter(content_type__in=content_types).iterator():
        content = revision.content or {}
        try:
            declared = declared_by_agreement.get(int(revision.object_id), {})
        except (TypeError, ValueError):
            declared = {}
        if convert_revision_content(content, declared):
            revision_model.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("personalised", "0002_body_fresh_list_ids_and_stated_limits"),
        ("agreements", "0015_declare_seed_template_parties"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="personalisedagreement",
            name="parties",
            field=models.JSONField(blank=True, default=list, verbose_name="parties"),
        ),
        migrations.AddField(
            model_name="personalisedagreement",
            name="party_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="personalisedagreement",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("parties", 11),
                    ("how_to_use", 15),
                    ("area", 33),
                    ("definitions", 38),
                    ("clause", 54),
                    ("schedule_table", 65),
                    ("signatories", 70),
                    ("text", 72),
                ],
                blank=True,
                block_lookup={
                    0: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"max_length": 255, "required": False},
                    ),
                    1: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"help_text": "Such as 'Between'.", "max_length": 255, "required": False},
                    ),
                    2: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {
                            "help_text": "A word that joins this party to the one before, such as 'AND'.",
                            "max_length": 100,
                            "required": False,
                        },
                    ),
                    3: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"help_text": "For example 'Provider Partner(s)'.", "max_length": 120},
                    ),
                    4: ("agreements.text_limits.CharBlock", (), {"max_length": 255}),
                    5: (
                        "agreements.text_limits.TextBlock",
                        (),
                        {"help_text": "One line of the address per line.", "required": False},
                    ),
                    6: ("wagtail.blocks.StructBlock", [[("name", 4), ("address", 5)]], {}),
                    7: ("agreements.unique_ids.ListBlock", (6,), {"min_num": 0}),
                    8: (
                        "wagtail.blocks.StructBlock",
                        [[("conjunction", 2), ("role", 3), ("organisations", 7)]],
                        {},
                    ),
                    9: ("agreements.unique_ids.ListBlock", (8,), {"min_num": 1}),
                    10: (
                        "agreements.text_limits.TextBlock",
                        (),
                        {
                            "help_text": "What the agreement is in respect of, as the document says it.",
                            "required": False,
                        },
                    ),
                    11: (
                        "wagtail.blocks.StructBlock",
                        [[("heading", 0), ("preamble", 1), ("parties", 9), ("subject", 10)]],
                        {},
                    ),
                    12: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"default": "How to use this document", "max_length": 255},
                    ),
                    13: ("agreements.blocks.PersonTextBlock", (), {}),
                    14: (
                        "agreements.unique_ids.ListBlock",
                        (13,),
                        {
                            "help_text": "Write _____ where the person's name goes. Mark pronouns that mean the person in braces: {they}, {them}, {their}, {theirs}, {themselves}; {want|wants} for a verb that agrees. Translators keep the markers as they are, or write the words.",
                            "min_num": 1,
                        },
                    ),
                    15: ("wagtail.blocks.StructBlock", [[("heading", 12), ("points", 14)]], {}),
                    16: ("agreements.blocks.PersonCharBlock", (), {"max_length": 255}),
                    17: ("agreements.blocks.PersonTextBlock", (), {"label": "Sentence"}),
                    18: (
                        "agreements.unique_ids.ListBlock",
                        (17,),
                        {
                            "help_text": "The 'We will ...' sentences. Write _____ where the person's name goes. Mark pronouns that mean the person in braces: {they}, {them}, {their}, {theirs}, {themselves}; {want|wants} for a verb that agrees. Translators keep the markers as they are, or write the words.",
                            "label": "Shared commitment",
                            "min_num": 1,
                        },
                    ),
                    19: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {
                            "help_text": "The party these prompts are for, such as 'Provider'.",
                            "max_length": 120,
                        },
                    ),
                    20: (
                        "agreements.blocks.UntranslatedCharBlock",
                        (),
                        {
                            "help_text": "The key of the declared party these prompts are for, such as 'provider'.",
                            "max_length": 50,
                            "required": False,
                            "validators": [
                                django.core.validators.RegexValidator(
                                    re.compile("^[-a-zA-Z0-9_]+\\Z"),
                                    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
                                    "invalid",
                                )
                            ],
                        },
                    ),
                    21: ("agreements.blocks.PersonTextBlock", (), {"label": "Prompt"}),
                    22: (
                        "agreements.unique_ids.ListBlock",
                        (21,),
                        {
                            "help_text": "Each prompt is one bullet. Leave the list empty if this party has none. Write _____ where the person's name goes. Mark pronouns that mean the person in braces: {they}, {them}, {their}, {theirs}, {themselves}; {want|wants} for a verb that agrees. Translators keep the markers as they are, or write the words.",
                            "min_num": 0,
                        },
                    ),
                    23: (
                        "wagtail.blocks.StructBlock",
                        [[("party", 19), ("party_key", 20), ("prompts", 22)]],
                        {},
                    ),
                    24: (
                        "agreements.unique_ids.ListBlock",
                        (23,),
                        {"label": "Prompts by party", "min_num": 1},
                    ),
                    25: (
                        "agreements.blocks.PersonCharBlock",
                        (),
                        {
                            "default": "For _____ this means:",
                            "help_text": "The heading of the space each agreement fills in for the person.",
                            "label": "Personalisation space",
                            "max_length": 255,
                        },
                    ),
                    26: ("wagtail.blocks.BooleanBlock", (), {"default": True, "required": False}),
                    27: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "ol", "ul", "link"], "required": False},
                    ),
                    28: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"help_text": "A party or a named person.", "max_length": 255},
                    ),
                    29: ("agreements.text_limits.TextBlock", (), {"max_length": 2000}),
                    30: ("wagtail.blocks.DateBlock", (), {"required": False}),
                    31: (
                        "wagtail.blocks.StructBlock",
                        [[("who", 28), ("what", 29), ("by_when", 30)]],
                        {},
                    ),
                    32: ("agreements.unique_ids.ListBlock", (31,), {"default": [], "min_num": 0}),
                    33: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("title", 16),
                                ("commitments", 18),
                                ("party_prompts", 24),
                                ("this_means_label", 25),
                                ("relevant", 26),
                                ("this_means", 27),
                                ("actions", 32),
                            ]
                        ],
                        {},
                    ),
                    34: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"default": "Definitions", "max_length": 255},
                    ),
                    35: (
                        "agreements.blocks.PersonTextBlock",
                        (),
                        {"help_text": "Shown after the term and the word 'means'."},
                    ),
                    36: ("wagtail.blocks.StructBlock", [[("term", 4), ("meaning", 35)]], {}),
                    37: ("agreements.unique_ids.ListBlock", (36,), {"min_num": 1}),
                    38: (
                        "wagtail.blocks.StructBlock",
                        [[("heading", 34), ("definitions", 37)]],
                        {},
                    ),
                    39: (
                        "agreements.blocks.UntranslatedCharBlock",
                        (),
                        {
                            "help_text": "A short key, such as 'termination', that other clauses use to refer to this one.",
                            "max_length": 50,
                            "required": False,
                            "validators": [
                                django.core.validators.RegexValidator(
                                    re.compile("^[-a-zA-Z0-9_]+\\Z"),
                                    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
                                    "invalid",
                                )
                            ],
                        },
                    ),
                    40: (
                        "agreements.blocks.PersonTextBlock",
                        (),
                        {
                            "help_text": "Write _____ where the person's name goes. Mark pronouns that mean the person in braces: {they}, {them}, {their}, {theirs}, {themselves}; {want|wants} for a verb that agrees. Translators keep the markers as they are, or write the words.",
                            "icon": "pilcrow",
                            "template": "agreements/blocks/paragraph.html",
                        },
                    ),
                    41: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {
                            "icon": "title",
                            "max_length": 255,
                            "template": "agreements/blocks/subheading.html",
                        },
                    ),
                    42: ("agreements.blocks.PersonTextBlock", (), {"label": "Item"}),
                    43: (
                        "agreements.unique_ids.ListBlock",
                        (42,),
                        {
                            "help_text": "Write _____ where the person's name goes. Mark pronouns that mean the person in braces: {they}, {them}, {their}, {theirs}, {themselves}; {want|wants} for a verb that agrees. Translators keep the markers as they are, or write the words.",
                            "min_num": 1,
                        },
                    ),
                    44: (
                        "wagtail.blocks.BooleanBlock",
                        (),
                        {
                            "help_text": "Number the items (1, 2, 3) instead of using bullets.",
                            "required": False,
                        },
                    ),
                    45: ("wagtail.blocks.StructBlock", [[("items", 43), ("numbered", 44)]], {}),
                    46: (
                        "agreements.blocks.PersonTextBlock",
                        (),
                        {
                            "help_text": "Write _____ where the person's name goes. Mark pronouns that mean the person in braces: {they}, {them}, {their}, {theirs}, {themselves}; {want|wants} for a verb that agrees. Translators keep the markers as they are, or write the words.",
                            "required": False,
                        },
                    ),
                    47: (
                        "agreements.blocks.UntranslatedCharBlock",
                        (),
                        {
                            "help_text": "The reference key of the clause referred to, such as 'termination'.",
                            "max_length": 50,
                            "validators": [
                                django.core.validators.RegexValidator(
                                    re.compile("^[-a-zA-Z0-9_]+\\Z"),
                                    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
                                    "invalid",
                                )
                            ],
                        },
                    ),
                    48: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {
                            "help_text": "A short name shown after the number; the clause's heading if left blank.",
                            "max_length": 120,
                            "required": False,
                        },
                    ),
                    49: ("agreements.blocks.PersonTextBlock", (), {"required": False}),
                    50: (
                        "wagtail.blocks.StructBlock",
                        [[("text_before", 46), ("clause", 47), ("label", 48), ("text_after", 49)]],
                        {},
                    ),
                    51: (
                        "wagtail.blocks.StreamBlock",
                        [[("paragraph", 40), ("list", 45), ("cross_reference", 50)]],
                        {},
                    ),
                    52: ("wagtail.blocks.StructBlock", [[("content", 51)]], {}),
                    53: (
                        "wagtail.blocks.StreamBlock",
                        [
                            [
                                ("paragraph", 40),
                                ("subheading", 41),
                                ("list", 45),
                                ("cross_reference", 50),
                                ("sub_clause", 52),
                            ]
                        ],
                        {},
                    ),
                    54: (
                        "wagtail.blocks.StructBlock",
                        [[("heading", 4), ("reference_key", 39), ("content", 53)]],
                        {},
                    ),
                    55: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {
                            "default": "Appendix",
                            "help_text": "The word before the appendix's number, which is computed.",
                            "max_length": 50,
                        },
                    ),
                    56: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"label": "Column heading", "max_length": 255},
                    ),
                    57: ("agreements.unique_ids.ListBlock", (56,), {}),
                    58: (
                        "agreements.blocks.PersonTextBlock",
                        (),
                        {"label": "Cell", "required": False},
                    ),
                    59: (
                        "agreements.unique_ids.ListBlock",
                        (58,),
                        {
                            "help_text": "One cell per column, in order. The first cell heads the row.",
                            "min_num": 1,
                        },
                    ),
                    60: ("wagtail.blocks.StructBlock", [[("cells", 59)]], {}),
                    61: ("agreements.unique_ids.ListBlock", (60,), {"min_num": 1}),
                    62: (
                        "agreements.blocks.UntranslatedCharBlock",
                        (),
                        {"help_text": "Such as * or **.", "max_length": 5},
                    ),
                    63: ("wagtail.blocks.StructBlock", [[("marker", 62), ("text", 13)]], {}),
                    64: ("agreements.unique_ids.ListBlock", (63,), {"min_num": 0}),
                    65: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("appendix_label", 55),
                                ("heading", 4),
                                ("introduction", 46),
                                ("columns", 57),
                                ("rows", 61),
                                ("footnotes", 64),
                            ]
                        ],
                        {},
                    ),
                    66: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"default": "Signatories", "max_length": 255},
                    ),
                    67: (
                        "agreements.text_limits.CharBlock",
                        (),
                        {"help_text": "Signed on behalf of ...", "max_length": 255},
                    ),
                    68: (
                        "wagtail.blocks.StructBlock",
                        [[("organisation", 67), ("name", 0), ("designation", 0)]],
                        {},
                    ),
                    69: ("agreements.unique_ids.ListBlock", (68,), {"min_num": 1}),
                    70: (
                        "wagtail.blocks.StructBlock",
                        [[("heading", 66), ("signatories", 69)]],
                        {},
                    ),
                    71: (
                        "agreements.blocks.PersonRichTextBlock",
                        (),
                        {
                            "features": ["bold", "italic", "ol", "ul", "link"],
                            "help_text": "Write _____ where the person's name goes. Mark pronouns that mean the person in braces: {they}, {them}, {their}, {theirs}, {themselves}; {want|wants} for a verb that agrees. Translators keep the markers as they are, or write the words.",
                        },
                    ),
                    72: ("wagtail.blocks.StructBlock", [[("heading", 0), ("text", 71)]], {}),
                },
            ),
        ),
    ]

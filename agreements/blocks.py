"""The block library that every agreement template is built from.

One library serves both kinds of agreement: the ISF matrix is made of ``area`` blocks; a
traditional agreement of ``clause``, ``definitions``, ``schedule_table`` and ``signatories``
blocks; both share ``parties`` and ``how_to_use``. Tables are List and Struct blocks (not
TableBlock) so that wagtail-localize can translate every cell.

Numbers of clauses, sub-clauses and appendices, and the text of cross-references, are
computed from the order of the blocks at render time (``agreements.numbering``); the one thing
stored is an editor's "this clause's number is N", for a source document whose own numbers
must be kept.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# PERSON_BLANK is re-exported: other modules import it from the block library.
from agreements.blanks import PERSON_BLANK as PERSON_BLANK
from agreements.blanks import BlankKind, blank_problems, validate_blank_key
from agreements.markers import MARKER_HELP, validate_markers
from agreements.numbering import validate_numbering
from agreements.text_limits import CharBlock, TextBlock
from agreements.unique_ids import ListBlock, UniqueIdsMixin

#: The field that lets practitioners change a block in their agreements (areas always can).
PRACTITIONERS_MAY_EDIT = "practitioners_may_edit"
#: The blocks an editor can open to practitioners' changes with that field.
EDITABLE_BLOCK_TYPES = ("clause", "text", "definitions", "schedule_table")


def practitioners_may_edit_block(help_text=None) -> blocks.BooleanBlock:
    """Off by default: a template's words stay as the editors wrote them unless they choose."""
    return blocks.BooleanBlock(
        required=False,
        default=False,
        label=_("Practitioners may change this in their agreements"),
        help_text=help_text,
    )


class MarkedTextMixin:
    """Text that may name the person (``_____``) and mark the pronouns that mean them
    (``{their}``, ``{want|wants}``): a mistyped marker is refused at the field on save."""

    def clean(self, value):
        value = super().clean(value)
        validate_markers(value.source if hasattr(value, "source") else value)
        return value


class PersonTextBlock(MarkedTextMixin, TextBlock):
    pass


class PersonCharBlock(MarkedTextMixin, CharBlock):
    pass


class PersonRichTextBlock(MarkedTextMixin, blocks.RichTextBlock):
    pass


# Easy read -------------------------------------------------------------------------------------
# An easy-read version sits beside the wording it retells: the wording stays what the parties
# agree to, and the easy-read copy of an agreement shows the version only while the agreement's
# wording is still the template's (agreements.easy_read).

EASY_READ_LINE_LENGTH = 200


class EasyReadListBlock(ListBlock):
    """A list of easy-read lines or versions: a form posted without it (one built before easy
    read existed) has none, rather than failing."""

    def value_from_datadict(self, data, files, prefix):
        if f"{prefix}-count" not in data:
            return self.to_python([])
        return super().value_from_datadict(data, files, prefix)


class EasyReadLineBlock(blocks.StructBlock):
    """One line of an easy-read version: one short sentence, one idea, with a picture."""

    text = PersonCharBlock(
        max_length=EASY_READ_LINE_LENGTH,
        label=_("Line"),
        help_text=_(
            "One short sentence with one idea, in everyday words. Write _____ where the "
            "person's name goes."
        ),
    )
    picture = ImageChooserBlock(
        required=False,
        help_text=_(
            "A picture of the idea, shown beside the line. Give the image a description: it "
            "is what people who cannot see the picture hear."
        ),
    )

    class Meta:
        icon = "image"
        label = _("Easy-read line")


class EasyReadBlock(blocks.StructBlock):
    """The easy-read version of one piece of wording: its lines, and whether it is a draft."""

    lines = EasyReadListBlock(
        EasyReadLineBlock(),
        min_num=0,
        default=[],
        label=_("Easy-read lines"),
        help_text=_(
            "The same meaning in short plain sentences, one idea per line, each with a "
            "picture if one helps. Leave empty to show the standard wording instead."
        ),
    )
    draft = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("Draft for review"),
        help_text=_(
            "Leave ticked until people who use easy read have checked these lines: readers "
            "see them marked as a draft."
        ),
    )

    class Meta:
        icon = "image"
        label = _("Easy read")


def easy_read_list_block(help_text) -> ListBlock:
    """One easy-read version per item of a list (prompts, points), in the list's order."""
    return EasyReadListBlock(
        EasyReadBlock(), min_num=0, default=[], label=_("Easy read"), help_text=help_text
    )


class EasyReadListMixin:
    """A block whose ``easy_read`` list retells its ``list_field`` item by item: it cannot
    have more versions than the list has items."""

    list_field = ""

    def clean(self, value):
        value = super().clean(value)
        items, versions = len(value[self.list_field]), len(value["easy_read"])
        if versions > items:
            raise StructBlockValidationError(
                block_errors={
                    "easy_read": ValidationError(
                        _(
                            "There are %(versions)d easy-read versions but only %(items)d "
                            "items to retell: remove the extra versions."
                        )
                        % {"versions": versions, "items": items}
                    )
                }
            )
        return value


class PurposeEasyReadBlock(blocks.StreamBlock):
    """The template's introduction (each agreement's purpose) in easy read: at most one."""

    easy_read = EasyReadBlock()

    class Meta:
        max_num = 1

    def value_from_datadict(self, data, files, prefix):
        # A form posted without the field (an older form, a script) says nothing about it: the
        # page keeps what it has (the field has a default, so Django leaves it).
        if self.value_omitted_from_data(data, files, prefix):
            return self.to_python([])
        return super().value_from_datadict(data, files, prefix)


class AreaEasyReadBlock(blocks.StructBlock):
    title = PersonCharBlock(
        required=False,
        default="",
        max_length=120,
        label=_("Title in easy read"),
        help_text=_("Leave blank to keep the area's title."),
    )
    commitment = EasyReadBlock(
        label=_("Shared commitment in easy read"),
        help_text=_("The 'We will ...' sentences retold in easy read."),
    )

    class Meta:
        icon = "image"
        label = _("Easy read")


class UntranslatedCharBlock(CharBlock):
    """Text that translations copy from the source as it is and never offer to translators:
    reference keys, which cross-references look clauses up by, and footnote markers."""

    def get_translatable_segments(self, value) -> list:
        return []

    def restore_translated_segments(self, value, segments):
        return value


class BlankBlock(blocks.StructBlock):
    """A fill-in field the template declares: the "Use this template" form asks for it, and
    the template places it in its text as ``[[key]]``."""

    key = UntranslatedCharBlock(
        max_length=50,
        validators=[validate_blank_key],
        help_text=_(
            "A short key, such as 'date-of-birth'. Write [[date-of-birth]] in the text where "
            "this blank goes."
        ),
    )
    label = CharBlock(
        max_length=120, help_text=_("What the blank asks for, such as 'Date of birth'.")
    )
    kind = blocks.ChoiceBlock(choices=BlankKind.choices, default=BlankKind.TEXT)
    help_text = CharBlock(
        required=False,
        max_length=255,
        help_text=_("Shown under the field in the “Use this template” form."),
    )
    required = blocks.BooleanBlock(
        required=False, default=False, help_text=_("An agreement cannot be made without it.")
    )
    choices = ListBlock(
        CharBlock(max_length=255, label=_("Choice")),
        min_num=0,
        default=[],
        help_text=_("For a choice only: the answers to choose from, at least two."),
    )

    class Meta:
        icon = "form"
        label = _("Blank")

    def clean(self, value):
        value = super().clean(value)
        choices = [choice for choice in value["choices"] if choice]
        if value["kind"] == BlankKind.CHOICE and len(choices) < 2:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("A choice needs at least two answers."))}
            )
        if value["kind"] != BlankKind.CHOICE and choices:
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(
                        _("Only a blank of the kind “Choice” has answers: remove them.")
                    )
                }
            )
        return value


class DeclarationsBlock(blocks.StreamBlock):
    """What a template declares beside its body (blanks, parties): each by a key used once."""

    def repeated_key_message(self, key: str) -> str:
        raise NotImplementedError

    def value_from_datadict(self, data, files, prefix):
        # A form posted without the declarations at all (an older form, a script) says nothing
        # about them: the page keeps the ones it has (the field has a default, so Django leaves
        # it).
        if self.value_omitted_from_data(data, files, prefix):
            return self.to_python([])
        return super().value_from_datadict(data, files, prefix)

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        seen: set[str] = set()
        for index, child in enumerate(value):
            key = child.value.get("key")
            if key in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={"key": ValidationError(self.repeated_key_message(key))}
                )
            seen.add(key)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


class BlanksBlock(DeclarationsBlock):
    """A template's declared blanks; each key once."""

    blank = BlankBlock()

    def repeated_key_message(self, key: str) -> str:
        return _("Another blank already uses the key “%(key)s”.") % {"key": key}


class OrganisationBlock(blocks.StructBlock):
    name = CharBlock(max_length=255)
    address = TextBlock(required=False, help_text=_("One line of the address per line."))

    class Meta:
        icon = "site"
        label = _("Organisation")


class PartyBlock(blocks.StructBlock):
    conjunction = CharBlock(
        required=False,
        max_length=100,
        help_text=_("A word that joins this party to the one before, such as 'AND'."),
    )
    role = CharBlock(max_length=120, help_text=_("For example 'Provider Partner(s)'."))
    organisations = ListBlock(OrganisationBlock(), min_num=0)

    class Meta:
        icon = "group"
        label = _("Party")


class PartiesBlock(blocks.StructBlock):
    """Who the agreement is between: each party by role, with its organisations."""

    heading = CharBlock(required=False, max_length=255)
    preamble = CharBlock(required=False, max_length=255, help_text=_("Such as 'Between'."))
    parties = ListBlock(PartyBlock(), min_num=1)
    subject = TextBlock(
        required=False, help_text=_("What the agreement is in respect of, as the document says it.")
    )

    class Meta:
        icon = "group"
        label = _("Parties")
        template = "agreements/blocks/parties.html"
        description = _("The parties to the agreement by role, with their organisations.")
        preview_value = {
            "preamble": "Between",
            "parties": [
                {
                    "role": "Commissioning Partners",
                    "organisations": [{"name": "A council", "address": "Town Hall\nHigh Street"}],
                },
                {
                    "conjunction": "AND",
                    "role": "Provider Partner(s)",
                    "organisations": [{"name": "A support provider", "address": ""}],
                },
            ],
        }


class HowToUseBlock(EasyReadListMixin, blocks.StructBlock):
    heading = CharBlock(max_length=255, default=_("How to use this document"))
    points = ListBlock(PersonTextBlock(), min_num=1, help_text=MARKER_HELP)
    easy_read = easy_read_list_block(
        _(
            "One easy-read version for each point, in the same order. Leave a version's lines "
            "empty to show that point in the standard wording."
        )
    )
    list_field = "points"

    class Meta:
        icon = "help"
        label = _("How to use")
        template = "agreements/blocks/how_to_use.html"
        description = _("Points that tell the reader how to use the template.")
        preview_value = {
            "heading": "How to use this document",
            "points": [
                "Choose the areas that matter to the person.",
                "Agree who will do what.",
            ],
        }


class PartyKind:
    ORGANISATION = "organisation"
    PEOPLE = "people"
    CHOICES = [
        (ORGANISATION, _("An organisation")),
        (PEOPLE, _("One or more people")),
    ]


class DeclaredPartyBlock(blocks.StructBlock):
    """One party the template is agreed between (declared as data, never rendered in the
    body): the "Use this template" form asks for each, and each records its agreement."""

    key = UntranslatedCharBlock(
        max_length=50,
        validators=[validate_slug],
        help_text=_(
            "A short name for the party that never changes and is not translated, such as "
            "'provider' (letters, numbers, hyphens). Areas' prompts and signatories refer to it."
        ),
    )
    name = CharBlock(
        max_length=120,
        help_text=_("The party's role as the agreement names it, such as 'Local authority'."),
    )
    kind = blocks.ChoiceBlock(
        choices=PartyKind.CHOICES,
        default=PartyKind.ORGANISATION,
        help_text=_("An organisation gives one name; people give one name each."),
    )
    includes_the_person = blocks.BooleanBlock(
        required=False,
        label=_("Includes the person"),
        help_text=_("The person being supported belongs to this party (people only)."),
    )
    help_text = CharBlock(
        required=False,
        max_length=255,
        help_text=_("What the 'Use this template' form says about this party."),
    )

    class Meta:
        icon = "group"
        label = _("Party")

    def clean(self, value):
        value = super().clean(value)
        if value.get("includes_the_person") and value.get("kind") != PartyKind.PEOPLE:
            raise StructBlockValidationError(
                block_errors={
                    "includes_the_person": ValidationError(
                        _("Only a party of people can include the person.")
                    )
                }
            )
        return value


class DeclaredPartiesBlock(DeclarationsBlock):
    """The template's parties, each key used once."""

    party = DeclaredPartyBlock()

    def repeated_key_message(self, key: str) -> str:
        return _("Another party already has the key '%(key)s': each party needs its own.") % {
            "key": key
        }


class PartyPromptsBlock(EasyReadListMixin, blocks.StructBlock):
    party = CharBlock(
        max_length=120, help_text=_("The party these prompts are for, such as 'Provider'.")
    )
    party_key = UntranslatedCharBlock(
        required=False,
        max_length=50,
        validators=[validate_slug],
        help_text=_("The key of the declared party these prompts are for, such as 'provider'."),
    )
    prompts = ListBlock(
        PersonTextBlock(label=_("Prompt")),
        min_num=0,
        help_text=format_lazy(
            "{} {}",
            _("Each prompt is one bullet. Leave the list empty if this party has none."),
            MARKER_HELP,
        ),
    )
    easy_read = easy_read_list_block(
        _(
            "One easy-read version for each prompt, in the same order. Leave a version's lines "
            "empty to show that prompt in the standard wording."
        )
    )
    list_field = "prompts"

    class Meta:
        icon = "list-ul"
        label = _("Prompts for one party")


class AreaBlock(blocks.StructBlock):
    """One area of a partnership matrix: a shared commitment, prompts per party, and a space
    for the parties to say what the area means for the person."""

    title = PersonCharBlock(max_length=255)
    commitments = ListBlock(
        PersonTextBlock(label=_("Sentence")),
        min_num=1,
        label=_("Shared commitment"),
        help_text=format_lazy("{} {}", _("The 'We will ...' sentences."), MARKER_HELP),
    )
    party_prompts = ListBlock(PartyPromptsBlock(), min_num=1, label=_("Prompts by party"))
    this_means_label = PersonCharBlock(
        max_length=255,
        default="For _____ this means:",
        label=_("Personalisation space"),
        help_text=_("The heading of the space each agreement fills in for the person."),
    )
    easy_read = AreaEasyReadBlock(
        help_text=_("For the easy-read copy; each party's prompts have theirs with them.")
    )

    class Meta:
        icon = "table"
        label = _("Area")
        template = "agreements/blocks/area.html"
        description = _("A shared commitment, prompts for each party and a space for the person.")
        preview_value = {
            "title": "Agreeing outcomes",
            "commitments": ["We will work together towards shared goals for _____."],
            "party_prompts": [
                {"party": "Local Authority", "prompts": ["Help identify the outcomes"]},
                {"party": "Provider", "prompts": ["Work to get to know the person well"]},
                {"party": "Family & Person being supported", "prompts": ["Share what we know"]},
            ],
            "this_means_label": "For _____ this means:",
        }


class DefinitionBlock(blocks.StructBlock):
    term = CharBlock(max_length=255)
    meaning = PersonTextBlock(help_text=_("Shown after the term and the word 'means'."))

    class Meta:
        icon = "bold"
        label = _("Definition")


def clause_number_block() -> blocks.IntegerBlock:
    """A clause's fixed number: left blank, the clause takes the number after the one before."""
    return blocks.IntegerBlock(
        required=False,
        min_value=1,
        label=_("Clause number"),
        help_text=_(
            "Leave blank to number it after the clause before. Give a number only to keep a "
            "source document's own number: later clauses continue from it, and any numbers it "
            "skips are shown as missing."
        ),
    )


class DefinitionsBlock(blocks.StructBlock):
    """A numbered clause of definitions; each definition is a numbered sub-clause."""

    heading = CharBlock(max_length=255, default=_("Definitions"))
    number = clause_number_block()
    definitions = ListBlock(DefinitionBlock(), min_num=1)
    practitioners_may_edit = practitioners_may_edit_block(
        _("They can change what each term means, remove definitions and add their own.")
    )

    class Meta:
        icon = "bold"
        label = _("Definitions")
        template = "agreements/blocks/definitions.html"
        description = _("A numbered clause of terms and what they mean.")
        preview_value = {
            "heading": "Definitions",
            "definitions": [{"term": "Partners", "meaning": "the parties to this agreement"}],
        }


class ListItemsBlock(blocks.StructBlock):
    items = ListBlock(PersonTextBlock(label=_("Item")), min_num=1, help_text=MARKER_HELP)
    numbered = blocks.BooleanBlock(
        required=False, help_text=_("Number the items (1, 2, 3) instead of using bullets.")
    )
    continue_numbering = blocks.BooleanBlock(
        required=False,
        label=_("Continue numbering"),
        help_text=_(
            "Number the items on from the numbered list before this one in the same clause "
            "(7, 8, 9 after a list of six), instead of starting again at 1."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "agreements/blocks/list.html"
        description = _("A bulleted or numbered list.")
        preview_value = {
            "items": ["Housing", "Support Services"],
            "numbered": False,
            "continue_numbering": False,
        }


class CrossReferenceBlock(blocks.StructBlock):
    """A sentence that refers to another clause. The clause's number is looked up when the
    page is rendered, so the reference follows the clause when clauses are added or moved."""

    text_before = PersonTextBlock(required=False, help_text=MARKER_HELP)
    clause = UntranslatedCharBlock(
        max_length=50,
        validators=[validate_slug],
        help_text=_("The reference key of the clause referred to, such as 'termination'."),
    )
    label = CharBlock(
        required=False,
        max_length=120,
        help_text=_("A short name shown after the number; the clause's heading if left blank."),
    )
    text_after = PersonTextBlock(required=False)

    class Meta:
        icon = "link"
        label = _("Sentence with a clause reference")
        template = "agreements/blocks/cross_reference.html"
        description = _("A sentence that refers to another clause by its computed number.")
        preview_value = {
            "text_before": "This Agreement continues, subject to the provision of ",
            "clause": "termination",
            "label": "Termination",
            "text_after": ".",
        }


class SubClauseContentBlock(blocks.StreamBlock):
    paragraph = PersonTextBlock(
        icon="pilcrow", template="agreements/blocks/paragraph.html", help_text=MARKER_HELP
    )
    list = ListItemsBlock()
    cross_reference = CrossReferenceBlock()

    class Meta:
        label = _("Sub-clause content")


class SubClauseBlock(blocks.StructBlock):
    content = SubClauseContentBlock()

    class Meta:
        icon = "list-ol"
        label = _("Numbered sub-clause")
        template = "agreements/blocks/sub_clause.html"
        description = _("A sub-clause, numbered within its clause (such as 2.1).")
        preview_value = {
            "content": [{"type": "paragraph", "value": "The purpose of this Agreement is ..."}]
        }


class ClauseContentBlock(blocks.StreamBlock):
    paragraph = PersonTextBlock(
        icon="pilcrow", template="agreements/blocks/paragraph.html", help_text=MARKER_HELP
    )
    subheading = CharBlock(
        icon="title", max_length=255, template="agreements/blocks/subheading.html"
    )
    list = ListItemsBlock()
    cross_reference = CrossReferenceBlock()
    sub_clause = SubClauseBlock()

    class Meta:
        label = _("Clause content")
        # A clause may be a heading only, with its provisions in the clauses that follow
        # (the Suffolk agreement's "Operational Conduct").
        required = False


class ClauseBlock(blocks.StructBlock):
    """A numbered provision of a traditional agreement."""

    heading = CharBlock(max_length=255)
    reference_key = UntranslatedCharBlock(
        required=False,
        max_length=50,
        validators=[validate_slug],
        help_text=_(
            "A short key, such as 'termination', that other clauses use to refer to this one."
        ),
    )
    number = clause_number_block()
    content = ClauseContentBlock()
    practitioners_may_edit = practitioners_may_edit_block(
        _(
            "They can change the words of each paragraph and list item, remove them, and add "
            "items to lists; the heading, sub-clauses and references stay as they are."
        )
    )
    easy_read = EasyReadBlock(help_text=_("The whole clause retold in easy read."))

    class Meta:
        icon = "doc-full"
        label = _("Clause")
        template = "agreements/blocks/clause.html"
        description = _("A numbered clause with paragraphs, lists and numbered sub-clauses.")
        preview_value = {
            "heading": "Confidentiality",
            "content": [
                {"type": "paragraph", "value": "All Partners agree to respect confidentiality."}
            ],
        }


class TableRowBlock(blocks.StructBlock):
    cells = ListBlock(
        PersonTextBlock(required=False, label=_("Cell")),
        min_num=1,
        help_text=_("One cell per column, in order. The first cell heads the row."),
    )

    class Meta:
        icon = "table"
        label = _("Row")


class FootnoteBlock(blocks.StructBlock):
    marker = UntranslatedCharBlock(max_length=5, help_text=_("Such as * or **."))
    text = PersonTextBlock()

    class Meta:
        icon = "pick"
        label = _("Footnote")


class ScheduleTableBlock(blocks.StructBlock):
    """An appendix holding a table, such as a funding schedule. Appendices are numbered in
    the order they appear."""

    appendix_label = CharBlock(
        max_length=50,
        default=_("Appendix"),
        help_text=_("The word before the appendix's number, which is computed."),
    )
    heading = CharBlock(max_length=255)
    introduction = PersonTextBlock(required=False, help_text=MARKER_HELP)
    columns = ListBlock(CharBlock(max_length=255, label=_("Column heading")))
    rows = ListBlock(TableRowBlock(), min_num=1)
    footnotes = ListBlock(FootnoteBlock(), min_num=0)
    practitioners_may_edit = practitioners_may_edit_block(
        _("They can change the table's cells and add or remove rows.")
    )

    class Meta:
        icon = "table"
        label = _("Schedule table")
        template = "agreements/blocks/schedule_table.html"
        description = _("A numbered appendix with a table and footnotes.")
        preview_value = {
            "heading": "Funding schedule",
            "columns": ["Service provided", "Funding provider"],
            "rows": [{"cells": ["Housing", "Housing Corporation"]}],
            "footnotes": [{"marker": "*", "text": "Reviewed annually."}],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        column_count = len(value["columns"])
        # Rows with fewer cells than columns are padded so every row lines up.
        context["rows"] = [
            list(row["cells"]) + [""] * (column_count - len(row["cells"])) for row in value["rows"]
        ]
        return context

    def clean(self, value):
        value = super().clean(value)
        column_count = len(value["columns"])
        row_errors = {}
        for index, row in enumerate(value["rows"]):
            if len(row["cells"]) > column_count:
                row_errors[index] = StructBlockValidationError(
                    block_errors={
                        "cells": ValidationError(
                            _("This row has %(cells)d cells but the table has %(columns)d columns.")
                            % {"cells": len(row["cells"]), "columns": column_count}
                        )
                    }
                )
        if row_errors:
            raise StructBlockValidationError(
                block_errors={"rows": ListBlockValidationError(block_errors=row_errors)}
            )
        return value


class SignsAs(models.TextChoices):
    ORGANISATION = "organisation", _("An organisation")
    PERSON = "person", _("A person signing for themselves")


class SignatoryBlock(blocks.StructBlock):
    """One signature: for an organisation ("Signed on behalf of ...", with the officer's name
    and position) or by a person for themselves, in the words the editor chooses."""

    signs_as = blocks.ChoiceBlock(
        choices=SignsAs.choices, default=SignsAs.ORGANISATION, label=_("Signs as")
    )
    party = UntranslatedCharBlock(
        required=False,
        max_length=50,
        validators=[validate_slug],
        label=_("Party key"),
        help_text=_("The key of the template's party this signature is for, if any."),
    )
    organisation = CharBlock(
        max_length=255,
        required=False,
        help_text=_("The organisation signed for. Needed when signing for an organisation."),
    )
    name = CharBlock(max_length=255, required=False)
    designation = CharBlock(max_length=255, required=False, label=_("Position"))
    wording = CharBlock(
        max_length=255,
        required=False,
        help_text=_(
            "The words before the organisation or the person, such as 'Signed on behalf of' "
            "or 'Signed by'; the name and a colon follow them. Write ... where the name goes "
            "to put it elsewhere. Left blank: 'Signed on behalf of' an organisation, "
            "'Signed by' a person."
        ),
    )
    note = CharBlock(
        max_length=255,
        required=False,
        help_text=_("Shown beside the signature line, such as '(Duly Authorised Signatory)'."),
    )

    class Meta:
        icon = "user"
        label = _("Signatory")

    def clean(self, value):
        value = super().clean(value)
        if value["signs_as"] == SignsAs.ORGANISATION and not value["organisation"]:
            raise StructBlockValidationError(
                block_errors={
                    "organisation": ValidationError(
                        _("Give the organisation this signature is on behalf of.")
                    )
                }
            )
        return value


class SignatoriesBlock(blocks.StructBlock):
    """Signature blocks, one per signatory; numbered as a clause (each signatory a numbered
    sub-clause) only when the editor says so."""

    heading = CharBlock(max_length=255, default=_("Signatories"))
    numbered = blocks.BooleanBlock(
        required=False,
        default=False,
        label=_("Number as a clause"),
        help_text=_("Give the signatories a clause number, and each signatory a sub-clause."),
    )
    number = clause_number_block()
    signatories = ListBlock(SignatoryBlock(), min_num=1)

    class Meta:
        icon = "edit"
        label = _("Signatories")
        template = "agreements/blocks/signatories.html"
        description = _("Who signs, for an organisation or for themselves, with signature lines.")
        preview_value = {
            "heading": "Signatories",
            "numbered": False,
            "signatories": [
                {
                    "signs_as": "organisation",
                    "organisation": "A council",
                    "name": "A Person",
                    "designation": "Director",
                    "wording": "Signed on behalf of",
                    "note": "(Duly Authorised Signatory)",
                },
                {"signs_as": "person", "name": "Jo Bloggs", "wording": "Signed by"},
            ],
        }


class TextSectionBlock(blocks.StructBlock):
    heading = CharBlock(required=False, max_length=255)
    text = PersonRichTextBlock(
        features=["bold", "italic", "ol", "ul", "link"], help_text=MARKER_HELP
    )
    easy_read = EasyReadBlock(help_text=_("The text retold in easy read."))

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "agreements/blocks/text.html"
        description = _("Unnumbered text, with an optional heading.")
        preview_value = {"heading": "", "text": "<p>Some words about the agreement.</p>"}


class TemplateTextSectionBlock(TextSectionBlock):
    """Text in a template, which editors may open to practitioners' changes (guidance pages
    use :class:`TextSectionBlock`, which has nobody's agreement to change)."""

    practitioners_may_edit = practitioners_may_edit_block(
        _("They can rewrite the text; the heading stays as it is.")
    )


class TemplateBodyBlock(UniqueIdsMixin, blocks.StreamBlock):
    """The blocks an editor can build a template from."""

    parties = PartiesBlock()
    how_to_use = HowToUseBlock()
    area = AreaBlock()
    definitions = DefinitionsBlock()
    clause = ClauseBlock()
    schedule_table = ScheduleTableBlock()
    signatories = SignatoriesBlock()
    text = TemplateTextSectionBlock()

    def clean(self, value):
        value = super().clean(value)
        validate_numbering(value)
        return value


# Personalised agreements -----------------------------------------------------------------------
# A personalised agreement copies its template's blocks (with their ids) into a stream of the
# same shape, where each area gains the parts the parties fill in. The template's blocks are
# reused as they are, so a fork needs no conversion and an update can be matched by block id.


class ActionBlock(blocks.StructBlock):
    """Who will do what, by when, inside one area."""

    who = CharBlock(max_length=255, help_text=_("A party or a named person."))
    what = TextBlock(max_length=2000)
    by_when = blocks.DateBlock(required=False)

    class Meta:
        icon = "date"
        label = _("Action")


class AgreementAreaBlock(AreaBlock):
    """An area of a personalised agreement: the template's area, marked relevant or not, with
    what it means for the person and the actions the parties agreed."""

    relevant = blocks.BooleanBlock(required=False, default=True)
    this_means = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "ol", "ul", "link"]
    )
    actions = ListBlock(ActionBlock(), min_num=0, default=[])

    class Meta:
        icon = "table"
        label = _("Area")
        template = "agreements/blocks/agreement_area.html"
        description = _("An area of the agreement as the parties fill it in.")
        preview_value = {
            **AreaBlock._meta_class.preview_value,
            "relevant": True,
            "this_means": "<p>Sam chooses where to live.</p>",
            "actions": [{"who": "Provider", "what": "Arrange a visit", "by_when": None}],
        }


class AgreementBodyBlock(TemplateBodyBlock):
    """The blocks of a personalised agreement: the template's, with areas to fill in."""

    area = AgreementAreaBlock()

    # An agreement forked before repeated ids were repaired keeps them (its blocks match the
    # template's first occurrence); refusing them would lock the practitioner out of saving.
    refuses_repeated_ids = False


# Placed blanks --------------------------------------------------------------------------------


def _blank_errors(block, value, declared: set[str]):
    """The messages for placed blanks inside one block's value, nested as the block is, so
    each shows at the field it is about; None when there are none."""
    if isinstance(block, MarkedTextMixin):
        text = value.source if hasattr(value, "source") else value
        problems = blank_problems(text or "", declared)
        return ValidationError(problems) if problems else None
    if isinstance(block, blocks.StreamBlock):
        errors = {}
        for index, child in enumerate(value or []):
            if error := _blank_errors(child.block, child.value, declared):
                errors[index] = error
        return StreamBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.StructBlock):
        if value is None:
            # An optional group the content never had (an easy read added since): nothing placed.
            return None
        errors = {}
        for name, child_block in block.child_blocks.items():
            if error := _blank_errors(child_block, value.get(name), declared):
                errors[name] = error
        return StructBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.ListBlock):
        errors = {}
        items = value.bound_blocks if hasattr(value, "bound_blocks") else []
        for index, item in enumerate(items):
            if error := _blank_errors(block.child_block, item.value, declared):
                errors[index] = error
        return ListBlockValidationError(block_errors=errors) if errors else None
    return None


def placed_blank_errors(body, declared) -> StreamBlockValidationError | None:
    """Every placed blank in a template body that is malformed or names no declared blank,
    as errors nested at the fields they are in (for the page's clean)."""
    return _blank_errors(body.stream_block, body, set(declared))

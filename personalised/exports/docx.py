"""A personalised agreement as a Word document (DOCX), with python-docx.

The document follows the print view: a heading and the parties, the blocks the agreement keeps
(relevant areas with each party's prompts as a table, "For Sam this means" and the actions
table; clauses with their computed numbers), and a signature block for each party. Everything
is written as text through python-docx, which escapes it: rich text is read into paragraphs and
lists first (``richtext``), so no HTML, script or link from a field becomes markup in the file.

It is written in the agreement's language: interface words through Django's translations, the
document's language set for spell-checkers and screen readers, and, for a right-to-left language
such as Urdu, every paragraph, run and table marked right to left.
"""

import io
from datetime import date

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from agreements.numbering import Numbering
from agreements.personalising import personalise_for
from agreements.signatures import signatory_words, signs_for_themselves
from agreements.templatetags.agreement_tags import person_blanks_html
from personalised.exports.content import (
    exported_blocks,
    exported_numbering,
    has_own_signatories,
    signature_blocks,
)
from personalised.exports.language import is_right_to_left, language_tag
from personalised.exports.large_print import enlarge_document
from personalised.exports.richtext import TextBlock, read_rich_text
from personalised.models import PersonalisedAgreement
from personalised.purpose import agreement_purpose
from security.printable import strip_unprintable

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: A line to write on, in the signature blocks and empty cells.
WRITING_LINE = "_" * 32
_CLOSING_PUNCTUATION = tuple(".,;:)!?’”")
# Where w:bidi goes among a paragraph's properties (ECMA-376 CT_PPrBase sequence): the
# elements that must come after it.
_AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def agreement_docx(
    agreement: PersonalisedAgreement, on: date, *, large_print: bool = False
) -> bytes:
    """The agreement as a DOCX file, in its own language, dated ``on``; in type of 16 pt or more
    if ``large_print``."""
    with translation.override(agreement.language):
        writer = _Writer(agreement, on, stacked_prompts=large_print)
        writer.write()
        if large_print:
            enlarge_document(writer.document)
        output = io.BytesIO()
        writer.document.save(output)
    return output.getvalue()


class _Writer:
    def __init__(
        self, agreement: PersonalisedAgreement, on: date, *, stacked_prompts: bool = False
    ) -> None:
        self.agreement = agreement
        self.on = on
        # Large print: each party's prompts under its name, not in three narrow columns.
        self.stacked_prompts = stacked_prompts
        self.document: DocumentObject = Document()
        self.blocks = exported_blocks(agreement)
        self.numbering: Numbering = exported_numbering(self.blocks)
        self.style_ids = {style.name: style.style_id for style in self.document.styles}

    # The whole document ---------------------------------------------------------------------

    def write(self) -> None:
        self._set_properties()
        self._header()
        self._purpose()
        for block in self.blocks:
            method = getattr(self, f"_{block.block_type}", None)
            if method is not None:
                method(block)
        self._signatures()
        if is_right_to_left(self.agreement.language):
            self._right_to_left()

    def _set_properties(self) -> None:
        tag = language_tag(self.agreement.language)
        properties = self.document.core_properties
        properties.title = strip_unprintable(self.agreement.title)
        properties.language = tag
        # python-docx's own template names itself as author and in the comments; the file is
        # the practitioner's, and the person's name stays out of its metadata.
        properties.author = ""
        properties.last_modified_by = ""
        properties.comments = ""
        properties.subject = ""
        properties.keywords = ""
        properties.created = properties.modified = timezone.now()
        properties.revision = 1
        # The default language of every run, for spelling and for screen readers.
        styles = self.document.styles.element
        run_defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        language = run_defaults.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_defaults.append(language)
        language.set(qn("w:val"), tag)
        language.set(qn("w:bidi"), tag)

    def _header(self) -> None:
        agreement = self.agreement
        self._heading(agreement.title, level=0)
        self._paragraph(_("for %(name)s") % {"name": agreement.known_as}, style="Subtitle")
        rows = [(_("Person"), agreement.person_name)]
        rows += [(party.label, party.who or "—") for party in agreement.party_list()]
        table = self._table(rows=len(rows), columns=2)
        for (label, value), row in zip(rows, table.rows, strict=True):
            self._cell_text(row.cells[0], label, bold=True)
            self._cell_text(row.cells[1], value)
        facts = [
            agreement.status_label(),
            _("From template version %(version)s") % {"version": agreement.source_version},
        ]
        if agreement.review_date:
            facts.append(_("review %(date)s") % {"date": self._date(agreement.review_date)})
        facts.append(_("Exported on %(date)s") % {"date": self._date(self.on)})
        self._paragraph(" · ".join(str(fact) for fact in facts))

    def _purpose(self) -> None:
        """The agreement's purpose, with the person's name (and pronouns) in its blanks."""
        purpose = agreement_purpose(self.agreement)
        if purpose:
            # Filled in as the page fills it in (the name escaped into the HTML), then read back
            # into plain paragraphs.
            self._rich_text(read_rich_text(str(person_blanks_html(purpose, self.agreement))))

    # Areas -----------------------------------------------------------------------------------

    def _area(self, block) -> None:
        value = block.value
        number = self.numbering.number(block.id)
        self._heading(f"{number}. {self._person(value['title'])}", level=1)
        for sentence in value["commitments"]:
            self._paragraph(self._person(sentence), style="Intense Quote")
        self._prompts(value)
        self._this_means(value)

    def _this_means(self, value) -> None:
        """An area's "For ___ this means:" with what the parties wrote, then who does what."""
        self._heading(self._person(value["this_means_label"]), level=2)
        written = read_rich_text(value["this_means"].source if value.get("this_means") else "")
        if written:
            self._rich_text(written)
        else:
            self._paragraph(_("Not written yet."))
        self._actions(value)

    def _prompts(self, value) -> None:
        columns = list(value["party_prompts"])
        if not columns:
            return
        self._paragraph(
            _("Prompts for each party: %(title)s") % {"title": self._person(value["title"])},
            style="Caption",
        )
        if self.stacked_prompts:
            for column in columns:
                self._run(self._paragraph(), column["party"]).bold = True
                prompts = list(column["prompts"])
                if not prompts:
                    self._paragraph(_("No prompts for this party in this area."))
                for prompt in prompts:
                    self._paragraph(self._person(prompt), style="List Bullet")
            return
        table = self._table(rows=2, columns=len(columns), header=True)
        for column, heading, cell in zip(
            columns, table.rows[0].cells, table.rows[1].cells, strict=True
        ):
            self._cell_text(heading, column["party"], bold=True)
            prompts = list(column["prompts"])
            if not prompts:
                self._cell_text(cell, _("No prompts for this party in this area."))
                continue
            first = cell.paragraphs[0]
            self._run(first, self._person(prompts[0]))
            self._style(first, "List Bullet")
            for prompt in prompts[1:]:
                paragraph = cell.add_paragraph()
                self._run(paragraph, self._person(prompt))
                self._style(paragraph, "List Bullet")

    def _actions(self, value) -> None:
        actions = list(value.get("actions") or [])
        if not actions:
            return
        self._paragraph(
            _("Who will do what, by when: %(title)s") % {"title": self._person(value["title"])},
            style="Caption",
        )
        table = self._table(rows=len(actions) + 1, columns=3, header=True)
        headings = (_("Who"), _("What"), _("By when"))
        for heading, cell in zip(headings, table.rows[0].cells, strict=True):
            self._cell_text(cell, heading, bold=True)
        for action, row in zip(actions, table.rows[1:], strict=True):
            by_when = action.get("by_when")
            self._cell_text(row.cells[0], action["who"])
            self._cell_text(row.cells[1], action["what"])
            self._cell_text(row.cells[2], self._date(by_when) if by_when else "—")

    # Clause-based templates ------------------------------------------------------------------

    def _gap(self, block) -> None:
        """Where a fixed clause number skips numbers, say so, as the page does."""
        gap = self.numbering.gap_before(block.id)
        if gap:
            self._paragraph(str(gap), style="Intense Quote")

    def _clause(self, block) -> None:
        self._gap(block)
        number = self.numbering.number(block.id)
        self._heading(f"{number} {block.value['heading']}", level=1)
        for item in block.value["content"]:
            self._clause_content(item)

    def _clause_content(self, item, prefix: str = "") -> None:
        kind, value = item.block_type, item.value
        if kind == "paragraph":
            self._numbered_paragraph(prefix, self._person(value))
        elif kind == "subheading":
            self._heading(value, level=2)
        elif kind == "list":
            if prefix:
                self._numbered_paragraph(prefix, "")
            start = self.numbering.list_start(item.id)
            for index, entry in enumerate(value["items"], start=start):
                text = self._person(entry)
                if value["numbered"]:
                    self._paragraph(f"{index}. {text}", style="List")
                else:
                    self._paragraph(text, style="List Bullet")
        elif kind == "cross_reference":
            self._numbered_paragraph(prefix, self._cross_reference(value))
        elif kind == "sub_clause":
            number = self.numbering.number(item.id)
            for index, inner in enumerate(value["content"]):
                self._clause_content(inner, prefix=number if index == 0 else "")

    def _numbered_paragraph(self, number: str, text: str) -> Paragraph:
        paragraph = self._paragraph()
        if number:
            self._run(paragraph, f"{number}\t").bold = True
        self._run(paragraph, text)
        return paragraph

    def _cross_reference(self, value) -> str:
        section = self.numbering.reference(value["clause"])
        if section is None:
            reference = _("[missing clause reference]")
        else:
            reference = _("clause %(number)s (%(label)s)") % {
                "number": section.number,
                "label": value["label"] or section.heading,
            }
        before = self._person(value["text_before"] or "")
        after = self._person(value["text_after"] or "")
        text = f"{before} {reference}" if before else reference
        if after:
            text += after if after.startswith(_CLOSING_PUNCTUATION) else f" {after}"
        return text

    def _definitions(self, block) -> None:
        self._gap(block)
        number = self.numbering.number(block.id)
        self._heading(f"{number} {block.value['heading']}", level=1)
        for index, definition in enumerate(block.value["definitions"], start=1):
            paragraph = self._paragraph()
            self._run(paragraph, f"{number}.{index}\t").bold = True
            self._run(paragraph, definition["term"]).bold = True
            self._run(paragraph, " " + _("means") + " " + self._person(definition["meaning"]))

    def _signatories(self, block) -> None:
        """The template's own signature blocks, in its words; numbered only if it says so."""
        self._gap(block)
        number = self.numbering.number(block.id)
        heading = block.value["heading"]
        self._heading(f"{number} {heading}" if number else heading, level=1)
        for index, signatory in enumerate(block.value["signatories"], start=1):
            paragraph = self._numbered_paragraph(
                f"{number}.{index}" if number else "", signatory_words(signatory)
            )
            paragraph.paragraph_format.keep_with_next = True
            lines = [f"{WRITING_LINE} {signatory['note']}".rstrip()]
            if not signs_for_themselves(signatory):
                lines.append(f"{_('Name:')} {signatory['name'] or WRITING_LINE}")
            if not signs_for_themselves(signatory) or signatory["designation"]:
                lines.append(f"{_('Designation:')} {signatory['designation'] or WRITING_LINE}")
            lines.append(f"{_('Date:')} {WRITING_LINE}")
            self._lines(lines)

    def _schedule_table(self, block) -> None:
        value = block.value
        number = self.numbering.number(block.id)
        heading = self._heading(f"{value['appendix_label']} {number}: {value['heading']}", level=1)
        heading.paragraph_format.page_break_before = True
        if value["introduction"]:
            self._paragraph(self._person(value["introduction"]))
        columns = list(value["columns"])
        rows = list(value["rows"])
        table = self._table(rows=len(rows) + 1, columns=len(columns), header=True)
        for heading_text, cell in zip(columns, table.rows[0].cells, strict=True):
            self._cell_text(cell, heading_text, bold=True)
        for row, table_row in zip(rows, table.rows[1:], strict=True):
            cells = list(row["cells"]) + [""] * (len(columns) - len(row["cells"]))
            for index, (text, cell) in enumerate(zip(cells, table_row.cells, strict=True)):
                self._cell_text(cell, self._person(text or ""), bold=index == 0)
        for footnote in value["footnotes"]:
            self._paragraph(f"{footnote['marker']} {self._person(footnote['text'])}")

    # Blocks both kinds share -----------------------------------------------------------------

    def _parties(self, block) -> None:
        value = block.value
        self._heading(value["heading"] or _("Parties"), level=1)
        if value["preamble"]:
            self._paragraph(value["preamble"])
        for party in value["parties"]:
            if party["conjunction"]:
                self._paragraph(party["conjunction"])
            self._heading(party["role"], level=2)
            for organisation in party["organisations"]:
                paragraph = self._paragraph()
                self._run(paragraph, organisation["name"]).bold = True
                for line in (organisation["address"] or "").splitlines():
                    paragraph.add_run().add_break(WD_BREAK.LINE)
                    self._run(paragraph, line)
        if value["subject"]:
            self._paragraph(value["subject"])

    def _how_to_use(self, block) -> None:
        self._heading(block.value["heading"], level=1)
        for point in block.value["points"]:
            self._paragraph(self._person(point), style="List Bullet")

    def _text(self, block) -> None:
        if block.value["heading"]:
            self._heading(block.value["heading"], level=1)
        # Filled in as on the agreement's page: the person's name and the blanks' values.
        self._rich_text(
            read_rich_text(str(person_blanks_html(block.value["text"], self.agreement)))
        )

    # The parties' signatures -----------------------------------------------------------------

    def _signatures(self) -> None:
        # Where the template has its own signatories block, the parties sign there: this
        # section then only records each party's agreement on the site.
        signatures = signature_blocks(self.agreement)
        if not signatures:  # a template that declared no parties
            return
        own_signatories = has_own_signatories(exported_blocks(self.agreement))
        self._heading(_("The parties’ agreement") if own_signatories else _("Signatures"), level=1)
        for signature in signatures:
            heading = self._heading(signature.party_label, level=2)
            heading.paragraph_format.keep_with_next = True
            name = self._paragraph()
            self._run(name, signature.party_name).bold = True
            name.paragraph_format.keep_with_next = True
            if signature.agreed_on:
                agreed = self._paragraph(
                    _("Agreed on this site by %(name)s on %(date)s.")
                    % {"name": signature.agreed_by, "date": self._date(signature.agreed_on)}
                )
                agreed.paragraph_format.keep_with_next = True
            elif own_signatories:
                self._paragraph(_("Not recorded on this site yet."))
            if own_signatories:
                continue
            self._lines(
                [
                    f"{_('Signed:')} {WRITING_LINE}",
                    f"{_('Name:')} {WRITING_LINE}",
                    f"{_('Date:')} {WRITING_LINE}",
                ]
            )

    # Helpers ---------------------------------------------------------------------------------

    def _paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(strip_unprintable(text))
        if style:
            self._style(paragraph, style)
        return paragraph

    def _run(self, paragraph: Paragraph, text: str) -> Run:
        # Text stored before the forms refused control characters cannot go into XML as it is.
        return paragraph.add_run(strip_unprintable(text))

    def _heading(self, text: str, level: int) -> Paragraph:
        return self._paragraph(text, style="Title" if level == 0 else f"Heading {level}")

    def _style(self, paragraph: Paragraph, name: str) -> None:
        # By id, looked up once: python-docx looks a style up by name by scanning every style
        # of the document each time, which made a DOCX take a second to write.
        paragraph._p.get_or_add_pPr().style = self.style_ids[name]

    def _lines(self, lines: list[str]) -> None:
        """Lines to write on, kept together on one page."""
        for index, line in enumerate(lines):
            paragraph = self._paragraph(line)
            paragraph.paragraph_format.space_before = Pt(12)
            paragraph.paragraph_format.keep_with_next = index < len(lines) - 1

    def _rich_text(self, blocks: list[TextBlock]) -> None:
        for text_block in blocks:
            if text_block.list_kind == "ul":
                style = "List Bullet 2" if text_block.level else "List Bullet"
                paragraph = self._paragraph(style=style)
            elif text_block.list_kind == "ol":
                paragraph = self._paragraph(style="List 2" if text_block.level else "List")
                self._run(paragraph, f"{text_block.number}. ")
            else:
                paragraph = self._paragraph()
            for run in text_block.runs:
                written = self._run(paragraph, run.text)
                written.bold = run.bold or None
                written.italic = run.italic or None
                if run.href and run.href != run.text.strip():
                    self._run(paragraph, f" ({run.href})")

    def _table(self, rows: int, columns: int, header: bool = False) -> Table:
        table = self.document.add_table(rows=rows, cols=columns)
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        if header:
            # The first row repeats at the top of each page the table runs on to.
            row_properties = table.rows[0]._tr.get_or_add_trPr()
            row_properties.append(OxmlElement("w:tblHeader"))
        return table

    def _cell_text(self, cell, text: str, bold: bool = False) -> None:
        run = self._run(cell.paragraphs[0], text)
        if bold:
            run.bold = True

    def _person(self, text: str) -> str:
        return personalise_for(text, self.agreement)

    def _date(self, value: date) -> str:
        return formats.date_format(value, "j F Y")

    def _right_to_left(self) -> None:
        """Mark every paragraph, run and table of the body right to left (w:bidi, w:rtl)."""
        body = self.document.element.body
        for paragraph in body.iter(qn("w:p")):
            properties = paragraph.get_or_add_pPr()
            if properties.find(qn("w:bidi")) is None:
                properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
        for run in body.iter(qn("w:r")):
            run.get_or_add_rPr().get_or_add_rtl()
        for table in body.iter(qn("w:tbl")):
            table_properties = table.tblPr
            if table_properties.find(qn("w:bidiVisual")) is None:
                table_properties.insert_element_before(
                    OxmlElement("w:bidiVisual"),
                    "w:tblStyleRowBandSize",
                    "w:tblStyleColBandSize",
                    "w:tblW",
                    "w:jc",
                    "w:tblCellSpacing",
                    "w:tblInd",
                    "w:tblBorders",
                    "w:shd",
                    "w:tblLayout",
                    "w:tblCellMar",
                    "w:tblLook",
                    "w:tblCaption",
                    "w:tblDescription",
                    "w:tblPrChange",
                )

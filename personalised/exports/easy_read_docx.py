"""The easy-read copy as a Word document: the standard document's writer (docx.py), in large
type, with each easy-read line in a row of its own beside its picture.

Blocks with no easy read are written as the standard document writes them, after a note saying
they are not in easy read yet; the pictures go in as PNG renditions (Word holds no SVG, WebP or
AVIF), each with its alt text as the picture's description.
"""

import io
from datetime import date

from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from personalised.exports.docx import _Writer
from personalised.exports.easy_read_content import EasyReadCopy, Section, Wording
from personalised.exports.language import is_right_to_left
from personalised.exports.richtext import read_rich_text
from personalised.models import PersonalisedAgreement
from security.printable import strip_unprintable

#: The smallest type in the document (the easy-read and large-print guides ask for 14-16 pt+).
BODY_SIZE = Pt(16)
PICTURE_WIDTH = Cm(2.5)
_PICTURE_RENDITION = "max-480x480|format-png"


def write_easy_read_docx(agreement: PersonalisedAgreement, copy: EasyReadCopy, on: date) -> bytes:
    writer = _EasyReadWriter(agreement, on, copy)
    writer.write()
    output = io.BytesIO()
    writer.document.save(output)
    return output.getvalue()


def not_yet_in_easy_read() -> str:
    return _("Not yet in easy read")


class _EasyReadWriter(_Writer):
    def __init__(self, agreement: PersonalisedAgreement, on: date, copy: EasyReadCopy) -> None:
        super().__init__(agreement, on)
        self.copy = copy
        self.numbering = copy.numbering
        self._large_type()

    def write(self) -> None:
        self._set_properties()
        self._header()
        self._purpose()
        if self.copy.has_draft:
            self._paragraph(
                _("Some of this easy read is a draft: it has not been checked yet."),
                style="Intense Quote",
            )
        for section in self.copy.sections:
            self._section(section)
        self._signatures()
        if self.copy.attribution:
            self._paragraph(self.copy.attribution)
        if is_right_to_left(self.agreement.language):
            self._right_to_left()

    def _large_type(self) -> None:
        """Every style at 16 pt or more; headings keep their larger sizes."""
        for style in self.document.styles:
            font = getattr(style, "font", None)
            if font is None:
                continue
            if font.size is None or font.size < BODY_SIZE:
                font.size = BODY_SIZE

    # The purpose and the blocks ------------------------------------------------------------

    def _purpose(self) -> None:
        self._wording(self.copy.purpose)

    def _section(self, section: Section) -> None:
        block = section.block
        if section.kind == "area":
            self._heading(f"{section.number}. {section.heading}", level=1)
            self._wording(section.wording)
            for party in section.parties:
                if not party.prompts:
                    continue
                self._heading(party.party, level=2)
                for prompt in party.prompts:
                    self._wording(prompt, bullet=True)
            self._this_means(block.value)
        elif section.kind in ("clause", "text") and section.wording is not None:
            heading = section.heading
            if section.kind == "clause":
                heading = f"{section.number} {heading}".strip()
            if heading:
                self._heading(heading, level=1)
            self._wording(section.wording)
        else:
            self._paragraph(not_yet_in_easy_read(), style="Intense Quote")
            method = getattr(self, f"_{block.block_type}", None)
            if method is not None:
                method(block)

    def _wording(self, wording: Wording, bullet: bool = False) -> None:
        if not wording.easy:
            if not (wording.standard or wording.standard_html):
                return
            self._paragraph(not_yet_in_easy_read(), style="Intense Quote")
            if wording.standard_html:
                self._rich_text(read_rich_text(str(wording.standard_html)))
            for text in wording.standard:
                self._paragraph(text, style="List Bullet" if bullet else None)
            return
        if wording.draft:
            self._paragraph(_("Draft easy read: not checked yet."), style="Caption")
        table = self.document.add_table(rows=len(wording.lines), cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for line, row in zip(wording.lines, table.rows, strict=True):
            picture_cell, text_cell = row.cells
            picture_cell.width = Cm(3)
            text_cell.width = Cm(13)
            if line.picture is not None:
                self._picture(picture_cell.paragraphs[0], line)
            self._run(text_cell.paragraphs[0], line.text)
        self._paragraph()

    def _picture(self, paragraph, line) -> None:
        rendition = line.picture.get_rendition(_PICTURE_RENDITION)
        with rendition.file.open("rb") as stored:
            data = stored.read()
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(data), width=PICTURE_WIDTH)
        # The picture's alt text (Word's "description") for screen readers.
        shape._inline.docPr.set("descr", strip_unprintable(line.alt))
        shape._inline.docPr.set("title", strip_unprintable(line.alt))

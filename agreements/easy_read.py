"""Easy-read versions as readers see them: each piece of wording as its easy-read lines, each
beside its picture, or else as it stands, marked as not in easy read; and a template's own easy
read, for its public page (``TemplatePage.easy_read``). Agreements' copies are worked out in
``personalised.exports.easy_read_content`` from the same pieces."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from wagtail.templatetags.wagtailcore_tags import richtext

from agreements.blanks import TemplateBlanks
from agreements.easy_read_pictures import attribution_for, picture_alt
from agreements.numbering import Numbering
from agreements.templatetags.agreement_tags import person_blanks, person_blanks_html


@dataclass(frozen=True)
class Line:
    """One easy-read line, with the person's name filled in, and its picture if it has one."""

    text: str
    picture: Any = None

    @property
    def alt(self) -> str:
        return picture_alt(self.picture) if self.picture is not None else ""


@dataclass
class Wording:
    """One piece of the agreement's wording: in easy read (``lines``), or else as it stands
    (``standard`` plain lines, or ``standard_html`` for rich text), marked as not easy read."""

    lines: list[Line] = field(default_factory=list)
    draft: bool = False
    standard: list[str] = field(default_factory=list)
    standard_html: SafeString | str = ""

    @property
    def easy(self) -> bool:
        return bool(self.lines)


@dataclass
class PartyPrompts:
    party: str
    prompts: list[Wording]


@dataclass
class Section:
    """One exported block of the agreement. Areas, clauses and text have easy-read wording;
    any other block (definitions, a schedule, signatories) is shown as it stands, marked."""

    block: Any  # the agreement's StreamChild
    kind: str  # "area", "clause", "text" or "other"
    number: str = ""
    heading: str = ""
    wording: Wording | None = None
    parties: list[PartyPrompts] = field(default_factory=list)

    @property
    def block_id(self) -> str:
        return self.block.id

    @property
    def easy(self) -> bool:
        """Whether anything in this section is in easy read."""
        return bool(
            (self.wording and self.wording.easy)
            or any(prompt.easy for party in self.parties for prompt in party.prompts)
        )


@dataclass
class TemplateEasyRead:
    purpose: Wording
    sections: list[Section]
    numbering: Numbering
    attribution: str
    has_draft: bool


class _TemplateBuilder:
    """The template's easy read as its page shows it: the blanks as blanks, no one's name."""

    def __init__(self, page) -> None:
        self.blanks = TemplateBlanks(page.declared_blanks())
        self.pictures: list = []
        self.has_draft = False

    def text(self, text: str) -> SafeString:
        return person_blanks(text, self.blanks)

    def easy(self, version) -> Wording | None:
        if not version:
            return None
        lines = []
        for line in version["lines"]:
            if not (line["text"] or "").strip():
                continue
            if line["picture"] is not None:
                self.pictures.append(line["picture"])
            lines.append(Line(self.text(line["text"]), line["picture"]))
        if not lines:
            return None
        self.has_draft = self.has_draft or bool(version["draft"])
        return Wording(lines=lines, draft=bool(version["draft"]))

    def each(self, texts, versions) -> list[Wording]:
        versions = list(versions or [])
        return [
            (self.easy(versions[index]) if index < len(versions) else None)
            or Wording(standard=[self.text(text)])
            for index, text in enumerate(texts)
        ]

    def section(self, block, numbering: Numbering) -> Section:
        kind, value = block.block_type, block.value
        number = numbering.number(block.id) or ""
        if kind == "area":
            easy = value["easy_read"]
            return Section(
                block=block,
                kind="area",
                number=number,
                heading=self.text(easy["title"] or value["title"]),
                wording=self.easy(easy["commitment"])
                or Wording(standard=[self.text(text) for text in value["commitments"]]),
                parties=[
                    PartyPrompts(column["party"], self.each(column["prompts"], column["easy_read"]))
                    for column in value["party_prompts"]
                ],
            )
        if kind == "how_to_use":
            return Section(
                block=block,
                kind="how_to_use",
                heading=value["heading"],
                parties=[PartyPrompts("", self.each(value["points"], value["easy_read"]))],
            )
        if kind in ("clause", "text"):
            return Section(
                block=block,
                kind=kind,
                number=number,
                heading=value["heading"] or "",
                wording=self.easy(value["easy_read"]),
            )
        return Section(block=block, kind="other")


def template_easy_read(page) -> TemplateEasyRead:
    """A template page's easy read: its introduction, then every block of its body."""
    builder = _TemplateBuilder(page)
    intro = next((child.value for child in page.intro_easy_read), None)
    purpose = builder.easy(intro) or Wording(
        standard_html=person_blanks_html(richtext(page.intro), builder.blanks) if page.intro else ""
    )
    numbering = Numbering(page.body)
    sections = [builder.section(block, numbering) for block in page.body]
    return TemplateEasyRead(
        purpose=purpose,
        sections=sections,
        numbering=numbering,
        attribution=attribution_for(builder.pictures),
        has_draft=builder.has_draft,
    )

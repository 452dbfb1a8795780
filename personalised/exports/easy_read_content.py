"""What an agreement's easy-read copy says: each piece of its wording in easy read where the
template has an easy-read version of exactly that wording, else the standard wording, marked.

Easy-read versions belong to the template (``agreements.blocks.EasyReadBlock``): an agreement
reads them from the template version it follows and from the one published now, matched by block
id and list item id. A version is used only while the agreement's wording is the wording the
version retells in that same template version: where a practitioner has changed a prompt or a
clause, or the agreement follows older words, the easy read would say something else, so the
agreement's own words are shown instead.
"""

import json
from dataclasses import dataclass
from typing import Any

from wagtail.images import get_image_model
from wagtail.templatetags.wagtailcore_tags import richtext

from agreements.easy_read import Line, PartyPrompts, Section, Wording
from agreements.easy_read_pictures import attribution_for
from agreements.numbering import Numbering
from agreements.personalising import personalise_for
from agreements.templatetags.agreement_tags import person_blanks_html
from personalised.exports.content import exported_blocks, exported_numbering
from personalised.models import PersonalisedAgreement
from personalised.purpose import agreement_purpose


@dataclass
class EasyReadCopy:
    purpose: Wording
    sections: list[Section]
    numbering: Numbering
    attribution: str
    has_draft: bool


# Template versions -----------------------------------------------------------------------------


def _raw(stored) -> list:
    if not stored:
        return []
    value = json.loads(stored) if isinstance(stored, str) else stored
    return value if isinstance(value, list) else []


def _item_value(item):
    """A list item's value, in Wagtail's list format or the older plain one."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"]
    return item


def _items(items) -> list[tuple[str | None, Any]]:
    return [
        (item.get("id") if isinstance(item, dict) else None, _item_value(item))
        for item in items or []
    ]


@dataclass
class _TemplateVersion:
    intro: str
    intro_easy_read: dict | None
    blocks: dict[str, dict]


def _version(intro: str, intro_easy_read, body) -> _TemplateVersion:
    easy = next(
        (block.get("value") for block in _raw(intro_easy_read) if block.get("type") == "easy_read"),
        None,
    )
    blocks = {
        block["id"]: block for block in _raw(body) if isinstance(block, dict) and block.get("id")
    }
    return _TemplateVersion(intro or "", easy, blocks)


def _template_versions(agreement: PersonalisedAgreement) -> list[_TemplateVersion]:
    """The template versions whose easy read may fit: the one published now first (it has the
    latest easy read), then the one the agreement follows."""
    versions = []
    page = agreement.source_page
    live = page.live_revision if page is not None and page.live else None
    source = (
        agreement.source_revision
        if agreement.source_revision_id != getattr(live, "pk", None)
        else None
    )
    for revision in (live, source):
        if revision is not None:
            content = revision.content or {}
            versions.append(
                _version(content.get("intro"), content.get("intro_easy_read"), content.get("body"))
            )
    if not versions and page is not None:
        versions.append(_version(page.intro, page.intro_easy_read.raw_data, page.body.raw_data))
    return versions


# Matching --------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, agreement: PersonalisedAgreement) -> None:
        self.agreement = agreement
        self.versions = _template_versions(agreement)
        self.current = {block["id"]: block for block in agreement.body.raw_data if block.get("id")}
        self._pictures: dict[int, Any] = {}
        self.pictures_shown: list = []
        self.has_draft = False

    def load_pictures(self) -> None:
        """Every picture the versions' easy read could show, in one query."""
        ids = set()

        def collect(node) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("picture"), int):
                    ids.add(node["picture"])
                for part in node.values():
                    collect(part)
            elif isinstance(node, list):
                for part in node:
                    collect(part)

        for version in self.versions:
            collect(version.intro_easy_read)
            collect(list(version.blocks.values()))
        if ids:
            images = get_image_model().objects.filter(pk__in=ids).select_related("collection")
            self._pictures = {image.pk: image for image in images}

    def person(self, text: str) -> str:
        return personalise_for(text or "", self.agreement)

    def easy(self, easy_read: Any) -> Wording | None:
        """An easy-read version as a Wording, or None when it has no lines."""
        if not isinstance(easy_read, dict):
            return None
        lines = []
        for _id, line in _items(easy_read.get("lines")):
            if not isinstance(line, dict) or not (line.get("text") or "").strip():
                continue
            picture = self._pictures.get(line.get("picture"))
            if picture is not None:
                self.pictures_shown.append(picture)
            lines.append(Line(self.person(line["text"]), picture))
        if not lines:
            return None
        draft = bool(easy_read.get("draft"))
        self.has_draft = self.has_draft or draft
        return Wording(lines=lines, draft=draft)

    def first_fit(self, fits) -> Wording | None:
        """The easy read of the first template version in which ``fits(version)`` finds the
        agreement's wording unchanged (it returns that version's easy read, or None)."""
        for version in self.versions:
            wording = self.easy(fits(version))
            if wording is not None:
                return wording
        return None

    # The purpose --------------------------------------------------------------------------

    def purpose(self) -> Wording:
        purpose = agreement_purpose(self.agreement)
        wording = self.first_fit(
            lambda version: version.intro_easy_read if version.intro == purpose else None
        )
        if wording is not None:
            return wording
        # Rich text from the database: expanded (links, embeds) like every other copy's purpose.
        html = person_blanks_html(richtext(purpose), self.agreement) if purpose else ""
        return Wording(standard_html=html)

    # Blocks -------------------------------------------------------------------------------

    def template_value(self, version: _TemplateVersion, block_id: str, kind: str) -> dict | None:
        block = version.blocks.get(block_id)
        if block is None or block.get("type") != kind:
            return None
        return block.get("value") or {}

    def section(self, block, numbering: Numbering) -> Section:
        kind = block.block_type
        raw = (self.current.get(block.id) or {}).get("value") or {}
        number = numbering.number(block.id) or ""
        if kind == "area":
            return self.area(block, raw, number)
        if kind == "clause":
            return self.clause(block, raw, number)
        if kind == "text":
            return self.text(block, raw)
        return Section(block=block, kind="other")

    def area(self, block, raw: dict, number: str) -> Section:
        commitments = [value for _id, value in _items(raw.get("commitments"))]
        title = raw.get("title") or ""

        def commitment(version):
            value = self.template_value(version, block.id, "area")
            if value is None:
                return None
            if [text for _id, text in _items(value.get("commitments"))] != commitments:
                return None
            return (value.get("easy_read") or {}).get("commitment")

        def easy_title(version):
            value = self.template_value(version, block.id, "area")
            if value is None or value.get("title") != title:
                return None
            easy_title = ((value.get("easy_read") or {}).get("title") or "").strip()
            return {"lines": [{"text": easy_title}]} if easy_title else None

        heading_wording = self.first_fit(easy_title)
        heading = heading_wording.lines[0].text if heading_wording else self.person(title)
        wording = self.first_fit(commitment) or Wording(
            standard=[self.person(sentence) for sentence in commitments]
        )
        parties = [
            self.party_prompts(block.id, party_id, party)
            for party_id, party in _items(raw.get("party_prompts"))
            if isinstance(party, dict)
        ]
        return Section(
            block=block,
            kind="area",
            number=number,
            heading=heading,
            wording=wording,
            parties=parties,
        )

    def party_prompts(self, block_id: str, party_id, party: dict) -> PartyPrompts:
        prompts = []
        for prompt_id, text in _items(party.get("prompts")):

            def fits(version, prompt_id=prompt_id, text=text):
                area = self.template_value(version, block_id, "area")
                if area is None:
                    return None
                column = next(
                    (
                        value
                        for column_id, value in _items(area.get("party_prompts"))
                        if column_id == party_id and isinstance(value, dict)
                    ),
                    None,
                )
                if column is None:
                    return None
                template_prompts = _items(column.get("prompts"))
                easy_read = [value for _id, value in _items(column.get("easy_read"))]
                for index, (template_id, template_text) in enumerate(template_prompts):
                    if template_id == prompt_id:
                        if template_text != text or index >= len(easy_read):
                            return None
                        return easy_read[index]
                return None

            prompts.append(self.first_fit(fits) or Wording(standard=[self.person(text)]))
        return PartyPrompts(party=party.get("party") or "", prompts=prompts)

    def clause(self, block, raw: dict, number: str) -> Section:
        content = _without_ids(raw.get("content"))

        def fits(version):
            value = self.template_value(version, block.id, "clause")
            if value is None or _without_ids(value.get("content")) != content:
                return None
            return value.get("easy_read")

        return Section(
            block=block,
            kind="clause",
            number=number,
            heading=raw.get("heading") or "",
            wording=self.first_fit(fits),
        )

    def text(self, block, raw: dict) -> Section:
        text = raw.get("text") or ""

        def fits(version):
            value = self.template_value(version, block.id, "text")
            if value is None or (value.get("text") or "") != text:
                return None
            return value.get("easy_read")

        return Section(
            block=block,
            kind="text",
            heading=raw.get("heading") or "",
            wording=self.first_fit(fits),
        )


def _without_ids(value: Any) -> Any:
    """Stream or list data without the ids Wagtail gives its children, for comparing words."""
    if isinstance(value, dict):
        return {name: _without_ids(part) for name, part in value.items() if name != "id"}
    if isinstance(value, list):
        return [_without_ids(part) for part in value]
    return value


def easy_read_copy(agreement: PersonalisedAgreement) -> EasyReadCopy:
    """The agreement's easy-read copy: its purpose, then each block it exports (no
    instructions for practitioners), in easy read wherever the template's easy read fits."""
    builder = _Builder(agreement)
    builder.load_pictures()
    blocks = exported_blocks(agreement)
    numbering = exported_numbering(blocks)
    purpose = builder.purpose()
    sections = [builder.section(block, numbering) for block in blocks]
    return EasyReadCopy(
        purpose=purpose,
        sections=sections,
        numbering=numbering,
        attribution=attribution_for(builder.pictures_shown),
        has_draft=builder.has_draft,
    )

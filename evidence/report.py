"""The evidence of one template as editors see it: summed over their filters, then suppressed.

Everything that leaves this module is already a ``Shown`` figure (``evidence.suppression``):
the raw counts are summed in the database for the chosen filters and suppressed here, once per
figure, so no page, chart or CSV can show a count under 5 or an unrounded one. The sums come
from one grouped query whatever the number of agreements, and the labels (section headings,
party names, prompts) from the template's own published versions, never from an agreement.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Sum
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agreements.models import TemplatePage
from evidence.models import EvidenceCount, EvidenceSnapshot, EvidenceWording, Measure
from evidence.suppression import shown, shown_label
from personalised.updates.display import section_heading, words
from personalised.updates.services import revision_body
from versioning.models import PageVersion

#: Characters of a prompt or item shown in a row; the template page has the rest.
LABEL_LENGTH = 140
AGREED_BUCKETS = [
    Measure.AGREED_WITHIN_7_DAYS,
    Measure.AGREED_WITHIN_30_DAYS,
    Measure.AGREED_WITHIN_90_DAYS,
    Measure.AGREED_LATER,
]
OUTCOMES = [Measure.KEPT, Measure.REWORDED, Measure.REMOVED]


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: ``value`` None means "fewer than 5"."""

    value: int | None
    label: str

    @classmethod
    def of(cls, raw: int) -> "Shown":
        return cls(shown(raw), shown_label(raw))

    @property
    def number(self) -> int:
        """For drawing: a suppressed figure draws nothing."""
        return self.value or 0


@dataclass(frozen=True)
class Filters:
    version: int | None = None
    language: str = ""
    from_month: date | None = None
    to_month: date | None = None

    def apply(self, counts):
        if self.version is not None:
            counts = counts.filter(version=self.version)
        if self.language:
            counts = counts.filter(language=self.language)
        if self.from_month is not None:
            counts = counts.filter(month__gte=self.from_month)
        if self.to_month is not None:
            counts = counts.filter(month__lte=self.to_month)
        return counts


@dataclass
class ItemRow:
    party: str
    label: str
    kept: Shown
    reworded: Shown
    removed: Shown


@dataclass
class BlockEvidence:
    block_id: str
    heading: str
    kept: Shown
    reworded: Shown
    removed: Shown
    total: Shown
    not_relevant: Shown
    feedback: Shown
    in_latest_version: bool = True
    items: list[ItemRow] = field(default_factory=list)
    added: list[tuple[str, Shown]] = field(default_factory=list)  # (party, prompts added)

    @property
    def line(self) -> str:
        """The editor's one line, such as "kept in 20, reworded in 10, removed in 5 of 35
        agreements"."""
        return _(
            "kept in %(kept)s, reworded in %(reworded)s, removed in %(removed)s "
            "of %(total)s agreements"
        ) % {
            "kept": self.kept.label,
            "reworded": self.reworded.label,
            "removed": self.removed.label,
            "total": self.total.label,
        }


@dataclass
class Wording:
    heading: str
    party: str
    text: str
    agreements: Shown


@dataclass
class TemplateEvidence:
    template: TemplatePage
    snapshot: EvidenceSnapshot | None
    filters: Filters
    agreements: Shown = field(default_factory=lambda: Shown.of(0))
    agreed_by_all: Shown = field(default_factory=lambda: Shown.of(0))
    agreed: list[tuple[str, Shown]] = field(default_factory=list)
    added_sections: Shown = field(default_factory=lambda: Shown.of(0))
    feedback: Shown = field(default_factory=lambda: Shown.of(0))
    blocks: list[BlockEvidence] = field(default_factory=list)
    wordings: list[Wording] = field(default_factory=list)


def _sums(snapshot: EvidenceSnapshot, filters: Filters, **only) -> dict[tuple, int]:
    """The raw counts summed over the filters by place and measure: one query."""
    rows = (
        filters.apply(EvidenceCount.objects.filter(snapshot=snapshot, **only))
        .values_list("block_id", "party_key", "item_id", "measure")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {(block, party, item, measure): total for block, party, item, measure, total in rows}


def _is_item(value: Any) -> bool:
    return isinstance(value, dict) and "id" in value and "value" in value


def _item_labels(value: Any, found: dict[str, str]) -> None:
    """Every list item's words by its id, in reading order (dicts keep insertion order)."""
    if isinstance(value, list):
        for part in value:
            if _is_item(part):
                label = Truncator(words(part["value"])).chars(LABEL_LENGTH)
                found.setdefault(str(part["id"]), label)
                _item_labels(part["value"], found)
            else:
                _item_labels(part, found)
    elif isinstance(value, dict):
        for part in value.values():
            _item_labels(part, found)


@dataclass
class _Block:
    heading: str
    raw: dict
    labels: dict[str, str]
    in_latest: bool


def _template_blocks(versions: list[PageVersion], filters: Filters) -> dict[str, _Block]:
    """The blocks of the chosen version (or of every version, the latest's first and in its
    order), with their headings and their items' words."""
    chosen = [v for v in versions if v.revision_id is not None]
    if filters.version is not None:
        chosen = [v for v in chosen if v.number == filters.version]
    blocks: dict[str, _Block] = {}
    for position, version in enumerate(sorted(chosen, key=lambda v: -v.number)):
        for raw in revision_body(version.revision):
            if not _is_item(raw) or str(raw["id"]) in blocks:
                continue
            labels: dict[str, str] = {}
            _item_labels(raw["value"], labels)
            blocks[str(raw["id"])] = _Block(section_heading(raw), raw, labels, position == 0)
    return blocks


def _item_label(block: _Block | None, item_id: str) -> str:
    if block is None:
        return ""
    if item_id in block.labels:
        return block.labels[item_id]
    value = block.raw.get("value")
    if isinstance(value, dict) and item_id in value:
        # A block's own text field (a heading, a text section's text), counted by its name.
        return Truncator(words(value[item_id])).chars(LABEL_LENGTH)
    return ""


def template_evidence(template: TemplatePage, filters: Filters) -> TemplateEvidence:
    """The template's evidence for the filters, every figure suppressed and rounded."""
    snapshot = EvidenceSnapshot.objects.filter(template=template).first()
    report = TemplateEvidence(template=template, snapshot=snapshot, filters=filters)
    if snapshot is None:
        return report
    sums = _sums(snapshot, filters)
    versions = list(
        PageVersion.objects.filter(page_id=template.pk)
        .select_related("revision")
        .order_by("number")
    )
    blocks = _template_blocks(versions, filters)
    parties = {party["key"]: party["name"] for party in template.declared_parties()}

    def whole(measure: str) -> Shown:
        return Shown.of(sums.get(("", "", "", measure), 0))

    report.agreements = whole(Measure.AGREEMENTS)
    report.agreed_by_all = whole(Measure.AGREED_BY_ALL)
    report.agreed = [(Measure(measure).label, whole(measure)) for measure in AGREED_BUCKETS]
    report.added_sections = whole(Measure.ADDED)
    report.feedback = whole(Measure.FEEDBACK)

    by_block: dict[str, dict[tuple, int]] = defaultdict(dict)
    for (block_id, party, item, measure), total in sums.items():
        if block_id:
            by_block[block_id][(party, item, measure)] = total
    # Sections in the template's order; a section counted but in none of the chosen versions
    # (an alias's, say) comes last, under its id.
    order = list(blocks) + sorted(set(by_block) - set(blocks))
    for block_id in order:
        counted = by_block.get(block_id, {})
        if not counted:
            continue
        block = blocks.get(block_id)
        report.blocks.append(_block_evidence(block_id, block, counted, parties))

    report.wordings = [
        Wording(
            heading=blocks[wording.block_id].heading if wording.block_id in blocks else "",
            party=parties.get(wording.party_key, wording.party_key),
            text=wording.text,
            agreements=Shown.of(wording.agreement_count),
        )
        for wording in EvidenceWording.objects.filter(snapshot=snapshot).order_by(
            "block_id", "party_key", "-agreement_count", "text"
        )
    ]
    return report


def _block_evidence(
    block_id: str, block: _Block | None, counted: dict[tuple, int], parties: dict[str, str]
) -> BlockEvidence:
    outcomes = {measure: counted.get(("", "", measure), 0) for measure in OUTCOMES}
    found = BlockEvidence(
        block_id=block_id,
        heading=block.heading if block else block_id,
        kept=Shown.of(outcomes[Measure.KEPT]),
        reworded=Shown.of(outcomes[Measure.REWORDED]),
        removed=Shown.of(outcomes[Measure.REMOVED]),
        # Summed raw, then suppressed: never the sum of suppressed figures.
        total=Shown.of(sum(outcomes.values())),
        not_relevant=Shown.of(counted.get(("", "", Measure.NOT_RELEVANT), 0)),
        feedback=Shown.of(counted.get(("", "", Measure.FEEDBACK), 0)),
        in_latest_version=block.in_latest if block else False,
    )
    items: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (party, item, measure), total in counted.items():
        if item and measure in OUTCOMES:
            items[(party, item)][measure] = total
        elif not item and measure == Measure.ADDED:
            found.added.append((parties.get(party, party), Shown.of(total)))
    reading_order = list(block.labels) if block else []

    def position(key: tuple[str, str]) -> tuple[int, str, str]:
        party, item = key
        place = reading_order.index(item) if item in reading_order else len(reading_order)
        return (place, party, item)

    for party, item in sorted(items, key=position):
        measures = items[(party, item)]
        found.items.append(
            ItemRow(
                party=parties.get(party, party),
                label=_item_label(block, item) or item,
                kept=Shown.of(measures.get(Measure.KEPT, 0)),
                reworded=Shown.of(measures.get(Measure.REWORDED, 0)),
                removed=Shown.of(measures.get(Measure.REMOVED, 0)),
            )
        )
    found.added.sort(key=lambda added: added[0])
    return found


def block_lines(template: TemplatePage) -> dict[str, BlockEvidence]:
    """Each section's evidence over every version, language and month, by block id, for the
    page editor's one line per section: one query, labels left to the editor's own form."""
    snapshot = EvidenceSnapshot.objects.filter(template=template).first()
    if snapshot is None:
        return {}
    rows = (
        EvidenceCount.objects.filter(
            snapshot=snapshot, party_key="", item_id="", measure__in=OUTCOMES
        )
        .exclude(block_id="")
        .values_list("block_id", "measure")
        .annotate(total=Sum("count"))
        .order_by()
    )
    counted: dict[str, dict[tuple, int]] = defaultdict(dict)
    for block_id, measure, total in rows:
        counted[block_id][("", "", measure)] = total
    return {
        block_id: _block_evidence(block_id, None, found, {}) for block_id, found in counted.items()
    }

"""What changed in a personalised agreement between two revisions, such as since the parties agreed.

The template comparison (``agreements.comparison``) compares a block's words; a personalised
agreement also changes in ways that are not words in a block: an area left out, an action's date,
the person's details. So each area is read out here as a sentence list that includes those, and
the words are compared with the same word-by-word diff, matched by block id.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Revision

from .block_text import block_text
from .comparison import (
    ADDED,
    CHANGED,
    REMOVED,
    UNCHANGED,
    SectionComparison,
    WordRun,
    compare_words,
)
from .models import PersonalisedAgreement
from .numbering import Numbering


def _details_text(agreement: PersonalisedAgreement) -> str:
    parts = [
        _("Person: %(name)s (%(known_as)s, %(pronouns)s).")
        % {
            "name": agreement.person_name,
            "known_as": agreement.known_as,
            "pronouns": agreement.get_pronouns_display(),
        },
        _("Local authority: %(name)s.") % {"name": agreement.local_authority},
        _("Provider: %(name)s.") % {"name": agreement.provider},
    ]
    if agreement.family_member_names:
        parts.append(_("Family: %(names)s.") % {"names": ", ".join(agreement.family_member_names)})
    if agreement.review_date:
        parts.append(_("Review date: %(date)s.") % {"date": agreement.review_date.isoformat()})
    return " ".join(parts)


def _area_text(value) -> str:
    parts = [value["title"]]
    if not value.get("relevant", True):
        parts.append(_("(Left out: not relevant to the person.)"))
    parts.extend(value["commitments"])
    for column in value["party_prompts"]:
        parts.append(f"{column['party']}:")
        parts.extend(f"• {prompt}" for prompt in column["prompts"])
    parts.append(value["this_means_label"])
    this_means = value.get("this_means")
    parts.append(strip_tags(this_means.source) if this_means else "")
    for action in value.get("actions") or []:
        when = action["by_when"].isoformat() if action.get("by_when") else _("no date")
        parts.append(
            _("Action: %(who)s will %(what)s (by %(when)s).")
            % {"who": action["who"], "what": action["what"], "when": when}
        )
    return " ".join(part for part in parts if part)


def _text(child) -> str:
    if child.block_type == "area":
        return _area_text(child.value)
    return block_text(child.block, child.value)


def _heading(child, numbering: Numbering) -> str:
    value = child.value
    title = value.get("title") or value.get("heading") or str(child.block.label)
    if child.block_type == "area":
        return _("Area %(number)s: %(title)s") % {
            "number": numbering.number(child.id),
            "title": title,
        }
    return str(title)


def _section(heading: str, old_text: str, new_text: str) -> SectionComparison:
    if old_text == new_text:
        return SectionComparison(heading, UNCHANGED, [WordRun("equal", new_text)])
    return SectionComparison(heading, CHANGED, compare_words(old_text, new_text))


def compare_agreements(
    old: PersonalisedAgreement, new: PersonalisedAgreement
) -> list[SectionComparison]:
    """The person's details, then each block of the newer revision in order (blocks only the
    older one had come last, as removed)."""
    numbering, old_numbering = Numbering(new.body), Numbering(old.body)
    old_blocks = {child.id: child for child in old.body}
    sections = [_section(_("The person and the parties"), _details_text(old), _details_text(new))]
    for child in new.body:
        heading = _heading(child, numbering)
        if child.id in old_blocks:
            sections.append(_section(heading, _text(old_blocks.pop(child.id)), _text(child)))
        else:
            sections.append(SectionComparison(heading, ADDED, [WordRun("insert", _text(child))]))
    sections.extend(
        SectionComparison(
            _heading(child, old_numbering), REMOVED, [WordRun("delete", _text(child))]
        )
        for child in old_blocks.values()
    )
    return sections


def changes_since_agreed(agreement: PersonalisedAgreement) -> list[SectionComparison]:
    """The changed sections between the revision every party last agreed to and now; empty
    when it was never agreed or has not changed since."""
    if not agreement.changed_since_agreed():
        return []
    agreed = Revision.objects.get(pk=agreement.last_agreed_revision_id())
    return changes_between_revisions(agreed, agreement)


def changes_between_revisions(
    old_revision: Revision, agreement: PersonalisedAgreement
) -> list[SectionComparison]:
    old = old_revision.as_object()
    return [
        section for section in compare_agreements(old, agreement) if section.status != UNCHANGED
    ]

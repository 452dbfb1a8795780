"""The history of a personalised agreement: its revisions, a word-level comparison of two of them,
and restoring an earlier one as a new revision.

The comparison reuses the template comparison's word diff (``agreements.comparison``): the
person's details first, then the body's blocks matched by block id, so a moved area is compared
with itself.
"""

from django.db import transaction
from django.http import Http404
from django.utils.formats import date_format
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

#: What a revision restores. Everything else (owner, uuid, source template, deletion, who it
#: is shared with) belongs to the agreement as a whole, not to one revision of its content.
#: The template version the body follows goes with the body (issue #6): restoring a revision
#: from before a template update was taken offers that update again.
CONTENT_FIELDS = (
    "person_name",
    "known_as",
    "pronouns",
    "local_authority",
    "provider",
    "family_members",
    "body",
    "review_date",
    "source_revision",
    "source_version",
    "declined_updates",
)


def revisions_of(agreement: PersonalisedAgreement):
    """Every revision of the agreement, newest first, with who made it."""
    return agreement.revisions.select_related("user").order_by("-created_at", "-pk")


def revision_or_404(agreement: PersonalisedAgreement, revision_id) -> Revision:
    try:
        return agreement.revisions.select_related("user").get(pk=revision_id)
    except (Revision.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing


def as_agreement(revision: Revision) -> PersonalisedAgreement:
    """The agreement as it was at this revision (not saved)."""
    return revision.as_object()


@transaction.atomic
def restore_revision(agreement: PersonalisedAgreement, revision: Revision, user) -> Revision:
    """Make the content of an earlier revision the agreement's content again, as a new revision
    (logged as "wagtail.revert"). Nothing is lost: the revisions in between stay in the history."""
    earlier = as_agreement(revision)
    for name in CONTENT_FIELDS:
        setattr(agreement, name, getattr(earlier, name))
    agreement.save()
    return agreement.save_revision(
        user=user, log_action=True, previous_revision=revision, clean=False
    )


# ----------------------------------------------------------------------------- comparison


def _details(agreement: PersonalisedAgreement) -> list[tuple[str, str]]:
    """The person's details, one (label, text) each, so each shows as its own change."""
    review = date_format(agreement.review_date, "j F Y") if agreement.review_date else ""
    return [
        (_("The person’s full name"), agreement.person_name),
        (_("How to refer to them"), agreement.known_as),
        (_("Pronouns"), str(agreement.get_pronouns_display())),
        (_("Local authority"), agreement.local_authority),
        (_("Provider"), agreement.provider),
        (_("Family members"), ", ".join(agreement.family_member_names)),
        (_("Review date"), review),
    ]


def _block_text(child) -> str:
    text = block_text(child.block, child.value)
    if child.block_type != "area":
        return text
    # Relevance and action dates are not searchable content, but they are changes a reader
    # must see.
    relevance = _("(relevant)") if child.value.get("relevant", True) else _("(not relevant)")
    dates = [
        action["by_when"].isoformat()
        for action in child.value.get("actions", [])
        if action.get("by_when")
    ]
    return " ".join([relevance, text, *dates])


def _heading(child, numbering: Numbering) -> str:
    title = child.value.get("title") or child.value.get("heading") or str(child.block.label)
    number = numbering.number(child.id)
    if child.block_type == "area":
        return _("Area %(number)s: %(title)s") % {"number": number, "title": title}
    return f"{number} {title}".strip()


def _section(heading: str, old_text: str, new_text: str) -> SectionComparison:
    if old_text == new_text:
        return SectionComparison(heading, UNCHANGED, [WordRun("equal", new_text)])
    return SectionComparison(heading, CHANGED, compare_words(old_text, new_text))


def compare_agreements(
    old: PersonalisedAgreement, new: PersonalisedAgreement
) -> list[SectionComparison]:
    """Each of the person's details, then each block of the newer revision in order, with
    blocks only the older one had shown at the end."""
    old_numbering, new_numbering = Numbering(old.body), Numbering(new.body)
    old_blocks = {child.id: child for child in old.body}
    new_ids = {child.id for child in new.body}
    sections = [
        _section(label, old_text, new_text)
        for (label, old_text), (_label, new_text) in zip(_details(old), _details(new), strict=True)
    ]
    for child in new.body:
        heading = _heading(child, new_numbering)
        if child.id in old_blocks:
            sections.append(
                _section(heading, _block_text(old_blocks[child.id]), _block_text(child))
            )
        else:
            sections.append(
                SectionComparison(heading, ADDED, [WordRun("insert", _block_text(child))])
            )
    sections.extend(
        SectionComparison(
            _heading(child, old_numbering), REMOVED, [WordRun("delete", _block_text(child))]
        )
        for child_id, child in old_blocks.items()
        if child_id not in new_ids
    )
    return sections

"""The history of a personalised agreement: its revisions, a word-level comparison of two of them,
and restoring an earlier one as a new revision.

The comparison reuses the template comparison's word diff (``agreements.comparison``): the
person's details first, then the body's blocks matched by block id, so a moved area is compared
with itself.
"""

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Revision

from . import agreeing, updates, updating
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
#: from before a template update was taken offers that update again, except the changes that
#: were declined, which stay declined (issue 11).
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


def revision_numbers(agreement: PersonalisedAgreement) -> dict[int, int]:
    """Each revision's number in this agreement (1 is the fork), by revision id: the numbers
    people read on every page, never the database's ids."""
    ids = agreement.revisions.order_by("created_at", "pk").values_list("pk", flat=True)
    return {revision_id: number for number, revision_id in enumerate(ids, start=1)}


def revision_or_404(agreement: PersonalisedAgreement, revision_id) -> Revision:
    try:
        return agreement.revisions.select_related("user").get(pk=revision_id)
    except (Revision.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing


def as_agreement(revision: Revision) -> PersonalisedAgreement:
    """The agreement as it was at this revision (not saved)."""
    return revision.as_object()


@dataclass
class Restored:
    revision: Revision  # the new revision, with the restored content
    agreed_revision: int | None  # the revision every party agreed to with this same content
    template_changes_offered: bool  # template changes taken since are offered again


@transaction.atomic
def restore_revision(agreement: PersonalisedAgreement, revision: Revision, user) -> Restored:
    """Make the content of an earlier revision the agreement's content again, as a new revision
    (logged as "wagtail.revert"). Nothing is lost: the revisions in between stay in the history.

    Consent is bound to content: when every party agreed to exactly this content (at the
    restored revision or any other), their agreement stands for the new revision too."""
    agreement = PersonalisedAgreement.objects.select_for_update().get(pk=agreement.pk)
    earlier = as_agreement(revision)
    version_now = agreement.source_version
    source_revision, source_version, declined, body = _template_state(agreement, earlier)
    for name in CONTENT_FIELDS:
        setattr(agreement, name, getattr(earlier, name))
    agreement.source_revision_id, agreement.source_version = source_revision, source_version
    agreement.declined_updates = declined
    agreement.body = body
    agreement.save()
    new = agreement.save_revision(
        user=user, log_action=True, previous_revision=revision, clean=False
    )
    agreed = agreeing.agreed_revision_with_content(
        agreement, agreeing.content_fingerprint(agreement), first=revision.pk
    )
    if agreed is not None:
        agreeing.carry_agreement(agreement, agreed, new, user)
    return Restored(new, agreed, template_changes_offered=source_version < version_now)


def _template_state(now: PersonalisedAgreement, earlier: PersonalisedAgreement):
    """The template version the restored content follows, the template changes declined, and
    the body to restore. The changes between the earlier version and today's that today's
    agreement does not have were declined (or kept out) when it took today's version: they
    stay declined. When nothing else between them is left to offer, the restored content
    follows today's version."""
    declined = {*(now.declined_updates or []), *(earlier.declined_updates or [])}
    body = list(earlier.body.raw_data)
    keep = (earlier.source_revision_id, earlier.source_version, sorted(declined), body)
    if (
        earlier.source_revision_id is None
        or now.source_revision_id is None
        or earlier.source_version >= now.source_version
    ):
        return keep
    bodies = Revision.objects.in_bulk([earlier.source_revision_id, now.source_revision_id])
    if len(bodies) != 2:
        return keep
    old = updating.revision_body(bodies[earlier.source_revision_id])
    new = updating.revision_body(bodies[now.source_revision_id])
    declined |= {change.key for change in updates.compare(old, new, list(now.body.raw_data))}
    if updates.Review(old, new, body, frozenset(declined)).changes:
        return (earlier.source_revision_id, earlier.source_version, sorted(declined), body)
    return (
        now.source_revision_id,
        now.source_version,
        list(now.declined_updates or []),
        updates.adopt_live_ids(old, new, body),
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

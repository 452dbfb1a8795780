"""Template updates for stored agreements: loading the two template versions, remembering
what the comparison of a pair of versions found, and saving a practitioner's decisions.

The comparison itself is ``personalised.updates.changes`` (no database). Template revisions never
change once published, so what a pair of them differ by is kept in the cache for good: "My
agreements" asks once per (source revision, live revision) pair on the page, not once per agreement.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import Revision

from agreements.blocks import AgreementBodyBlock
from agreements.numbering import validate_references
from personalised import audit
from personalised.concurrency import ChangedSinceOpened, unchanged_since_opened
from personalised.forking.blanks import take_new_declarations
from personalised.models import AgreementStatus, PersonalisedAgreement
from personalised.people.reopening import announce_if_reopened, members_who_agreed
from personalised.updates.changes import Change, Decision, Review, template_changes
from versioning.models import PageVersion

_CACHE_PREFIX = "agreements:template-changes"
# Kept in the process as well: a page of agreements then costs no cache round trip at all.
_known_pairs: dict["VersionPair", int] = {}
_KNOWN_PAIRS_LIMIT = 10_000


class VersionPair(NamedTuple):
    """The template revision an agreement follows and the live one, with when the live one was
    published: revision ids alone come round again after a rollback (in tests, on SQLite), and
    then name other revisions, so what was remembered about them must not answer."""

    source: int
    live: int
    published: str = ""


def revision_body(revision: Revision) -> list:
    """A template revision's body as raw stream data."""
    body = revision.content.get("body") or []
    return json.loads(body) if isinstance(body, str) else body


def live_revision_id(agreement: PersonalisedAgreement) -> int | None:
    template_page = agreement.source_page
    if template_page is None or not template_page.live:
        return None
    return template_page.live_revision_id


def _pair(agreement: PersonalisedAgreement) -> VersionPair | None:
    live = live_revision_id(agreement)
    source = agreement.source_revision_id
    if live is None or source is None or live == source:
        return None
    published = agreement.source_page.last_published_at
    return VersionPair(source, live, published.isoformat() if published else "")


def _cache_key(pair: VersionPair) -> str:
    return f"{_CACHE_PREFIX}:{pair.source}:{pair.live}:{pair.published}"


def change_counts(pairs: Iterable[tuple[int, int] | VersionPair]) -> dict[VersionPair, int]:
    """How many changes each (source revision, live revision) pair of template versions
    differs by: from memory, else the cache, else one query for all the revisions missing."""
    pairs = {VersionPair(*pair) for pair in pairs}
    counts = {pair: _known_pairs[pair] for pair in pairs if pair in _known_pairs}
    missing = pairs - counts.keys()
    if missing:
        cached = cache.get_many([_cache_key(pair) for pair in missing])
        for pair in list(missing):
            if _cache_key(pair) in cached:
                counts[pair] = cached[_cache_key(pair)]
                missing.discard(pair)
    if missing:
        ids = {revision for pair in missing for revision in (pair.source, pair.live)}
        bodies = {
            revision.pk: revision_body(revision)
            for revision in Revision.objects.filter(pk__in=ids).only("pk", "content")
        }
        found = {}
        for pair in missing:
            if pair.source in bodies and pair.live in bodies:
                found[pair] = len(template_changes(bodies[pair.source], bodies[pair.live]))
            else:
                found[pair] = 0
        cache.set_many({_cache_key(pair): count for pair, count in found.items()}, timeout=None)
        counts.update(found)
    if len(_known_pairs) > _KNOWN_PAIRS_LIMIT:
        _known_pairs.clear()
    _known_pairs.update(counts)
    return counts


def agreements_with_updates(agreements: Iterable[PersonalisedAgreement]) -> set[int]:
    """The ids of the agreements whose template has published changes they have not reviewed.
    The agreements need their ``source_page`` loaded (``select_related``)."""
    pairs = {agreement.pk: _pair(agreement) for agreement in agreements}
    counts = change_counts(pair for pair in pairs.values() if pair is not None)
    return {pk for pk, pair in pairs.items() if pair is not None and counts.get(pair)}


def has_updates(agreement: PersonalisedAgreement) -> bool:
    return agreement.pk in agreements_with_updates([agreement])


@dataclass
class AgreementUpdates:
    """What an agreement's template has published since the agreement was forked."""

    agreement: PersonalisedAgreement
    source_version: int
    live_version: int
    live_revision_id: int
    notes: list[PageVersion]
    review: Review

    @property
    def changes(self) -> list[Change]:
        return self.review.changes


def updates_for(agreement: PersonalisedAgreement) -> AgreementUpdates | None:
    """The template's changes since the agreement's source version, or None when there is
    nothing newer (or no template to compare with)."""
    pair = _pair(agreement)
    if pair is None:
        return None
    revisions = Revision.objects.in_bulk([pair.source, pair.live])
    if len(revisions) != 2:
        return None
    template_page = agreement.source_page
    notes = list(
        PageVersion.objects.filter(
            page_id=template_page.pk,
            number__gt=agreement.source_version,
            number__lte=template_page.version,
        ).order_by("number")
    )
    review = Review(
        source=revision_body(revisions[pair.source]),
        live=revision_body(revisions[pair.live]),
        current=list(agreement.body.raw_data),
        declined=frozenset(agreement.declined_updates or []),
    )
    return AgreementUpdates(
        agreement=agreement,
        source_version=agreement.source_version,
        live_version=template_page.version,
        live_revision_id=pair.live,
        notes=notes,
        review=review,
    )


class BrokenReferences(Exception):
    """The choices would leave a sentence referring to a clause the agreement no longer has."""


def _check_references(body: list) -> None:
    stream_block = AgreementBodyBlock()
    try:
        validate_references(stream_block.to_python(body))
    except ValidationError as error:
        raise BrokenReferences(
            _(
                "Nothing was changed: with these choices a sentence would refer to a clause "
                "this agreement no longer has. Take or decline the clause’s removal and the "
                "change to the sentence that refers to it together."
            )
        ) from error


@dataclass
class Outcome:
    agreement: PersonalisedAgreement
    decision: Decision
    was_agreed: bool
    recorded_version: int | None  # the template version now recorded, when every change is decided
    declined_any: bool = False  # some of the version's changes were declined, now or before

    @property
    def back_to_draft(self) -> bool:
        return self.was_agreed and bool(self.decision.accepted or self.decision.worded)


def take_updates(
    agreement: PersonalisedAgreement,
    *,
    user,
    based_on: int | None,
    live_revision: int | None,
    accepted: Iterable[str],
    declined: Iterable[str],
    combined: Iterable[tuple[str, str]] = (),
) -> Outcome:
    """Take the accepted changes (by token) into the agreement and remember the declined ones,
    if the agreement is still at revision ``based_on`` and the template at ``live_revision``
    (else ``concurrency.ChangedSinceOpened``).

    ``combined``: (token, wording) for conflicts the practitioner settled with their own wording,
    saved as theirs, and not offered again.

    Accepting any change saves a new revision (so an agreed agreement becomes a draft again);
    declining only does not change the agreement's content, so it makes no revision. When every
    change has been decided, the agreement records the live version as its source.
    """
    accepted, declined = set(accepted), set(declined)
    with unchanged_since_opened(agreement, based_on) as current:
        had_agreed = members_who_agreed(current, based_on)
        updates = updates_for(current)
        if updates is None or updates.live_revision_id != live_revision:
            raise ChangedSinceOpened(current, template_published=True)
        by_token = updates.review.by_token()
        worded = [(by_token[token], text) for token, text in combined if token in by_token]
        taken = accepted - {token for token, _text in combined}
        decision = updates.review.decide(
            [by_token[token] for token in taken if token in by_token],
            [by_token[token] for token in declined - accepted if token in by_token],
            worded,
        )
        was_agreed = current.status() != AgreementStatus.DRAFT
        declined_any = bool(decision.declined or decision.worded or current.declined_updates)
        fields = ["declined_updates", "updated_at"]
        recorded_version = None
        if decision.complete:
            current.source_revision_id = updates.live_revision_id
            current.source_version = updates.live_version
            current.declined_updates = []
            fields += ["source_revision", "source_version"]
            recorded_version = updates.live_version
        else:
            settled = [*decision.declined, *decision.worded]
            current.declined_updates = sorted(
                {*(current.declined_updates or []), *(change.key for change in settled)}
            )
        if decision.accepted or decision.worded:
            _check_references(decision.body)
            current.body = decision.body
            # The template text taken in may place a blank the template declared since.
            take_new_declarations(current, updates.live_revision_id)
            current.save()
            current.save_revision(user=user, log_action=True, clean=False)
            announce_if_reopened(current, based_on, had_agreed)
        elif decision.declined or decision.complete:
            if decision.complete and take_new_declarations(current, updates.live_revision_id):
                fields.append("blank_declarations")
            if decision.body is not updates.review.current:
                # Only ids changed (columns matched by party take the live version's): the
                # words are the same, so this is no new version for the parties to agree.
                current.body = decision.body
                fields.append("body")
            current.save(update_fields=fields)
        if decision.accepted or decision.declined or decision.worded or decision.complete:
            audit.record(
                current,
                audit.TEMPLATE_UPDATE,
                user,
                accepted=len(decision.accepted),
                declined=len(decision.declined),
                combined=len(decision.worded),
                from_version=updates.source_version,
                to_version=updates.live_version,
                complete=decision.complete,
            )
    return Outcome(current, decision, was_agreed, recorded_version, declined_any)

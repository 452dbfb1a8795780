"""What changed between two revisions of an agreement, in plain sentences for the people who
had agreed to the earlier one ("The review date changed.", "“Area 2: Resources” changed.").

Built on the one comparison of two revisions (``personalised.changes``), but told as a person
would say it: which part changed, not each word.
"""

from django.utils.translation import gettext as _
from wagtail.models import Revision

from personalised.changes import ADDED, REMOVED, UNCHANGED, compare_agreements
from personalised.models import PersonalisedAgreement

PERSON_FIELDS = ("person_name", "known_as", "pronouns")


def what_changed(
    agreement: PersonalisedAgreement, from_revision_id: int, to_revision_id: int
) -> list[str]:
    """Each change from one revision of ``agreement`` to a later one, one sentence each, in
    the agreement's order; [] when the words are the same (or either revision is not the
    agreement's)."""
    revisions = Revision.objects.in_bulk([from_revision_id, to_revision_id])
    before, after = revisions.get(from_revision_id), revisions.get(to_revision_id)
    if before is None or after is None:
        return []
    if {str(before.object_id), str(after.object_id)} != {str(agreement.pk)}:
        return []
    old, new = before.as_object(), after.as_object()
    return [*_detail_sentences(old, new), *_body_sentences(old, new)]


def _detail_sentences(old: PersonalisedAgreement, new: PersonalisedAgreement) -> list[str]:
    sentences = []
    if any(getattr(old, name) != getattr(new, name) for name in PERSON_FIELDS):
        sentences.append(_("%(name)s’s details changed.") % {"name": new.known_as})
    old_parties = {party.key: party for party in old.party_list()}
    for party in new.party_list():
        earlier = old_parties.pop(party.key, None)
        if earlier is None or earlier.names != party.names:
            sentences.append(_("Who is in the party “%(party)s” changed.") % {"party": party.label})
    for party in old_parties.values():
        sentences.append(_("The party “%(party)s” was removed.") % {"party": party.label})
    if old.blanks != new.blanks:
        sentences.append(_("Details filled in the agreement changed."))
    if old.review_date != new.review_date:
        sentences.append(_("The review date changed."))
    return sentences


def _body_sentences(old: PersonalisedAgreement, new: PersonalisedAgreement) -> list[str]:
    # The first section is the person and the parties, told above field by field.
    return [
        _sentence(section)
        for section in compare_agreements(old, new)[1:]
        if section.status != UNCHANGED
    ]


def _sentence(section) -> str:
    if section.status == ADDED:
        return _("“%(section)s” was added.") % {"section": section.heading}
    if section.status == REMOVED:
        return _("“%(section)s” was removed.") % {"section": section.heading}
    return _("“%(section)s” changed.") % {"section": section.heading}

"""The one guard against a stale save: editing, recording consent and taking template updates.

Every form that changes a personalised agreement carries the revision it was opened on
(``based_on``). :func:`unchanged_since_opened` locks the agreement's row (``select_for_update``,
inside one transaction) and lets the change go ahead only if that revision is still the latest;
otherwise it refuses with :class:`ChangedSinceOpened`, which carries the agreement as it is now
so the view can show what changed, with what the user typed. Two simultaneous saves based on the
same revision cannot both pass: the second waits for the first's lock, then finds a newer
revision.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction

from personalised.models import PersonalisedAgreement
from personalised.people.members import sync_members
from personalised.people.reopening import announce_if_reopened, members_who_agreed


class ChangedSinceOpened(Exception):
    """The agreement (or, for a template update, its template) changed after the page was
    opened: nothing was saved. ``current`` is the agreement as it is now."""

    def __init__(self, current: PersonalisedAgreement, *, template_published: bool = False):
        super().__init__(current.pk)
        self.current = current
        #: The template was published again, rather than the agreement saved by someone.
        self.template_published = template_published


@contextmanager
def unchanged_since_opened(
    agreement: PersonalisedAgreement, based_on: int | None
) -> Iterator[PersonalisedAgreement]:
    """Inside one transaction, the agreement locked and fresh from the database, if
    ``based_on`` is still its latest revision; else :class:`ChangedSinceOpened`."""
    with transaction.atomic():
        # No select_related: PostgreSQL cannot lock the nullable side of an outer join.
        current = PersonalisedAgreement.objects.select_for_update().get(pk=agreement.pk)
        if based_on is None or current.latest_revision_id != based_on:
            raise ChangedSinceOpened(current)
        yield current


def save_change(
    agreement: PersonalisedAgreement,
    based_on: int | None,
    user,
    change: Callable[[PersonalisedAgreement], None],
) -> PersonalisedAgreement:
    """Apply ``change`` to the agreement and save it as a new revision by ``user``, if
    ``based_on`` is still its latest revision. Returns the saved agreement (a fresh instance)."""
    with unchanged_since_opened(agreement, based_on) as current:
        agreed = members_who_agreed(current, current.latest_revision_id)
        change(current)
        current.full_clean()
        current.save()
        current.save_revision(user=user, log_action=True, clean=False)
        # The details form names the people in the parties: their members follow.
        sync_members(current)
        announce_if_reopened(current, based_on, agreed)
    return current

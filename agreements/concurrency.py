"""Saving a change to a personalised agreement without overwriting someone else's.

Every edit form carries the revision it was based on. A save locks the agreement's row
(``select_for_update``, inside one transaction) and goes ahead only if that revision is still the
latest; otherwise it is refused with :class:`StaleEdit`, which carries the agreement as it is now
so the view can show both versions. Two simultaneous saves based on the same revision cannot
both pass: the second waits for the first's lock, then finds a newer revision.
"""

from collections.abc import Callable

from django.db import transaction

from .models import PersonalisedAgreement


class StaleEdit(Exception):
    """The agreement has been saved by someone else since the form was opened."""

    def __init__(self, current: PersonalisedAgreement):
        super().__init__(current.pk)
        self.current = current


def save_change(
    agreement: PersonalisedAgreement,
    based_on: int | None,
    user,
    change: Callable[[PersonalisedAgreement], None],
) -> PersonalisedAgreement:
    """Apply ``change`` to the agreement and save it as a new revision by ``user``, if
    ``based_on`` is still its latest revision. Returns the saved agreement (a fresh instance)."""
    with transaction.atomic():
        # No select_related: PostgreSQL cannot lock the nullable side of an outer join.
        current = PersonalisedAgreement.objects.select_for_update().get(pk=agreement.pk)
        if based_on is None or current.latest_revision_id != based_on:
            raise StaleEdit(current)
        change(current)
        current.full_clean()
        current.save()
        current.save_revision(user=user, log_action=True, clean=False)
    return current

"""Deleting a personalised agreement: soft first, restorable for ``RESTORE_PERIOD``, then erased.

Erasure removes everything that holds the person's details: the agreement, every revision of it
(through ``RevisionMixin``'s generic relation, which cascades), the parties' agreements and the
shares. The audit log stays: its entries name the agreement by template title and number only.
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personalised import audit
from personalised.models import PersonalisedAgreement
from personalised.sharing import services as sharing
from security.printable import PrintableTextFormMixin


def soft_delete(agreement: PersonalisedAgreement, user) -> None:
    """Hide the agreement from everyone but its owner, who may restore it for 30 days."""
    if agreement.is_deleted:
        return
    agreement.deleted_at = timezone.now()
    # update_fields, so that updated_at (and so the list's order) says when it was last changed.
    agreement.save(update_fields=["deleted_at"])
    audit.record(agreement, audit.DELETE, user)


class RestoreForm(PrintableTextFormMixin, forms.Form):
    """Whether the people a deleted agreement was shared with get it back. Not unless the owner
    says so: weeks may have passed, and who may read about a person is decided afresh."""

    KEEP_PRIVATE = "keep_private"
    RESTORE = "restore"

    shares = forms.ChoiceField(
        label=_("Who will see it"),
        choices=[
            (KEEP_PRIVATE, _("Only me: I can share it again afterwards")),
            (RESTORE, _("Only me and the people it was shared with, as before")),
        ],
        initial=KEEP_PRIVATE,
        required=False,
        widget=forms.RadioSelect,
    )

    def restores_shares(self) -> bool:
        return self.is_valid() and self.cleaned_data["shares"] == self.RESTORE


@transaction.atomic
def restore(agreement: PersonalisedAgreement, user, *, with_shares: bool = False) -> None:
    """Undelete it; its shares come back only ``with_shares``, and are revoked otherwise. The
    log's entry says which, and how many shares there were."""
    if not agreement.is_deleted:
        return
    shares = list(sharing.active_shares(agreement))
    if not with_shares:
        for share in shares:
            sharing.revoke(share, by=user)
    agreement.deleted_at = None
    agreement.save(update_fields=["deleted_at"])
    if shares:
        audit.record(
            agreement, audit.RESTORE, user, shares=len(shares), shares_restored=with_shares
        )
    else:
        audit.record(agreement, audit.RESTORE, user)


def deleted_agreements(user):
    """The user's own deleted agreements that can still be restored, soonest erased first."""
    return PersonalisedAgreement.objects.deleted().filter(owner=user).order_by("deleted_at")


@dataclass(frozen=True)
class ErasureReport:
    erased: int
    dry_run: bool


def erase_due(now: datetime | None = None, *, dry_run: bool = False) -> ErasureReport:
    """Erase every agreement deleted more than ``RESTORE_PERIOD`` ago. Running it again erases
    nothing more: it is safe to run as often as a scheduler likes."""
    due = PersonalisedAgreement.objects.due_for_erasure(now)
    if dry_run:
        return ErasureReport(due.count(), dry_run=True)
    erased = 0
    for agreement in due.iterator():
        erase(agreement)
        erased += 1
    return ErasureReport(erased, dry_run=False)


@transaction.atomic
def erase(agreement: PersonalisedAgreement) -> None:
    """Erase one agreement for good (the log entry is written first: it needs the id)."""
    audit.record(agreement, audit.ERASE, None, deleted_at=agreement.deleted_at.isoformat())
    agreement.delete()

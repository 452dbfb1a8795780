"""A save that makes a new revision undoes the agreement of everyone who had agreed to the one
before: they are asked to agree again. The editing forms warn before (``reopening_warning``);
after the save commits, ``agreement_reopened`` is sent so that each of them can be told what
changed."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from personalised.models import PartyMember, PersonalisedAgreement
from personalised.people.signals import agreement_reopened


def members_who_agreed(
    agreement: PersonalisedAgreement, revision_id: int | None
) -> list[PartyMember]:
    """The active members who agreed to one revision."""
    if revision_id is None:
        return []
    return list(
        PartyMember.objects.active()
        .filter(agreement=agreement, consents__revision_id=revision_id)
        .distinct()
    )


def reopening_warning(agreement: PersonalisedAgreement) -> str:
    """What saving a change would undo, for the form to say before it is saved; "" when no
    one has agreed to the agreement as it is now."""
    count = len(members_who_agreed(agreement, agreement.latest_revision_id))
    if not count:
        return ""
    return ngettext(
        "%(count)d person has agreed to this version: saving will ask them to agree again.",
        "%(count)d people have agreed to this version: saving will ask them all to agree again.",
        count,
    ) % {"count": count}


CONFIRM_FIELD = "confirm_reopen"


def ask_to_confirm_reopening(form: forms.BaseForm, agreement: PersonalisedAgreement) -> None:
    """Add a required tick to an editing form when saving it would undo someone's agreement:
    the form says how many people agreed, and saves only once the editor has confirmed. Judged
    on the agreement as it is when the form is posted, so a consent recorded while the form
    was open is not undone unseen."""
    warning = reopening_warning(agreement)
    if not warning:
        return
    form.fields[CONFIRM_FIELD] = forms.BooleanField(
        label=_("Save it, and ask them to agree again"),
        help_text=warning,
        error_messages={
            "required": _(
                "Tick the box to confirm that everyone who agreed will be asked to agree "
                "again, or leave this page without saving."
            )
        },
    )


def announce_if_reopened(
    agreement: PersonalisedAgreement, agreed_revision_id: int | None, members: list[PartyMember]
) -> None:
    """Send ``agreement_reopened`` once the transaction commits, if anyone had agreed to the
    revision before the save and the new one does not carry their agreement."""
    if not members or agreement.latest_revision_id == agreed_revision_id:
        return
    still = set(
        agreement.consents.filter(revision_id=agreement.latest_revision_id).values_list(
            "member_id", flat=True
        )
    )
    reopened = [member for member in members if member.pk not in still]
    if not reopened:
        return
    transaction.on_commit(
        lambda: agreement_reopened.send(
            sender=PersonalisedAgreement,
            agreement=agreement,
            agreed_revision_id=agreed_revision_id,
            members=reopened,
        )
    )

"""When a change undoes agreement, each member who had agreed and has an email address is
emailed what changed, with a fresh link to read it and agree again."""

import logging

from personalised.invitations.services import CannotInvite, invite_by_email
from personalised.models import PersonalisedAgreement
from personalised.people.signals import agreement_reopened

logger = logging.getLogger(__name__)


def ask_to_agree_again(
    sender, agreement: PersonalisedAgreement, agreed_revision_id: int, members, **kwargs
) -> None:
    for member in members:
        if not member.email:
            continue  # the practitioner tells them: the people page says who has not agreed
        try:
            invite_by_email(member, None, changed_since=agreed_revision_id)
        except CannotInvite:
            logger.info("Member %s was not asked to agree again: removed meanwhile", member.pk)


def connect() -> None:
    agreement_reopened.connect(
        ask_to_agree_again, sender=PersonalisedAgreement, dispatch_uid="invitations.reopened"
    )

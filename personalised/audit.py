"""The audit log of personalised agreements: Wagtail's own (``wagtail.log_actions``).

Every view, change, share, export and deletion is logged with who did it. Wagtail keeps these as
``ModelLogEntry`` rows, which no admin view can edit. The entries name the agreement by its id and
title, never by the person it is about, so that they say nothing personal once it is erased.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from personalised.models import PersonalisedAgreement

VIEW = "agreements.view"
EXPORT = "agreements.export"
SHARE = "agreements.share"
UNSHARE = "agreements.unshare"
AGREE = "agreements.agree"
DELETE = "agreements.delete"
RESTORE = "agreements.restore"
ERASE = "agreements.erase"
FORK = "agreements.fork"
TEMPLATE_UPDATE = "agreements.template_update"
INVITE = "agreements.invite"
INVITE_REVOKE = "agreements.invite_revoke"
INVITATION_USED = "agreements.invitation_used"
COMMENT = "agreements.comment"
MEMBERS = "agreements.members"

ACTIONS = {
    FORK: (_("Forked from a template"), _("Forked from a template")),
    TEMPLATE_UPDATE: (_("Template update reviewed"), _("Template changes accepted or declined")),
    COMMENT: (_("Comment added"), _("A comment added")),
    MEMBERS: (_("People changed"), _("A party's people added, changed or removed")),
    VIEW: (_("Viewed"), _("Viewed")),
    EXPORT: (_("Exported"), _("Exported")),
    SHARE: (_("Shared"), _("Shared")),
    UNSHARE: (_("Sharing revoked"), _("Sharing revoked")),
    AGREE: (_("Agreement recorded"), _("A party member's agreement recorded")),
    DELETE: (_("Deleted (restorable)"), _("Deleted (restorable)")),
    RESTORE: (_("Restored"), _("Restored")),
    ERASE: (_("Erased"), _("Erased")),
    INVITE: (_("Invitation made"), _("A party member invited by email or letter")),
    INVITE_REVOKE: (_("Invitation revoked"), _("A party member's invitation revoked")),
    INVITATION_USED: (_("Invitation followed"), _("A party member followed their invitation")),
}


@hooks.register("register_log_actions")
def register_agreement_actions(actions) -> None:
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def record(agreement: PersonalisedAgreement, action: str, user, **data) -> None:
    """Log one action on an agreement by a user (``data``: small, never personal)."""
    log(instance=agreement, action=action, user=user, data=data or None)


def entries_for(agreement: PersonalisedAgreement):
    """The agreement's audit log, newest first."""
    return (
        ModelLogEntry.objects.for_instance(agreement).select_related("user").order_by("-timestamp")
    )

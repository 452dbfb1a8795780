"""Who may read the evidence: the editors and moderators who write the templates (and
superusers). Never practitioners, invitees or the public, though it names nobody."""

from accounts.practitioners import EDITORS, MODERATORS


def may_see_evidence(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=[EDITORS, MODERATORS]).exists()

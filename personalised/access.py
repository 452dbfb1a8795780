"""Who may do what with a personalised agreement, decided per object in every view and export.

- The owner may do everything: read, change, share, export, delete and restore, read the audit log.
- A practitioner it is shared with may read and export it, and change it if the share allows.
- Nobody else may know it exists: editors, moderators and administrators included. Views answer
  404 rather than 403, so that an agreement's address does not confirm there is one.
"""

from enum import Enum

from django.http import Http404, HttpRequest

from personalised.models import AgreementShare, PersonalisedAgreement, SharePermission


class Access(Enum):
    VIEW = "view"
    EDIT = "edit"
    MANAGE = "manage"  # share, delete, restore, read the audit log: the owner only


def access_of(user, agreement: PersonalisedAgreement) -> set[Access]:
    """What this user may do with this agreement (empty: nothing at all)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if agreement.owner_id == user.pk:
        if agreement.is_deleted:
            return {Access.MANAGE}  # only to restore it, or see it is gone
        return {Access.VIEW, Access.EDIT, Access.MANAGE}
    if agreement.is_deleted:
        return set()
    share = AgreementShare.objects.active().filter(agreement=agreement, user=user).first()
    if share is None:
        return set()
    if share.permission == SharePermission.EDIT:
        return {Access.VIEW, Access.EDIT}
    return {Access.VIEW}


def can(user, agreement: PersonalisedAgreement, access: Access) -> bool:
    return access in access_of(user, agreement)


def get_agreement_or_404(request: HttpRequest, uuid, access: Access) -> PersonalisedAgreement:
    """The agreement at this address if the signed-in user may do ``access`` with it; else 404."""
    try:
        agreement = PersonalisedAgreement.objects.select_related(
            "owner", "source_page", "latest_revision"
        ).get(uuid=uuid)
    except (PersonalisedAgreement.DoesNotExist, ValueError) as missing:
        raise Http404 from missing
    if not can(request.user, agreement, access):
        raise Http404
    return agreement

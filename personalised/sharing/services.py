"""Sharing a personalised agreement with another practitioner, changing what they may do, and
revoking it. Access is read from the active shares on every request, so a change takes effect on
the collaborator's next page."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.practitioners import PRACTITIONERS
from personalised import audit
from personalised.models import AgreementShare, PersonalisedAgreement, SharePermission
from security.printable import PrintableTextFormMixin


def find_practitioners(username_or_email: str) -> list:
    """The active practitioners with this username or email address (any case): one, none,
    or (two accounts with one email address) more."""
    value = username_or_email.strip()
    users = get_user_model().objects.filter(
        Q(username__iexact=value) | Q(email__iexact=value),
        is_active=True,
        groups__name=PRACTITIONERS,
    )
    return list(users.distinct()[:2])


class ShareForm(PrintableTextFormMixin, forms.Form):
    """Who to share with. The form answers the same whether or not the name is a practitioner's
    (``cleaned_data["who"]`` is then None and nothing is shared), so that it cannot be used to
    find out who has an account; the owner sees the real shares in the list above it."""

    who = forms.CharField(
        label=_("Practitioner's username or email address"),
        max_length=254,
        help_text=_(
            "They must already have a practitioner's account. If they are not listed under "
            "“Shared with” afterwards, check their username with them."
        ),
    )
    permission = forms.ChoiceField(
        label=_("They can"),
        choices=SharePermission.choices,
        initial=SharePermission.VIEW,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, agreement: PersonalisedAgreement, allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.allowed = allowed  # False: over the share form's rate limit

    def clean_who(self):
        if not self.allowed:
            minutes = settings.RATE_LIMITS["share"]["seconds"] // 60
            raise forms.ValidationError(
                ngettext(
                    "You have tried to share too often. Try again in %(minutes)s minute.",
                    "You have tried to share too often. Try again in %(minutes)s minutes.",
                    minutes,
                ),
                code="rate_limited",
                params={"minutes": minutes},
            )
        found = find_practitioners(self.cleaned_data["who"])
        if len(found) != 1:
            # Nobody, or two accounts with one email address: either way, say no more than
            # for a real practitioner, and share with nobody.
            return None
        user = found[0]
        if user.pk == self.agreement.owner_id:
            raise forms.ValidationError(
                _("This is your own agreement: you do not need to share it with yourself."),
                code="yourself",
            )
        if AgreementShare.objects.active().filter(agreement=self.agreement, user=user).exists():
            # They are in the list of shares already: this tells the owner nothing new.
            raise forms.ValidationError(
                _("It is already shared with them. Change what they can do below."),
                code="already_shared",
            )
        return user


class ShareChangeForm(PrintableTextFormMixin, forms.Form):
    permission = forms.ChoiceField(
        label=_("They can"), choices=SharePermission.choices, required=False
    )
    revoke = forms.BooleanField(required=False)


def share(agreement: PersonalisedAgreement, user, permission: str, by) -> AgreementShare:
    created = AgreementShare.objects.create(
        agreement=agreement, user=user, permission=permission, created_by=by
    )
    audit.record(agreement, audit.SHARE, by, practitioner=user.pk, permission=permission)
    return created


def change_permission(share_: AgreementShare, permission: str, by) -> None:
    if share_.permission == permission:
        return
    share_.permission = permission
    share_.save(update_fields=["permission"])
    audit.record(
        share_.agreement, audit.SHARE, by, practitioner=share_.user_id, permission=permission
    )


def revoke(share_: AgreementShare, by) -> None:
    share_.revoked_at = timezone.now()
    share_.save(update_fields=["revoked_at"])
    audit.record(share_.agreement, audit.UNSHARE, by, practitioner=share_.user_id)


def active_shares(agreement: PersonalisedAgreement):
    return AgreementShare.objects.active().filter(agreement=agreement).select_related("user")

"""The record-agreement page's form: each person in each party who has not agreed to this
version yet, recorded for themselves, in person on this device or from a paper record.

A party with no one in it yet (an organisation whose staff are not added) is asked who agreed
for it: recording it adds them to the party. Names already given are kept: a person's typed
name starts as what they typed last time, or their name."""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personalised.editing.forms import BasedOnMixin, DateInput
from personalised.models import (
    AgreementParty,
    ConsentMethod,
    PartyConsent,
    PartyMember,
    PersonalisedAgreement,
)

#: How the practitioner records someone's agreement on this page (by link is the invitee's own).
PAGE_METHODS = [
    (ConsentMethod.IN_PERSON, _("In person, on this device: they read it and ticked the box")),
    (ConsentMethod.RECORDED, _("From a signed paper copy, or as they told me")),
]


@dataclass
class MemberRow:
    party: AgreementParty
    member: PartyMember | None  # None: no one in the party yet; who agreed is asked
    prefix: str

    def field(self, name: str) -> str:
        return f"{self.prefix}-{name}"


@dataclass
class Recorded:
    """One consent the form records."""

    party: str
    member: PartyMember | None
    typed_name: str
    agreed_on: datetime.date
    method: str
    supported_by: str


class ConsentForm(BasedOnMixin):
    def __init__(
        self,
        *args,
        agreement: PersonalisedAgreement,
        consents: dict[int, PartyConsent],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.initial.setdefault("based_on", agreement.latest_revision_id)
        self.rows: list[MemberRow] = []
        members = agreement.active_members()
        last_typed = _last_typed_names(agreement)
        for party in agreement.party_list():
            in_party = [member for member in members if member.party == party.key]
            if not in_party:
                self._add_signatory_row(party)
                continue
            for member in in_party:
                if member.pk not in consents:
                    self._add_member_row(party, member, last_typed.get(member.pk, member.name))

    def _add_signatory_row(self, party: AgreementParty) -> None:
        row = MemberRow(party, None, party.key)
        self.fields[row.field("agreed_by")] = forms.CharField(
            label=_("Who agreed for %(party)s") % {"party": party.label},
            max_length=120,
            required=False,
            help_text=_("Their name. Leave blank if they have not agreed yet."),
        )
        self._add_common_fields(row)
        self.rows.append(row)

    def _add_member_row(self, party: AgreementParty, member: PartyMember, typed: str) -> None:
        row = MemberRow(party, member, f"member-{member.uuid}")
        self.fields[row.field("agreed")] = forms.BooleanField(
            label=_("%(name)s agrees to this version") % {"name": member.name},
            required=False,
        )
        self.fields[row.field("agreed_by")] = forms.CharField(
            label=_("Their name, as they sign it"),
            max_length=120,
            required=False,
            initial=typed,
        )
        self._add_common_fields(row)
        self.rows.append(row)

    def _add_common_fields(self, row: MemberRow) -> None:
        self.fields[row.field("agreed_on")] = forms.DateField(
            label=_("Date they agreed"),
            required=False,
            widget=DateInput,
            initial=timezone.localdate,
        )
        self.fields[row.field("method")] = forms.ChoiceField(
            label=_("How they agreed"),
            choices=PAGE_METHODS,
            initial=ConsentMethod.RECORDED,
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields[row.field("supported_by")] = forms.CharField(
            label=_("With support from (optional)"),
            max_length=120,
            required=False,
            help_text=_("The name of anyone who helped them read and agree."),
        )

    @property
    def pending(self) -> list[MemberRow]:
        return self.rows

    def _agreed(self, row: MemberRow, data: dict) -> bool:
        if row.member is None:
            return bool(data.get(row.field("agreed_by")))
        return bool(data.get(row.field("agreed")))

    def clean(self):
        cleaned_data = super().clean()
        today = timezone.localdate()
        created = timezone.localdate(self.agreement.created_at)
        for row in self.rows:
            if not self._agreed(row, cleaned_data):
                continue
            if not cleaned_data.get(row.field("agreed_by")) and row.field("agreed_by") not in (
                self.errors
            ):
                self.add_error(row.field("agreed_by"), _("Enter their name as they sign it."))
            when = cleaned_data.get(row.field("agreed_on"))
            if when is None and row.field("agreed_on") not in self.errors:
                self.add_error(row.field("agreed_on"), _("Enter the date they agreed."))
            elif when is not None and when > today:
                self.add_error(
                    row.field("agreed_on"), _("The date they agreed cannot be in the future.")
                )
            elif when is not None and when < created:
                self.add_error(
                    row.field("agreed_on"),
                    _("The date they agreed cannot be before the agreement was made."),
                )
        if not self.errors and not self.recorded():
            raise ValidationError(_("Record the agreement of at least one person."))
        return cleaned_data

    def pending_rows(self) -> list[dict]:
        return [
            {
                "party": row.party,
                "member": row.member,
                "name": row.member.name if row.member else row.party.who,
                "agreed": self[row.field("agreed")] if row.member else None,
                "who": self[row.field("agreed_by")],
                "when": self[row.field("agreed_on")],
                "method": self[row.field("method")],
                "supported_by": self[row.field("supported_by")],
            }
            for row in self.rows
        ]

    def recorded(self) -> list[Recorded]:
        data = getattr(self, "cleaned_data", {})
        return [
            Recorded(
                party=row.party.key,
                member=row.member,
                typed_name=data[row.field("agreed_by")],
                agreed_on=data[row.field("agreed_on")],
                method=data.get(row.field("method")) or ConsentMethod.RECORDED,
                supported_by=data.get(row.field("supported_by")) or "",
            )
            for row in self.rows
            if self._agreed(row, data) and data.get(row.field("agreed_by"))
        ]


def _last_typed_names(agreement: PersonalisedAgreement) -> dict[int, str]:
    """What each member typed when they last agreed: asked again after a change, it is kept."""
    names: dict[int, str] = {}
    for record in agreement.consents.filter(member__isnull=False).order_by("recorded_at", "pk"):
        names[record.member_id] = record.agreed_by
    return names

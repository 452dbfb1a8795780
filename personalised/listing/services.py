"""'My agreements': the agreements a practitioner owns or has been shared, filtered and paginated.

The status of each agreement is computed in the database (the same rule as
``PersonalisedAgreement.status``), so that the list can be filtered by it and a page of 20 costs the
same few queries whatever the number of agreements.
"""

from datetime import date

from django import forms
from django.db import models
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.ids import IdChoiceField
from agreements.models import TemplatePage
from personalised.models import (
    AgreementShare,
    AgreementStatus,
    PartyConsent,
    PartyMember,
    PersonalisedAgreement,
)
from security.printable import PrintableTextFormMixin

PER_PAGE = 20


class Whose(models.TextChoices):
    ALL = "", _("Mine and shared with me")
    MINE = "mine", _("Mine")
    SHARED = "shared", _("Shared with me")


def listed_agreements(user, today: date | None = None) -> QuerySet[PersonalisedAgreement]:
    """The user's visible agreements, each annotated with ``list_status`` (an
    ``AgreementStatus`` value) and ``share_permission`` (the user's share, or None if theirs)."""
    today = today or timezone.localdate()
    # Agreed: every party has someone in it, and no one in any party has yet to agree to
    # the latest revision (PersonalisedAgreement.status, in SQL).
    people = PartyMember.objects.filter(agreement=OuterRef("pk"), removed_at__isnull=True)
    parties_with_people = (
        people.order_by()
        .values("agreement")
        .annotate(parties=Count("party", distinct=True))
        .values("parties")
    )
    waiting = people.filter(
        ~Exists(
            PartyConsent.objects.filter(
                member=OuterRef("pk"), revision_id=OuterRef(OuterRef("latest_revision_id"))
            )
        )
    )
    share = AgreementShare.objects.active().filter(agreement=OuterRef("pk"), user=user)
    return (
        PersonalisedAgreement.objects.visible_to(user)
        .select_related("owner", "source_page")
        .annotate(
            parties_with_people=Coalesce(
                Subquery(parties_with_people, output_field=IntegerField()), 0
            ),
            someone_waiting=Exists(waiting),
            share_permission=Subquery(share.values("permission")[:1]),
        )
        .annotate(
            list_status=Case(
                # Each agreement has its own number of parties; one with none is never agreed.
                When(
                    Q(party_count=0)
                    | Q(parties_with_people__lt=F("party_count"))
                    | Q(someone_waiting=True),
                    then=Value(AgreementStatus.DRAFT),
                ),
                When(review_date__lte=today, then=Value(AgreementStatus.REVIEW_DUE)),
                default=Value(AgreementStatus.AGREED),
                output_field=CharField(),
            )
        )
        .order_by("-updated_at", "-pk")
    )


class AgreementFilterForm(PrintableTextFormMixin, forms.Form):
    """The list's filters: a GET form, so it works without JavaScript and can be bookmarked."""

    q = forms.CharField(
        label=_("Person's name"),
        required=False,
        max_length=120,
        help_text=_("Part of their full name or the name the agreement uses for them."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *AgreementStatus.choices],
    )
    template = IdChoiceField(
        label=_("Template"),
        required=False,
        queryset=TemplatePage.objects.none(),
        empty_label=_("Any template"),
    )
    whose = forms.ChoiceField(label=_("Whose"), required=False, choices=Whose.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        used = PersonalisedAgreement.objects.visible_to(user).values("source_page")
        self.fields["template"].queryset = TemplatePage.objects.filter(pk__in=used).order_by(
            "title"
        )

    def filter(self, agreements: QuerySet[PersonalisedAgreement], user) -> QuerySet:
        """The agreements that match the valid filters (invalid ones are ignored, and shown as
        errors at their field)."""
        if not self.is_bound or not self.is_valid():
            return agreements
        data = self.cleaned_data
        if data["q"]:
            agreements = agreements.filter(
                Q(person_name__icontains=data["q"]) | Q(known_as__icontains=data["q"])
            )
        if data["status"]:
            agreements = agreements.filter(list_status=data["status"])
        if data["template"]:
            agreements = agreements.filter(source_page=data["template"])
        if data["whose"] == Whose.MINE:
            agreements = agreements.filter(owner=user)
        elif data["whose"] == Whose.SHARED:
            agreements = agreements.exclude(owner=user)
        return agreements

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())

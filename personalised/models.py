"""Personalised agreements: a practitioner's private fork of one template version for one person.

They hold health and care data about vulnerable adults, so they are not Wagtail pages: they are
never in the page tree, the search index or a sitemap. Every save is a Wagtail revision (history,
comparison, restore); every view, change, share, export and deletion goes to Wagtail's audit log
(see ``personalised.audit``). Who may see or change one is decided in ``personalised.access``.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import RevisionMixin

from agreements.blanks import FilledBlanks
from agreements.blocks import AgreementBodyBlock
from agreements.personalising import Pronouns

#: How long a deleted agreement can be restored before `erase_deleted_agreements` erases it.
RESTORE_PERIOD = timedelta(days=30)


class PartyKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    PEOPLE = "people", _("People")


@dataclass(frozen=True)
class AgreementParty:
    """One party of an agreement, as its template declared it when it was forked, with who
    they are in this agreement: an organisation's name, or each person's name (the person
    first in a party that includes them)."""

    key: str
    name: str
    kind: str = PartyKind.ORGANISATION
    includes_the_person: bool = False
    names: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: dict) -> "AgreementParty":
        return cls(
            key=str(data.get("key") or ""),
            name=str(data.get("name") or ""),
            kind=str(data.get("kind") or PartyKind.ORGANISATION),
            includes_the_person=bool(data.get("includes_the_person")),
            names=tuple(str(name) for name in data.get("names") or ()),
        )

    def as_data(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "includes_the_person": self.includes_the_person,
            "names": list(self.names),
        }

    @property
    def label(self) -> str:
        return self.name or self.key

    @property
    def who(self) -> str:
        """Who the party is in this agreement, for headings and signature blocks."""
        return ", ".join(name for name in self.names if name.strip())

    @property
    def other_names(self) -> list[str]:
        """The names the forms ask for: everyone but the person, who is asked for once."""
        return list(self.names[1:] if self.includes_the_person else self.names)


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    REVIEW_DUE = "review-due", _("Review due")


class SharePermission(models.TextChoices):
    VIEW = "view", _("Can view")
    EDIT = "edit", _("Can edit")


class PersonalisedAgreementQuerySet(models.QuerySet):
    def active(self) -> "PersonalisedAgreementQuerySet":
        return self.filter(deleted_at__isnull=True)

    def deleted(self) -> "PersonalisedAgreementQuerySet":
        return self.filter(deleted_at__isnull=False)

    def visible_to(self, user) -> "PersonalisedAgreementQuerySet":
        """Active agreements the user owns or has been shared (and not since revoked)."""
        if not user.is_authenticated:
            return self.none()
        shared = AgreementShare.objects.active().filter(user=user).values("agreement_id")
        return self.active().filter(Q(owner=user) | Q(pk__in=shared))

    def due_for_erasure(self, now=None) -> "PersonalisedAgreementQuerySet":
        now = now or timezone.now()
        return self.filter(deleted_at__lte=now - RESTORE_PERIOD)


class PersonalisedAgreement(RevisionMixin, models.Model):
    #: The details about the person and the parties that the "Use this template" and details
    #: forms ask for; what is agreed to and what a revision restores both start from these.
    PERSON_DETAIL_FIELDS = (
        "person_name",
        "known_as",
        "pronouns",
        "parties",
        "blanks",
        "blank_declarations",
    )

    # URLs use this, never the sequential id, so that one agreement's address says nothing about
    # how many others there are or where to find them.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personalised_agreements",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=255)

    source_page = models.ForeignKey(
        "agreements.TemplatePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="personalised_agreements",
        verbose_name=_("template"),
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("template revision"),
        help_text=_("The published revision of the template this agreement was forked from."),
    )
    source_version = models.PositiveIntegerField(_("template version"), default=0)
    # Keys of template changes (personalised.updates.changes.Change.key) the practitioner
    # declined while reviewing an update they have not finished, so that they are not offered again.
    declined_updates = models.JSONField(default=list, blank=True, editable=False)
    language = models.CharField(
        _("language"),
        max_length=35,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the template version it was forked from."),
    )

    person_name = models.CharField(_("the person's full name"), max_length=120)
    known_as = models.CharField(
        _("how to refer to them"),
        max_length=60,
        help_text=_("The name the agreement uses for them, such as 'Sam'."),
    )
    pronouns = models.CharField(
        _("pronouns"), max_length=10, choices=Pronouns.choices, default=Pronouns.THEY
    )
    # The template's declared parties when it was forked, each with who they are in this
    # agreement: [{"key", "name", "kind", "includes_the_person", "names"}] (see AgreementParty).
    parties = models.JSONField(_("parties"), default=list, blank=True)
    # How many parties there are, kept in step on save: the listing's status counts each
    # agreement's consents against it in SQL.
    party_count = models.PositiveSmallIntegerField(default=0, editable=False)

    # The template's other blanks, filled in: {key: value}, each value a string (an ISO date,
    # a decimal amount of money, an address one line per line). A blank not filled in is not
    # there: the agreement shows it as a gap with its label.
    blanks = models.JSONField(_("blanks"), default=dict, blank=True)
    # The template's declarations of its blanks as they were when it was forked (list of
    # {key, label, kind, help_text, required, choices}): they say how each value reads, and
    # what the details form asks for, whatever the template declares since.
    blank_declarations = models.JSONField(default=list, blank=True, editable=False)

    body = StreamField(AgreementBodyBlock(), blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PersonalisedAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("personalised agreement")
        db_table = "agreements_personalisedagreement"  # made by the agreements app before the move
        indexes = [
            models.Index(
                fields=["owner", "deleted_at", "-updated_at"], name="agreement_owner_recent"
            )
        ]

    def __str__(self) -> str:
        # Also the label of its audit log entries and revisions' object_str: so the template's
        # title and a number, never the person's name, which must go when it is erased.
        return f"{self.title} (agreement {self.pk})"

    def save(self, *args, **kwargs):
        self.keep_parties_in_step()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "parties", "party_count"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", kwargs={"uuid": self.uuid})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def erase_after(self):
        return self.deleted_at + RESTORE_PERIOD if self.deleted_at else None

    def keep_parties_in_step(self) -> None:
        """The person is the first name of a party that includes them, whatever their name
        is now; and ``party_count`` counts the parties."""
        parties = []
        for data in self.parties or []:
            party = AgreementParty.from_data(data)
            if party.includes_the_person:
                party = replace(party, names=(self.person_name, *party.other_names))
            parties.append(party.as_data())
        self.parties = parties
        self.party_count = len(parties)

    def party_list(self) -> list[AgreementParty]:
        """The agreement's parties, in the template's order."""
        return [AgreementParty.from_data(data) for data in self.parties or []]

    def party_keys(self) -> list[str]:
        return [party.key for party in self.party_list()]

    def party(self, key: str) -> AgreementParty | None:
        return next((party for party in self.party_list() if party.key == key), None)

    def party_name(self, key: str) -> str:
        """Who a party is in this agreement, for headings and signature blocks."""
        party = self.party(key)
        return party.who if party else ""

    def party_label(self, key: str) -> str:
        """The party's role as the template named it ("Local Authority"); its key if the
        agreement no longer has it (a consent recorded before)."""
        party = self.party(key)
        return party.label if party else key

    def filled_blanks(self) -> FilledBlanks:
        """The agreement's blanks as they read (agreements.blanks.FilledBlanks), kept until
        the values, the declarations or the language change."""
        key = (self.language, repr(self.blanks), repr(self.blank_declarations))
        cached = getattr(self, "_filled_blanks", None)
        if cached is None or cached[0] != key:
            cached = (key, FilledBlanks.for_agreement(self))
            self._filled_blanks = cached
        return cached[1]

    def blank_items(self) -> list[tuple[str, str]]:
        """Each blank the details form asks for, as (label, value as it reads, or "—")."""
        filled = self.filled_blanks()
        return [
            (blank.label or key, filled.text(key) or "—")
            for key, blank in filled.declarations.items()
            if not blank.is_person_name
        ]

    def areas(self):
        return [child for child in self.body if child.block_type == "area"]

    def relevant_areas(self):
        return [child for child in self.areas() if child.value.get("relevant", True)]

    # Agreement by the parties --------------------------------------------------------------

    def current_consents(self) -> dict[str, "PartyConsent"]:
        """Each party's consent to the agreement as it is now (its latest revision)."""
        if self.latest_revision_id is None:
            return {}
        return {
            record.party: record
            for record in self.consents.all()
            if record.revision_id == self.latest_revision_id
        }

    def every_party_agreed(self, keys) -> bool:
        """Whether the parties who agreed (``keys``) are every party of this agreement (an
        agreement without parties is never agreed)."""
        parties = set(self.party_keys())
        return bool(parties) and set(keys) >= parties

    def last_agreed_revision_id(self) -> int | None:
        """The revision every party last agreed to, if they ever all did."""
        by_revision: dict[int, set[str]] = {}
        for record in self.consents.all():
            by_revision.setdefault(record.revision_id, set()).add(record.party)
        agreed = [
            revision for revision, agreed in by_revision.items() if self.every_party_agreed(agreed)
        ]
        return max(agreed) if agreed else None

    def status(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if not self.every_party_agreed(self.current_consents()):
            return AgreementStatus.DRAFT
        if self.review_date and self.review_date <= today:
            return AgreementStatus.REVIEW_DUE
        return AgreementStatus.AGREED

    def status_label(self) -> str:
        return AgreementStatus(self.status()).label

    def changed_since_agreed(self) -> bool:
        """It was agreed by every party, and has changed since: so it is a draft again."""
        agreed = self.last_agreed_revision_id()
        return agreed is not None and agreed != self.latest_revision_id


class PartyConsent(models.Model):
    """One party's recorded consent to one revision of a personalised agreement."""

    agreement = models.ForeignKey(
        PersonalisedAgreement, on_delete=models.CASCADE, related_name="consents"
    )
    # The key of one of the agreement's parties (PersonalisedAgreement.parties).
    party = models.CharField(_("party"), max_length=50)
    agreed_by = models.CharField(
        _("who agreed"), max_length=255, help_text=_("The name of the person who agreed.")
    )
    agreed_on = models.DateField(_("date agreed"))
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party", "revision"], name="one_agreement_per_party_revision"
            )
        ]
        verbose_name = _("party's consent")
        # Made by the agreements app as PartyAgreement, before the move and the rename.
        db_table = "agreements_partyagreement"

    def __str__(self) -> str:
        return f"{self.party_label}: {self.agreed_by} on {self.agreed_on}"

    @property
    def party_label(self) -> str:
        """The party's role as the agreement's template named it."""
        return self.agreement.party_label(self.party)


class AgreementShareQuerySet(models.QuerySet):
    def active(self) -> "AgreementShareQuerySet":
        return self.filter(revoked_at__isnull=True)


class AgreementShare(models.Model):
    """The owner lets another practitioner view or edit one agreement, until revoked."""

    agreement = models.ForeignKey(
        PersonalisedAgreement, on_delete=models.CASCADE, related_name="shares"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agreement_shares",
        verbose_name=_("practitioner"),
    )
    permission = models.CharField(_("permission"), max_length=10, choices=SharePermission.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AgreementShareQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_share_per_practitioner",
            )
        ]
        verbose_name = _("share")
        db_table = "agreements_agreementshare"  # made by the agreements app before the move

    def __str__(self) -> str:
        return f"{self.agreement_id} shared with {self.user_id} ({self.permission})"

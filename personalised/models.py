"""Personalised agreements: a practitioner's private fork of one template version for one person.

They hold health and care data about vulnerable adults, so they are not Wagtail pages: they are
never in the page tree, the search index or a sitemap. Every save is a Wagtail revision (history,
comparison, restore); every view, change, share, export and deletion goes to Wagtail's audit log
(see ``personalised.audit``). Who may see or change one is decided in ``personalised.access``.
"""

import uuid
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


class Party(models.TextChoices):
    """The three parties who agree a personalised agreement."""

    LOCAL_AUTHORITY = "local-authority", _("Local authority")
    PROVIDER = "provider", _("Provider")
    PERSON = "person", _("Person and family")


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
        "local_authority",
        "provider",
        "family_members",
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
    local_authority = models.CharField(_("local authority"), max_length=255)
    provider = models.CharField(_("provider"), max_length=255)
    family_members = models.TextField(
        _("family members"),
        max_length=1000,
        blank=True,
        help_text=_("One name per line."),
    )

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

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", kwargs={"uuid": self.uuid})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def erase_after(self):
        return self.deleted_at + RESTORE_PERIOD if self.deleted_at else None

    @property
    def family_member_names(self) -> list[str]:
        return [line.strip() for line in self.family_members.splitlines() if line.strip()]

    def party_name(self, party: str) -> str:
        """Who a party is in this agreement, for headings and signature blocks."""
        if party == Party.LOCAL_AUTHORITY:
            return self.local_authority
        if party == Party.PROVIDER:
            return self.provider
        return ", ".join([self.person_name, *self.family_member_names])

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

    def last_agreed_revision_id(self) -> int | None:
        """The revision every party last agreed to, if they ever all did."""
        parties = {choice.value for choice in Party}
        by_revision: dict[int, set[str]] = {}
        for record in self.consents.all():
            by_revision.setdefault(record.revision_id, set()).add(record.party)
        agreed = [revision for revision, agreed in by_revision.items() if agreed >= parties]
        return max(agreed) if agreed else None

    def status(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if len(self.current_consents()) < len(Party.choices):
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
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
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
        return f"{self.get_party_display()}: {self.agreed_by} on {self.agreed_on}"


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

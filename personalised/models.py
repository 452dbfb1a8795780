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
from personalised.exports.formats import CopyFormat

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

    def active_members(self) -> list["PartyMember"]:
        """The people in the agreement's parties now, in order (prefetch ``members`` to save a
        query per agreement)."""
        return [member for member in self.members.all() if member.removed_at is None]

    def agreed_party_keys(self, records) -> set[str]:
        """The parties whose every active member consented in ``records`` (consents to one
        revision): a party with no one in it has not agreed."""
        consented = {record.member_id for record in records if record.member_id is not None}
        by_party: dict[str, list[int]] = {}
        for member in self.active_members():
            by_party.setdefault(member.party, []).append(member.pk)
        return {
            party
            for party, member_ids in by_party.items()
            if member_ids and consented.issuperset(member_ids)
        }

    def consents_to(self, revision_id: int | None) -> list["PartyConsent"]:
        """Every member's consent to one revision, in the order they were recorded."""
        if revision_id is None:
            return []
        return [record for record in self.consents.all() if record.revision_id == revision_id]

    def current_member_consents(self) -> dict[int, "PartyConsent"]:
        """Each member's consent to the agreement as it is now (its latest revision), by
        member id."""
        return {
            record.member_id: record
            for record in self.consents_to(self.latest_revision_id)
            if record.member_id is not None
        }

    def current_consents(self) -> dict[str, "PartyConsent"]:
        """Each party that has agreed to the agreement as it is now (its latest revision),
        with its first member's consent: a party has agreed when everyone in it has."""
        records = self.consents_to(self.latest_revision_id)
        agreed = self.agreed_party_keys(records)
        by_party: dict[str, PartyConsent] = {}
        for record in records:
            if record.party in agreed:
                by_party.setdefault(record.party, record)
        return by_party

    def every_party_agreed(self, keys) -> bool:
        """Whether the parties who agreed (``keys``) are every party of this agreement (an
        agreement without parties is never agreed)."""
        parties = set(self.party_keys())
        return bool(parties) and set(keys) >= parties

    def last_agreed_revision_id(self) -> int | None:
        """The revision every party last agreed to, if they ever all did."""
        by_revision: dict[int, list[PartyConsent]] = {}
        for record in self.consents.all():
            by_revision.setdefault(record.revision_id, []).append(record)
        agreed = [
            revision
            for revision, records in by_revision.items()
            if self.every_party_agreed(self.agreed_party_keys(records))
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


class PartyMemberQuerySet(models.QuerySet):
    def active(self) -> "PartyMemberQuerySet":
        return self.filter(removed_at__isnull=True)


class PartyMember(models.Model):
    """One named person in one party of an agreement: the person, a family member, an
    advocate, a provider's manager, a council's officer. Each records their own consent.

    Removing someone keeps their row (``removed_at``), so that the record of what they agreed
    to stays; they are erased with the agreement."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(
        PersonalisedAgreement, on_delete=models.CASCADE, related_name="members"
    )
    # The key of one of the agreement's parties (PersonalisedAgreement.parties).
    party = models.CharField(_("party"), max_length=50)
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_("Who they are in the party, such as 'Mother', 'Advocate' or 'Team manager'."),
    )
    is_the_person = models.BooleanField(default=False, editable=False)
    email = models.EmailField(_("email address"), blank=True)
    # The language and form they read the agreement in; "" is the agreement's own language.
    language = models.CharField(_("language"), max_length=35, blank=True)
    preferred_format = models.CharField(
        _("how they like to read it"),
        max_length=20,
        choices=CopyFormat.choices,
        default=CopyFormat.STANDARD,
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PartyMemberQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["agreement", "removed_at"], name="member_agreement_active")]
        verbose_name = _("party member")

    def __str__(self) -> str:
        # Audit entries and logs name the member by number, never by name.
        return f"member {self.pk} of agreement {self.agreement_id}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class ConsentMethod(models.TextChoices):
    BY_LINK = "by-link", _("Themselves, by their invitation link")
    IN_PERSON = "in-person", _("In person, on the practitioner's device")
    RECORDED = "recorded", _("Recorded by the practitioner")


class PartyConsent(models.Model):
    """One party member's recorded consent to one revision of a personalised agreement: an
    electronic signature (typed name, the tick, the time, how, with whose support) bound to
    that revision by a hash of its content. Consents recorded before party members existed
    were a party's; a migration gave each to the members of that party."""

    agreement = models.ForeignKey(
        PersonalisedAgreement, on_delete=models.CASCADE, related_name="consents"
    )
    # The key of one of the agreement's parties (PersonalisedAgreement.parties).
    party = models.CharField(_("party"), max_length=50)
    member = models.ForeignKey(
        PartyMember,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("party member"),
    )
    method = models.CharField(
        _("how they agreed"),
        max_length=20,
        choices=ConsentMethod.choices,
        default=ConsentMethod.RECORDED,
    )
    supported_by = models.CharField(
        _("with support from"),
        max_length=120,
        blank=True,
        help_text=_("The name of anyone who helped them read and agree, if someone did."),
    )
    agreed_at = models.DateTimeField(_("time agreed"), null=True, blank=True)
    # sha256 (hex) of personalised.consent.services.content_fingerprint of ``revision``.
    content_hash = models.CharField(max_length=64, blank=True)
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
                fields=["member", "revision"],
                condition=Q(member__isnull=False),
                name="one_consent_per_member_revision",
            ),
            models.UniqueConstraint(
                fields=["agreement", "party", "revision"],
                condition=Q(member__isnull=True),
                name="one_agreement_per_party_revision",
            ),
        ]
        verbose_name = _("consent")
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


class InvitationChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Printed letter")


class InvitationQuerySet(models.QuerySet):
    def usable(self, now=None) -> "InvitationQuerySet":
        """Not revoked, not expired, not yet used to start a session."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, used_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """An invitation for one party member to read, comment on and agree to one agreement.

    Its token is random and only its hash is stored: an email invitation's token is made by
    the task that sends it (so that it is never in the task queue), a letter's when the letter
    is printed. It starts one session only, expires, and can be revoked."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="invitations")
    channel = models.CharField(_("sent by"), max_length=10, choices=InvitationChannel.choices)
    # sha256 (hex) of the token; null until the token is made.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    send_attempts = models.PositiveSmallIntegerField(default=0)
    # Why the last attempt to send it failed (no addresses or message bodies), "" if none did.
    send_error = models.CharField(max_length=255, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"invitation {self.pk} for member {self.member_id}"


class AgreementComment(models.Model):
    """A comment on an agreement, or on one of its areas or clauses: from an invited party
    member ("I'd like this changed") or a practitioner. Kept with the agreement's history."""

    agreement = models.ForeignKey(
        PersonalisedAgreement, on_delete=models.CASCADE, related_name="comments"
    )
    member = models.ForeignKey(
        PartyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The id of the body block (area, clause ...) it is about; "" for the whole agreement.
    block_id = models.CharField(max_length=64, blank=True)
    # The revision its author was reading.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")

    def __str__(self) -> str:
        return f"comment {self.pk} on agreement {self.agreement_id}"

"""What practitioners did with each template, stored as aggregate counts only.

The evidence is computed from personalised agreements (private personal data) but must never
expose one: the tables below hold counts and, rarely, a wording many practitioners added, and
nothing that names a person, a practitioner or a council. A template's evidence is replaced
whole on each computation, so a deleted or erased agreement drops out at the next run.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceSnapshot(models.Model):
    """The evidence for one template, as last computed. Replaced whole on each computation."""

    template = models.OneToOneField(
        "agreements.TemplatePage",
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("template"),
    )
    computed_at = models.DateTimeField(_("computed"))
    # Raw, never shown directly: displays go through evidence.suppression.
    agreement_count = models.PositiveIntegerField(_("agreements"))

    class Meta:
        verbose_name = _("evidence snapshot")

    def __str__(self) -> str:
        return f"Evidence for template {self.template_id} at {self.computed_at:%Y-%m-%d %H:%M}"


class Measure(models.TextChoices):
    """What one count counts. Whole-agreement measures have an empty block_id."""

    AGREEMENTS = "agreements", _("agreements")
    KEPT = "kept", _("kept as written")
    REWORDED = "reworded", _("reworded")
    REMOVED = "removed", _("removed")
    # Per party column (areas) or block: item_id is "".
    ADDED = "added", _("added")
    NOT_RELEVANT = "not-relevant", _("not relevant")
    AGREED_BY_ALL = "agreed-by-all", _("agreed by every party")
    # Time from the agreement's creation to the first consent that completed every party's.
    AGREED_WITHIN_7_DAYS = "agreed-7-days", _("agreed within 7 days")
    AGREED_WITHIN_30_DAYS = "agreed-30-days", _("agreed within 30 days")
    AGREED_WITHIN_90_DAYS = "agreed-90-days", _("agreed within 90 days")
    AGREED_LATER = "agreed-later", _("agreed after 90 days")
    FEEDBACK = "feedback", _("feedback")


class EvidenceCount(models.Model):
    """How many agreements (or items) of one version, language and month had one measure at one
    place in the template: the unit every display and the CSV sum over their filters."""

    snapshot = models.ForeignKey(EvidenceSnapshot, on_delete=models.CASCADE, related_name="counts")
    # The template version the agreement follows (its source version).
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=35)
    # The first day of the month the agreement was created: months, never days.
    month = models.DateField(_("month"))
    # Area / clause / block id; "" means the whole template.
    block_id = models.CharField(_("block"), max_length=64, blank=True)
    # The prompt column (areas); "" otherwise.
    party_key = models.CharField(_("party"), max_length=50, blank=True)
    # Prompt / list item / paragraph id; "" means the whole block.
    item_id = models.CharField(_("item"), max_length=64, blank=True)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        indexes = [
            models.Index(fields=["snapshot", "measure"], name="evidence_count_measure"),
            models.Index(fields=["snapshot", "block_id"], name="evidence_count_block"),
        ]
        verbose_name = _("evidence count")

    def __str__(self) -> str:
        where = "/".join(part for part in (self.block_id, self.party_key, self.item_id) if part)
        return f"v{self.version} {self.language} {self.month:%Y-%m} {where} {self.measure}"


class EvidenceWording(models.Model):
    """A wording practitioners added, stored ONLY when above both thresholds (at least 5
    agreements by at least 3 practitioners) after normalising case and spacing, so that no one
    practitioner's own words are ever kept."""

    snapshot = models.ForeignKey(
        EvidenceSnapshot, on_delete=models.CASCADE, related_name="wordings"
    )
    block_id = models.CharField(_("block"), max_length=64, blank=True)
    party_key = models.CharField(_("party"), max_length=50, blank=True)
    # Normalised (case-folded, spaces collapsed), plain text.
    text = models.TextField(_("text"))
    agreement_count = models.PositiveIntegerField(_("agreements"))

    class Meta:
        verbose_name = _("evidence wording")

    def __str__(self) -> str:
        return f"{self.block_id}/{self.party_key}: {self.text[:40]}"

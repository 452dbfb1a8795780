"""Public versions of templates and guidance.

A version is one published revision of a page with the change note its editor wrote. Wagtail
keeps the revisions; a PageVersion gives each published one a number and a note that readers
can follow in the page's version history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import RadioSelect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

CHANGE_NOTE_REQUIRED = _(
    "Write a change note before publishing: readers see it in the version history."
)


class ChangeKind(models.TextChoices):
    """As GOV.UK does: a major change is one a reader needs to know about; a minor one (a typo,
    a clearer word) is not announced."""

    MAJOR = "major", _("Major change: updates “last updated” and emails the template's followers")
    MINOR = "minor", _("Minor change: no email, “last updated” stays as it is")


class PageVersion(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="versions")
    # Kept as a link rather than a copy: Wagtail's revision holds the content of the version.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.PositiveIntegerField()
    change_note = models.TextField()
    change_kind = models.CharField(
        max_length=5, choices=ChangeKind.choices, default=ChangeKind.MAJOR
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="unique_version_number")
        ]
        verbose_name = _("version")
        # Made by the agreements app before versioning was an app of its own.
        db_table = "agreements_pageversion"

    def __str__(self) -> str:
        return f"{self.page.title}, version {self.number}"

    def as_page(self):
        """The page as it was published in this version, for reading (never for saving)."""
        page = self.revision.as_object()
        page.version = self.number
        page.last_published_at = self.published_at
        page.last_updated_at = self.last_major_change_at()
        return page

    @property
    def is_major(self) -> bool:
        return self.change_kind == ChangeKind.MAJOR

    def last_major_change_at(self):
        """When the page last changed in a way its readers were told of, as of this version."""
        if self.is_major:
            return self.published_at
        return (
            PageVersion.objects.filter(
                page_id=self.page_id, number__lt=self.number, change_kind=ChangeKind.MAJOR
            )
            .order_by("-number")
            .values_list("published_at", flat=True)
            .first()
        )


class VersionedPage(RoutablePageMixin, models.Model):
    """A page whose every publication is a numbered version with a change note, and whose
    version history, past versions and comparisons are public."""

    change_note = models.TextField(
        blank=True,
        verbose_name=_("change note"),
        help_text=_(
            "What changed in this version and why, in a sentence or two. Required to publish; "
            "readers see it in the version history."
        ),
    )
    change_kind = models.CharField(
        max_length=5,
        choices=ChangeKind.choices,
        default=ChangeKind.MAJOR,
        verbose_name=_("kind of change"),
        help_text=_(
            "Major: something readers need to know about; the page's “last updated” date "
            "changes and people following it get an email with your change note. Minor: a typo "
            "or a clearer word, announced to nobody. A first publication is always major."
        ),
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    # When the last major change was published: the "last updated" date readers see. A minor
    # change leaves it (versioning/signals.py keeps it).
    last_updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    version_panels = [FieldPanel("change_note"), FieldPanel("change_kind", widget=RadioSelect)]

    class Meta:
        abstract = True

    def save_revision(self, *args, **kwargs):
        # A translation that wagtail-localize keeps in step with its source is saved by
        # wagtail-localize, not the page editor, so nobody is there to write its change note.
        from agreements.translation import synced_translation_source, translation_change_note

        source = synced_translation_source(self)
        if source is not None:
            first = not PageVersion.objects.filter(page_id=self.pk).exists()
            self.change_note = translation_change_note(self, source, first=first)
        return super().save_revision(*args, **kwargs)

    def publish(self, revision, *args, **kwargs):
        # The last line of defence for every way of publishing (the editor, workflow approval,
        # scheduled publishing, code): the admin form gives the friendly message first.
        if not (revision.content.get("change_note") or "").strip():
            raise ValidationError({"change_note": CHANGE_NOTE_REQUIRED})
        return super().publish(revision, *args, **kwargs)

    def published_versions(self):
        # An alias (an untranslated page in another locale's tree) shows its original's
        # content, so it shows its original's versions too.
        page_id = self.alias_of_id or self.pk
        return PageVersion.objects.filter(page_id=page_id).select_related("revision")

    def _version_context(self, request, **extra) -> dict:
        context = self.get_context(request)
        context.update(extra)
        return context

    @path("versions/", name="version_history")
    def version_history(self, request):
        return TemplateResponse(
            request,
            "versioning/version_history.html",
            self._version_context(request, versions=self.published_versions()),
        )

    @path("versions/<int:number>/", name="version")
    def past_version(self, request, number: int):
        version = get_object_or_404(self.published_versions().exclude(revision=None), number=number)
        page = version.as_page()
        context = page.get_context(request)
        context.update({"viewing_version": version, "current_page": self})
        return TemplateResponse(request, page.get_template(request), context)

    @path("versions/<int:old>/compare/<int:new>/", name="compare_versions")
    def compare_versions(self, request, old: int, new: int):
        from versioning.comparison import compare_pages

        versions = self.published_versions().exclude(revision=None)
        old_version = get_object_or_404(versions, number=old)
        new_version = get_object_or_404(versions, number=new)
        sections = compare_pages(old_version.as_page(), new_version.as_page())
        return TemplateResponse(
            request,
            "versioning/compare_versions.html",
            self._version_context(
                request,
                old_version=old_version,
                new_version=new_version,
                sections=sections,
                changed_sections=[section for section in sections if section.status != "unchanged"],
            ),
        )

    @path("versions/compare/", name="choose_comparison")
    def choose_comparison(self, request):
        try:
            old, new = int(request.GET["old"]), int(request.GET["new"])
        except (KeyError, ValueError):
            return redirect(self.url + self.reverse_subpage("version_history"))
        old, new = sorted((old, new))
        return redirect(self.url + self.reverse_subpage("compare_versions", args=(old, new)))

"""Guidance: editor-maintained pages on how to use the templates."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from agreements.unique_ids import UniqueBodyIdsMixin
from versioning.forms import VersionedPageForm
from versioning.models import VersionedPage

from .areas import area_links
from .blocks import GuidanceBodyBlock
from .feedback import Feedback, FeedbackStatus

__all__ = ["Feedback", "FeedbackStatus", "GuidanceIndexPage", "GuidancePage"]


class GuidanceIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guidance.GuidancePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guidance index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guidance_pages"] = (
            GuidancePage.objects.child_of(self).live().public().order_by("path")
        )
        return context


class GuidancePage(UniqueBodyIdsMixin, VersionedPage, Page):
    summary = models.TextField(blank=True, help_text=_("A sentence shown in the guidance list."))
    about_template = models.ForeignKey(
        "agreements.TemplatePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance_pages",
        help_text=_("The template this guidance is about, if any."),
    )
    body = StreamField(GuidanceBodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("about_template"),
        FieldPanel("body"),
        MultiFieldPanel(VersionedPage.version_panels, heading=_("Publishing this version")),
    ]
    base_form_class = VersionedPageForm
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("version"),
        APIField("about_template"),
        APIField("body"),
    ]

    parent_page_types = ["guidance.GuidanceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guidance page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Looked up together, so a page with many area links costs one query, not one each.
        context["area_links"] = area_links(
            child.value["area"] for child in self.body if child.block_type == "area_guidance"
        )
        return context

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The front door: says in a sentence what the site is and leads to templates and guidance."""

    intro = models.TextField(
        help_text=_("One or two sentences that tell a newcomer what this site is for.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["agreements.TemplateIndexPage", "guidance.GuidanceIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from agreements.models import TemplateIndexPage, TemplatePage
        from guidance.models import GuidanceIndexPage

        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public()
        context["template_index"] = children.type(TemplateIndexPage).specific().first()
        context["guidance_index"] = children.type(GuidanceIndexPage).specific().first()
        context["templates"] = (
            TemplatePage.objects.descendant_of(self).live().public().order_by("path")
        )
        return context

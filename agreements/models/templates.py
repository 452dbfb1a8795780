"""Template pages: the published agreement templates and the index that lists them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from agreements.api import TemplateBodyField
from agreements.blanks import TemplateBlanks, blank_problems, declared_blanks
from agreements.blocks import (
    BlanksBlock,
    DeclaredPartiesBlock,
    PurposeEasyReadBlock,
    TemplateBodyBlock,
    placed_blank_errors,
)
from agreements.markers import MARKER_HELP, validate_markers
from agreements.numbering import Numbering
from agreements.party_declarations import declared_keys, party_key_errors
from agreements.rendered_body import body_cache_context
from agreements.unique_ids import UniqueBodyIdsMixin
from versioning.forms import VersionedPageForm
from versioning.models import VersionedPage


class Maturity(models.TextChoices):
    WORKING_DRAFT = "working-draft", _("Working draft")
    BEING_TESTED = "being-tested", _("Being tested")
    TESTED = "tested", _("Tested")
    EXAMPLE = "example", _("Example from practice")


class TemplatePageForm(VersionedPageForm):
    """A template with content cannot be published until it says who its parties are:
    forking, agreeing and the exports all read them."""

    def clean(self):
        cleaned_data = super().clean()
        body, parties = cleaned_data.get("body"), cleaned_data.get("parties")
        if (
            self.is_publishing()
            and "parties" not in self.errors
            and body is not None
            and len(body)
            and not (parties is not None and len(parties))
        ):
            self.add_error(
                "parties",
                _(
                    "Add at least one party before publishing: agreements made from this "
                    "template need to know who agrees to them."
                ),
            )
        return cleaned_data


class TemplateIndexPage(Page):
    """Lists the published agreement templates."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["agreements.TemplatePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("template index")

    def templates(self):
        return TemplatePage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["templates"] = self.templates()
        return context


class TemplatePage(UniqueBodyIdsMixin, VersionedPage, Page):
    """A published agreement template, built from the block library."""

    maturity = models.CharField(
        max_length=20,
        choices=Maturity.choices,
        default=Maturity.WORKING_DRAFT,
        help_text=_("How far the template has been tested. Shown to readers as a banner."),
    )
    provenance = models.TextField(
        blank=True, help_text=_("Who produced the template, with whom, when and why.")
    )
    # The introduction opens each personalised agreement too (its purpose), so it may mark
    # the person's pronouns as the body does.
    intro = RichTextField(
        features=["bold", "italic", "ul", "ol", "link"],
        blank=True,
        help_text=MARKER_HELP,
        validators=[validate_markers],
    )
    intro_easy_read = StreamField(
        PurposeEasyReadBlock(),
        blank=True,
        default=list,
        verbose_name=_("introduction in easy read"),
        help_text=_(
            "The introduction retold in short plain sentences with pictures: the easy-read "
            "copy of each agreement opens with it."
        ),
    )
    # Who the agreement is between: what forking, agreeing and the exports read. Declared as
    # data (not rendered in the body): a template may have any number of parties, any names.
    parties = StreamField(
        DeclaredPartiesBlock(),
        blank=True,
        default=list,
        help_text=_(
            "The parties who agree to each agreement made from this template: each an "
            "organisation or one or more people. A template cannot be published without them."
        ),
    )
    body = StreamField(TemplateBodyBlock(), blank=True)
    blanks = StreamField(
        BlanksBlock(),
        blank=True,
        default=list,
        help_text=_(
            "The fill-in fields this template asks for when someone uses it, such as a date of "
            "birth or a weekly amount. Place each one in the text as [[key]]; _____ is always "
            "the person's name."
        ),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("maturity"), FieldPanel("provenance")],
            heading=_("Status and provenance"),
        ),
        FieldPanel("intro"),
        FieldPanel("intro_easy_read"),
        FieldPanel("parties", heading=_("Parties")),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("blanks")], heading=_("Blanks")),
        MultiFieldPanel(VersionedPage.version_panels, heading=_("Publishing this version")),
    ]
    base_form_class = TemplatePageForm
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("maturity"),
    ]

    api_fields = [
        APIField("maturity"),
        APIField("maturity_label", serializer=serializers.CharField(source="get_maturity_display")),
        APIField("version"),
        APIField("provenance"),
        APIField("intro"),
        APIField("body", serializer=TemplateBodyField()),
    ]

    parent_page_types = ["agreements.TemplateIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("template")

    def declared_blanks(self) -> dict:
        """This template's blanks by key (agreements.blanks.Blank)."""
        return declared_blanks(self.blanks)

    def clean(self) -> None:
        super().clean()
        # Every [[key]] placed in the text must name a declared blank, and an area's prompt
        # column linked to a party must name one the template declares: each said at the
        # field where it is written, as the block library says a broken cross-reference.
        declared = self.declared_blanks()
        errors = {}
        if (body_errors := placed_blank_errors(self.body, declared)) is not None:
            errors["body"] = body_errors
        elif error := party_key_errors(self.body, declared_keys(self.parties)):
            errors["body"] = error
        if intro_problems := blank_problems(self.intro or "", declared):
            errors["intro"] = intro_problems
        if (easy_read_errors := placed_blank_errors(self.intro_easy_read, declared)) is not None:
            errors["intro_easy_read"] = easy_read_errors
        if errors:
            raise ValidationError(errors)

    @path("easy-read/", name="easy_read")
    def easy_read(self, request):
        """The template in easy read: its easy-read versions, the rest as it stands, marked."""
        # Imported here: the easy read reads images, whose model is not loaded with this one.
        from agreements.easy_read import template_easy_read

        context = self.get_context(request)
        context["easy_read"] = template_easy_read(self)
        return TemplateResponse(request, "agreements/template_easy_read.html", context)

    def declared_parties(self) -> list[dict]:
        """The declared parties as plain dicts (key, name, kind, includes_the_person,
        help_text), in order."""
        return [dict(child.value) for child in self.parties if child.block_type == "party"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Placed blanks show their labels; block templates read them where an agreement
        # would be (this one is false: a template page names no person).
        context.setdefault("agreement", TemplateBlanks(self.declared_blanks()))
        # Worked out only when the contents and body are rendered, not when they come from the
        # cache (agreements/rendered_body.py).
        context["numbering"] = SimpleLazyObject(lambda: Numbering(self.body))
        context.update(body_cache_context(request, self))
        return context

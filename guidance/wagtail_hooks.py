import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from agreements.models import TemplatePage
from security.spreadsheets import InertCsvExportMixin

from .feedback import Feedback, FeedbackStatus
from .forms import FeedbackAdminForm
from .models import GuidancePage


class FeedbackFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label=_("Template or guidance"),
        # A callable, so content types are looked up per request, not at import.
        queryset=lambda request: Page.objects.type(TemplatePage, GuidancePage).order_by("title"),
    )
    area_title = django_filters.ChoiceFilter(label=_("Area"), choices=[])
    status = django_filters.ChoiceFilter(choices=FeedbackStatus.choices)

    class Meta:
        model = Feedback
        fields = ["page", "area_title", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = (
            Feedback.objects.exclude(area_title="")
            .order_by("area_title")
            .values_list("area_title", flat=True)
            .distinct()
        )
        self.filters["area_title"].extra["choices"] = [(area, area) for area in areas]


class FeedbackIndexView(InertCsvExportMixin, IndexView):
    """The report, whose CSV export holds practitioners' words: never as formulas."""


class FeedbackViewSet(SnippetViewSet):
    """The editors' report of practitioners' feedback, filterable by template, area and status."""

    model = Feedback
    index_view_class = FeedbackIndexView
    icon = "comment"
    menu_label = _("Practitioner feedback")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["__str__", "status", "addressed_in", "created_at"]
    list_export = ["page", "area_title", "body", "status", "addressed_in", "response", "created_at"]
    filterset_class = FeedbackFilterSet
    ordering = ["-created_at"]
    search_fields = ["body", "area_title"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("page", read_only=True),
                    FieldPanel("area_title", read_only=True),
                    FieldPanel("body", read_only=True),
                ],
                heading=_("The feedback"),
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("addressed_in"), FieldPanel("response")],
                heading=_("What the editors did"),
            ),
        ],
        base_form_class=FeedbackAdminForm,
    )


register_snippet(FeedbackViewSet)

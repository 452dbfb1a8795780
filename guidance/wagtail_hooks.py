import django_filters
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
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
    created_at = django_filters.DateFromToRangeFilter(label=_("Sent"), widget=DateRangePickerWidget)

    class Meta:
        model = Feedback
        fields = ["page", "area_title", "status", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = (
            Feedback.objects.exclude(area_title="")
            .order_by("area_title")
            .values_list("area_title", flat=True)
            .distinct()
        )
        self.filters["area_title"].extra["choices"] = [(area, area) for area in areas]


#: Characters of the feedback shown in the list; the whole text is on its edit page.
SNIPPET_LENGTH = 120


def feedback_snippet(feedback: Feedback) -> str:
    # Plain text: the table cell escapes it, as it must for anything a practitioner typed.
    return Truncator(feedback.body).chars(SNIPPET_LENGTH)


def feedback_sender(feedback: Feedback) -> str:
    """The practitioner who sent it, by name or else username, so editors can ask them more.
    (Not Wagtail's UserColumn: its avatar would be a Gravatar address per row.)"""
    if feedback.author is None:
        return gettext("Deleted account")
    return feedback.author.get_full_name().strip() or feedback.author.get_username()


def feedback_status(feedback: Feedback) -> str:
    if feedback.status == FeedbackStatus.ADDRESSED and feedback.addressed_in:
        return gettext("Addressed in version %(number)s") % {"number": feedback.addressed_in.number}
    return feedback.get_status_display()


class FeedbackIndexView(InertCsvExportMixin, IndexView):
    """The report, whose CSV export holds practitioners' words: never as formulas."""


class FeedbackViewSet(SnippetViewSet):
    """The editors' report of practitioners' feedback: what was said, by whom, where it stands;
    filterable by template, area, status and date sent."""

    model = Feedback
    index_view_class = FeedbackIndexView
    icon = "comment"
    menu_label = _("Practitioner feedback")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "__str__",
        Column("body", label=_("Feedback"), accessor=feedback_snippet),
        # The practitioner, never anything about the person an agreement is for.
        Column("author", label=_("From"), accessor=feedback_sender),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=feedback_status,
            primary=lambda feedback: feedback.status == FeedbackStatus.OPEN,
            sort_key="status",
        ),
        DateColumn("created_at", label=_("Sent"), sort_key="created_at"),
    ]
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

    def get_queryset(self, request):
        # Each row names its page, sender and addressing version: one query, not one per row.
        return Feedback.objects.select_related("page", "author", "addressed_in")


register_snippet(FeedbackViewSet)

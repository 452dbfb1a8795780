"""The read-only API (Wagtail API v2) of published templates and guidance at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from agreements.models import TemplateIndexPage, TemplatePage
from guidance.models import GuidanceIndexPage, GuidancePage


class PublishedContentPagesAPIViewSet(PagesAPIViewSet):
    """Live, public templates and guidance and their indexes, nothing else.

    Wagtail's base queryset is already live and public, and a page's fields hold its
    published content (drafts live in revisions), so drafts never appear. The viewset only
    answers GET: any other method is refused with 405.
    """

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .type(TemplateIndexPage, TemplatePage, GuidanceIndexPage, GuidancePage)
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublishedContentPagesAPIViewSet)

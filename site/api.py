"""The read-only API (Wagtail API v2) of published templates and guidance at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from agreements.api import written
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

    def finalize_response(self, request, response, *args, **kwargs):
        # Every field of every page, listed or alone: markers ({their}) read as written.
        if isinstance(getattr(response, "data", None), dict):
            response.data = written(response.data)
        return super().finalize_response(request, response, *args, **kwargs)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublishedContentPagesAPIViewSet)

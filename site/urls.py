from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from guidance import views as guidance_views
from health.views import healthz
from search import views as search_views
from security import views as security_views

from .api import api_router
from .sitemap import LanguageAlternatesSitemap

urlpatterns = [
    # For load balancers and monitoring: outside the language prefixes, never redirected.
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml", sitemap, {"sitemaps": {"wagtail": LanguageAlternatesSitemap}}, name="sitemap"
    ),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages are language-prefixed for every locale but the default, so adding a language
# later changes no existing English URL.
urlpatterns += i18n_patterns(
    path("", include("accounts.urls")),
    path("accounts/stay-signed-in/", security_views.stay_signed_in, name="stay_signed_in"),
    path("feedback/", guidance_views.my_feedback, name="my_feedback"),
    path("feedback/new/", guidance_views.leave_feedback, name="leave_feedback"),
    path("search/", search_views.search, name="search"),
    path("agreements/", include("personalised.urls")),
    # Invited party members: /invitation/ (their link's landing) and /invited/ (their pages).
    path("", include("personalised.invitations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

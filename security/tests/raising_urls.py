"""The site's URLs plus views that fail, for the error page tests."""

from importlib import import_module

from django.core.exceptions import SuspiciousOperation
from django.urls import path

# Imported by name: ruff would sort the project's `site` package among the standard library.
site_urlpatterns = import_module("site.urls").urlpatterns

SECRET_DETAIL = "database password hunter2 at /srv/app/settings.py"  # noqa: S105 bait


def crash(request):
    raise RuntimeError(SECRET_DETAIL)


def suspicious(request):
    raise SuspiciousOperation(SECRET_DETAIL)


urlpatterns = [
    path("test-crash/", crash),
    path("test-suspicious/", suspicious),
    *site_urlpatterns,
]

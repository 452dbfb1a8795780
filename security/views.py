"""Error views that need more than Django's defaults give them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own CSRF failure view renders its template without the request, so the site's
    header and navigation could not be drawn. The reason is for logs, never for the page."""
    return render(request, "403_csrf.html", status=403)

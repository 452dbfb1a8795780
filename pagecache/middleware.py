from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from . import store


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors' GET and HEAD requests for Wagtail pages from the cache.

    A page is stored only if the before_serve_page hook saw Wagtail serve it and the response
    passes ``store.response_may_be_cached`` (no cookies, no CSRF token, not private). The key is
    computed before the view runs, so a page rendered while it was being republished is stored
    under the old generation and never served.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not store.request_may_use_cache(request):
            return self.get_response(request)
        key = store.key_for(request)
        if key is None:
            return self.get_response(request)
        cached = store.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if store.response_may_be_cached(request, response):
            store.put(key, response)
        return response

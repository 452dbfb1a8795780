"""What every view of a personalised agreement carries: a signed-in user, and responses that no
browser or proxy keeps."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

PRIVATE_CACHE_CONTROL = "private, no-store"


def private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in required; the response says ``Cache-Control: private, no-store``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        mark_private(response)
        return response

    return login_required(wrapped)


def mark_private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


#: The invitation link's own address holds its token: nothing it leads to is told it. The
#: invitee's other pages tell no other site their address (it names a party member); they
#: send it to the site itself, for without it a browser posts their forms from origin "null",
#: which CSRF protection rightly refuses.
TOKEN_ROUTES = frozenset({"start"})


def mark_invitee_response(response: HttpResponse, *, holds_token: bool = True) -> HttpResponse:
    """What every response to an invitee carries besides: no Referer to any other site (none
    at all from an address that holds an invitation token), and search engines leave it out."""
    mark_private(response)
    response["Referrer-Policy"] = "no-referrer" if holds_token else "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class PrivateAgreementResponsesMiddleware:
    """Every response of an agreement URL is private and unstored: not only the views' own, but
    also the sign-in redirect, the 404 for someone without access and the CSRF refusal, which
    ``@private`` cannot reach because they are made outside the view. The invitees' pages
    (the ``invited`` namespace) are private too, and send no Referer elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and "agreements" in match.namespaces:
            mark_private(response)
        elif match is not None and "invited" in match.namespaces:
            mark_invitee_response(response, holds_token=match.url_name in TOKEN_ROUTES)
        return response

"""Every response of an invitee address (the ``invited`` namespace) is private, unstored, not
indexed and sends no referrer; and its pages wear the invitee's header rather than the site's.

Middleware rather than a decorator, so that the 404 for someone else's address, a CSRF refusal
and the invitation landing pages get the same headers as the views' own responses."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from personalised.privacy import mark_private

NAMESPACE = "invited"


def is_invitee_request(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and NAMESPACE in match.namespaces


def mark_invitee_response(response: HttpResponse) -> HttpResponse:
    mark_private(response)
    # The address of an invitee page names a party member: no other site is told it.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class InviteePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_invitee_request(request):
            mark_invitee_response(response)
        return response

    def process_view(self, request: HttpRequest, view, args, kwargs) -> None:
        # base.html reads this to show the invitee's header, without the practitioners'
        # navigation, on every page these views render, error pages included.
        request.is_invitee_page = is_invitee_request(request)

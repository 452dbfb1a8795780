"""Invitee pages (the ``invited`` namespace) wear the invitee's header rather than the site's:
no practitioners' navigation, account links or session notice. (Their responses are made
private, unindexed and without a referrer by personalised.privacy's middleware.)

Middleware rather than a decorator, so that the 404 for someone else's address, a CSRF refusal
and the invitation landing pages wear it too."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

NAMESPACE = "invited"


class InviteePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> None:
        # base.html reads this to choose the invitee's header for every page these views
        # render, error pages included.
        match = request.resolver_match
        request.is_invitee_page = match is not None and NAMESPACE in match.namespaces

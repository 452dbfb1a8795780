"""The landing: where an invitation link or a letter's code brings someone.

A usable invitation signs the browser in and redirects (303) to the invitee's agreement page,
whose address holds no token: the token is then in no Referer, no later log line and no
bookmark. A link's responses also say ``Referrer-Policy: no-referrer`` (the code form's,
whose address holds no token, ``same-origin``, so that the browser posts it with the site's
origin); none is ever stored (personalised.privacy.PrivateAgreementResponsesMiddleware). Both
are rate limited per address.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from personalised.invitations.forms import CodeForm
from personalised.invitations.landing import HEADINGS, STATUS, Followed, follow
from personalised.invitations.tokens import find_invitation
from security import rate_limit
from security.client_address import client_address

RATE_LIMIT = "invitation"


def _allowed(request: HttpRequest) -> bool:
    return rate_limit.allow(RATE_LIMIT, client_address(request))


def _signed_in(followed: Followed) -> HttpResponse:
    url = reverse("invited:agreement", kwargs={"member_uuid": followed.member.uuid})
    response = HttpResponseRedirect(url)
    # See Other: the browser fetches the agreement page with GET, whatever brought it here.
    response.status_code = 303
    return response


def _too_many(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "personalised/invitations/too_many.html", {"code_url": None}, status=429
    )


@require_GET
def start(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link: in, or a page saying why not and what to do."""
    if not _allowed(request):
        return _too_many(request)
    followed = follow(request, find_invitation(token))
    if followed.member is not None:
        return _signed_in(followed)
    return TemplateResponse(
        request,
        "personalised/invitations/refused.html",
        {
            "refusal": followed.refusal.value,
            "heading": HEADINGS[followed.refusal],
            "ask": followed.ask,
        },
        status=STATUS[followed.refusal],
    )


@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """The short link on a printed letter: type the letter's code to open the agreement."""
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not _allowed(request):
            return _too_many(request)
        if form.is_valid():
            followed = follow(request, find_invitation(form.cleaned_data["code"]))
            if followed.member is not None:
                return _signed_in(followed)
            form.refuse(followed)
            status = STATUS[followed.refusal]
        else:
            status = 400
    return TemplateResponse(
        request, "personalised/invitations/code.html", {"form": form}, status=status
    )

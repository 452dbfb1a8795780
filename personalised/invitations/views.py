"""The landing: where an invitation link or a letter's code brings someone.

A usable email link redirects (303) at once to "Open your agreement", whose address holds no
token: the token is then in no Referer, no later log line and no bookmark. Pressing "Open the
agreement" there uses the invitation and signs the browser in; only then, because mail scanners
open each link in a message (and follow its redirects) before the person can, and would otherwise
use it up. A letter's code is typed and posted by the person, so it signs in at once. A link's
responses also say ``Referrer-Policy: no-referrer`` (the other landing pages', whose addresses
hold no token, ``same-origin``, so that the browser posts their forms with the site's origin);
none is ever stored (personalised.privacy.PrivateAgreementResponsesMiddleware). All are rate
limited per address.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from personalised.invitations.forms import CodeForm
from personalised.invitations.landing import HEADINGS, STATUS, Followed, Refusal, check, follow
from personalised.invitations.session import held_invitation, hold_invitation, release_invitation
from personalised.invitations.tokens import find_invitation
from security import rate_limit
from security.client_address import client_address

RATE_LIMIT = "invitation"


def _allowed(request: HttpRequest) -> bool:
    return rate_limit.allow(RATE_LIMIT, client_address(request))


def _see_other(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    # See Other: the browser fetches the next page with GET, whatever brought it here.
    response.status_code = 303
    return response


def _signed_in(followed: Followed) -> HttpResponse:
    return _see_other(reverse("invited:agreement", kwargs={"member_uuid": followed.member.uuid}))


def _refused(request: HttpRequest, followed: Followed) -> HttpResponse:
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


def _too_many(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "personalised/invitations/too_many.html", {"code_url": None}, status=429
    )


@require_GET
def start(request: HttpRequest, token: str) -> HttpResponse:
    """An email link: on to "Open your agreement", or a page saying why not and what to do."""
    if not _allowed(request):
        return _too_many(request)
    invitation = find_invitation(token)
    followed = check(request, invitation)
    if followed.member is not None:
        return _signed_in(followed)
    if followed.refusal is not None:
        return _refused(request, followed)
    hold_invitation(request, invitation)
    return _see_other(reverse("invited:open"))


@require_http_methods(["GET", "POST"])
def open_agreement(request: HttpRequest) -> HttpResponse:
    """ "Open the agreement": uses the invitation this browser's link was checked for."""
    invitation = held_invitation(request)
    if invitation is None:
        # No link was followed in this browser (or it was used already): nothing to open.
        return _refused(request, Followed(refusal=Refusal.NOT_FOUND))
    if request.method == "POST" and not _allowed(request):
        return _too_many(request)
    if request.method == "POST":
        followed = follow(request, invitation)  # pressing the button uses it
    else:
        followed = check(request, invitation)  # showing the page only checks it
    if followed.member is not None:
        # Kept held: pressing the button again (back, then press) finds this browser signed
        # in and goes to the agreement.
        return _signed_in(followed)
    if followed.refusal is not None:
        release_invitation(request)
        return _refused(request, followed)
    return TemplateResponse(request, "personalised/invitations/open.html", {})


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

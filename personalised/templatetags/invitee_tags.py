"""The invitee's header: their agreement's pages, signing out, and the languages (keeping the
copy they are reading, ``?format=``, when they change language)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from personalised.invitee.pages import signed_in_members

register = template.Library()

#: The query parameters of invitee pages: which copy they read, which part they comment on.
KEPT_PARAMETERS = ("format", "block")


@dataclass(frozen=True)
class LanguageLink:
    """What ``includes/language_switcher.html`` reads of each language."""

    code: str
    name: str  # in the language itself, so that its readers recognise it
    url: str
    current: bool
    bidi: bool


@dataclass(frozen=True)
class NavigationLink:
    label: str
    url: str
    current: bool


@register.simple_tag(takes_context=True)
def invitee_navigation(context) -> list[NavigationLink]:
    """Links to the pages of the member whose page this is; none on pages of no one member."""
    request = context.get("request")
    member = getattr(request, "invitee_member", None)
    if member is None:
        return []
    current = request.resolver_match.url_name if request.resolver_match else ""
    pages = [
        ("agreement", _("The agreement")),
        ("comment", _("Comment")),
        ("agree", _("Agree")),
    ]
    return [
        NavigationLink(
            label=label,
            url=reverse(f"invited:{name}", kwargs={"member_uuid": member.uuid}),
            current=name == current,
        )
        for name, label in pages
    ]


@register.simple_tag(takes_context=True)
def invitee_signed_in(context) -> bool:
    request = context.get("request")
    return request is not None and bool(signed_in_members(request))


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def invitee_language_switcher(context) -> dict:
    """The site's language links for this address, with its query (the copy being read)."""
    request = context.get("request")
    if request is None:
        return {"languages": []}
    # Only the page's own parameters: nothing else a link brought is repeated.
    query = urlencode({key: request.GET[key] for key in KEPT_PARAMETERS if key in request.GET})
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translate_url(request.path, code)
        links.append(
            LanguageLink(
                code=code,
                name=info["name_local"],
                url=f"{url}?{query}" if query else url,
                current=code == current,
                bidi=info["bidi"],
            )
        )
    return {"languages": links}

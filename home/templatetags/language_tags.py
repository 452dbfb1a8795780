"""The language switcher and the notice on pages that are not translated yet."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language, get_language_bidi, get_language_info
from wagtail.models import Page, Site

from home.languages import Alternate, alternates, live_translations

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language itself, so that its readers recognise it
    url: str
    current: bool
    bidi: bool


def _this_address_in(request: HttpRequest, code: str) -> str:
    """This address in another language, for views that are not Wagtail pages (sign in,
    search). An address that is no view, or a page address that found no page (a 404), goes to
    that language's home instead, so that an error page never repeats what was asked for."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is None or match.url_name == "wagtail_serve":
        return translate_url("/", code)
    return translate_url(request.path, code)


def language_links(request: HttpRequest, page: Page | None) -> list[LanguageLink]:
    """A link per language: to this page's translation where there is one, else to that
    language's home page, else to this address in that language."""
    current = get_language()
    translations: dict[str, Page] = {}
    homes: dict[str, Page] = {}
    if isinstance(page, Page):
        translations = live_translations(page)
        site = Site.find_for_request(request)
        if site is not None and set(translations) != {code for code, _name in settings.LANGUAGES}:
            homes = live_translations(site.root_page)
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        url = target.get_url(request) if target is not None else None
        info = get_language_info(code)
        links.append(
            LanguageLink(
                code=code,
                name=info["name_local"],
                url=url or _this_address_in(request, code),
                current=code == current,
                bidi=info["bidi"],
            )
        )
    return links


def untranslated_original(page) -> Page | None:
    """The page whose words a page shows when they are not in the reader's language: the
    original of an alias (a page not translated yet), or the page itself when Wagtail fell
    back to it because there is no page in the reader's language at all."""
    if not isinstance(page, Page):
        return None
    # The page's live copies (which the language links read anyway) know each one's language:
    # no query for the page's locale, or its original's.
    code_of = {copy.pk: code for code, copy in live_translations(page).items()}
    if page.alias_of_id:
        if page.alias_of_id in code_of:
            code = code_of[page.alias_of_id]
            original = live_translations(page)[code]
        else:
            original = page.alias_of
            code = original.locale.language_code
        return original if code != get_language() else None
    code = code_of.get(page.pk) or page.locale.language_code
    return page if code != get_language() else None


@dataclass(frozen=True)
class ContentLanguage:
    code: str
    dir: str


@register.simple_tag(takes_context=True)
def content_language(context) -> ContentLanguage | None:
    """The language of the page's words where it is not the interface's language (so that
    the words can be marked up with their own lang and dir); None where it is."""
    original = untranslated_original(context.get("page"))
    if original is None:
        return None
    code = original.locale.language_code
    return ContentLanguage(code=code, dir="rtl" if get_language_info(code)["bidi"] else "ltr")


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    request = context.get("request")
    if request is None:
        return {"languages": []}
    return {"languages": language_links(request, context.get("page"))}


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[Alternate]:
    """The full addresses of this page in each language, for ``<link rel="alternate"
    hreflang>`` in the head: every language's copy names all the others, as search engines
    require, so that each reader is sent to the copy in their language."""
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    return alternates(live_translations(page), context.get("request"))


@register.inclusion_tag("includes/untranslated_notice.html", takes_context=True)
def untranslated_notice(context) -> dict:
    request = context.get("request")
    original = untranslated_original(context.get("page"))
    if request is None or original is None:
        return {"original_url": None}
    code = original.locale.language_code
    return {
        "original_url": original.get_url(request),
        "original_language": code,
        "original_language_name": dict(settings.LANGUAGES).get(code, code),
        "interface_language": get_language(),
        "interface_bidi": get_language_bidi(),
    }

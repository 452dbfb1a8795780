"""The public site in each language: lang and dir, the language switcher, and the notice on
pages that are not translated yet."""

import pytest
from bs4 import BeautifulSoup

from agreements.models import TemplatePage
from agreements.seed_content import isf
from agreements.tests.translating import publish_translation

ISF_PATH = f"/templates/{isf.SLUG}/"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def switcher_links(page: BeautifulSoup) -> dict[str, str]:
    nav = page.find("nav", class_="language-switcher")
    return {link["hreflang"]: link["href"] for link in nav.find_all("a")}


@pytest.fixture
def english_isf(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"),
    [("", "en-gb", "ltr"), ("/cy", "cy", "ltr"), ("/pl", "pl", "ltr"), ("/ur", "ur", "rtl")],
)
@pytest.mark.parametrize("path", ["/", "/templates/", ISF_PATH, "/accounts/sign-in/"])
def test_every_page_has_the_lang_and_dir_of_its_language(
    client, every_language, prefix, lang, direction, path
):
    html = soup(client.get(prefix + path)).html

    assert html["lang"] == lang
    assert html["dir"] == direction


def test_interface_strings_are_in_the_readers_language(client, every_language):
    page = soup(client.get("/cy/"))

    assert page.find("a", class_="skip-link").get_text() == "Neidio i’r prif gynnwys"
    assert page.find("nav", class_="language-switcher")["aria-label"] == "Ieithoedd"


def test_switcher_links_each_language_to_the_same_page(client, every_language):
    links = switcher_links(soup(client.get("/pl" + ISF_PATH)))

    assert links == {
        "en-gb": ISF_PATH,
        "cy": "/cy" + ISF_PATH,
        "pl": "/pl" + ISF_PATH,
        "ur": "/ur" + ISF_PATH,
    }


def test_switcher_names_each_language_in_itself_and_marks_the_current_one(client, every_language):
    nav = soup(client.get("/ur/")).find("nav", class_="language-switcher")
    links = {link["lang"]: link for link in nav.find_all("a")}

    assert links["cy"].get_text() == "Cymraeg"
    assert links["ur"].get_text() == "اردو"
    assert links["ur"]["dir"] == "rtl"
    assert links["ur"]["aria-current"] == "true"
    assert "aria-current" not in links["en-gb"].attrs


def test_switcher_on_a_page_that_is_not_a_wagtail_page_keeps_the_address(client, every_language):
    links = switcher_links(soup(client.get("/cy/accounts/sign-in/")))

    assert links["en-gb"] == "/accounts/sign-in/"
    assert links["ur"] == "/ur/accounts/sign-in/"


def test_switcher_leads_to_the_languages_home_where_a_page_has_no_counterpart(
    client, every_language, template_index_english_only
):
    links = switcher_links(soup(client.get("/templates/english-only/")))

    assert links["cy"] == "/cy/"
    assert links["en-gb"] == "/templates/english-only/"


@pytest.fixture
def template_index_english_only(every_language):
    """An English page added after the trees were synchronised, outside the admin (so
    wagtail-localize made no aliases of it)."""
    from agreements.factories import TemplatePageFactory
    from agreements.models import TemplateIndexPage

    index = TemplateIndexPage.objects.get(locale__language_code="en-gb")
    return TemplatePageFactory(parent=index, slug="english-only", title="English only")


def test_untranslated_page_says_so_in_the_readers_language_and_links_to_the_english(
    client, every_language
):
    page = soup(client.get("/cy" + ISF_PATH))
    notice = page.find(class_="notice--untranslated")
    main = page.find("main")

    assert "Nid yw’r dudalen hon wedi’i chyfieithu i’r iaith hon eto." in notice.get_text()
    assert notice["lang"] == "cy"
    assert notice.find("a", hreflang="en-gb")["href"] == ISF_PATH
    # The words below the notice are English, and say so to screen readers and browsers.
    assert main["lang"] == "en-gb"
    assert main["dir"] == "ltr"
    assert "Individual Support Fund Partnership Agreement" in main.find("h1").get_text()


def test_untranslated_page_in_urdu_marks_its_english_words_left_to_right(client, every_language):
    page = soup(client.get("/ur" + ISF_PATH))

    assert page.html["dir"] == "rtl"
    assert page.find("main")["dir"] == "ltr"
    assert page.find(class_="notice--untranslated")["dir"] == "rtl"


def test_without_a_tree_in_the_language_the_english_page_is_shown_with_the_notice(
    client, seeded_site
):
    page = soup(client.get("/pl" + ISF_PATH))

    assert page.html["lang"] == "pl"
    assert page.find(class_="notice--untranslated") is not None
    assert page.find("main")["lang"] == "en-gb"


def test_english_pages_have_no_notice(client, every_language):
    page = soup(client.get(ISF_PATH))

    assert page.find(class_="notice--untranslated") is None
    assert not page.find("main").has_attr("lang")


def test_translated_page_has_no_notice_and_its_switcher_links_to_it(
    client, every_language, english_isf, django_capture_on_commit_callbacks
):
    publish_translation(english_isf, "ur", capture_on_commit=django_capture_on_commit_callbacks)
    # The translator may translate the slug too; here "[ur] " was put in front of it.
    url = "/ur/templates/ur-isf-partnership-agreement/"

    page = soup(client.get(url))

    assert page.find(class_="notice--untranslated") is None
    assert not page.find("main").has_attr("lang")
    assert page.find("h1").get_text().startswith("[ur] ")
    assert switcher_links(page) == {
        "en-gb": ISF_PATH,
        "cy": "/cy" + ISF_PATH,
        "pl": "/pl" + ISF_PATH,
        "ur": url,
    }
    assert switcher_links(soup(client.get("/cy" + ISF_PATH)))["ur"] == url


def test_header_and_menu_lead_to_pages_in_the_readers_language(client, every_language):
    header = soup(client.get("/cy/templates/")).find("header", class_="site-header")

    assert header.find("a", class_="site-header__name")["href"] == "/cy/"
    menu = [link["href"] for link in header.find("nav", class_="site-nav").find_all("a")]
    assert menu == ["/cy/templates/", "/cy/guidance/", "/cy/search/"]


ALL_ISF_ADDRESSES = {
    "en-gb": f"http://localhost{ISF_PATH}",
    "cy": f"http://localhost/cy{ISF_PATH}",
    "pl": f"http://localhost/pl{ISF_PATH}",
    "ur": f"http://localhost/ur{ISF_PATH}",
    "x-default": f"http://localhost{ISF_PATH}",
}


def head_alternates(page: BeautifulSoup) -> dict[str, str]:
    links = page.head.find_all("link", rel="alternate")
    return {link["hreflang"]: link["href"] for link in links}


@pytest.mark.parametrize("prefix", ["", "/cy", "/pl", "/ur"])
def test_each_languages_copy_names_every_languages_copy_in_its_head(client, every_language, prefix):
    assert head_alternates(soup(client.get(prefix + ISF_PATH))) == ALL_ISF_ADDRESSES


def test_a_page_in_one_language_only_has_no_alternates(client, template_index_english_only):
    assert head_alternates(soup(client.get("/templates/english-only/"))) == {}


def test_sitemap_lists_each_page_once_with_its_languages_as_alternates(client, every_language):
    from xml.etree import ElementTree

    response = client.get("/sitemap.xml")
    names = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    # Our own sitemap, rendered by the test client: not untrusted XML.
    urls = ElementTree.fromstring(response.content).findall("s:url", names)  # noqa: S314
    locations = [url.find("s:loc", names).text for url in urls]

    assert len(locations) == len(set(locations))
    assert not [location for location in locations if "/cy/" in location or "/ur/" in location]
    isf_entry = urls[locations.index(ALL_ISF_ADDRESSES["en-gb"])]
    alternates = {
        link.get("hreflang"): link.get("href") for link in isf_entry.findall("xhtml:link", names)
    }
    assert alternates == ALL_ISF_ADDRESSES

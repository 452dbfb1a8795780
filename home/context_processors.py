from django.http import HttpRequest
from wagtail.models import Page, Site


def site_navigation(request: HttpRequest) -> dict:
    """The home page in the reader's language (the site root's translation where there is
    one) and the pages shown in the header on every page: its children marked for menus."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_navigation": [], "site_home": None}
    home = site.root_page.localized
    return {
        "site_home": home,
        "site_navigation": Page.objects.child_of(home).live().public().in_menu(),
    }

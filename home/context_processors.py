from django.http import HttpRequest
from wagtail.models import Page, Site


def site_navigation(request: HttpRequest) -> dict:
    """The pages shown in the header on every page: the site root's children marked for menus."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_navigation": []}
    return {
        "site_navigation": Page.objects.child_of(site.root_page).live().public().in_menu(),
    }

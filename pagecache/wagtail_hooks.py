from wagtail import hooks

from . import store


@hooks.register("before_serve_page")
def mark_public_page(page, request, serve_args, serve_kwargs) -> None:
    """Only pages that Wagtail serves, and that have no view restriction, may be cached."""
    if not page.get_view_restrictions().exists():
        setattr(request, store.SERVED_PAGE_ATTRIBUTE, True)

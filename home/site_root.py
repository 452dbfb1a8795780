"""The tree root's one child: the home page, in place of Wagtail's placeholder."""

from wagtail.models import Page


def remove_wagtail_placeholder() -> None:
    """Delete the "Welcome to your new Wagtail site!" page that Wagtail's migrations create at
    the slug the home page needs, as `wagtail start` projects do."""
    root = Page.get_first_root_node()
    for placeholder in Page.objects.child_of(root).filter(slug="home"):
        if placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()

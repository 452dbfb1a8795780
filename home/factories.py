import wagtail_factories

from .models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Partnership agreements"
    slug = "home"
    intro = "Templates and guidance for partnership agreements."

    class Meta:
        model = HomePage

    @classmethod
    def as_site_root(cls, **kwargs) -> HomePage:
        """A home page under the tree root, made the default site's root page."""
        from wagtail.models import Page, Site

        from .site_root import remove_wagtail_placeholder

        remove_wagtail_placeholder()
        root = Page.get_first_root_node()
        home = cls(parent=root, **kwargs)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
        return home

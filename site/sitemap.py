"""The sitemap: each page once, at its source-language address, with its copies in the other
languages as ``hreflang`` alternates.

Wagtail's sitemap lists the default site's tree, which is the source language's; the copies
in the other languages' trees hold the same words until translated, so listing them as pages
of their own would tell search engines the site has four of each page. Each language's copy
names the others in its ``<head>`` as well (``templates/base.html``).
"""

from wagtail.contrib.sitemaps import Sitemap

from home.languages import alternates, live_copies


class LanguageAlternatesSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        copies = live_copies([item.translation_key for item in pages])
        urls = []
        last_mods = set()
        for item in pages:
            item_alternates = alternates(copies.get(item.translation_key, {}), self.request)
            own_location = item.get_full_url(self.request)
            for url_info in item.get_sitemap_urls(self.request):
                # Sub-routes (a version history) are in one language; only the page has copies.
                if item_alternates and url_info.get("location") == own_location:
                    url_info = {**url_info, "alternates": item_alternates}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        # As Wagtail's own: the whole site may be private, leaving no dates at all.
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

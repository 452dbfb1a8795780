from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from agreements.models import TemplateIndexPage
from guidance.models import GuidanceIndexPage, GuidancePage
from home.models import HomePage


class GuidancePageTypeRulesTests(WagtailPageTestCase):
    def test_guidance_index_sits_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(GuidanceIndexPage, {HomePage})

    def test_guidance_pages_sit_only_in_the_guidance_index(self):
        self.assertAllowedParentPageTypes(GuidancePage, {GuidanceIndexPage})
        self.assertAllowedSubpageTypes(GuidanceIndexPage, {GuidancePage})
        self.assertAllowedSubpageTypes(GuidancePage, set())

    def test_guidance_cannot_be_created_among_templates(self):
        self.assertCanNotCreateAt(TemplateIndexPage, GuidancePage)
        self.assertCanNotCreateAt(Page, GuidancePage)

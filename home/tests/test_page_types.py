from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from agreements.models import TemplateIndexPage, TemplatePage
from guidance.models import GuidanceIndexPage
from home.models import HomePage


class HomePageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_top_of_the_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_template_and_guidance_indexes(self):
        self.assertAllowedSubpageTypes(HomePage, {TemplateIndexPage, GuidanceIndexPage})

    def test_templates_cannot_sit_directly_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, TemplatePage)

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from agreements.models import TemplateIndexPage, TemplatePage
from guidance.models import GuidanceIndexPage, GuidancePage
from home.models import HomePage


class TemplatePageTypeRulesTests(WagtailPageTestCase):
    def test_template_index_sits_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(TemplateIndexPage, {HomePage})

    def test_template_index_holds_only_templates(self):
        self.assertAllowedSubpageTypes(TemplateIndexPage, {TemplatePage})

    def test_templates_sit_only_in_the_template_index(self):
        self.assertAllowedParentPageTypes(TemplatePage, {TemplateIndexPage})

    def test_templates_have_no_child_pages(self):
        self.assertAllowedSubpageTypes(TemplatePage, set())

    def test_a_template_cannot_be_created_elsewhere(self):
        for parent in (Page, HomePage, GuidanceIndexPage, GuidancePage, TemplatePage):
            self.assertCanNotCreateAt(parent, TemplatePage)
        self.assertCanCreateAt(TemplateIndexPage, TemplatePage)

import factory
import wagtail_factories

from .models import GuidanceIndexPage, GuidancePage


class GuidanceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Guidance"
    slug = "guidance"
    intro = "How to use the templates."

    class Meta:
        model = GuidanceIndexPage


class GuidancePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guidance {n}")
    summary = "How to use a template."
    change_note = "First version."

    class Meta:
        model = GuidancePage

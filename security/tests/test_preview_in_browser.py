"""In chromium, the Wagtail admin's preview panel shows the page being edited: the browser lets
the admin frame it (see test_preview_policy.py for the headers)."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.practitioners import EDITORS
from agreements.factories import TemplatePageFactory
from tests.browser.fixtures import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_editor_sees_the_template_in_the_preview_panel(
    template_index, open_page, django_user_model
):
    editor = django_user_model.objects.create_user(username="edie", password="a-long-password")
    editor.groups.add(Group.objects.get(name=EDITORS))
    template = TemplatePageFactory(parent=template_index, title="A template to preview")
    template.save_revision().publish()
    tab = open_page(f"/admin/pages/{template.pk}/edit/", user=editor)

    tab.locator('[data-side-panel-toggle="preview"]').click()

    heading = tab.frame_locator("#w-preview-iframe").locator("h1")
    expect(heading).to_have_text("A template to preview", timeout=30_000)

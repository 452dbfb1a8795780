"""Giving a template easy-read versions for the easy-read tests, as an editor would publish
them, and a picture to put beside a line."""

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from agreements.models import TemplatePage
from seeding.easy_read_pictures import picture_collection


def picture(title: str = "Agreement", description: str = "Two hands shaking"):
    """An image in the OpenMoji collection (the file a small test PNG)."""
    return get_image_model().objects.create(
        title=title,
        description=description,
        collection=picture_collection(),
        file=get_test_image_file(),
    )


def version(*lines: str, picture_id: int | None = None, draft: bool = False) -> dict:
    """An easy-read version, the first line with the picture."""
    return {
        "lines": [
            {"text": text, "picture": picture_id if index == 0 else None}
            for index, text in enumerate(lines)
        ],
        "draft": draft,
    }


def publish_easy_read(template: TemplatePage, change) -> TemplatePage:
    """Publish a new version of the template whose raw body ``change(body)`` gave easy read."""
    page = template.get_latest_revision_as_object()
    body = [dict(block) for block in page.body.raw_data]
    change(body)
    page.body = body
    page.change_note = "Easy read added."
    page.save_revision().publish()
    return TemplatePage.objects.get(pk=template.pk)


def first(body: list[dict], block_type: str) -> dict:
    return next(block for block in body if block["type"] == block_type)

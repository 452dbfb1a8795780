"""The easy-read starter pictures: OpenMoji symbols from the npm package, imported once each as
Wagtail images with alt text, in their own collection."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model

from agreements.easy_read_pictures import OPENMOJI_COLLECTION
from seeding.easy_read_pictures import STARTER_SET, load_easy_read_pictures, openmoji_directory

pytestmark = pytest.mark.django_db

# A 72-unit square, as OpenMoji draws them.
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 72">'
    '<circle cx="36" cy="36" r="30" fill="#fcea2b" stroke="#000" stroke-width="2"/></svg>'
)


@pytest.fixture
def symbols(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    source = tmp_path / "svg"
    source.mkdir()
    for symbol in STARTER_SET[:3]:
        (source / f"{symbol.code}.svg").write_text(SVG)
    return source


def test_each_symbol_is_imported_once_as_a_png_with_its_description(symbols):
    first = load_easy_read_pictures(symbols)
    again = load_easy_read_pictures(symbols)

    assert first.created == [symbol.title for symbol in STARTER_SET[:3]]
    assert first.missing == [symbol.title for symbol in STARTER_SET[3:]]
    assert again.created == []
    assert again.present == first.created
    images = get_image_model().objects.filter(collection__name=OPENMOJI_COLLECTION)
    assert images.count() == 3
    image = images.get(title=STARTER_SET[0].title)
    assert image.default_alt_text == STARTER_SET[0].description
    assert (image.width, image.height) == (240, 240)
    with image.file.open("rb") as stored:
        assert stored.read(8) == b"\x89PNG\r\n\x1a\n"


def test_an_image_an_editor_has_edited_is_left_as_it_is(symbols):
    load_easy_read_pictures(symbols)
    image = get_image_model().objects.get(title=STARTER_SET[0].title)
    image.description = "Sam's own words for it"
    image.save()

    load_easy_read_pictures(symbols)

    image.refresh_from_db()
    assert image.description == "Sam's own words for it"
    assert get_image_model().objects.filter(title=STARTER_SET[0].title).count() == 1


def test_every_starter_symbol_is_in_the_installed_openmoji_package():
    directory = openmoji_directory()

    missing = [
        symbol.code for symbol in STARTER_SET if not (directory / f"{symbol.code}.svg").is_file()
    ]

    assert missing == []
    assert len({symbol.key for symbol in STARTER_SET}) == len(STARTER_SET)
    assert all(symbol.description for symbol in STARTER_SET)


def test_the_command_says_where_to_get_openmoji_when_it_is_not_installed(tmp_path):
    with pytest.raises(CommandError, match="make install"):
        call_command("load_easy_read_pictures", source=tmp_path / "nowhere")


def test_the_seed_easy_read_names_only_starter_pictures():
    from agreements.seed_content import isf, isf_easy_read

    keys = {symbol.key for symbol in STARTER_SET}
    used = {key for _text, key in isf_easy_read.PURPOSE}
    used |= {key for _title, lines in isf_easy_read.AREAS.values() for _text, key in lines}
    used |= {key for lines in isf_easy_read.HOW_TO_USE for _text, key in lines}
    assert used <= keys
    assert set(isf_easy_read.AREAS) == {title for title, _commitments, _prompts in isf.AREAS}
    assert len(isf_easy_read.HOW_TO_USE) == len(isf.HOW_TO_USE_POINTS)

"""The easy-read starter pictures: OpenMoji symbols imported as Wagtail images.

OpenMoji (openmoji.org, CC BY-SA 4.0) comes from the npm registry (package.json), which
ships its symbols as SVG only; each is rendered to a PNG here, because Word documents cannot
hold SVG. Each image is found again by its title in the OpenMoji collection, so importing
again adds only the ones missing and never changes an image an editor has edited.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import resvg_py
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection

from agreements.easy_read_pictures import OPENMOJI_COLLECTION

#: Pixels square: sharp at 2.5 cm in print, small enough to keep the media folder light.
PICTURE_SIZE = 240


class Symbol(NamedTuple):
    key: str  # how the seed content names it
    code: str  # OpenMoji's file name: the emoji's code points
    title: str
    description: str  # the alt text


STARTER_SET = (
    Symbol("person", "1F9D1", "Person", "A person"),
    Symbol("people", "1F9D1-200D-1F91D-200D-1F9D1", "People together", "Two people holding hands"),
    Symbol("family", "1F46A", "Family", "A family: two adults and a child"),
    Symbol("group", "1F465", "Group of people", "Outlines of two people side by side"),
    Symbol("hug", "1FAC2", "Support", "Two people hugging"),
    Symbol("home", "1F3E0", "Home", "A house"),
    Symbol("community", "1F3D8", "Community", "Houses in a neighbourhood"),
    Symbol("handshake", "1F91D", "Agreement", "Two hands shaking"),
    Symbol("talk", "1F4AC", "Talking", "A speech bubble"),
    Symbol("speak", "1F5E3", "Speaking up", "A head speaking"),
    Symbol("listen", "1F442", "Listening", "An ear"),
    Symbol("calendar", "1F4C5", "Calendar", "A calendar page"),
    Symbol("money", "1F4B7", "Money", "A pound banknote"),
    Symbol("heart", "2764", "Caring", "A red heart"),
    Symbol("question", "2753", "Question", "A question mark"),
    Symbol("check", "2714", "Yes, agreed", "A tick"),
    Symbol("learn", "1F3EB", "School and learning", "A school building"),
    Symbol("books", "1F4DA", "Learning", "A pile of books"),
    Symbol("phone", "260E", "Phone", "A telephone"),
    Symbol("doctor", "1F9D1-200D-2695-FE0F", "Health worker", "A health worker"),
    Symbol("idea", "1F4A1", "Idea", "A light bulb"),
    Symbol("goal", "1F3AF", "Goal", "A target with an arrow in the middle"),
    Symbol("write", "1F4DD", "Writing it down", "A note and a pencil"),
    Symbol("thumbs-up", "1F44D", "Good", "A thumbs up"),
    Symbol("choose", "1F914", "Thinking and choosing", "A thinking face"),
    Symbol("steps", "1F6B6", "Small steps", "A person walking"),
    Symbol("email", "2709", "Letter", "An envelope"),
)


def openmoji_directory() -> Path:
    """Where the OpenMoji colour SVGs are: the npm package's, unless settings say otherwise."""
    configured = getattr(settings, "OPENMOJI_SVG_DIR", None)
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR) / "node_modules" / "openmoji" / "color" / "svg"


@dataclass
class PictureReport:
    created: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # symbols whose SVG was not found


def picture_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=OPENMOJI_COLLECTION).first()
    return existing or root.add_child(name=OPENMOJI_COLLECTION)


def _png(svg: Path) -> bytes:
    return bytes(
        resvg_py.svg_to_bytes(
            svg_path=str(svg), width=PICTURE_SIZE, height=PICTURE_SIZE, background="#ffffff"
        )
    )


@transaction.atomic
def load_easy_read_pictures(source: Path | None = None) -> PictureReport:
    """Import each starter symbol not yet in the OpenMoji collection (by title)."""
    source = source or openmoji_directory()
    image_model = get_image_model()
    collection = picture_collection()
    titles = set(image_model.objects.filter(collection=collection).values_list("title", flat=True))
    report = PictureReport()
    for symbol in STARTER_SET:
        if symbol.title in titles:
            report.present.append(symbol.title)
            continue
        svg = source / f"{symbol.code}.svg"
        if not svg.is_file():
            report.missing.append(symbol.title)
            continue
        image = image_model(
            title=symbol.title,
            description=symbol.description,
            collection=collection,
            file=ImageFile(io.BytesIO(_png(svg)), name=f"openmoji-{symbol.code.lower()}.png"),
        )
        image.save()
        report.created.append(symbol.title)
    return report


def pictures_by_key() -> dict[str, int]:
    """The starter pictures' image ids by their keys (those imported)."""
    titles = {symbol.title: symbol.key for symbol in STARTER_SET}
    images = get_image_model().objects.filter(
        collection__name=OPENMOJI_COLLECTION, title__in=titles
    )
    return {titles[title]: pk for pk, title in images.values_list("pk", "title")}

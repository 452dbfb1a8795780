"""The easy-read pictures' collection, and the attribution their licence asks for.

The starter pictures are OpenMoji symbols (CC BY-SA 4.0), which
``manage.py load_easy_read_pictures`` imports into one collection: every page and copy that
shows one of them credits OpenMoji, as the licence requires.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

#: The collection the OpenMoji symbols are imported into (by name: the loader creates it).
OPENMOJI_COLLECTION = "Easy read pictures (OpenMoji)"
#: The credit the licence asks for, as OpenMoji writes it (in every language).
OPENMOJI_CREDIT = "OpenMoji (openmoji.org), CC BY-SA 4.0"


def openmoji_attribution() -> str:
    """The credit every page or copy that shows an OpenMoji picture carries."""
    return _("Pictures: %(credit)s") % {"credit": OPENMOJI_CREDIT}


def picture_alt(image) -> str:
    """What a reader who cannot see the picture hears: the image's description, else its
    title (as Wagtail's own default alt text)."""
    return image.default_alt_text or ""


def attribution_for(images: Iterable) -> str:
    """The credit the pictures shown need: OpenMoji's if any of them is one, else nothing."""
    for image in images:
        if image is not None and image.collection.name == OPENMOJI_COLLECTION:
            return openmoji_attribution()
    return ""

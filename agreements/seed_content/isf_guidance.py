"""The seeded guidance on using each area of the ISF Partnership Agreement.

The words in quotation marks are the agreement's own "How to use this Document", word for word
(``isf.HOW_TO_USE_POINTS``); the rest is the editors' own guidance, written as theirs ("We
suggest ..."), applying those points to one area at a time. Nothing here is presented as the
seed document's text unless it is quoted from it.
"""

from django.utils.html import escape

from agreements.seed_content import isf

SLUG = "how-to-use-the-isf-partnership-agreement"
TITLE = "How to use the ISF Partnership Agreement"
SUMMARY = (
    "Choose the areas that matter, agree who does what: the prompts are a guide, not a checklist."
)
CHANGE_NOTE = (
    "First published, with the four points of the ISF Partnership Agreement's own guidance and "
    "the editors' guidance on using each of its seven areas."
)

# The points that apply to one area: choose it if it matters; the prompts are a guide;
# everyone agrees who will do what.
_CHOOSE, _GUIDE, _EVERYONE = (isf.HOW_TO_USE_POINTS[index] for index in (0, 2, 3))

#: Editors' guidance for one area only, by the area's title in the seed.
AREA_NOTES = {
    "Support": (
        "In the working draft the Local Authority has no prompts in this area. We suggest you "
        "still talk together about whether the Local Authority has a part to play here."
    ),
}


def _quote(text: str) -> str:
    return f"“{escape(text)}”"


def area_guidance(area_title: str) -> str:
    """The editors' guidance on one area, as rich text."""
    title = escape(area_title)
    paragraphs = [
        f"<p>The agreement’s own guidance says: {_quote(_CHOOSE)} We suggest you decide "
        f"together whether <b>{title}</b> matters to this person before you agree anything "
        "in it.</p>",
        f"<p>The prompts for each party are not a checklist. In the agreement’s words: "
        f"{_quote(_GUIDE)}.</p>",
        "<p>If the area matters, we suggest you write under “For _____ this means:” what it "
        "means for the person, and who will do what. The agreement’s own guidance says: "
        f"{_quote(_EVERYONE)}</p>",
    ]
    if area_title in AREA_NOTES:
        paragraphs.append(f"<p>{escape(AREA_NOTES[area_title])}</p>")
    return "".join(paragraphs)


def body(template_id: int, areas: list[tuple[str, str]]) -> list[dict]:
    """The guidance page's StreamField content: the agreement's how-to-use points, then the
    editors' guidance on each area, given as (area block id, area title) in order."""
    return [
        {
            "type": "how_to_use",
            "value": {"heading": isf.HOW_TO_USE_HEADING, "points": isf.HOW_TO_USE_POINTS},
        },
        *(
            {
                "type": "area_guidance",
                "value": {
                    "area": f"{template_id}:{block_id}",
                    "heading": "",
                    "guidance": area_guidance(title),
                },
            }
            for block_id, title in areas
        ),
    ]

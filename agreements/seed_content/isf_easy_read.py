"""A draft easy-read version of the ISF Partnership Agreement: its purpose, its seven shared
commitments and its how-to-use points, each line with a picture from the starter set
(seeding/easy_read_pictures.py, by key).

Written for this project as a starting point, not by the agreement's authors: every version is
marked as a draft for review, to be checked with people who use easy read before it is relied on.
"""

#: (line, picture key): the purpose, from the template's introduction.
PURPOSE = [
    ("This agreement is about _____.", "person"),
    ("It says how we will work together to help _____ have a good life.", "handshake"),
    ("A good life means good friends and family.", "heart"),
    ("It means being part of {their} community.", "community"),
    ("Three groups make this agreement together.", "group"),
    ("_____ and {their} family are one group.", "family"),
    ("The people who give support are one group.", "hug"),
    ("The council is one group.", "people"),
    ("Everyone says what they will do.", "talk"),
]

#: Area title: (title in easy read, [(line, picture key)]) for its shared commitment.
AREAS = {
    "Agreeing Outcomes": (
        "What we want to happen",
        [
            ("We will work together.", "handshake"),
            ("We will agree goals that matter to _____.", "goal"),
        ],
    ),
    "Resources": (
        "Money and help",
        [
            ("We will make sure there is enough money and help for _____.", "money"),
            ("This helps _____ reach the goals we agreed.", "goal"),
        ],
    ),
    "Listening and communication": (
        "Listening and talking",
        [
            ("We will listen to everyone.", "listen"),
            ("We will listen before we plan or change _____'s support.", "calendar"),
            ("We will talk together often.", "talk"),
            ("Everyone will know what they need to know.", "check"),
        ],
    ),
    "Learning together and making progress": (
        "Learning together",
        [
            ("We will take time to see what is working well for _____.", "thumbs-up"),
            ("We will see what is not working well.", "question"),
            ("We will learn together how to support _____ best.", "books"),
            ("We will agree what to do before we change things.", "handshake"),
        ],
    ),
    "Home, and community": (
        "Home and community",
        [
            ("_____'s home will be in {their} local community.", "home"),
            ("_____ can take part in {their} community.", "community"),
            ("People in the community will value _____.", "heart"),
        ],
    ),
    "Support": (
        "Support",
        [
            ("_____ will get support from people who suit {them}.", "hug"),
            ("The support will be in ways and places that work for {them}.", "home"),
            ("We will look after the people who support _____.", "people"),
            ("We will help _____ stay safe and well.", "doctor"),
        ],
    ),
    "Doing things together": (
        "Doing things together",
        [
            ("We will spend time with _____.", "people"),
            ("We will help _____ do the things that matter to {them}.", "steps"),
            ("We will all share the work of reaching the goals.", "group"),
        ],
    ),
}

#: One easy-read version per how-to-use point, in order: [(line, picture key)].
HOW_TO_USE = [
    [
        ("There are 7 areas.", "books"),
        ("Look at each area.", "question"),
        ("Choose the areas that matter to the person.", "choose"),
    ],
    [
        ("Use the areas to agree what needs to happen.", "handshake"),
        ("Agree who will do each thing.", "people"),
    ],
    [
        ("The bullet points give you ideas.", "idea"),
        ("You do not have to use them all.", "check"),
    ],
    [
        ("Everyone should get the chance to think about each area.", "choose"),
        ("Everyone should agree who will do what.", "handshake"),
    ],
]


def _version(lines: list[tuple[str, str]], pictures: dict[str, int]) -> dict:
    return {
        "lines": [{"text": text, "picture": pictures.get(key)} for text, key in lines],
        "draft": True,
    }


def purpose(pictures: dict[str, int]) -> list[dict]:
    """The template's ``intro_easy_read`` stream."""
    return [{"type": "easy_read", "value": _version(PURPOSE, pictures)}]


def area(title: str, pictures: dict[str, int]) -> dict:
    """An area's ``easy_read`` value."""
    easy_title, lines = AREAS[title]
    return {"title": easy_title, "commitment": _version(lines, pictures)}


def how_to_use(pictures: dict[str, int]) -> list[dict]:
    """The how-to-use block's ``easy_read`` list."""
    return [_version(lines, pictures) for lines in HOW_TO_USE]


def add_to(body: list[dict], pictures: dict[str, int]) -> None:
    """Give the ISF's body (seed data, before it has ids) its easy read, in place."""
    for block in body:
        value = block["value"]
        if block["type"] == "area" and value["title"] in AREAS:
            value["easy_read"] = area(value["title"], pictures)
        elif block["type"] == "how_to_use":
            value["easy_read"] = how_to_use(pictures)

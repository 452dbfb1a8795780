"""The Individual Support Fund (ISF) Partnership Agreement, working draft, June 2019.

Word for word from ``isf-partnership-agreement-working-draft-2019.txt``. Judgements made where
the text extraction lost or garbled the original's structure:

- Area numbers ("1.", "2.", ...) are computed from the order of the areas, so the titles are
  stored without them, and without the trailing ":" or "." that ended each heading line.
- Each bullet ("•" or "●") in a prompt column is one prompt. Area 7's columns lost their
  bullet characters in extraction; the original plainly had one bullet per sentence there, so
  the Provider column is three prompts and the Family & Person column two (the first of which
  has no full stop in the source: "Continue to be involved in providing support").
- Area 6 (Support) has no Local Authority prompts: that column is kept, empty.
- "_____" is the person being supported, kept as in the source, including the places that
  need a possessive ("_____ home", "_____ wellbeing"). Version 1 stays faithful to the text;
  the page shows a visible blank, and a personalised agreement puts in the person's name.
- Each pronoun that means the person is marked in braces (``{they}``, ``{their}``, and the one
  ``{his}`` in area 5), and the one verb that must agree with it but does not follow it is
  written in both forms (``{want|wants}``): the template page shows the words as the source
  has them, and a personalised agreement gives the person's own pronouns with the verbs
  agreeing (``agreements.personalising``). Pronouns that mean anyone else ("people change
  their mind", "the best they can", "the person and their family" in the introduction, which
  speaks of people in general) are plain words.
- The party columns' headings are taken from the source's table header row.
- Typographical slips in the source ("complimentary temperament", "risks re considered",
  "To be flexible in how resources can be used,") are kept: this is the working draft as
  written, and editors correct it in a later version with a change note.
"""

TITLE = "Individual Support Fund Partnership Agreement"
SLUG = "isf-partnership-agreement"
MATURITY = "working-draft"
CHANGE_NOTE = "The working draft of June 2019, published as written."

PROVENANCE = (
    "This working draft was produced by John Waters in partnership with Rochdale MBC in June "
    "2019 as part of a programme working to bring some people home from out of area placements. "
    "It will change further as it is tested and used more widely."
)

SEARCH_DESCRIPTION = (
    "A partnership agreement between the local authority, the support provider and the person "
    "and their family: seven areas of shared commitments, with prompts for each party."
)

INTRO = (
    "<p>This document sets out how we will work together to support _____ to live a good life, "
    "enjoy positive relationships, be a valued friend and or family member and have an active "
    "role in {their} local community.</p>"
    "<p>It describes a set of commitments everyone involved makes to each other and it defines "
    "the expectations each party can have of the other. It is different from the type of "
    "agreement traditionally used between councils and care providers as it:</p>"
    "<ul>"
    "<li>Sets out an understanding between three rather than two parties, including the person "
    "and their family, alongside the local authority and the support provider.</li>"
    "<li>Is highly personalised using a basic framework that is tailored to the specific needs "
    "interests and circumstances of each person.</li>"
    "<li>Places an emphasis on collaborative working and partnership rather than setting out the "
    "things one party must do for the other.</li>"
    "</ul>"
)

HOW_TO_USE_HEADING = "How to use this Document"
HOW_TO_USE_POINTS = [
    "Look at each of the 7 areas, and decide which of these is important and relevant to the "
    "person you are supporting.",
    "The Matrix is intended to help you agree what needs to be done and who will do what to "
    "support the person.",
    "The bullet points are there as a guide to help prompt the things you might want to think "
    "about, you do not have to include everything",
    "What is important is that each party has had an opportunity to consider each aspect of the "
    "persons support and everyone agrees who will do what.",
]

LOCAL_AUTHORITY = "Local Authority"
PROVIDER = "Provider"
FAMILY_AND_PERSON = "Family & Person being supported"
PARTIES = (LOCAL_AUTHORITY, PROVIDER, FAMILY_AND_PERSON)
# The three columns are the template's declared parties: who forks name, and who agree.
PARTY_KEYS = {LOCAL_AUTHORITY: "local-authority", PROVIDER: "provider", FAMILY_AND_PERSON: "person"}


def declared_parties() -> list[dict]:
    """The template's parties (TemplatePage.parties), one per column."""
    return [
        {
            "type": "party",
            "value": {
                "key": PARTY_KEYS[party],
                "name": party,
                "kind": "people" if party == FAMILY_AND_PERSON else "organisation",
                "includes_the_person": party == FAMILY_AND_PERSON,
                "help_text": "",
            },
        }
        for party in PARTIES
    ]


THIS_MEANS_LABEL = "For _____ this means:"

#: (title, commitment sentences, {party: prompts})
AREAS = [
    (
        "Agreeing Outcomes",
        [
            "We will work together towards shared goals that we are all agreed are important to "
            "and for _____.",
        ],
        {
            LOCAL_AUTHORITY: [
                "Help identify the outcomes",
                "Help define how to measure progress towards the outcomes",
                "Be clear what must happen to change the outcomes being worked towards (it is ok "
                "and often helpful if people change their mind)",
            ],
            PROVIDER: [
                "Work to get to know the person well",
                "Help {them} understand the choices {they} have and explore different options and "
                "the outcomes {they} might want to achieve",
                "Identify important small steps towards outcomes and describe what support is "
                "needed to achieve",
            ],
            FAMILY_AND_PERSON: [
                "Share what we know about the person the things {they} like to do and {want|wants} "
                "to achieve",
                "Help Identify any current obstacles",
                "Recognise the person needing support as an independent adult.",
            ],
        },
    ),
    (
        "Resources",
        [
            "We will all make sure there are enough resources available to support _____ so {they} "
            "can make progress towards the outcomes we have agreed.",
        ],
        {
            LOCAL_AUTHORITY: [
                "Provide sufficient resources to Support the person to achieve the agreed "
                "outcomes.",
                "To be flexible in how resources can be used,",
                "Provide resources to support outcomes in all domains of wellbeing including work "
                "learning and community.",
            ],
            PROVIDER: [
                "Use resources efficiently",
                "To be clear about what is and isn't possible",
                "Value and respect the resources provided by the family welcome their continued "
                "contribution to supporting the person.",
            ],
            FAMILY_AND_PERSON: [
                "Continue to spend time with the person supporting {them} to achieve the things "
                "that are important to {them}.",
                "Continue to share knowledge of the person",
                "To be open and honest about what is realistic to do and not to do for the person.",
            ],
        },
    ),
    (
        "Listening and communication",
        [
            "We will make sure everyone's views are heard when we plan or change the support that "
            "_____ gets.",
            "We will talk positively together regularly so everyone involved in supporting _____ "
            "knows what they need to and is kept informed.",
        ],
        {
            LOCAL_AUTHORITY: [
                "Be clear about how and who to contact, provide named contact.",
                "Coordinate and attend regular reviews",
                "Seek to maintain consistency in the named point of contact.",
            ],
            PROVIDER: [
                "Ensure support staff are trained and are able to communicate well with the "
                "person being supported. Ensure the person feels heard.",
                "Ensure communication with family is open and ongoing.",
                "Communication needs are reviewed regularly",
            ],
            FAMILY_AND_PERSON: [
                "Support the provider and support staff to understand how the person communicates.",
                "Be clear about any expectations around things that are important to the family",
                "Be clear about any expectations around things that are important to the person "
                "being supported.",
            ],
        },
    ),
    (
        "Learning together and making progress",
        [
            "We will make time to understand what is working well for _____ what is not working "
            "well and what needs to change. We will learn together how we can best support _____ "
            "when we need to make changes we will make sure we agree the way forward. What we "
            "will do when things don't work well.",
        ],
        {
            LOCAL_AUTHORITY: [
                "Help identify outcomes that focus on helping the person make progress.",
                "Help identify key steps toward outcomes.",
                "Take part in regular reviews that focus on progress towards goals.",
            ],
            PROVIDER: [
                "Focus day to day support on helping the person make progress",
                "Motivate and encourage the person needing support.",
                "Record, measure and share progress towards agreed outcomes, including input from "
                "family and others.",
            ],
            FAMILY_AND_PERSON: [
                "Spend time with the person and help {them} achieve {their} goals",
                "Note the progress the person is making and share this",
                "Take part in reviews and celebrate the progress the person makes",
            ],
        },
    ),
    (
        "Home, and community",
        [
            "We will make sure that _____ home is in {his} local community, and that {they} have "
            "the opportunity to be an active and valued member of {their} community.",
        ],
        {
            LOCAL_AUTHORITY: [
                "Recognise the right of people who need support to be active and engaged members "
                "of their community.",
                "Commitment to support close to home and family members.",
                "Recognise the person who needs support as part of a family/friendship group and "
                "as part of a community.",
            ],
            PROVIDER: [
                "Learn about the community (map opportunity), look to parts of the community that "
                "the person connects with to find support staff.",
                "Provide support that connects the person to {their} community and fosters "
                "relationships with people and places in the local community.",
                "Identify and manage any risks associated with the person being supported as part "
                "of {their} community.",
            ],
            FAMILY_AND_PERSON: [
                "Share knowledge of the people and places locally that are important to the "
                "person.",
                "Continue to help the person access and connect with people and places in the "
                "local community.",
                "Find opportunities for the person being supported to enjoy {their} local "
                "community.",
            ],
        },
    ),
    (
        "Support",
        [
            "We will make sure _____ is supported by people, in ways and in places that work for "
            "{them}. We will think carefully about how we look after and enable the people who "
            "support _____ to be the best they can. We will promote _____ wellbeing and make sure "
            "everyone supporting _____ is safe and well.",
        ],
        {
            LOCAL_AUTHORITY: [],
            PROVIDER: [
                "Find and recruit matched staff with shared interests and complimentary "
                "temperament.",
                "Support staff are cared for and supported to do the best job they can.",
                "Make sure staff have opportunity to learn and to get better at providing support.",
            ],
            FAMILY_AND_PERSON: [
                "Continue to be involved in providing support.",
                "Help find and recruit the right staff",
                "Be clear about what good support looks like and help identify the key "
                "characteristics of good support staff.",
            ],
        },
    ),
    (
        "Doing things together",
        [
            "We will spend time together supporting _____ to do the things that are important to "
            "and for {them}. We will share the responsibility of helping _____ achieve the goals "
            "we have agreed.",
        ],
        {
            LOCAL_AUTHORITY: [
                "Consider the implications of support providers and families working closely "
                "together to provide support and ensure any risks re considered and mitigated.",
            ],
            PROVIDER: [
                "Identify with the person needing support and {their} family and friends the "
                "things that can be done together.",
                "Be flexible and open to sharing support, work alongside and in partnership with "
                "friends and family.",
                "Ensure that support staff are flexible and expect to work alongside family and "
                "friends.",
            ],
            FAMILY_AND_PERSON: [
                "Continue to be involved in providing support",
                "Help identify what things could be done better together.",
            ],
        },
    ),
]


def body() -> list[dict]:
    """The template's StreamField content: how to use it, then the seven areas."""
    return [
        {
            "type": "how_to_use",
            "value": {"heading": HOW_TO_USE_HEADING, "points": HOW_TO_USE_POINTS},
        },
        *(
            {
                "type": "area",
                "value": {
                    "title": title,
                    "commitments": commitments,
                    "party_prompts": [
                        {"party": party, "party_key": PARTY_KEYS[party], "prompts": prompts[party]}
                        for party in PARTIES
                    ],
                    "this_means_label": THIS_MEANS_LABEL,
                },
            }
            for title, commitments, prompts in AREAS
        ),
    ]

"""The Suffolk Partnering Agreement (2005-2008) for the Ixworth Young Persons with Dementia
Support Housing Scheme.

Word for word from ``suffolk-partnering-agreement-2005.txt``. The extraction flattened the
original's layout; judgements made in rebuilding it:

- Page 1's address blocks were two columns interleaved line by line, left column first. They
  are rebuilt as one organisation per column: e.g. "Havebury Housing" + "Partnership" and
  "Suffolk West Primary" + "Care Trust" are single names, and "Age Concern YPWD" / "Access
  Team" / "West Suffolk" is one organisation name over three lines.
- Postcodes that differ between page 1 and Appendix 1 (Social Care Services IP12 2BX and
  IP1 2BX; Havebury IP3 8BL and IP33 3SP) are published as each place in the document says.
- Clause numbers are computed from the order of the clauses, and agree with the source's own
  numbers at every point the source shows one. The text keeps 1, 2 (2.1-2.4), 3, 14
  (14.1-14.4), 15, 16 (16.1-16.3) and 18 (18.1-18.8), and clause 3 refers to "clause 8
  (Termination)"; the numbers of the headed sections between 3 and 14 were lost. Ten headings
  stand there for the nine clauses 4 to 12 plus 13, so two of them cannot be clauses of their
  own as they stand:
  - "Commissioning of Services" is a sub-heading of clause 4 "Obligations and
    Responsibilities of Partners" (beside its "Partner Roles"): it says what the partners'
    responsibilities mean for commissioning, and with it inside clause 4 "Termination of the
    Partnering Agreement" is clause 8, as clause 3's reference says.
  - "Operational Conduct" is a clause with a heading only (12), and "Aims and Objectives",
    printed beneath it, is clause 13 of its own, so that Communication is 14 as printed.
  The cross-reference is stored as a reference to the Termination clause, so it renders the
  clause's number ("clause 8 (Termination)", as printed) and follows the clause if it moves.
- Nothing in the surviving text is numbered 17: the Signatories are numbered as a clause with
  the source's own number, 18 (18.1-18.8), fixed, and the page shows the missing clause 17 as
  a gap ("Clause 17 is not in this document.") rather than renumbering anything.
- Sections whose sub-clause numbers were lost (4 to 13, 15) keep their paragraphs
  unnumbered rather than numbering what the source does not show. Sub-headings inside them
  ("Partner Roles", "Commissioning of Services", the partners in "Monitoring and Liaison")
  are sub-headings, and the numbered lists under each partner are numbered lists.
- Bullet lists ("·") are lists; each bullet is one item.
- Appendix 1's table is rebuilt as four columns and seven rows, each cell holding the lines
  that fell in it, in order. The Personal Care row's "** Flexi Budget (Revised annually)"
  stays in the funding provider cell where the extraction put it, since the original's
  placement is not plain from the text.
- Each signatory signs on behalf of an organisation, in the source's words ("Signed on behalf
  of", "(Duly Authorised Signatory)"); signature and date lines are drawn by the page (see
  the signatories block's template).
"""

TITLE = "Suffolk Partnering Agreement"
SLUG = "suffolk-partnering-agreement"
MATURITY = "example"
CHANGE_NOTE = (
    "The 2005 agreement, published as written, with its clauses numbered as the source numbers "
    "them."
)

PROVENANCE = (
    "A traditional multi-agency partnering agreement from Suffolk, in force from 2005 to 2008, "
    "published as an example of a clause-based agreement."
)

SEARCH_DESCRIPTION = (
    "A multi-agency partnering agreement: parties by role, definitions, numbered clauses, a "
    "funding schedule and signatories."
)


def _organisation(name: str, *address: str) -> dict:
    return {"name": name, "address": "\n".join(address)}


PARTIES = {
    "heading": "PARTNERING AGREEMENT",
    "preamble": "Between",
    "parties": [
        {
            "conjunction": "",
            "role": "Commissioning Partners",
            "organisations": [
                _organisation(
                    "Suffolk Supporting People",
                    "53 Barrack Square",
                    "Martlesham Heath",
                    "Ipswich",
                    "Suffolk IP5 3RF",
                ),
                _organisation(
                    "Social Care Services",
                    "Endeavour House",
                    "Russell Road",
                    "Ipswich",
                    "Suffolk IP12 2BX",
                ),
                _organisation(
                    "St Edmundsbury Borough Council",
                    "Council Offices",
                    "Angel Hill",
                    "Bury St Edmunds",
                    "Suffolk",
                    "IP33 3XB",
                ),
                _organisation(
                    "Havebury Housing Partnership",
                    "St Edmundsbury House",
                    "Western Way",
                    "Bury St Edmunds",
                    "Suffolk IP3 8BL",
                ),
            ],
        },
        {
            "conjunction": "AND",
            "role": "Provider Partner(s)",
            "organisations": [
                _organisation(
                    "Orwell Housing Association Ltd",
                    "Crane Hill Lodge",
                    "325 London Road",
                    "Ipswich",
                    "Suffolk",
                    "IP2 0BE",
                ),
            ],
        },
        {
            "conjunction": "",
            "role": "Other Partner(s)",
            "organisations": [
                _organisation(
                    "Suffolk West Primary Care Trust",
                    "Thingoe House",
                    "Cotton Lane",
                    "Bury St Edmunds",
                    "Suffolk",
                    "IP33 1YJ",
                ),
                _organisation(
                    "Age Concern YPWD Access Team West Suffolk",
                    "Abbey House",
                    "30 Angel Hill",
                    "Bury St Edmunds",
                    "Suffolk",
                    "IP33 1LS",
                ),
                _organisation(
                    "Suffolk Mental Health Partnership NHS Trust",
                    "Trust Headquarters",
                    "Suffolk House",
                    "Foxhall Road",
                    "Ipswich",
                    "Suffolk",
                    "IP3 8BL",
                ),
            ],
        },
    ],
    "subject": "In respect of\n‘The Ixworth Young Persons with Dementia Support Housing Scheme’",
}

DEFINITIONS = {
    "heading": "Definitions",
    "definitions": [
        {
            "term": "Commissioning Partners",
            "meaning": "those agencies commissioning the care, support and other services "
            "provided at the supported housing scheme as detailed on page 1",
        },
        {
            "term": "Provider Partners",
            "meaning": "the provider of the care and support services required by the supported "
            "housing scheme as detailed on page 1",
        },
        {
            "term": "Other Partners",
            "meaning": "other agencies/authorities/stakeholders who have a vested interest in "
            "the smooth running of the service, such as Health, Borough Council etc. as detailed "
            "on page 1",
        },
        {"term": "Partners", "meaning": "the Commissioning and Provider Partners"},
        {
            "term": "Scheme",
            "meaning": "the Havebury Housing Partnership, supported housing scheme.",
        },
        {
            "term": "Service",
            "meaning": "the care and support service commissioned by the Commissioning Partners",
        },
        {"term": "Client", "meaning": "younger persons with dementia."},
    ],
}


def _paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": text}


def _subheading(text: str) -> dict:
    return {"type": "subheading", "value": text}


def _list(*items: str, numbered: bool = False) -> dict:
    return {"type": "list", "value": {"items": list(items), "numbered": numbered}}


def _sub_clause(*content: dict) -> dict:
    return {"type": "sub_clause", "value": {"content": list(content)}}


def _clause(heading: str, *content: dict, key: str = "", number: int | None = None) -> dict:
    return {
        "type": "clause",
        "value": {
            "heading": heading,
            "reference_key": key,
            "number": number,
            "content": list(content),
        },
    }


CLAUSES = [
    _clause(
        "Introduction",
        _sub_clause(
            _paragraph(
                "The Ixworth project is a supported housing scheme (the Scheme) inclusive of "
                "extra care services, owned by the Havebury Housing Partnership.  Orwell Housing "
                "Association Ltd (Provider Partner) will provide the care and support services.  "
                "The Scheme offers younger persons with dementia (the Client), a self-contained "
                "home within an active community, and in an environment that facilitates their "
                "independence through the provision of care and support to meet a range of needs."
            )
        ),
        _sub_clause(
            _paragraph(
                "This Partnership Agreement (the Agreement) sets out the operational relationships "
                "at the Scheme between the Partners who provide financial support and/or resources "
                "to this Scheme, and (if appropriate) any Other Partner participating in the "
                "provision of or commission of care and/or support services.  The Services "
                "commissioned from the Provider Partner are for younger people with dementia (the "
                "Client)."
            ),
            _paragraph("Services include:-"),
            _list(
                "Housing",
                "Personal Care services",
                "Support Services",
                "Specialist Health Care services",
                "Landlord Services",
            ),
        ),
        _sub_clause(
            _paragraph(
                "The purpose of this Agreement is to ensure effective joint working, liaison and "
                "communication between the Partners."
            )
        ),
        _sub_clause(
            _paragraph(
                "This Agreement is intended to form the basis of a joint working partnership and "
                "does not create a contract between the Partners."
            )
        ),
    ),
    _clause(
        "Commencement and Duration",
        {
            "type": "cross_reference",
            "value": {
                "text_before": "This Agreement shall commence on 01/01/2005 and shall continue in "
                "force until the end date 31/12/2008, subject to the provision of",
                "clause": "termination",
                "label": "Termination",
                "text_after": ".",
            },
        },
    ),
    _clause(
        "Obligations and Responsibilities of Partners",
        _subheading("Partner Roles"),
        _paragraph(
            "Each Commissioning Partner is responsible for the joint commissioning of the new "
            "service development and facilitating the agreed funding and resources at the agreed "
            "time."
        ),
        _paragraph(
            "The Commissioning Partners are responsible for commissioning and monitoring the "
            "Services."
        ),
        _paragraph(
            "The Provider Partner is responsible for providing housing related, care and support "
            "services, in line with the service specification for the Client at the Scheme."
        ),
        _subheading("Commissioning of Services"),
        _paragraph(
            "It is the policy of Social Care Services (SCS), Supporting People Team (SP Team) and "
            "the Borough Council to work closely together to select the service provider for the "
            "provision of care, support and housing services.  For the purposes of this Scheme, "
            "the Provider Partner is acting as both landlord and service provider, providing "
            "housing management, care and support services.  Prior to the commencement of the "
            "Service, both SCS and SP will enter into separate contracts with the Provider Partner "
            "for the care and support services respectively."
        ),
    ),
    _clause(
        "Monitoring and Liaison",
        _paragraph(
            "The purpose of this Agreement is to clarify the monitoring and liaison arrangements "
            "between the Partners."
        ),
        _paragraph("In order to avoid duplication of monitoring it is agreed that: -"),
        _subheading("Social Care Services"),
        _list(
            "SCS will monitor on an ongoing basis the care service and advise the Partners of the "
            "performance.",
            "SCS will share information and any concerns about the service identified in ongoing "
            "monitoring with the Partners (at least once per annum).  This will be linked to the "
            "monitoring arrangements within the care contract and will be considered during the "
            "annual budget meeting.",
            numbered=True,
        ),
        _subheading("Supporting People Team"),
        _list(
            "The SP Team will monitor the support services and advise the Partners of the "
            "performance.",
            "The SP Team agrees to make available the results of continual performance monitoring "
            "to the Partners (at least once per annum) and the outcome of the support service "
            "review, which will also be considered during the annual budget meeting.",
            "The SP team will monitor on an ongoing basis the support service by collecting "
            "performance indicator information (PI’s) quarterly and the Quality Assessment "
            "Framework (QAF) annually.",
            numbered=True,
        ),
        _subheading("Partners"),
        _list(
            "The Partners will undertake a joint strategic review of the care and support service "
            "every three years.  These results will be shared with the Other Partners.",
            numbered=True,
        ),
        _subheading("Housing Corporation"),
        _paragraph(
            "The Housing Corporation will monitor the housing management services and the "
            "landlord will make available the Housing Corporations monitoring reports to the "
            "Commissioning Partners."
        ),
        _subheading("Other Partners (PCT, Borough Council, NHS Trusts)"),
        _paragraph("SMHPT – Marion Stevens- Farrow providing this"),
        _paragraph(
            "Suffolk West PCT. The PCT will monitor calls to General Practice and the GP Out of "
            "Hours Service to establish that these are appropriate and that there are no training "
            "and practice issues for staff in the scheme, which could be addressed in conjunction "
            "with Suffolk Mental Health Partnership Trust. This information will be shared with "
            "partners at least annually."
        ),
    ),
    _clause(
        "Performance Indicators",
        _paragraph(
            "Additional to the required statutory performance indicators (PI’s) by the ODPM and "
            "Housing Corporation, the Commissioning Partners will jointly agree local PI’s and "
            "required outcomes at the time of contracting the Services.  The PI’s and timetable "
            "will be included in the contract documentation (and reviewed at the Joint Advisory "
            "Group (JAG) and at the service review meetings)."
        ),
    ),
    _clause(
        "Partner Liaison Meetings",
        _paragraph(
            "The Partners, in addition to the service review meetings will agree the frequency of "
            "the project team development meetings.  These meetings will discuss the working of "
            "this Agreement and the Service and the Partners will attend extra meetings where "
            "requested."
        ),
    ),
    _clause(
        "Termination of the Partnering Agreement",
        _paragraph(
            "Any of the Partners wishing to terminate their involvement in this Agreement will "
            "give not less than 6 months’ written notice of their intention, to all of the "
            "Partners."
        ),
        _paragraph(
            "Any change of a Partner’s signatory should be notified to all other signatories."
        ),
        _paragraph(
            "If any of the Partners terminate their involvement in this Agreement, then this "
            "Agreement will be wholly terminated and where possible replaced by a new Agreement."
        ),
        key="termination",
    ),
    _clause(
        "Service Variation",
        _paragraph(
            "The Partners agree that no major variations to this Agreement will take place "
            "without full Partner consultation and consent."
        ),
        _paragraph(
            "All Commissioning Partners agree to keep each other informed about any planned "
            "financial variations that may affect the running of the Scheme."
        ),
    ),
    _clause(
        "Confidentiality",
        _paragraph(
            "All Partners agree to respect the confidentiality of information shared within the "
            "Partners group concerning the service users, service provider or the smooth running "
            "of the Scheme.  The Partners will make available requested information within the "
            "guidelines of the Freedom of Information Act 2000 (FOI) to discharge their statutory "
            "duty under the act."
        ),
    ),
    _clause(
        "Dispute Resolution",
        _paragraph(
            "Each Partner will use all reasonable endeavours to resolve any dispute within the "
            "Partners group and/or between the Commissioning Partners and the Provider Partner in "
            "the best interests of the tenants of the Scheme."
        ),
        _paragraph(
            "Any dispute that cannot be resolved satisfactorily within 28 working days of it "
            "arising must be referred to all Members of the JAG.  Should the dispute then still "
            "be unresolved within 7 working days those Members will arrange for an independent "
            "arbitrator to be appointed.  The appointed Arbitrators decision shall be final."
        ),
    ),
    _clause("Operational Conduct"),
    _clause(
        "Aims and Objectives",
        _paragraph(
            "The Operational Policy (outlining the ethos of the service delivery to the Scheme) "
            "will be produced by the Project Team responsible for developing the Service and this "
            "will be reviewed annually by JAG."
        ),
        _paragraph(
            "All Partners must agree to the Operational Policy for the service.  This document "
            "will be available to staff, tenants and nominees."
        ),
    ),
    _clause(
        "Communication",
        _sub_clause(
            _paragraph(
                "Should any Partner have concerns about performance that will have the potential "
                "to affect the contract, tenants or service delivery, they will inform all other "
                "Partners about the nature of the problem and any proposed action inclusive of "
                "timescales for resolution."
            )
        ),
        _sub_clause(
            _paragraph(
                "Whilst the Scheme Manager (or equivalent) will organise and facilitate the JAG, "
                "the Partners will ensure they contribute.  This group will meet not less than "
                "three times a year with an agreed agenda and will have representation from each "
                "of the stakeholder organisations listed."
            )
        ),
        _sub_clause(
            _paragraph(
                "Supplementary to the core Partnership Agreement, the Partners will contribute to "
                "the JAG dependant upon the items on the agenda; but where input is required each "
                "Partner will make every reasonable effort to attend."
            )
        ),
        _sub_clause(
            _paragraph(
                "Where a problem has arisen that requires joint planning to resolve it, any member "
                "of the JAG can ask for an additional meeting to be called over and above the "
                "planned meetings."
            ),
            _paragraph("Membership of the Joint Advisory Group:-"),
            _list(
                "A tenant and/or nominated relative or friend of the tenants",
                "The Landlord",
                "The Local Housing Authority",
                "Health, (E.g. Primary Care Trust/s and/or NHS Provider Trust where there are "
                "Extra Care services)",
                "Suffolk Social Care (as Care Commissioner)",
                "The Provider(s) of the service (Care & Support)",
                "Suffolk Supporting People Team (as Support Commissioner if appropriate)",
                "Other local Partners (E.g. GP’s, District Nurses)",
            ),
        ),
    ),
    _clause(
        "Documentation",
        _paragraph(
            "The following documentation relevant to this Service will be in place prior to the "
            "first tenancy let;"
        ),
        _list(
            "Suffolk Housing Standards",
            "Suffolk County Council Adult Services Foundation Specification",
            "The Schemes Operational Policy Document",
            "The Schemes Tenants’ Handbook",
            "J.A.G Terms of Reference (Appendix 2)",
            "Suffolk County Allocation Policy",
            "Suffolk County Council Care Contract",
            "Suffolk Supporting People Support Contract",
            "Tenancy Agreement",
            "CSCI domiciliary care registration information",
        ),
    ),
    _clause(
        "Funding",
        _sub_clause(
            _paragraph(
                "The Commissioning Partners and the funding arrangements will be set out in "
                "Appendix 1 (Funding Schedule)."
            )
        ),
        _sub_clause(
            _paragraph(
                "Each Commissioning Partner will make available to the other Partners information "
                "with regard to funding reviews and price increases."
            )
        ),
        _sub_clause(
            _paragraph(
                "Funding will be reviewed during a joint annual budget meeting and any subsequent "
                "funding variations must be agreed between all Partners and stakeholders."
            )
        ),
    ),
]

# The source's words around each signature, which the page writes as the editors choose.
_ON_BEHALF = {
    "signs_as": "organisation",
    "wording": "Signed on behalf of",
    "note": "(Duly Authorised Signatory)",
}

SIGNATORIES = {
    "heading": "Signatories",
    "numbered": True,
    "number": 18,
    "signatories": [
        {
            **_ON_BEHALF,
            "organisation": "Suffolk Supporting People",
            "name": "Clare Smith",
            "designation": "Interim Head of Supporting People Suffolk",
        },
        {
            **_ON_BEHALF,
            "organisation": "Social Care Services",
            "name": "Graham Wrycroft",
            "designation": "Assistant Director Older People Services",
        },
        {
            **_ON_BEHALF,
            "organisation": "St Edmundsbury Borough Council",
            "name": "Carole Herries",
            "designation": "Head of Environmental Health and Housing",
        },
        {
            **_ON_BEHALF,
            "organisation": "Suffolk West Primary Care Trust",
            "name": "Tony Ranzetta",
            "designation": "Chief Executive",
        },
        {
            **_ON_BEHALF,
            "organisation": "Havebury Housing Partnership",
            "name": "Karen Mayhew",
            "designation": "Director of Housing Services",
        },
        {
            **_ON_BEHALF,
            "organisation": "Orwell Housing Association Ltd",
            "name": "Stephen Javes",
            "designation": "Chief Executive",
        },
        {
            **_ON_BEHALF,
            "organisation": "Suffolk Mental Health Partnership NHS Trust",
            "name": "Mark Halladay",
            "designation": "Chief Executive",
        },
        {
            **_ON_BEHALF,
            "organisation": "Age Concern",
            "name": "Daphney Savage",
            "designation": "Chief Executive",
        },
    ],
}

FUNDING_SCHEDULE = {
    "appendix_label": "APPENDIX",
    "heading": "SCHEME FUNDING SCHEDULE",
    "introduction": "This Agreement sets out the funding organisations in respect of The Ixworth "
    "supported housing scheme for younger persons with dementia.",
    "columns": ["SERVICE PROVIDED", "FUNDING PROVIDER", "PROVIDER", "LEVEL OF FUNDING APPROVED"],
    "rows": [
        {
            "cells": [
                "Housing",
                "Capital:\nPublic Sector:\nSHG\nLASHG\nPrivate:\nRevenue/Rents:\n"
                "Tenants or Housing Benefit",
                "Housing Corporation\nHousing Corporation and Suffolk County Council\n"
                "Havebury Housing Partnership, St Edmundsbury House, Western Way, Bury St Edmunds, "
                "Suffolk, IP33 3SP\nSt Edmundsbury Borough Council, Council Offices, Angel Hill, "
                "Bury St Edmunds, Suffolk, IP33 3XB",
                "£TBA\n£TBA\n£TBA\n£TBA",
            ]
        },
        {
            "cells": [
                "Support",
                "Supporting People Grant\n(Block subsidy tenants and self payers)",
                "Suffolk Supporting People, 53 Barrack Sq, Martlesham Heath, Ipswich IP5 3RF",
                "£ NO FUNDS AT THIS TIME",
            ]
        },
        {
            "cells": [
                "Personal Care",
                "Suffolk County Council,\nSocial Care Services\n(Tenants and self payers)\n"
                "** Flexi Budget\n(Revised annually)",
                "Suffolk County Council, Social Care Services, Endeavour House, Russell Road, "
                "Ipswich IP1 2BX",
                "*Core Budget\n£TBA\n(not recharged)\n£TBA",
            ]
        },
        {
            "cells": [
                "Local Authority",
                "Borough Council",
                "St Edmundsbury Borough Council",
                "£Will vary depending on Housing Benefit eligibility",
            ]
        },
        {
            "cells": [
                "Health",
                "Suffolk Mental Health Partnership NHS Trust\nSuffolk West PCT",
                "",
                "Existing\nResources",
            ]
        },
        {
            "cells": [
                "Day Care\n(Including enhanced day care)",
                "Social Care Services, (delete Suffolk West PCT)\nvoluntary sector, leisure "
                "services & adult education",
                "",
                "Resources",
            ]
        },
        {
            "cells": [
                "Other services",
                "Hair Dressers\nLaundry Services\nHandy Person Scheme\nLeisure Activities\n"
                "Chiropody",
                "",
                "Resources",
            ]
        },
    ],
    "footnotes": [
        {
            "marker": "*",
            "text": "Core Budget – The core service provided to all tenants includes four hours "
            "of personal care per week.  These are included in the core cost of providing the "
            "care and support service.",
        },
        {
            "marker": "**",
            "text": "Flexi Budget – If additional hours of care and support are assessed to be "
            "required these will be paid at an hourly rate.  Additional hours of domiciliary care "
            "will be available to tenants to meet their needs.  These will be purchased by Social "
            "Care Services, Direct Payments and or privately by tenants.",
        },
    ],
}


def body() -> list[dict]:
    """The agreement's StreamField content, in the order of the source document."""
    return [
        {"type": "parties", "value": PARTIES},
        {"type": "definitions", "value": DEFINITIONS},
        *CLAUSES,
        {"type": "signatories", "value": SIGNATORIES},
        {"type": "schedule_table", "value": FUNDING_SCHEDULE},
    ]

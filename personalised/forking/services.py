"""Forking: a template's live version becomes one person's personalised agreement."""

import copy
from dataclasses import dataclass, field

from django.db import transaction

from agreements.blanks import declarations_as_data
from agreements.models import TemplatePage
from agreements.personalising import Pronouns
from personalised import audit
from personalised.models import AgreementParty, PersonalisedAgreement
from personalised.people.members import sync_members


class NotForkable(Exception):
    """The template has no live version to fork."""


@dataclass(frozen=True)
class PersonDetails:
    """What the "Use this template" form asks for. ``parties``: for each declared party's key,
    who they are: an organisation's name, or the names of the people in it (but the person,
    whose name is ``person_name``)."""

    person_name: str
    known_as: str
    parties: dict[str, list[str]] = field(default_factory=dict)
    pronouns: str = Pronouns.THEY
    #: The template's other blanks filled in, {key: value} (personalised.forking.blanks).
    blanks: dict = field(default_factory=dict)


def agreement_parties(template_page: TemplatePage, details: PersonDetails) -> list[dict]:
    """The template's declared parties, each with who they are in this agreement (the person
    first in a party that includes them)."""
    parties = []
    for declared in template_page.declared_parties():
        names = [str(name).strip() for name in details.parties.get(declared["key"], [])]
        names = [name for name in names if name]
        includes_the_person = bool(declared.get("includes_the_person"))
        if includes_the_person:
            names = [details.person_name, *names]
        parties.append(
            AgreementParty(
                key=declared["key"],
                name=declared.get("name") or "",
                kind=declared.get("kind") or "organisation",
                includes_the_person=includes_the_person,
                names=tuple(names),
            ).as_data()
        )
    return parties


def copy_body(template_page: TemplatePage) -> list[dict]:
    """The live version's blocks as stream data, every block and list item keeping its id."""
    return copy.deepcopy(template_page.body.stream_block.get_prep_value(template_page.body))


@transaction.atomic
def fork_template(
    template_page: TemplatePage, *, owner, details: PersonDetails
) -> PersonalisedAgreement:
    """Create a personalised agreement from the template's live version, in one transaction.

    The agreement copies every block of the live version with its block id, and records the
    source page, revision and version number, so that later template versions can be compared
    with it block by block. If anything fails, nothing is left half-made.
    """
    if not template_page.live or template_page.live_revision_id is None:
        raise NotForkable(template_page.pk)
    agreement = PersonalisedAgreement(
        owner=owner,
        title=template_page.title,
        source_page=template_page,
        source_revision_id=template_page.live_revision_id,
        source_version=template_page.version,
        language=template_page.locale.language_code,
        person_name=details.person_name,
        known_as=details.known_as,
        pronouns=details.pronouns,
        blanks=dict(details.blanks),
        blank_declarations=declarations_as_data(template_page.declared_blanks()),
        parties=agreement_parties(template_page, details),
        body=copy_body(template_page),
    )
    agreement.full_clean()
    agreement.save()
    agreement.save_revision(user=owner, clean=False)
    sync_members(agreement)
    audit.record(
        agreement, audit.FORK, owner, template=template_page.pk, version=template_page.version
    )
    return agreement

"""The parties a template declares (``TemplatePage.parties``): checking that areas' prompt
columns name declared parties, and working out the declarations of the two seed shapes (the
ISF's three columns; the Suffolk agreement's signatory organisations) from a body's raw stream
data, for the seed loader and the data migration that declares them on existing pages.

The functions on raw data take and return plain lists and dicts (no blocks), so a migration
can use them on historical rows and on revisions' content alike.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

ORGANISATION = "organisation"
PEOPLE = "people"

#: The ISF's columns, in their order, as declared parties: (key, kind, includes the person).
ISF_PARTY_KEYS = (
    ("local-authority", ORGANISATION, False),
    ("provider", ORGANISATION, False),
    ("person", PEOPLE, True),
)


def declared_keys(parties: Iterable) -> list[str]:
    """The keys of a template's declared parties (a StreamValue or raw stream data), in order."""
    keys = []
    for child in parties:
        value = child["value"] if isinstance(child, dict) else child.value
        if value.get("key"):
            keys.append(value["key"])
    return keys


def party_key_errors(body, keys: Iterable[str]) -> StreamBlockValidationError | None:
    """An error on each area's prompt column (``party_key``) and each signatory (``party``)
    naming no declared party, at that field, or None."""
    keys = set(keys)
    errors = {}
    for index, child in enumerate(body):
        if child.block_type == "area":
            items, item_field, key_field = (
                child.value["party_prompts"],
                "party_prompts",
                "party_key",
            )
        elif child.block_type == "signatories":
            items, item_field, key_field = child.value["signatories"], "signatories", "party"
        else:
            continue
        item_errors = {}
        for position, item in enumerate(items):
            key = item.get(key_field)
            if key and key not in keys:
                item_errors[position] = StructBlockValidationError(
                    block_errors={
                        key_field: ValidationError(
                            _("No party of this template has the key '%(key)s'.") % {"key": key}
                        )
                    }
                )
        if item_errors:
            errors[index] = StructBlockValidationError(
                block_errors={item_field: ListBlockValidationError(block_errors=item_errors)}
            )
    return StreamBlockValidationError(block_errors=errors) if errors else None


# --------------------------------------------------------------------------- seed shapes


def _value(item):
    return item["value"] if isinstance(item, dict) and "value" in item else item


def declared_party_data(
    key: str, name: str, kind: str, includes_the_person: bool, help_text: str = ""
) -> dict:
    """Raw StreamField data for one declared party (``TemplatePage.parties``)."""
    return {
        "type": "party",
        "value": {
            "key": key,
            "name": name,
            "kind": kind,
            "includes_the_person": includes_the_person,
            "help_text": help_text,
        },
    }


def _first_area_columns(body: list) -> list[dict]:
    for block in body:
        if block.get("type") == "area":
            return [_value(column) for column in _value(block)["party_prompts"]]
    return []


def isf_declarations(body: list) -> list[dict]:
    """The ISF shape: three parties from the first area's three prompt columns, named as the
    columns are (in the page's own language), keyed by position. [] when it is not that shape."""
    columns = _first_area_columns(body)
    if len(columns) != len(ISF_PARTY_KEYS):
        return []
    return [
        declared_party_data(key, column.get("party", ""), kind, includes)
        for (key, kind, includes), column in zip(ISF_PARTY_KEYS, columns, strict=True)
    ]


def link_isf_columns(body: list) -> bool:
    """Set each area's columns' ``party_key`` by position (the ISF's three), where unset.
    Returns whether anything changed."""
    changed = False
    for block in body:
        if block.get("type") != "area":
            continue
        columns = _value(block)["party_prompts"]
        if len(columns) != len(ISF_PARTY_KEYS):
            continue
        for (key, _kind, _includes), column in zip(ISF_PARTY_KEYS, columns, strict=True):
            value = _value(column)
            if not value.get("party_key"):
                value["party_key"] = key
                changed = True
    return changed


def _signatory_organisations(body: list) -> list[str]:
    for block in body:
        if block.get("type") == "signatories":
            return [
                _value(signatory).get("organisation") or ""
                for signatory in _value(block)["signatories"]
            ]
    return []


def _roles(body: list) -> list[tuple[str, str]]:
    """(organisation name, role) from the parties block."""
    roles = []
    for block in body:
        if block.get("type") != "parties":
            continue
        for party in _value(block)["parties"]:
            party = _value(party)
            for organisation in party.get("organisations") or []:
                roles.append((_value(organisation).get("name") or "", party.get("role") or ""))
    return roles


def _role_of(organisation: str, roles: list[tuple[str, str]]) -> str:
    """The role of the parties block's organisation the signatory signs for: the same name,
    else the one whose name starts with it ("Age Concern" signs for "Age Concern YPWD ...")."""
    for name, role in roles:
        if name.casefold() == organisation.casefold():
            return role
    for name, role in roles:
        if organisation and name.casefold().startswith(organisation.casefold()):
            return role
    return ""


def signatory_keys(body: list) -> list[str]:
    """A key for each signatory organisation, from its name; unique in the page."""
    keys: list[str] = []
    for position, organisation in enumerate(_signatory_organisations(body), start=1):
        key = slugify(organisation)[:45] or f"party-{position}"
        candidate, number = key, 2
        while candidate in keys:
            candidate, number = f"{key}-{number}", number + 1
        keys.append(candidate)
    return keys


def signatory_declarations(body: list, keys: list[str] | None = None) -> list[dict]:
    """The agreement-between-organisations shape: one party per signatory organisation, named
    as it signs, its role (from the parties block) as the fork form's help text. ``keys``: the
    keys to use by position (a translation's source page's), else made from the names."""
    organisations = _signatory_organisations(body)
    if not organisations:
        return []
    own_keys = signatory_keys(body)
    if keys is None or len(keys) != len(organisations):
        keys = own_keys
    roles = _roles(body)
    return [
        declared_party_data(key, organisation, ORGANISATION, False, _role_of(organisation, roles))
        for key, organisation in zip(keys, organisations, strict=True)
    ]


def declarations_for(body: list, signatory_source_keys: list[str] | None = None) -> list[dict]:
    """The declarations a seed-shaped body implies: signatories' organisations if it has a
    signatories block, else the ISF's three columns; [] for any other shape."""
    return signatory_declarations(body, signatory_source_keys) or isf_declarations(body)

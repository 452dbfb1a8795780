"""Upgrades of stored template and agreement content for editor-chosen signatures and the
Suffolk agreement's own clause numbers (for data migrations).

Everything here works on raw stream data (lists of dicts, as stored in a page, an agreement or a
revision), so that a migration does not depend on the blocks as they are later. Each upgrade
touches only what is there to upgrade and says whether it changed anything, so running one
again changes nothing.
"""

import json
import uuid
from collections import defaultdict
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder

# The words the signatories block used to print, as the interface translations had them, so
# that each signature reads as before in every language (see agreements.signatures: "..." is
# where the organisation goes).
SIGNATORY_WORDS = {
    "en": ("Signed on behalf of", "(Duly Authorised Signatory)"),
    "cy": ("Llofnodwyd ar ran", "(Llofnodwr Awdurdodedig)"),
    "pl": ("Podpisano w imieniu: ...", "(Należycie upoważniona osoba podpisująca)"),
    "ur": ("... کی جانب سے دستخط:", "(باقاعدہ مجاز دستخط کنندہ)"),
}

# The Suffolk agreement as it was published before its own numbers were restored: the headings
# of its clause-numbered blocks, in order, and the sub-heading that opened "Operational Conduct".
SUFFOLK_HEADINGS = (
    "Definitions",
    "Introduction",
    "Commencement and Duration",
    "Obligations and Responsibilities of Partners",
    "Commissioning of Services",
    "Monitoring and Liaison",
    "Performance Indicators",
    "Partner Liaison Meetings",
    "Termination of the Partnering Agreement",
    "Service Variation",
    "Confidentiality",
    "Dispute Resolution",
    "Operational Conduct",
    "Communication",
    "Documentation",
    "Funding",
    "Signatories",
)
SUFFOLK_AIMS_HEADING = "Aims and Objectives"
SUFFOLK_SIGNATORIES_NUMBER = 18
_OBLIGATIONS, _COMMISSIONING, _OPERATIONAL, _SIGNATORIES = 3, 4, 12, 16
_NUMBERED_TYPES = ("clause", "definitions", "signatories")
# New blocks get the same ids in every page of a translation group and every revision, so
# translations and revisions of one template stay matched to each other by block id.
_NEW_ID_NAMESPACE = uuid.UUID("0c6ad0d4-5b7c-4f07-b5a1-8a0f1f2f1c12")


def _language(code: str) -> str:
    base = (code or "").split("-")[0].lower()
    return base if base in SIGNATORY_WORDS else "en"


def _item_value(item):
    """A list item's value, in Wagtail's current list format or the older plain one."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"]
    return item


def add_signatory_words(raw: list, language_code: str) -> bool:
    """Give every signatories block what it printed before: numbered as a clause, each
    signatory signing for an organisation in the words of the page's language."""
    wording, note = SIGNATORY_WORDS[_language(language_code)]
    changed = False
    for block in raw:
        if not isinstance(block, dict) or block.get("type") != "signatories":
            continue
        value = block.get("value") or {}
        if "numbered" not in value:
            value["numbered"] = True
            changed = True
        for item in value.get("signatories") or []:
            signatory = _item_value(item)
            if not isinstance(signatory, dict):
                continue
            for key, default in (
                ("signs_as", "organisation"),
                ("wording", wording),
                ("note", note),
            ):
                if key not in signatory:
                    signatory[key] = default
                    changed = True
    return changed


def _numbered_blocks(raw: list) -> list[dict]:
    return [
        block for block in raw if isinstance(block, dict) and block.get("type") in _NUMBERED_TYPES
    ]


def _heading(block: dict) -> str:
    return (block.get("value") or {}).get("heading") or ""


def _content(block: dict) -> list:
    return (block.get("value") or {}).get("content") or []


def suffolk_signature(raw: list) -> tuple[str, ...] | None:
    """The ids that identify a body as the Suffolk agreement as it was (found by its English
    headings): its clause-numbered blocks' ids and the "Aims and Objectives" sub-heading's."""
    numbered = _numbered_blocks(raw)
    if tuple(_heading(block) for block in numbered) != SUFFOLK_HEADINGS:
        return None
    opening = _content(numbered[_OPERATIONAL])[:1]
    if not opening or opening[0].get("value") != SUFFOLK_AIMS_HEADING:
        return None
    ids = (*(block.get("id") for block in numbered), opening[0].get("id"))
    return ids if all(ids) else None


def _matches(raw: list, signature: tuple[str, ...] | None) -> bool:
    numbered = _numbered_blocks(raw)
    if signature is None:
        return suffolk_signature(raw) is not None
    if tuple(block.get("id") for block in numbered) != signature[:-1]:
        return False
    operational = _content(numbered[_OPERATIONAL])
    return bool(
        _content(numbered[_COMMISSIONING])
        and len(operational) > 1
        and operational[0].get("type") == "subheading"
        and operational[0].get("id") == signature[-1]
        and [block["type"] for block in numbered]
        == ["definitions", *["clause"] * 15, "signatories"]
    )


def restructure_suffolk(raw: list, signature: tuple[str, ...] | None, group_key: str) -> bool:
    """Restore the Suffolk agreement's own clause numbers, in place, if the body is that
    agreement as it was (found by ``signature``'s block ids, which its translations share, or,
    without one, by its English headings); any other body is left alone.

    "Commissioning of Services" becomes a sub-heading at the end of clause 4, so Termination
    is 8; "Operational Conduct" keeps its heading only (12) and "Aims and Objectives", the
    sub-heading that opened it, becomes clause 13 with its paragraphs; Signatories keep the
    source's number 18, so 17 is a visible gap. Headings are moved, not rewritten, so a
    translated page keeps its own words; blocks keep their ids."""
    if not _matches(raw, signature):
        return False
    numbered = _numbered_blocks(raw)
    obligations, commissioning = numbered[_OBLIGATIONS], numbered[_COMMISSIONING]
    operational, signatories = numbered[_OPERATIONAL], numbered[_SIGNATORIES]

    subheading = {
        "type": "subheading",
        "value": _heading(commissioning),
        "id": str(uuid.uuid5(_NEW_ID_NAMESPACE, f"{group_key}:commissioning-subheading")),
    }
    obligations["value"]["content"] = [*_content(obligations), subheading, *_content(commissioning)]
    del raw[_position(raw, commissioning)]

    aims_heading, *aims_content = _content(operational)
    operational["value"]["content"] = []
    aims = {
        "type": "clause",
        "value": {
            "heading": aims_heading.get("value") or SUFFOLK_AIMS_HEADING,
            "reference_key": "",
            "number": None,
            "content": aims_content,
        },
        "id": str(uuid.uuid5(_NEW_ID_NAMESPACE, f"{group_key}:aims-clause")),
    }
    raw.insert(_position(raw, operational) + 1, aims)

    signatories["value"]["numbered"] = True
    signatories["value"]["number"] = SUFFOLK_SIGNATORIES_NUMBER
    return True


def _position(raw: list, block: dict) -> int:
    # By identity: two blocks may hold equal data.
    return next(index for index, child in enumerate(raw) if child is block)


# Pages, agreements and their revisions ------------------------------------------------------


def _copy(raw_data) -> list:
    return json.loads(json.dumps(list(raw_data), cls=DjangoJSONEncoder))


def _update_revisions(apps, app_label: str, model_name: str, upgrades: dict) -> None:
    """Apply ``upgrades[object id]`` to the body of each revision of the model's objects."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_types = content_type_model.objects.filter(app_label=app_label, model=model_name.lower())
    revisions = revision_model.objects.filter(content_type__in=content_types)
    for revision in revisions.iterator():
        upgrade = upgrades.get(str(revision.object_id))
        stored = (revision.content or {}).get("body")
        if upgrade is None or not stored:
            continue
        raw = json.loads(stored) if isinstance(stored, str) else stored
        if isinstance(raw, list) and upgrade(raw):
            revision.content["body"] = json.dumps(raw) if isinstance(stored, str) else raw
            revision_model.objects.filter(pk=revision.pk).update(content=revision.content)


def _save_body(model, obj, raw: list) -> None:
    from wagtail.blocks import StreamValue

    stream_block = model._meta.get_field("body").stream_block
    # A lazy StreamValue writes the raw data back as it is, so nothing else changes.
    model.objects.filter(pk=obj.pk).update(body=StreamValue(stream_block, raw, is_lazy=True))


def upgrade_template_pages(apps) -> None:
    """Signatures' words on every template page (each in its locale's language) and the
    Suffolk agreement's numbers on each page of it (every locale), and on their revisions."""
    model = apps.get_model("agreements", "TemplatePage")
    pages = list(model.objects.select_related("locale").order_by("pk"))
    groups: dict = defaultdict(list)
    for page in pages:
        groups[page.translation_key].append(page)

    upgrades: dict[str, Callable[[list], bool]] = {}
    for group_key, group in groups.items():
        # The English page identifies the agreement by its headings; its translations and
        # aliases share its block ids, which is how they are found in any language.
        signature = next(
            (
                found
                for page in group
                if (found := suffolk_signature(_copy(page.body.raw_data))) is not None
            ),
            None,
        )
        for page in group:
            language = page.locale.language_code

            def upgrade(raw, language=language, group_key=str(group_key), signature=signature):
                changed = add_signatory_words(raw, language)
                return restructure_suffolk(raw, signature, group_key) or changed

            upgrades[str(page.pk)] = upgrade
            raw = _copy(page.body.raw_data)
            if upgrade(raw):
                _save_body(model, page, raw)
    _update_revisions(apps, "agreements", "TemplatePage", upgrades)


def upgrade_agreements(apps) -> None:
    """Signatures' words in every personalised agreement's body (in its language) and its
    revisions, so that each reads as before; their structure and numbers are not changed."""
    model = apps.get_model("personalised", "PersonalisedAgreement")
    upgrades: dict[str, Callable[[list], bool]] = {}
    for agreement in model.objects.only("pk", "language", "body").order_by("pk").iterator():

        def upgrade(raw, language=agreement.language):
            return add_signatory_words(raw, language)

        upgrades[str(agreement.pk)] = upgrade
        raw = _copy(agreement.body.raw_data)
        if upgrade(raw):
            _save_body(model, agreement, raw)
    _update_revisions(apps, "personalised", "PersonalisedAgreement", upgrades)

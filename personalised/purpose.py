"""The agreement's purpose: the opening text of the template version it follows.

A template's introduction (``TemplatePage.intro``: for the ISF, "This document sets out how we
will work together to support _____ ...") is the agreement's purpose, and every copy of a
personalised agreement opens with it. It is read from the template revision the agreement
follows (``source_revision``, which accepting template updates moves on), so a later version's
new wording never appears in an agreement that has not taken that version.
"""

from personalised.models import PersonalisedAgreement

#: Blocks that tell practitioners how to use a template: kept on the agreement's page, left
#: out of the copies the parties read and sign.
INSTRUCTION_BLOCKS = frozenset({"how_to_use"})


def agreement_purpose(agreement: PersonalisedAgreement) -> str:
    """The purpose as rich text HTML (with the person's blank), or "" if the template has none."""
    revision = agreement.source_revision
    if revision is not None:
        return revision.content.get("intro") or ""
    # The revision is gone (revisions can be purged): the template's current words are the
    # nearest to the agreement's.
    page = agreement.source_page
    return (page.intro or "") if page is not None else ""

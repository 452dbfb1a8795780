"""What agreement pages and "My agreements" show about template updates waiting."""

from django import template
from django.utils.translation import gettext as _

from personalised.access import Access
from personalised.models import PersonalisedAgreement
from personalised.updates.services import agreements_with_updates

register = template.Library()


@register.simple_tag(takes_context=True)
def updates_waiting(context, agreement: PersonalisedAgreement) -> bool:
    """Whether the agreement's template has published changes it has not reviewed.

    In "My agreements" (``agreements_page`` in the context), the first row works it out for every
    agreement on the page at once, by pair of template versions (which many agreements share),
    and the page keeps the answer for the other rows: a page costs the same whatever it shows."""
    page = context.get("agreements_page")
    listed = list(getattr(page, "object_list", None) or [])
    if agreement not in listed:
        return agreement.pk in agreements_with_updates([agreement])
    found = getattr(page, "agreements_with_updates", None)
    if found is None:
        found = page.agreements_with_updates = agreements_with_updates(listed)
    return agreement.pk in found


@register.filter
def can_review_updates(access: set | None) -> bool:
    return Access.EDIT in (access or set())


@register.simple_tag
def template_party_changes(agreement: PersonalisedAgreement) -> list[str]:
    """How the template's declared parties differ from the agreement's, in plain words. A
    template update never changes an agreement's parties (who they are was given when it was
    made, and each party's agreement is recorded against them): this only says so."""
    template_page = agreement.source_page
    if template_page is None:
        return []
    declared = {party["key"]: party["name"] for party in template_page.declared_parties()}
    own = {party.key: party.label for party in agreement.party_list()}
    changes = []
    for key, name in declared.items():
        if key not in own:
            changes.append(
                _("The template now has a party, %(party)s, that this agreement does not have.")
                % {"party": name}
            )
        elif own[key] != name:
            changes.append(
                _("The template now calls %(old)s %(new)s.") % {"old": own[key], "new": name}
            )
    for key, name in own.items():
        if key not in declared:
            changes.append(
                _("The template no longer has the party %(party)s; this agreement keeps it.")
                % {"party": name}
            )
    return changes

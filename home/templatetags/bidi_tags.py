"""Text a user typed, shown inside interface text of either direction."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def bdi(text) -> SafeString:
    """``{% blocktranslate with name=agreement.known_as|bdi %}``: the text escaped and isolated
    in ``<bdi>``, so that a name in Latin script on an Urdu page (or in Arabic script on an
    English one) neither takes the sentence's punctuation with it nor moves its neighbours.
    Not for ``<title>`` or attributes, which hold no markup."""
    return format_html("<bdi>{}</bdi>", text)

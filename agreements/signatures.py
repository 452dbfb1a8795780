"""The words of a signature block, as the page, the print view and the DOCX all write them.

Editors choose the words ("Signed on behalf of", "Signed by"); the name of the organisation,
or of the person signing for themselves, follows them with a colon, or goes where the editor
wrote "..." (so a language that puts the name first can say so). Left blank, the words are the
site's own, in the reader's language.
"""

from django.utils.translation import gettext as _

from agreements.blocks import SignsAs

#: Where a name goes in the words, if the editor says so.
NAME_PLACES = ("...", "…")
#: A line to write a name on, for a person the template does not name.
NAME_LINE = "_______________"


def signs_for_themselves(signatory) -> bool:
    return signatory.get("signs_as") == SignsAs.PERSON


def signatory_words(signatory) -> str:
    """The line that opens a signature block, as plain text: "Signed on behalf of Age
    Concern:", "Signed by Jo Bloggs:"."""
    if signs_for_themselves(signatory):
        who = signatory.get("name") or NAME_LINE
    else:
        who = signatory.get("organisation") or ""
    wording = (signatory.get("wording") or "").strip()
    if not wording:
        if signs_for_themselves(signatory):
            return _("Signed by %(name)s:") % {"name": who}
        return _("Signed on behalf of %(organisation)s:") % {"organisation": who}
    for place in NAME_PLACES:
        if place in wording:
            # Split, not a substitution: the words and the name are both data.
            before, after = wording.split(place, 1)
            return f"{before}{who}{after}"
    return f"{wording} {who}:"

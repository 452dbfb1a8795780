"""Editing one block of an agreement other than an area, where its template allows it: a
clause, a text section, definitions or a schedule table (``personalised.editing.blocks``).

As the area editor: the save is refused if the agreement changed since the form was opened, and
the form comes back with what was written and their version; each save is a revision, logged.
A block the template does not let practitioners change is not found here, whatever is posted.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from agreements.numbering import Numbering
from personalised.access import Access, get_agreement_or_404
from personalised.concurrency import ChangedSinceOpened
from personalised.editing.blocks import NotEditable, block_editor, block_title
from personalised.editing.views import _saved_message, _stale_message
from personalised.models import PersonalisedAgreement
from personalised.people.reopening import ask_to_confirm_reopening
from personalised.privacy import private

HTML_TEMPLATE = "personalised/editor/block.html"


def _editor_or_404(agreement: PersonalisedAgreement, block_id: str, data=None):
    try:
        return block_editor(agreement, block_id, data)
    except NotEditable:
        raise Http404(_("This part of the agreement cannot be changed.")) from None


def _current_block(agreement: PersonalisedAgreement, block_id: str):
    return next((child for child in agreement.body if child.id == block_id), None)


@private
def edit_block(request: HttpRequest, uuid, block_id: str) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    editor = _editor_or_404(agreement, block_id, request.POST if request.method == "POST" else None)
    ask_to_confirm_reopening(editor.form, agreement)
    if request.method != "POST":
        return _response(request, agreement, editor)
    if not editor.is_valid():
        return _response(
            request, agreement, editor, 400, _("Not saved: please correct the errors.")
        )
    try:
        saved = editor.save(request.user)
    except ChangedSinceOpened as refused:
        current = refused.current
        conflict = {
            "block": _current_block(current, block_id),
            "revision": current.latest_revision,
        }
        return _response(request, current, editor, 409, _stale_message(), conflict=conflict)
    except NotEditable:
        # The template version the agreement follows was changed to lock it meanwhile.
        raise Http404(_("This part of the agreement cannot be changed.")) from None
    message = _saved_message(
        saved, _("%(title)s is saved.") % {"title": block_title(saved, block_id)}
    )
    messages.success(request, message)
    anchor = Numbering(saved.body).anchor(block_id) or f"text-{block_id}"
    return redirect(f"{saved.get_absolute_url()}#{anchor}")


def _response(request, agreement, editor, status=200, message="", conflict=None):
    context = {
        "agreement": agreement,
        "numbering": Numbering(agreement.body),
        "editor": editor,
        "form": editor.form,
        "title": block_title(agreement, editor.block_id),
        "conflict": conflict,
        "status_message": message,
    }
    return TemplateResponse(request, HTML_TEMPLATE, context, status=status)

"""Editing a personalised agreement: one area at a time, and the person's details.

Each save is refused if the agreement has changed since the form was opened (see
``personalised.concurrency``); the form comes back with what was submitted and the agreement as it
is now. With JavaScript, ``static/js/agreement-editor.js`` posts the form and asks for JSON: the
same outcome, with the form's HTML to put in place, so the page is not reloaded.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.numbering import Numbering
from agreements.personalising import personalise_for
from personalised.access import Access, get_agreement_or_404
from personalised.concurrency import ChangedSinceOpened, save_change
from personalised.editing.forms import AreaEditor, DetailsForm
from personalised.models import PersonalisedAgreement
from personalised.people.reopening import ask_to_confirm_reopening
from personalised.privacy import private

AREA_FORM_HTML_TEMPLATE = "personalised/editor/area_form.html"


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _saved_message(agreement: PersonalisedAgreement, what: str) -> str:
    message = what
    if agreement.last_agreed_revision_id() is not None:
        message += " " + _(
            "The agreement is a draft again until every party agrees to this version."
        )
    return message


def _stale_message() -> str:
    return _(
        "Not saved: someone else saved this agreement after you opened this page. Their "
        "version is shown below, with what you wrote. Nothing is lost: compare them, then "
        "save yours again if it should replace theirs."
    )


# --------------------------------------------------------------------------- one area


def _area_navigation(agreement: PersonalisedAgreement, block_id: str):
    areas = agreement.areas()
    ids = [area.id for area in areas]
    if block_id not in ids:
        raise Http404(_("This agreement has no such area."))
    index = ids.index(block_id)
    previous_area = areas[index - 1] if index > 0 else None
    next_area = areas[index + 1] if index + 1 < len(areas) else None
    return areas[index], previous_area, next_area, index + 1, len(areas)


def _area_context(agreement, block_id, editor, conflict=None) -> dict:
    area, previous_area, next_area, position, count = _area_navigation(agreement, block_id)
    return {
        "agreement": agreement,
        "numbering": Numbering(agreement.body),
        "area": area,
        "editor": editor,
        "form": editor.form,
        "parties": editor.parties,
        "who_choices": _who_choices(agreement),
        "previous_area": previous_area,
        "next_area": next_area,
        "position": position,
        "count": count,
        "conflict": conflict,
    }


def _who_choices(agreement: PersonalisedAgreement) -> list[str]:
    """Who an action can be for, offered as suggestions: the organisations, the person and
    everyone named in a party of people."""
    names = []
    for party in agreement.party_list():
        # The person as the agreement calls them.
        names += [
            agreement.known_as if party.includes_the_person and index == 0 else name
            for index, name in enumerate(party.names)
        ]
    if agreement.known_as not in names:
        names.append(agreement.known_as)
    return [name for name in dict.fromkeys(names) if name]


def _current_area(agreement: PersonalisedAgreement, block_id: str):
    return next((area for area in agreement.areas() if area.id == block_id), None)


@private
def edit_area(request: HttpRequest, uuid, block_id: str) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    area = _current_area(agreement, block_id)
    if area is None:
        raise Http404(_("This agreement has no such area."))
    # The one editor of this request: it validates, saves, and keeps what was typed if refused.
    editor = AreaEditor(agreement, area, data=request.POST if request.method == "POST" else None)
    ask_to_confirm_reopening(editor.form, agreement)
    if request.method != "POST":
        return _area_response(request, agreement, block_id, editor)
    if not editor.is_valid():
        return _area_response(
            request, agreement, block_id, editor, 400, _("Not saved: please correct the errors.")
        )
    try:
        saved = editor.save(request.user)
    except ChangedSinceOpened as refused:
        current = refused.current
        conflict = {"area": _current_area(current, block_id), "revision": current.latest_revision}
        return _area_response(
            request, current, block_id, editor, 409, _stale_message(), conflict=conflict
        )

    # Named, because after "Save and go to the next area" it is read on another area's page.
    saved_area, _previous, next_area, position, _count = _area_navigation(saved, block_id)
    message = _saved_message(
        saved,
        _("Area %(number)s, %(title)s, is saved.")
        % {
            "number": position,
            "title": personalise_for(saved_area.value["title"], saved),
        },
    )
    if wants_json(request):
        # The form again, now of the saved area (new prompts and actions have their ids).
        return _area_json(
            request, saved, block_id, AreaEditor(saved, saved_area), message, saved=True
        )
    messages.success(request, message)
    if editor.wants_next_area:
        if next_area is not None:
            return redirect("agreements:edit_area", uuid=saved.uuid, block_id=next_area.id)
        return redirect(saved)
    return redirect("agreements:edit_area", uuid=saved.uuid, block_id=block_id)


def _area_response(request, agreement, block_id, editor, status=200, message="", conflict=None):
    if wants_json(request) and request.method == "POST":
        return _area_json(request, agreement, block_id, editor, message, False, status, conflict)
    context = _area_context(agreement, block_id, editor, conflict)
    context["status_message"] = message
    return TemplateResponse(request, "personalised/editor/area.html", context, status=status)


def _area_json(request, agreement, block_id, editor, message, saved, status=200, conflict=None):
    context = _area_context(agreement, block_id, editor, conflict)
    return JsonResponse(
        {
            "saved": saved,
            "message": message,
            "revision": agreement.latest_revision_id,
            "form": render_to_string(AREA_FORM_HTML_TEMPLATE, context, request=request),
        },
        status=status,
    )


# --------------------------------------------------------------------------- details


@private
def edit_details(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    if request.method != "POST":
        form = DetailsForm(instance=agreement, initial={"based_on": agreement.latest_revision_id})
        ask_to_confirm_reopening(form, agreement)
        return _details_response(request, agreement, form)

    # The form validates a copy, so that a refused save never touches the agreement loaded here.
    form = DetailsForm(request.POST, instance=PersonalisedAgreement.objects.get(pk=agreement.pk))
    ask_to_confirm_reopening(form, agreement)
    if not form.is_valid():
        return _details_response(
            request, agreement, form, 400, _("Not saved: please correct the errors.")
        )
    try:
        agreement = save_change(agreement, form.cleaned_data["based_on"], request.user, form.apply)
    except ChangedSinceOpened as stale:
        form.rebase(stale)
        return _details_response(
            request, stale.current, form, 409, _stale_message(), conflict=stale.current
        )
    message = _saved_message(agreement, _("The person’s details and the review date are saved."))
    if wants_json(request):
        fresh = DetailsForm(instance=agreement, initial={"based_on": agreement.latest_revision_id})
        return _details_json(agreement, fresh, message, saved=True, status=200)
    messages.success(request, message)
    return redirect(agreement)


def _details_json(agreement, form, message, saved, status, conflict=None) -> JsonResponse:
    return JsonResponse(
        {
            "saved": saved,
            "message": message,
            "revision": agreement.latest_revision_id,
            "form": render_to_string(
                "personalised/editor/details_form.html",
                {"agreement": agreement, "form": form, "conflict": conflict},
            ),
        },
        status=status,
    )


def _details_response(request, agreement, form, status=200, message="", conflict=None):
    if wants_json(request) and request.method == "POST":
        return _details_json(agreement, form, message, False, status, conflict)
    return TemplateResponse(
        request,
        "personalised/editor/details.html",
        {
            "agreement": agreement,
            "form": form,
            "conflict": conflict,
            "status_message": message,
            "edit_url": reverse("agreements:edit_details", kwargs={"uuid": agreement.uuid}),
        },
        status=status,
    )

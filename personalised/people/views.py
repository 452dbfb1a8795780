"""The people page: each party's people, where each stands, and adding, changing or removing
them (see ``personalised.people.services``)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from personalised import audit
from personalised.access import Access, can, get_agreement_or_404
from personalised.models import PartyMember, PersonalisedAgreement
from personalised.people import services
from personalised.people.forms import MemberForm
from personalised.people.status import party_people
from personalised.privacy import private


def _member_or_404(agreement: PersonalisedAgreement, member_uuid) -> PartyMember:
    member = agreement.members.active().filter(uuid=member_uuid).first()
    if member is None:
        raise Http404
    return member


def _details(form: MemberForm) -> dict:
    return {
        field: form.cleaned_data[field]
        for field in ("name", *services.MEMBER_DETAILS)
        if field in form.cleaned_data
    }


@private
def people(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    # It shows the people's names and contact details: a view of personal data, logged.
    audit.record(agreement, audit.VIEW, request.user, page="people")
    return _people_page(request, agreement, MemberForm(agreement=agreement, prefix="add"))


def _people_page(request, agreement, form, status: int = 200) -> HttpResponse:
    return TemplateResponse(
        request,
        "personalised/people/people.html",
        {
            "agreement": agreement,
            "parties": party_people(agreement),
            "form": form,
            "can_edit": can(request.user, agreement, Access.EDIT),
        },
        status=status,
    )


@private
def add_member(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MemberForm(request.POST, agreement=agreement, prefix="add")
    if not form.is_valid():
        return _people_page(request, agreement, form, status=400)
    details = _details(form)
    services.add_member(agreement, request.user, party=form.cleaned_data["party"], **details)
    messages.success(request, _("%(name)s is now in the agreement.") % {"name": details["name"]})
    return redirect("agreements:people", uuid=agreement.uuid)


@private
def edit_member(request: HttpRequest, uuid, member_uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    member = _member_or_404(agreement, member_uuid)
    form = MemberForm(request.POST or None, instance=member, agreement=agreement)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.change_member(
                PartyMember.objects.get(pk=member.pk), request.user, **_details(form)
            )
            messages.success(request, _("Their details are saved."))
            return redirect("agreements:people", uuid=agreement.uuid)
        status = 400
    return TemplateResponse(
        request,
        "personalised/people/member.html",
        {"agreement": agreement, "member": member, "form": form},
        status=status,
    )


@private
def remove_member(request: HttpRequest, uuid, member_uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    member = _member_or_404(agreement, member_uuid)
    if member.is_the_person:
        raise Http404
    if request.method == "POST":
        services.remove_member(member, request.user)
        messages.success(
            request,
            _("%(name)s is no longer in the agreement. What they agreed to stays on record.")
            % {"name": member.name},
        )
        return redirect("agreements:people", uuid=agreement.uuid)
    return TemplateResponse(
        request, "personalised/people/remove.html", {"agreement": agreement, "member": member}
    )

""" "Use this template": a practitioner turns a template's live version into a new agreement."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.practitioners import require_practitioner
from agreements.models import TemplatePage
from personalised.editing.forms import ForkForm
from personalised.forking.services import NotForkable, fork_template
from personalised.privacy import private


def _live_template_page(template_id: int) -> TemplatePage:
    template_page = TemplatePage.objects.live().public().filter(pk=template_id).first()
    if template_page is None:
        raise Http404(_("There is no published template here."))
    return template_page


@private
def fork(request: HttpRequest, template_id: int) -> HttpResponse:
    require_practitioner(request.user, _("Only practitioners can use a template."))
    template_page = _live_template_page(template_id)
    form = ForkForm(request.POST if request.method == "POST" else None, template_page=template_page)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = fork_template(template_page, owner=request.user, details=form.details())
        except NotForkable as gone:
            raise Http404(_("This template is no longer published.")) from gone
        messages.success(
            request,
            _("Your agreement for %(name)s has been made from the template.")
            % {"name": agreement.known_as},
        )
        return redirect(agreement)
    return TemplateResponse(
        request,
        "personalised/fork.html",
        {"template_page": template_page, "form": form},
        status=400 if form.errors else 200,
    )

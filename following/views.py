""" "Follow this template": a practitioner chooses to be emailed its major changes.

A page of its own, linked from the template page, so that the template page (cached for
anonymous readers) carries no form and nothing about who follows it."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.practitioners import require_practitioner
from agreements.models import TemplatePage
from personalised.privacy import private

from . import services


@private
def follow(request: HttpRequest, template_id: int) -> HttpResponse:
    require_practitioner(request.user, _("Only practitioners can follow a template."))
    page = TemplatePage.objects.live().public().filter(pk=template_id).first()
    if page is None:
        raise Http404(_("There is no published template here."))
    if request.method == "POST":
        if request.POST.get("action") == "unfollow":
            services.unfollow(request.user, page)
            messages.success(
                request,
                _("You no longer follow %(title)s. You will not be emailed its changes.")
                % {"title": page.title},
            )
        else:
            services.follow(request.user, page)
            messages.success(
                request,
                _("You follow %(title)s. We will email you when it changes in a major way.")
                % {"title": page.title},
            )
        return redirect(reverse("agreements:follow", args=[page.pk]))
    return TemplateResponse(
        request,
        "following/follow.html",
        {"template_page": page, "following": services.is_following(request.user, page)},
    )

"""Practitioners' feedback: leave it on a template, an area or a guidance page, and follow it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.practitioners import require_practitioner

from .feedback import Feedback
from .forms import FeedbackForm


@never_cache
@login_required
def leave_feedback(request: HttpRequest) -> HttpResponse:
    require_practitioner(request.user, _("Only practitioners can leave feedback."))
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            form.save(author=request.user)
            messages.success(request, _("Thank you. Your feedback has been sent to the editors."))
            return redirect("my_feedback")
    else:
        form = FeedbackForm(
            initial={"page": request.GET.get("page"), "area": request.GET.get("area", "")}
        )
        if form.target_page is None:
            raise Http404(_("There is no published page to leave feedback on here."))
    return render(request, "guidance/leave_feedback.html", {"form": form})


@never_cache
@login_required
def my_feedback(request: HttpRequest) -> HttpResponse:
    require_practitioner(request.user, _("Only practitioners can leave feedback."))
    feedback = Feedback.objects.filter(author=request.user).select_related("page", "addressed_in")
    page = Paginator(feedback, 20).get_page(request.GET.get("page"))
    return render(request, "guidance/my_feedback.html", {"feedback_page": page})

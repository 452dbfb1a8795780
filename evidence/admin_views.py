"""The editors' evidence report in the Wagtail admin: an index of templates, and per template
the figures for the chosen filters as tables and SVG charts, a CSV of the same figures, and
"Recompute now"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.models import TemplatePage
from evidence import charts
from evidence.access import may_see_evidence
from evidence.export import as_csv
from evidence.filters import EvidenceFilterForm
from evidence.report import template_evidence
from evidence.suppression import MINIMUM
from evidence.tasks import request_evidence
from versioning.models import PageVersion


def _require_access(request: HttpRequest) -> None:
    if not may_see_evidence(request.user):
        raise PermissionDenied(_("Only editors and moderators can read the evidence."))


def index(request: HttpRequest) -> HttpResponse:
    _require_access(request)
    templates = TemplatePage.objects.select_related("evidence", "locale").order_by("title", "pk")
    return TemplateResponse(
        request, "evidence/admin/index.html", {"templates": templates, "minimum": MINIMUM}
    )


def _report(request: HttpRequest, template_id: int):
    _require_access(request)
    template = get_object_or_404(TemplatePage, pk=template_id)
    numbers = list(
        PageVersion.objects.filter(page_id=template.pk)
        .order_by("number")
        .values_list("number", flat=True)
    )
    form = EvidenceFilterForm(request.GET or None, version_numbers=numbers)
    return template, form, template_evidence(template, form.filters())


def report(request: HttpRequest, template_id: int) -> HttpResponse:
    template, form, evidence = _report(request, template_id)
    return TemplateResponse(
        request,
        "evidence/admin/report.html",
        {
            "template": template,
            "form": form,
            "evidence": evidence,
            "minimum": MINIMUM,
            "sections_chart": charts.sections_chart(evidence.blocks),
            "agreed_chart": charts.figures_chart(
                _("How long agreements took to be agreed by every party"), evidence.agreed
            ),
            "query": request.GET.urlencode(),
        },
    )


def report_csv(request: HttpRequest, template_id: int) -> HttpResponse:
    template, _form, evidence = _report(request, template_id)
    response = HttpResponse(as_csv(evidence), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evidence-{template.pk}.csv"'
    return response


@require_POST
def recompute(request: HttpRequest, template_id: int) -> HttpResponse:
    _require_access(request)
    template = get_object_or_404(TemplatePage, pk=template_id)
    request_evidence(template)
    messages.success(
        request,
        _("The evidence for %(title)s is being recomputed. Reload this page in a minute.")
        % {"title": template.title},
    )
    return redirect(reverse("evidence_admin:report", args=[template.pk]))

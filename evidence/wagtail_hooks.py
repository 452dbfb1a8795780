from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from evidence.access import may_see_evidence


class EvidenceMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see_evidence(request.user)


@hooks.register("register_admin_urls")
def register_evidence_urls():
    return [path("evidence/", include("evidence.admin_urls", namespace="evidence_admin"))]


@hooks.register("register_reports_menu_item")
def register_evidence_menu_item():
    return EvidenceMenuItem(
        _("Template evidence"),
        reverse("evidence_admin:index"),
        name="template-evidence",
        icon_name="table",
        order=260,
    )


@hooks.register("insert_editor_js")
def evidence_beside_blocks_js():
    # Acts only where the evidence panel is (a template's editor, for editors and moderators).
    return format_html('<script src="{}" defer></script>', static("js/evidence-beside-blocks.js"))

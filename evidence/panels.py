"""In the page editor of a template, beside its body: each area's and clause's one line of
evidence ("kept in 20, reworded in 10, removed in 5 of 35 agreements"), by the section's
heading, and a link to the whole report. A script (static/js/evidence-beside-blocks.js) also
puts each line inside its area or clause in the body's editor; without script, this list is it.

A panel of its own (Wagtail's Panel API, like HelpPanel) rather than each block's help text: a
block's definition is shared by every template, and its help text cannot vary per page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel

from evidence.access import may_see_evidence

#: Blocks that say how to use the template or who it is between: practitioners do not change
#: them in their agreements, so they have no evidence to show.
NOT_SECTIONS = {"how_to_use", "parties"}


class EvidencePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "evidence/admin/editor_panel.html"

        def is_shown(self) -> bool:
            return self.instance.pk is not None and may_see_evidence(self.request.user)

        def get_context_data(self, parent_context=None):
            # Here, not at import: the template page model imports this panel.
            from evidence.report import block_lines
            from personalised.updates.display import section_heading

            context = super().get_context_data(parent_context)
            lines = block_lines(self.instance)
            context["template_id"] = self.instance.pk
            context["sections"] = [
                (str(raw.get("id")), section_heading(raw), lines.get(str(raw.get("id"))))
                for raw in self.instance.body.raw_data
                if isinstance(raw, dict) and raw.get("type") not in NOT_SECTIONS
            ]
            return context


def add_to_template_editor() -> None:
    """Put the panel after the template's body in its page editor. Done from this app (in
    ready(), before Wagtail builds the editor) so that the template pages import nothing of the
    evidence, which reads their agreements."""
    from agreements.models import TemplatePage

    panels = list(TemplatePage.content_panels)
    if any(isinstance(panel, EvidencePanel) for panel in panels):
        return
    body = next(
        index
        for index, panel in enumerate(panels)
        if isinstance(panel, FieldPanel) and panel.field_name == "body"
    )
    panels.insert(body + 1, EvidencePanel(heading=_("Evidence from practice")))
    TemplatePage.content_panels = panels

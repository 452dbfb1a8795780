from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page

from agreements.ids import parse_id
from agreements.models import TemplatePage
from agreements.text_limits import StatedLimitsFormMixin
from security.printable import PrintableTextFormMixin
from versioning.models import PageVersion

from .feedback import Feedback
from .models import GuidancePage


def feedback_target(page_id, area_id: str) -> tuple[Page | None, str | None]:
    """The published template or guidance page, and the title of its area, that feedback is
    about; None where they do not exist (any more)."""
    page_id = parse_id(page_id)
    if page_id is None:
        return None, None
    page = (
        Page.objects.live()
        .public()
        .type(TemplatePage, GuidancePage)
        .filter(pk=page_id)
        .specific()
        .first()
    )
    if page is None or not area_id:
        return page, None
    for child in getattr(page, "body", []):
        if child.block_type == "area" and child.id == area_id:
            return page, child.value["title"]
    return page, None


class FeedbackForm(StatedLimitsFormMixin, PrintableTextFormMixin, forms.ModelForm):
    """A practitioner's feedback on a template, one of its areas, or a guidance page."""

    page = forms.CharField(widget=forms.HiddenInput)
    area = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Feedback
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "body": _(
                "What did you try, what happened, and what would have helped? Please do not "
                "name the person you support or include details that could identify them."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_page, self.target_area_title = feedback_target(
            self["page"].value(), self["area"].value() or ""
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.target_page is None:
            raise forms.ValidationError(
                _("Feedback can only be left on a published template or guidance page.")
            )
        if cleaned_data.get("area") and self.target_area_title is None:
            raise forms.ValidationError(_("That area is no longer part of this template."))
        return cleaned_data

    def save(self, author, commit: bool = True) -> Feedback:
        feedback = super().save(commit=False)
        feedback.author = author
        feedback.page = self.target_page
        feedback.area_block_id = self.cleaned_data.get("area") or ""
        feedback.area_title = self.target_area_title or ""
        if commit:
            feedback.save()
        return feedback


class FeedbackAdminForm(StatedLimitsFormMixin, PrintableTextFormMixin, WagtailAdminModelForm):
    """Editors choose the addressing version among the versions of the same page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "addressed_in" in self.fields:
            self.fields["addressed_in"].queryset = PageVersion.objects.filter(
                page_id=self.instance.page_id
            )

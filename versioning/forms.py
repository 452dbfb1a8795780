from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from agreements.text_limits import StatedLimitsFormMixin
from security.printable import PrintableTextFormMixin

from .models import CHANGE_NOTE_REQUIRED, ChangeKind

#: The admin's submit buttons that lead to a publication: publishing straight away, or
#: submitting to the review workflow, whose approval publishes.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class VersionedPageForm(StatedLimitsFormMixin, PrintableTextFormMixin, WagtailAdminPageForm):
    """The page editor's form for versioned pages: every publication needs its own note."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each version gets a fresh note; the last version's note is in the version history.
        self.initial["change_note"] = ""
        # ... and its own choice of major or minor, major unless the editor says otherwise.
        self.initial["change_kind"] = ChangeKind.MAJOR
        # A form posted without the choice (an older editor page, a script) means major: the
        # safe side, since followers are told.
        self.fields["change_kind"].required = False
        self.fields["change_note"].widget.attrs.setdefault("rows", 3)
        self.fields["change_note"].widget.attrs.setdefault(
            "placeholder", _("For example: Reworded two prompts in Resources after testing.")
        )

    def is_publishing(self) -> bool:
        return any(self.data.get(action) for action in PUBLISHING_ACTIONS)

    def clean_change_kind(self) -> str:
        return self.cleaned_data.get("change_kind") or ChangeKind.MAJOR

    def clean(self):
        cleaned_data = super().clean()
        if self.is_publishing() and not (cleaned_data.get("change_note") or "").strip():
            self.add_error("change_note", CHANGE_NOTE_REQUIRED)
        return cleaned_data

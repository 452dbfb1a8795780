"""What a server error's report (the email to ADMINS) may show."""

from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's filter, also hiding every posted value and every local variable.

    Agreements are about vulnerable adults: a form's fields or a view's variables may hold what
    a practitioner wrote about one. The field and variable names stay, to help find the bug."""

    def get_post_parameters(self, request: HttpRequest | None) -> dict[str, Any]:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame) -> list:
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]

"""Password reset for practitioners, with Django's auth views on the site's design.

Editors and administrators reset theirs in the Wagtail admin, so this form only ever emails
practitioners; for anyone else it says the same as for an unknown address, so that the page does
not tell a visitor who has an account.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.urls import path, reverse_lazy
from django.utils.translation import ngettext

from security import rate_limit
from security.client_address import client_address
from security.printable import PrintableTextFormMixin
from security.sign_in_throttle import normalise_name

from .forms import NewPasswordForm
from .practitioners import is_practitioner


class PractitionerPasswordResetForm(PrintableTextFormMixin, PasswordResetForm):
    def get_users(self, email):
        return (user for user in super().get_users(email) if is_practitioner(user))


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's view, with requests limited per client address and per email address (counted
    whether or not the address has an account, so the limit says nothing about who has one)."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = normalise_name(form.cleaned_data["email"])
        # Both are counted, whichever refuses.
        by_address = rate_limit.allow("password_reset_address", client_address(self.request))
        by_email = rate_limit.allow("password_reset_email", email)
        if by_address and by_email:
            return super().form_valid(form)
        minutes = max(
            settings.RATE_LIMITS[name]["seconds"] // 60
            for name in ("password_reset_address", "password_reset_email")
        )
        message = ngettext(
            "Too many requests for a new password. Try again in %(minutes)s minute; a link we "
            "have already sent still works.",
            "Too many requests for a new password. Try again in %(minutes)s minutes; a link we "
            "have already sent still works.",
            minutes,
        )
        form.add_error(None, message % {"minutes": minutes})
        return self.render_to_response(self.get_context_data(form=form), status=429)


urlpatterns = [
    path(
        "accounts/password-reset/",
        ThrottledPasswordResetView.as_view(
            form_class=PractitionerPasswordResetForm,
            template_name="registration/password_reset_form.html",
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm,
            template_name="registration/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

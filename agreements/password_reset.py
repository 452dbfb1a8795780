"""Password reset for practitioners, with Django's auth views on the site's design.

Editors and administrators reset theirs in the Wagtail admin, so this form only ever emails
practitioners; for anyone else it says the same as for an unknown address, so that the page does
not tell a visitor who has an account.
"""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import path, reverse_lazy

from security.printable import PrintableTextFormMixin

from .accounts import PRACTITIONERS
from .auth_forms import NewPasswordForm


class PractitionerPasswordResetForm(PrintableTextFormMixin, PasswordResetForm):
    def get_users(self, email):
        return (user for user in super().get_users(email) if _is_practitioner(user))


def _is_practitioner(user) -> bool:
    return user.groups.filter(name=PRACTITIONERS).exists()


urlpatterns = [
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
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

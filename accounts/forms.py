"""Django's sign-in and new-password forms, with the site's rule for text fields."""

from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from security.printable import PrintableTextFormMixin


class SignInForm(PrintableTextFormMixin, AuthenticationForm):
    pass


class NewPasswordForm(PrintableTextFormMixin, SetPasswordForm):
    pass

"""Signing in and out, and a new password for a practitioner who forgot theirs."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import password_reset
from .forms import SignInForm

urlpatterns = [
    path(
        "accounts/sign-in/",
        auth_views.LoginView.as_view(
            template_name="registration/sign_in.html", authentication_form=SignInForm
        ),
        name="sign_in",
    ),
    path("accounts/sign-out/", auth_views.LogoutView.as_view(), name="sign_out"),
    path("", include(password_reset.urlpatterns)),
]

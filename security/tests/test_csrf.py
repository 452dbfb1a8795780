"""CSRF protection everywhere: no view opts out of it, except Django REST framework's (the
admin API), which check it themselves through session authentication."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLResolver, get_resolver
from rest_framework.authentication import SessionAuthentication
from rest_framework.views import APIView

from accounts.practitioners import PRACTITIONERS


def all_views(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from all_views(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def checks_csrf_itself(view) -> bool:
    view_class = getattr(view, "cls", None) or getattr(view, "view_class", None)
    return (
        isinstance(view_class, type)
        and issubclass(view_class, APIView)
        and any(
            isinstance(auth, SessionAuthentication) for auth in view_class().get_authenticators()
        )
    )


def test_no_view_is_exempt_from_csrf_protection():
    exempt = [
        route
        for route, view in all_views()
        if getattr(view, "csrf_exempt", False) and not checks_csrf_itself(view)
    ]

    assert exempt == []


@pytest.mark.django_db
def test_feedback_form_refuses_a_post_without_the_token(seeded_site, django_user_model):
    practitioner = django_user_model.objects.create_user(username="sam", password="x" * 20)
    practitioner.groups.add(Group.objects.get_or_create(name=PRACTITIONERS)[0])
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)

    response = client.post("/feedback/new/", {"comment": "From another site"})

    assert response.status_code == 403
    assert "Your form could not be sent" in response.text

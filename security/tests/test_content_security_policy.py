"""Public pages carry a strict content security policy and nothing on them needs it loosened;
the admin gets its own, looser one."""

import re

import pytest
from django.contrib.auth.models import Group

PUBLIC_URLS = [
    "/",
    "/templates/",
    "/templates/isf-partnership-agreement/",
    "/templates/suffolk-partnering-agreement/",
    "/templates/isf-partnership-agreement/versions/",
    "/guidance/",
    "/guidance/how-to-use-the-isf-partnership-agreement/",
    "/accounts/sign-in/",
    "/no-such-page/",
]

STRICT_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def directives(header: str) -> dict[str, str]:
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip()
    )


def inline_code(html: str) -> list[str]:
    """Script elements without a src, style elements, style attributes and event handlers."""
    return (
        re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        + re.findall(r"<style[\s>]", html)
        + re.findall(r"\sstyle=", html)
        + re.findall(r"\son[a-z]+=", html)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_has_the_strict_policy_without_unsafe_inline(seeded_site, client, url):
    response = client.get(url)

    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert directives(header) == STRICT_DIRECTIVES


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_has_no_inline_script_or_style(seeded_site, client, url):
    assert inline_code(client.get(url).text) == []


@pytest.mark.django_db
def test_page_served_from_the_cache_has_the_policy_too(seeded_site, client):
    client.get("/templates/")
    response = client.get("/templates/")

    assert response["X-Page-Cache"] == "hit"
    assert directives(response["Content-Security-Policy"]) == STRICT_DIRECTIVES


@pytest.mark.django_db
def test_public_page_seen_by_an_editor_keeps_the_strict_policy(
    seeded_site, client, django_user_model
):
    editor = django_user_model.objects.create_user(username="ed", password="a-long-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get("/templates/isf-partnership-agreement/")

    assert directives(response["Content-Security-Policy"]) == STRICT_DIRECTIVES


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_admin_gets_the_looser_admin_policy(client, url):
    policy = directives(client.get(url)["Content-Security-Policy"])

    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["frame-ancestors"] == "'self'"  # Wagtail previews pages in a frame
    assert policy["object-src"] == "'none'"

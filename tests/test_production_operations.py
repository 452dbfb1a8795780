"""Production logs, reports errors and sends email as configured from the environment (issue 14):
one key=value line per log record on stderr, server errors emailed to DJANGO_ADMINS (or sent to
Sentry when SENTRY_DSN is set) without what was posted, and email through SMTP."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

PROJECT = Path(__file__).resolve().parents[1]
ADMINS = "Ana Admin <ana@example.org>, Bo <bo@example.org>"
POSTED_SECRET = "Sam is frightened of the dark"  # noqa: S105 not a password: what was posted


def run_with_production_settings(script: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EMAIL_", "SENTRY_", "DATABASE_URL", "REDIS_"))
        and key not in ("DEFAULT_FROM_EMAIL", "SERVER_EMAIL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="site.settings.production",
        DJANGO_SECRET_KEY="a-throwaway-key-for-reading-the-settings-" + "x" * 20,
        DJANGO_ALLOWED_HOSTS="example.org",
        **environment,
    )
    return subprocess.run(  # noqa: S603 our own interpreter and script
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def production_settings(names: list[str], **environment: str) -> dict:
    script = (
        "import json, sys; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    return json.loads(run_with_production_settings(script, **environment).stdout)


def test_email_goes_through_the_smtp_server_the_environment_names():
    production = production_settings(
        [
            "EMAIL_BACKEND",
            "TASKS_EMAIL_BACKEND",
            "EMAIL_HOST",
            "EMAIL_PORT",
            "EMAIL_HOST_USER",
            "EMAIL_HOST_PASSWORD",
            "EMAIL_USE_TLS",
            "EMAIL_TIMEOUT",
            "DEFAULT_FROM_EMAIL",
            "SERVER_EMAIL",
        ],
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="mailer",
        EMAIL_HOST_PASSWORD="mail-password",
        EMAIL_USE_TLS="false",
        DEFAULT_FROM_EMAIL="Partnership agreements <agreements@example.org>",
    )

    assert production == {
        # Through the tasks (jobs/mail.py), whose worker sends it by SMTP.
        "EMAIL_BACKEND": "jobs.mail.TaskEmailBackend",
        "TASKS_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "mail-password",
        "EMAIL_USE_TLS": False,
        "EMAIL_TIMEOUT": 10,
        "DEFAULT_FROM_EMAIL": "Partnership agreements <agreements@example.org>",
        # Error reports come from the same address unless SERVER_EMAIL says otherwise.
        "SERVER_EMAIL": "Partnership agreements <agreements@example.org>",
    }


def test_every_server_can_be_given_the_shared_media_directory():
    production = production_settings(["MEDIA_ROOT"], DJANGO_MEDIA_ROOT="/srv/shared/media")

    assert production["MEDIA_ROOT"] == "/srv/shared/media"


def test_admins_are_read_from_django_admins():
    production = production_settings(["ADMINS"], DJANGO_ADMINS=ADMINS)

    assert production["ADMINS"] == [["Ana Admin", "ana@example.org"], ["Bo", "bo@example.org"]]


# Under production settings: a view that fails, given a posted form, then /healthz with the
# database unreachable. Email is kept in memory instead of sent, to be read back.
SERVE_TWO_FAILURES = f"""
import json
import django
django.setup()
from django.conf import settings
from django.core import mail
from django.test import Client
settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Error reports are sent with this, not through the tasks (jobs/error_mail.py).
settings.TASKS_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
settings.ROOT_URLCONF = "security.tests.raising_urls"
client = Client(HTTP_HOST="example.org", raise_request_exception=False)
crash = client.post("/test-crash/", {{"about_the_person": {POSTED_SECRET!r}}}, secure=True)
health = client.get("/healthz")
print(json.dumps({{
    "statuses": [crash.status_code, health.status_code],
    "mail": [{{"to": m.to, "subject": m.subject, "body": m.body}} for m in mail.outbox],
}}))
"""


@pytest.fixture(scope="module")
def two_failures():
    served = run_with_production_settings(
        SERVE_TWO_FAILURES,
        DJANGO_ADMINS=ADMINS,
        DATABASE_URL="sqlite:////nonexistent-directory/db.sqlite3",
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    return json.loads(served.stdout), served.stderr.splitlines()


def test_a_server_error_is_one_key_value_line_on_stderr(two_failures):
    result, log_lines = two_failures
    assert result["statuses"] == [500, 503]

    [error] = [line for line in log_lines if "logger=django.request" in line and "500" in line]

    assert error.startswith("time=")
    assert "level=ERROR" in error
    assert "status=500 method=POST path=/test-crash/" in error
    # The traceback is on the same line, its newlines escaped.
    assert 'exc="Traceback (most recent call last):\\n' in error
    assert POSTED_SECRET not in "\n".join(log_lines)


def test_a_server_error_is_emailed_to_admins_without_what_was_posted(two_failures):
    result, _ = two_failures

    [report] = [mail for mail in result["mail"] if "/test-crash/" in mail["subject"]]

    assert report["to"] == ["ana@example.org", "bo@example.org"]
    assert "about_the_person" in report["body"]
    assert POSTED_SECRET not in report["body"]


def test_a_failing_health_check_is_logged_but_not_emailed(two_failures):
    result, log_lines = two_failures

    assert not [mail for mail in result["mail"] if "healthz" in mail["subject"]]
    assert any("logger=health.views" in line and "database" in line for line in log_lines)


def test_without_sentry_dsn_errors_are_emailed_and_sentry_is_not_imported():
    script = (
        "import json, sys; from django.conf import settings; "
        "print(json.dumps({'root': settings.LOGGING['root']['handlers'], "
        "'sentry': 'sentry_sdk' in sys.modules}))"
    )
    result = json.loads(run_with_production_settings(script, DJANGO_ADMINS=ADMINS).stdout)

    assert result == {"root": ["stderr", "mail_admins"], "sentry": False}


def test_with_sentry_dsn_errors_go_to_sentry_without_personal_data():
    script = (
        "import json, sentry_sdk; from django.conf import settings; "
        "root = settings.LOGGING['root']['handlers']; "
        "client = sentry_sdk.get_client(); "
        "print(json.dumps({'root': root, "
        "'active': client.is_active(), 'pii': client.options['send_default_pii'], "
        "'bodies': client.options['max_request_body_size']}))"
    )
    result = json.loads(
        run_with_production_settings(
            script, SENTRY_DSN="https://public-key@sentry.example.org/1"
        ).stdout
    )

    assert result == {"root": ["stderr"], "active": True, "pii": False, "bodies": "never"}


def test_deploy_checks_warn_when_email_addresses_and_error_reports_are_not_configured(settings):
    settings.ADMINS = []
    settings.SENTRY_DSN = ""
    settings.DEFAULT_FROM_EMAIL = "webmaster@localhost"
    settings.SERVER_EMAIL = "root@localhost"

    warnings = {message.id for message in run_checks(include_deployment_checks=True)}

    assert {"health.W001", "health.W002", "health.W003"} <= warnings


def test_deploy_checks_pass_once_email_addresses_and_admins_are_set(settings):
    settings.ADMINS = [("Ana Admin", "ana@example.org")]
    settings.DEFAULT_FROM_EMAIL = "agreements@example.org"
    settings.SERVER_EMAIL = "agreements@example.org"

    warnings = {message.id for message in run_checks(include_deployment_checks=True)}

    assert not warnings & {"health.W001", "health.W002", "health.W003"}

"""Deploy checks (`manage.py check --deploy`): production can send email and report errors."""

from django.conf import global_settings, settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_email_and_error_reports(app_configs, **kwargs) -> list[CheckMessage]:
    warnings = []
    if settings.DEFAULT_FROM_EMAIL == global_settings.DEFAULT_FROM_EMAIL:
        warnings.append(
            Warning(
                f"DEFAULT_FROM_EMAIL is Django's default, {global_settings.DEFAULT_FROM_EMAIL}: "
                "password-reset emails would come from it.",
                hint="Set the DEFAULT_FROM_EMAIL environment variable.",
                id="health.W001",
            )
        )
    if settings.SERVER_EMAIL == global_settings.SERVER_EMAIL:
        warnings.append(
            Warning(
                f"SERVER_EMAIL is Django's default, {global_settings.SERVER_EMAIL}: error "
                "reports to ADMINS would come from it.",
                hint="Set the SERVER_EMAIL environment variable (or DEFAULT_FROM_EMAIL).",
                id="health.W002",
            )
        )
    if not settings.ADMINS and not getattr(settings, "SENTRY_DSN", ""):
        warnings.append(
            Warning(
                "Errors are reported to nobody: ADMINS is empty and SENTRY_DSN is not set.",
                hint='Set DJANGO_ADMINS ("Name <address>, ...") or SENTRY_DSN.',
                id="health.W003",
            )
        )
    return warnings

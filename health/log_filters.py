import logging


class SkipHealthCheckResponses(logging.Filter):
    """Drop django.request's record of a 503 from /healthz.

    A load balancer asks every few seconds: while the database is down each answer would be an
    error report (an email to ADMINS, or a Sentry event). /healthz logs what failed itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        return getattr(request, "path", None) != "/healthz"

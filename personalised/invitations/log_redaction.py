"""Invitation tokens never reach a log: request lines and paths that hold one are redacted.

The landing's address (``/invitation/<token>/``, under any language prefix) is logged by
Django when it answers 404 or 410 (``django.request``), by the development server for every
request (``django.server``) and by gunicorn's access log (``gunicorn.access``). A filter on
each of those loggers rewrites the token before any handler, or Sentry's logging integration,
sees the record; ``site.log_format.KeyValueFormatter`` redacts the request path it adds.
"""

import logging
import re
from collections.abc import MutableMapping

REDACTED = "[redacted]"
# /invitation/ followed by anything up to the next slash, space, quote or query string, but
# /invitation/open/, which holds none (the page a link leads to).
_TOKEN_IN_PATH = re.compile(r"(/invitation/)(?!open/)[^/\s?#\"']+")

#: The loggers that write request paths.
REQUEST_LOGGERS = ("django.request", "django.server", "gunicorn.access")


def redact(text: str) -> str:
    """``text`` with any invitation token in a path replaced by ``[redacted]``."""
    return _TOKEN_IN_PATH.sub(lambda found: found.group(1) + REDACTED, text)


def _redacted(value: object) -> object:
    return redact(value) if isinstance(value, str) else value


class RedactInvitationTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, MutableMapping):
            # gunicorn's access log passes its atoms as one mapping (of a class of its own,
            # which answers for headers it was not given): change it in place.
            for key, value in list(record.args.items()):
                record.args[key] = _redacted(value)
        elif isinstance(record.args, tuple):
            record.args = tuple(_redacted(value) for value in record.args)
        return True


def install() -> None:
    """Put the filter on every logger that writes request paths (once each)."""
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactInvitationTokens) for existing in logger.filters):
            logger.addFilter(RedactInvitationTokens())


def redact_error_report(event: dict, hint: dict) -> dict:
    """Sentry's ``before_send``: an error raised while answering a landing reports its address
    (and names the transaction after it) without the token."""
    request = event.get("request") or {}
    for key in ("url", "query_string"):
        if isinstance(request.get(key), str):
            request[key] = redact(request[key])
    if isinstance(event.get("transaction"), str):
        event["transaction"] = redact(event["transaction"])
    return event

"""One line per log record, as key=value pairs, for log collectors reading stderr."""

import json
import logging
from datetime import UTC, datetime

from personalised.invitations.log_redaction import redact

# Values that need no quotes: nothing a parser could split on.
_BARE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/+@")


def _value(value: object) -> str:
    text = str(value)
    if text and set(text) <= _BARE:
        return text
    # JSON quoting escapes quotes and newlines, so a traceback stays on its one line.
    return json.dumps(text, ensure_ascii=False)


class KeyValueFormatter(logging.Formatter):
    """``time=... level=ERROR logger=django.request message="..." status=500 path=/x exc="..."``.

    Only the request's method and path are added, never its query string, body or cookies: they
    may hold what practitioners wrote about the people they support; and an invitation token in
    the path is redacted."""

    def format(self, record: logging.LogRecord) -> str:
        fields = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if status := getattr(record, "status_code", None):
            fields["status"] = status
        if (request := getattr(record, "request", None)) is not None and hasattr(request, "path"):
            fields["method"] = request.method
            fields["path"] = redact(request.path)
        if record.exc_info:
            fields["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            fields["exc"] = record.exc_text
        if record.stack_info:
            fields["stack"] = self.formatStack(record.stack_info)
        return " ".join(f"{key}={_value(value)}" for key, value in fields.items())

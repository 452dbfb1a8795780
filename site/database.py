"""The database configuration from a URL, with SQLite made safe for several writers."""

from typing import Any

import dj_database_url

# SQLite is the embedded default, and several gunicorn workers (or editors) write to it at once.
# WAL lets readers carry on during a write; IMMEDIATE takes the write lock when a transaction
# starts, so a second writer waits for it (up to `timeout` seconds) instead of failing at once
# with "database is locked" when it tries to upgrade a read.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_from_url(url: str, *, conn_max_age: int = 0) -> dict[str, Any]:
    # A kept connection is checked before each request reuses it: one the database dropped (a
    # restart, a failover, pg_terminate_backend) is replaced instead of failing that request.
    config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config

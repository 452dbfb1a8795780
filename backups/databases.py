"""Copying the database out and back in: pg_dump / pg_restore for PostgreSQL, SQLite's online
backup API for SQLite. Both are safe while the site is running and writing."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from .manifest import BackupError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
# How long SQLite waits for a writer to finish before giving up (as the site's own setting).
SQLITE_TIMEOUT = 20


def engine_of(config: dict[str, Any]) -> str:
    engine = config["ENGINE"]
    if engine.endswith("sqlite3"):
        return SQLITE
    if engine.endswith("postgresql"):
        return POSTGRESQL
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def describe(config: dict[str, Any]) -> dict[str, str]:
    """What the manifest records about a database: never its password."""
    return {
        "engine": engine_of(config),
        "name": str(config["NAME"]),
        "host": str(config.get("HOST") or ""),
        "port": str(config.get("PORT") or ""),
    }


def dump_file_name(config: dict[str, Any]) -> str:
    return "database.sqlite3" if engine_of(config) == SQLITE else "database.pgdump"


def dump(config: dict[str, Any], destination: Path) -> None:
    if engine_of(config) == SQLITE:
        _sqlite_dump(Path(config["NAME"]), destination)
    else:
        _run(
            ["pg_dump", "--format=custom", f"--file={destination}", *_pg_connection(config)], config
        )


def is_empty(config: dict[str, Any]) -> bool:
    """True if the database has no tables (or, for SQLite, does not exist yet)."""
    if engine_of(config) == SQLITE:
        path = Path(config["NAME"])
        if not path.exists():
            return True
        with _sqlite_connect(path) as connection:
            (count,) = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()
        return count == 0
    with _pg_connect(config) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM pg_catalog.pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
    return count == 0


def restore(config: dict[str, Any], source: Path, *, replace: bool) -> None:
    """Load the dump into the database; ``replace`` first empties a database that is not empty."""
    if engine_of(config) == SQLITE:
        # The backup API replaces the destination's every page, whatever it held.
        _sqlite_restore(source, Path(config["NAME"]))
        return
    if replace:
        with _pg_connect(config) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
    _run(
        [
            "pg_restore",
            # The restoring role owns what it creates: the backup may come from another server.
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            *_pg_connection(config),
            str(source),
        ],
        config,
    )


def _sqlite_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=SQLITE_TIMEOUT)


def _sqlite_dump(source: Path, destination: Path) -> None:
    if not source.is_file():
        raise BackupError(f"The SQLite database {source} does not exist.")
    with _sqlite_connect(source) as live, sqlite3.connect(destination) as copy:
        live.backup(copy)
        # One self-contained file, whatever journal mode the live database uses (WAL).
        copy.execute("PRAGMA journal_mode=DELETE")
    live.close()
    copy.close()


def _sqlite_restore(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as backup, _sqlite_connect(destination) as target:
        backup.backup(target)
    backup.close()
    target.close()


def _pg_connection(config: dict[str, Any]) -> list[str]:
    arguments = [f"--dbname={config['NAME']}"]
    if config.get("HOST"):
        arguments.append(f"--host={config['HOST']}")
    if config.get("PORT"):
        arguments.append(f"--port={config['PORT']}")
    if config.get("USER"):
        arguments.append(f"--username={config['USER']}")
    return arguments


def _pg_connect(config: dict[str, Any]):
    import psycopg

    parameters = {
        "dbname": config["NAME"],
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    try:
        return psycopg.connect(
            **{key: value for key, value in parameters.items() if value}, autocommit=True
        )
    except psycopg.OperationalError as error:
        raise BackupError(
            f"Cannot connect to PostgreSQL database {config['NAME']}: {error}"
        ) from error


def _run(command: list[str], config: dict[str, Any]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client); "
            "its major version must be at least the server's."
        )
    environment = dict(os.environ)
    if config.get("PASSWORD"):
        # In the environment, not the command line, where any user could read it.
        environment["PGPASSWORD"] = str(config["PASSWORD"])
    result = subprocess.run(  # noqa: S603 pg_dump or pg_restore with the settings' arguments
        command, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")

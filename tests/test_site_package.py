"""Every entry point imports OUR `site` package (issue 16).

The settings live in `site/`, a name the standard library's `site` module already has: the
project gives that module a package path (projectpath.py), from manage.py itself and, for every
other entry point, from the `.pth` file `make install` writes into the virtual environment
(scripts/write-pth). Each test starts the entry point as a user would, from the venv, and proves
it found the project's settings while the standard `site` module still works.
"""

import json
import os
import random
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# Every entry point here runs in a process of its own, on a SQLite file of its own (or none),
# whichever database the suite runs on.
pytestmark = pytest.mark.one_database

PROJECT = Path(__file__).resolve().parents[1]
SITE_PACKAGE = PROJECT / "site"
# The venv this test runs in: the one `make install` wrote the .pth into.
VENV_BIN = Path(sys.executable).parent
# This helper's own range of loopback ports, so parallel runs never collide.
PORTS = range(8800, 8900)


def entry_point_environment(**extra: str) -> dict[str, str]:
    """The caller's environment without anything that could point Python at the project by
    another way than the .pth file (PYTHONPATH) or pick other settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONSTARTUP")
    }
    env.update(extra)
    return env


def run_from_venv(
    arguments: list[str], cwd: Path, **environment: str
) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 our own venv's tools, fixed arguments
        arguments,
        cwd=cwd,
        env=entry_point_environment(**environment),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_pytest_imports_the_projects_settings_and_keeps_the_standard_site_module() -> None:
    import site.settings

    assert Path(site.settings.__file__).resolve().parent == SITE_PACKAGE / "settings"
    # Still the standard library's module, with its functions working.
    assert Path(site.__file__).resolve().parent == Path(sysconfig.get_path("stdlib")).resolve()
    assert sysconfig.get_path("purelib") in site.getsitepackages()
    assert isinstance(site.getusersitepackages(), str)


def test_python_c_from_another_folder_imports_the_projects_settings(tmp_path: Path) -> None:
    script = (
        "import json, site, site.settings; "
        "print(json.dumps({'settings': site.settings.__file__, "
        "'site_packages': site.getsitepackages()}))"
    )
    result = run_from_venv([str(VENV_BIN / "python"), "-c", script], cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["settings"]).resolve() == SITE_PACKAGE / "settings" / "__init__.py"
    assert found["site_packages"], "the standard site module lost getsitepackages()"


def test_manage_py_check_runs_with_the_projects_settings(tmp_path: Path) -> None:
    # Run from another folder: manage.py must find the project by itself, not by the caller's cwd.
    result = run_from_venv(
        [str(VENV_BIN / "python"), str(PROJECT / "manage.py"), "check"],
        cwd=tmp_path,
        DJANGO_SETTINGS_MODULE="site.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def free_ports() -> Iterator[int]:
    # In a random order: the SQLite and PostgreSQL runs of `make test` run this at the same time.
    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        yield port


def wait_until_listening(server: subprocess.Popen, log: Path, port: int) -> bool:
    """Whether this gunicorn bound the port (it says so in its log), rather than exiting because
    another process took the port between the probe and its bind."""
    listening = f"Listening at: http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if listening in log.read_text():
            return True
        if server.poll() is not None:
            return False
        time.sleep(0.25)
    pytest.fail(f"gunicorn did not start in 90 s:\n{log.read_text()}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture
def gunicorn_server(tmp_path: Path) -> Iterator[str]:
    """`gunicorn site.wsgi` started as an operator would, from a folder outside the project (so
    only the .pth can make `site.wsgi` importable), with the development settings."""
    log = tmp_path / "gunicorn.log"
    for port in free_ports():
        with log.open("w") as output:
            server = subprocess.Popen(  # noqa: S603 our own venv's gunicorn, fixed arguments
                [
                    str(VENV_BIN / "gunicorn"),
                    "site.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--no-control-socket",
                ],
                cwd=tmp_path,
                env=entry_point_environment(
                    DJANGO_SETTINGS_MODULE="site.settings.dev",
                    DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                ),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            if wait_until_listening(server, log, port):
                yield f"http://127.0.0.1:{port}"
                return
        finally:
            stop(server)
            print(log.read_text())  # shown only when the test fails
    pytest.fail(f"no free loopback port in {PORTS.start}-{PORTS.stop - 1}")


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 loopback http
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_gunicorn_serves_the_project_from_site_wsgi(gunicorn_server: str) -> None:
    status, body = get(f"{gunicorn_server}/healthz")

    # /healthz exists only in this project's URLs: the answer proves site.wsgi was ours.
    assert status == 200, body
    assert json.loads(body) == {"database": "ok", "cache": "ok"}

"""Run Python inside one checkout of the project (today's or an older one) with this virtualenv.

The virtualenv's .pth file (scripts/write-pth) puts *this* worktree on ``sys.path`` and its
``site/`` folder on the stdlib ``site`` module's ``__path__``, so an older checkout run with
the plain venv python would import today's settings and apps. So the child is started with
``-S`` (no site-packages, no .pth files): this file then imports the stdlib ``site`` (its own
folder has no ``site/``), adds the venv's site-packages by hand without running .pth files,
puts the chosen checkout first and lets that checkout's own ``projectpath`` install its
``site/`` folder.

    python -S tests/migration_fixture/tree.py CHECKOUT SCRIPT [ARGS...]

With -S the interpreter does not know the venv's site-packages either, so the caller names it in
``SITE_PACKAGES`` (see :func:`command`).
"""

import os
import runpy
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent


def command(checkout: Path, script: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """The argv and environment variables that run ``script`` in ``checkout``."""
    return (
        [sys.executable, "-S", str(HERE / "tree.py"), str(checkout), str(script), *args],
        {"SITE_PACKAGES": sysconfig.get_path("purelib")},
    )


def enter(checkout: str) -> None:
    import site  # noqa: F401 the stdlib module: this folder holds no site package

    sys.path.append(os.environ["SITE_PACKAGES"])
    sys.path.insert(0, checkout)
    import projectpath

    projectpath.install()


if __name__ == "__main__":
    checkout, script, *args = sys.argv[1:]
    sys.path[:] = [entry for entry in sys.path if entry != str(HERE)]
    enter(checkout)
    sys.argv = [script, *args]
    runpy.run_path(script, run_name="__main__")

"""Make the project's ``site/`` folder importable as the ``site`` package.

The project keeps its settings, URLs and WSGI entry point in ``site/``, but Python's standard
library already has a module called ``site``, imported at interpreter start-up, so a plain
``import site.settings`` finds the standard module and fails. Giving that module a ``__path__``
that points at our folder lets ``site.settings``, ``site.urls`` and ``site.wsgi`` import as
submodules while the standard module keeps working for everything that uses it.

The virtual environment gets a ``.pth`` file that calls :func:`install` at start-up (see the
Makefile), so every entry point (manage.py, pytest, gunicorn) sees the same package.
"""

import site
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent / "site"


def install() -> None:
    path = getattr(site, "__path__", None)
    if path is None:
        site.__path__ = [str(SITE_DIR)]
    elif str(SITE_DIR) not in path:
        path.append(str(SITE_DIR))

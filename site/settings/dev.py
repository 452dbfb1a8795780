"""Settings for a developer's machine: debug on, email printed by the task worker, SQLite by
default."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-development-only-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Email goes through the tasks (base.py) and the worker prints it (TASKS_EMAIL_BACKEND).

"""Settings for a developer's machine: debug on, console email, SQLite by default."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-development-only-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

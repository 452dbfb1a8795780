"""Settings for the test suite: fast hashing, in-memory email, no debug."""

import os
import tempfile
from pathlib import Path

from ..tasks import tasks_settings
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Django's test runner puts email in mail.outbox whatever EMAIL_BACKEND says; tests of the task
# path set EMAIL_BACKEND to jobs.mail.TaskEmailBackend themselves.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the test's own transaction; the worker tests choose their backend.
TASKS = tasks_settings("immediate", TASKS_QUEUE_NAME)  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILADMIN_BASE_URL = "http://testserver"

# Images the tests import (the easy-read pictures) and their renditions, kept out of the
# developer's media folder, unless a test's own process names one (the backup tests do).
MEDIA_ROOT = Path(
    os.environ.get("DJANGO_MEDIA_ROOT")
    or Path(tempfile.gettempdir()) / "partnership-agreements-test-media"
)

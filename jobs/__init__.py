"""Work done outside the request: email, and the daily jobs. Django's tasks API (the
django-tasks backport): the database backend by default, RQ on Redis in production (settings
TASKS_BACKEND). See README, "Background tasks and email"."""

"""/healthz: whether this worker can reach the database and the shared cache.

For load balancers and monitoring: a 200 while both answer, a 503 naming what failed. It sets no
cookie, touches no session, and is never cached (by a proxy or by the page cache, which only
stores Wagtail pages).
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
FAILED = "failed"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database failed: %s", error)
        return FAILED
    return OK


def cache_status() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    token = uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=10)
        answered = cache.get(key)
        cache.delete(key)
    # Any backend, any failure: this page reports it rather than failing itself.
    except Exception as error:
        logger.warning("Health check: the cache failed: %s", error)
        return FAILED
    if answered != token:
        # The resilient Redis cache turns an outage into a miss (and has logged it).
        logger.warning("Health check: the cache did not keep a value")
        return FAILED
    return OK


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_status(), "cache": cache_status()}
    healthy = all(status == OK for status in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)

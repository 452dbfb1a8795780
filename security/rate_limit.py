"""Simple request rate limits for forms that send email or look people up (password reset, the
share form): at most RATE_LIMITS[name]["count"] attempts per key in each window of
RATE_LIMITS[name]["seconds"].

Counts live in the RATE_LIMIT_CACHE cache, which every worker must share (the file cache in
production now, Redis later). They are short-lived and a lost count costs one extra attempt at
most, so the cache is enough; sign-in failures, which lock accounts, are in the database.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches


def _key(name: str, key: str, window: int) -> str:
    # Hashed: keys may be email addresses, with characters some cache backends refuse.
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"rate-limit:{name}:{window}:{digest}"


def allow(name: str, key: str) -> bool:
    """Count one attempt by ``key`` at ``name``; False once it is over the limit."""
    limit = settings.RATE_LIMITS[name]
    seconds = limit["seconds"]
    cache = caches[settings.RATE_LIMIT_CACHE]
    cache_key = _key(name, key, int(time.time()) // seconds)
    # get-then-set rather than incr: not every backend keeps the expiry on incr. Two workers
    # racing may lose one count, which is at most one extra attempt.
    count = cache.get(cache_key, 0) + 1
    cache.set(cache_key, count, timeout=seconds)
    return count <= limit["count"]

"""The front-end cache (a CDN or an HTTP cache such as Varnish or nginx in front of the site)
that publishing purges, configured from the environment. Nothing set: no purging.

- ``FRONTEND_CACHE_PURGE_URL``: an HTTP cache that accepts ``PURGE <path>`` with the page's
  ``Host`` header (Varnish, nginx's proxy_cache_purge, Squid), e.g. ``http://127.0.0.1:6081``.
- ``CLOUDFLARE_ZONE_ID`` and ``CLOUDFLARE_API_TOKEN``: Cloudflare's purge-by-URL API.
- ``CLOUDFRONT_DISTRIBUTION_ID``: an AWS CloudFront invalidation (needs boto3 and AWS
  credentials in the usual AWS environment variables).
- ``FRONTEND_CACHE_HOSTNAMES``: comma-separated hosts whose URLs are purged (default: all).
"""

from collections.abc import Mapping
from typing import Any


def frontend_cache_backends(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The WAGTAILFRONTENDCACHE setting for what the environment configures."""
    backends: dict[str, dict[str, Any]] = {}
    if environ.get("FRONTEND_CACHE_PURGE_URL"):
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_PURGE_URL"],
        }
    if environ.get("CLOUDFLARE_ZONE_ID") and environ.get("CLOUDFLARE_API_TOKEN"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": environ["CLOUDFLARE_API_TOKEN"],
        }
    if environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    hostnames = [host.strip() for host in environ.get("FRONTEND_CACHE_HOSTNAMES", "").split(",")]
    if any(hostnames):
        for backend in backends.values():
            backend["HOSTNAMES"] = [host for host in hostnames if host]
    return backends

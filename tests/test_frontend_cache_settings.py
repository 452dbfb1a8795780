"""The front-end cache is configured from the environment, and off when nothing is set."""

from site.frontend_cache import frontend_cache_backends


def test_nothing_configured_means_no_purging():
    assert frontend_cache_backends({}) == {}


def test_an_http_cache_is_purged_at_the_configured_address():
    backends = frontend_cache_backends({"FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:6081"})

    assert backends == {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }


def test_cloudflare_needs_its_zone_and_token_and_hostnames_limit_every_backend():
    environment = {
        "CLOUDFLARE_ZONE_ID": "zone",
        "CLOUDFLARE_API_TOKEN": "token",
        "CLOUDFRONT_DISTRIBUTION_ID": "E123",
        "FRONTEND_CACHE_HOSTNAMES": "agreements.example.org, www.agreements.example.org",
    }

    backends = frontend_cache_backends(environment)

    assert backends["cloudflare"]["ZONEID"] == "zone"
    assert backends["cloudflare"]["BEARER_TOKEN"] == "token"  # noqa: S105 a made-up token
    assert backends["cloudfront"]["DISTRIBUTION_ID"] == "E123"
    for backend in backends.values():
        assert backend["HOSTNAMES"] == ["agreements.example.org", "www.agreements.example.org"]
    assert "cloudflare" not in frontend_cache_backends({"CLOUDFLARE_ZONE_ID": "zone"})

"""The address a request came from, for rate limits: the connecting address, or behind
``TRUSTED_PROXY_COUNT`` reverse proxies, the address the outermost of them saw.

Each proxy appends the address that connected to it to X-Forwarded-For, so with N trusted
proxies the client is the N-th entry from the right. Everything left of it was sent by the
client and may be forged: it is never used.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    connecting = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return connecting
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        # Fewer hops than proxies: not through them all. The nearest address we know is safer
        # than anything the client wrote.
        return connecting
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return connecting

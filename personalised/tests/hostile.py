"""Hostile input for tests: a corpus of payloads, and a check for anything in a page that a
browser would run, load or obey.

Imported by every test that puts user text on a page or in an export."""

import re

from bs4 import BeautifulSoup

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">tab</a>',
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "</textarea><script>alert(1)</script>",
    "<iframe src='javascript:alert(1)'></iframe>",
    '<p onmouseover="alert(1)">broken <b>html',
    "<<script>>alert(1)<</script>>",
    "<style>body{display:none}</style><object data=x>",
    '<form action="javascript:alert(1)"><button formaction=javascript:alert(1)>x',
    # Regular-expression replacement escapes: octal, group references, a lone backslash.
    r"\074img src=x onerror=alert(1)\076",
    r"\074meta http-equiv=refresh content=0;url=https://evil.example\076",
    r"\g<0><svg onload=alert(1)>",
    r"Jo\Ann <b onclick=alert(1)>",
    # Markup that runs no script but still takes over the page.
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>@import url(https://evil.example/x.css)</style>",
    '<p style="position:fixed;inset:0;background:url(https://evil.example/x)">cover</p>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
]

# Names that a regular expression would read as a broken replacement template.
BACKSLASH_NAMES = ["Bo\\", r"Jo\Ann", r"\g<0>", r"\1", "\\"]

# The "known as" name is at most 60 characters: these fit whole, so each page that shows the
# name shows every one of them.
NAME_PAYLOADS = [payload for payload in PAYLOADS if len(payload) <= 60]

_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href")
_SCHEME_NOISE = re.compile(r"[\s\x00-\x1f]+")
_PLUGINS = ("iframe", "object", "embed", "frame", "base")


def _is_sites_own_link(element) -> bool:
    rel = [value.lower() for value in element.get("rel", [])]
    href = element.get("href", "")
    return href.startswith("/static/") or (rel == ["alternate"] and element.has_attr("hreflang"))


def executable_parts(html: str) -> list[str]:
    """Everything in the page that a browser could run, load or obey from user text: script
    other than the site's own files, event handler attributes, javascript: addresses, frames
    and plug-ins, ``srcdoc``, style elements and attributes, links to anything but the site's
    own files, and ``<meta http-equiv>`` (a refresh redirects the reader)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if not (script.get("src", "").startswith("/static/") and not script.get_text().strip()):
            found.append(str(script))
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            name = name.lower()
            if name.startswith("on") or name in ("srcdoc", "style"):
                found.append(f"<{element.name} {name}=...>")
            if name in _URL_ATTRIBUTES:
                address = _SCHEME_NOISE.sub("", str(value)).lower()
                if address.startswith(("javascript:", "vbscript:", "data:text/html")):
                    found.append(f"<{element.name} {name}={value!r}>")
        if element.name in (*_PLUGINS, "style"):
            found.append(f"<{element.name}>")
        if element.name == "meta" and element.has_attr("http-equiv"):
            found.append(f"<meta http-equiv={element['http-equiv']!r}>")
        if element.name == "link" and not _is_sites_own_link(element):
            found.append(f"<link href={element.get('href')!r}>")
    return found


def as_text(html: str) -> str:
    """The page's words as a reader sees them (entities decoded, tags dropped)."""
    return BeautifulSoup(html, "html.parser").get_text()

"""``request.url`` for aiohttp 3.9 with yarl ≥ 1.13 (aio-libs/aiohttp#9435, fixed in aiohttp 3.10.7).

aiohttp 3.9 builds the URL with the Host header (``localhost:8080``) as the host, which newer yarl refuses, so
every ``request.url`` raises — and sub-application routing reads it. Rasa 3.6 holds aiohttp below 3.10 and
nothing holds yarl back, so aiohttp#9309's fix is applied here when the installed versions need it.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.helpers import reify
from yarl import URL


def _url(self: web.BaseRequest) -> URL:
    """The full URL of the request (the Host header is an authority: it may carry a port); without the host
    when the header is not a valid authority (``a:b``), so routing still sees the path."""
    try:
        return URL.build(scheme=self.scheme, authority=self.host).join(self.rel_url)
    except ValueError:
        return self.rel_url


_url.__name__ = "url"
_FIXED_URL = reify(_url)


def fix_request_url() -> None:
    """Make ``request.url`` work with a port in the Host header (no-op where it already does)."""
    try:
        URL.build(scheme="http", host="localhost:8080")
    except ValueError:
        web.BaseRequest.url = _FIXED_URL  # type: ignore[method-assign]

"""Login throttling that cannot be turned against staff.

Failures are counted per (user name, client address) in the application database, so they survive a restart
and a wrong password from one address never delays the right user at another. After ``FREE_FAILURES``
consecutive failures each attempt must wait, 5 s doubling up to 5 minutes; there is no hard lock. A success
clears the count; a pair quiet for ``FORGET_AFTER`` is forgotten, and the table holds at most ``MAX_ROWS``
pairs. Attempts for one pair are checked one at a time, so parallel guesses cannot slip past the delay.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from aiohttp import web

from bot.storage import Store

from .app import db

FREE_FAILURES = 3
FIRST_DELAY_SECONDS = 5
MAX_DELAY_SECONDS = 300
FORGET_AFTER = timedelta(hours=24)
MAX_ROWS = 10_000
MAX_CLIENT_CHARS = 64


def delay_after(failures: int) -> timedelta:
    """How long the next attempt must wait after ``failures`` consecutive failures."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    doublings = min(failures - FREE_FAILURES, 16)
    return timedelta(seconds=min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2**doublings))


def client_address(request: web.Request, proxy_hops: int) -> str:
    """The address failures are counted against: the TCP peer; behind ``proxy_hops`` trusted reverse proxies,
    the address the outermost of them saw (``X-Forwarded-For`` counted from the right). IPv6 counts per /64."""
    address = request.remote or ""
    if proxy_hops:
        forwarded = [hop.strip() for value in request.headers.getall("X-Forwarded-For", []) for hop in value.split(",")]
        forwarded = [hop for hop in forwarded if hop]
        if len(forwarded) >= proxy_hops:
            address = forwarded[-proxy_hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:MAX_CLIENT_CHARS] or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))
    return str(ip)


def wait_text(seconds: int) -> str:
    """``seconds`` in plain Chinese: 45 秒, 3 分钟."""
    return f"{seconds} 秒" if seconds < 60 else f"{math.ceil(seconds / 60)} 分钟"


class LoginThrottle:
    """Growing delays for failed logins, per (user name, client address), kept in ``store``."""

    def __init__(self, store: Store, clock: Callable[[], datetime], max_rows: int = MAX_ROWS):
        self._store = store
        self._clock = clock
        self._max_rows = max_rows
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}  # held or awaited locks only

    @staticmethod
    def _key(username: str, client: str) -> tuple[str, str]:
        return username.lower(), client

    @asynccontextmanager
    async def attempt(self, username: str, client: str) -> AsyncIterator[None]:
        """Hold while checking one login of ``username`` from ``client``: the next one for the pair waits."""
        key = self._key(username, client)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def wait_seconds(self, username: str, client: str) -> int:
        """Seconds before the pair may try again (0: now)."""
        now = self._clock()
        found = await db(self._store.login_failures, *self._key(username, client), now - FORGET_AFTER)
        if found is None:
            return 0
        failures, last = found
        return max(0, math.ceil((last + delay_after(failures) - now).total_seconds()))

    async def failed(self, username: str, client: str) -> int:
        """Count a failure; returns the seconds the pair must now wait."""
        now = self._clock()
        failures = await db(
            self._store.record_login_failure, *self._key(username, client), now, now - FORGET_AFTER, self._max_rows
        )
        return math.ceil(delay_after(failures).total_seconds())

    async def succeeded(self, username: str, client: str) -> None:
        await db(self._store.clear_login_failures, *self._key(username, client))


THROTTLE = web.AppKey("login_throttle", LoginThrottle)

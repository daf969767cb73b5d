"""Login throttling per (user name, client address): growing delays, no lock-out of staff, kept in the database."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from unittest import mock

import pytest
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

from bot.settings import load_settings
from bot.web.app import create_app
from bot.web.throttle import client_address, delay_after
from tests.web.conftest import PASSWORD, hidden_csrf

BEHIND_PROXY = {"LIANGYE_PROXY_HOPS": "1"}
ATTACKER, STAFF = "203.0.113.5", "198.51.100.7"


async def attempt(client: TestClient, password: str, address: str, username: str = "alice"):
    """One login through the form from ``address`` (as the trusted proxy reports it)."""
    token = hidden_csrf(await (await client.get("/helpdesk/login")).text())
    return await client.post(
        "/helpdesk/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers={"X-Forwarded-For": f"10.9.9.9, {address}"},  # the leftmost entry is the client's own claim
        allow_redirects=False,
    )


def retry_after(response) -> int:
    return int(response.headers.get("Retry-After", "0"))


async def test_an_attacker_at_one_address_cannot_lock_out_staff_at_another(make_client):
    attacker = await make_client(**BEHIND_PROXY)
    for _ in range(20):
        assert (await attempt(attacker, "wrong password", ATTACKER)).status in (401, 429)
    refused = await attempt(attacker, PASSWORD, ATTACKER)  # even the right password waits at that address
    assert refused.status == 429 and retry_after(refused) > 0
    assert "登录失败次数较多" in await refused.text()
    staff = await make_client(**BEHIND_PROXY)
    assert (await attempt(staff, PASSWORD, STAFF)).status == 303
    assert (await attempt(attacker, "bobs password", ATTACKER, username="bob")).status == 303  # other names too


async def test_delays_grow_to_a_cap_and_never_lock(make_client, clock):
    client = await make_client(**BEHIND_PROXY)
    waits = []
    for _ in range(10):
        failed = await attempt(client, "wrong password", ATTACKER)
        assert failed.status == 401
        waits.append(retry_after(failed))
        if waits[-1]:
            assert f"请 {waits[-1]} 秒后再试" in await failed.text() or "分钟后再试" in await failed.text()
            clock.now += timedelta(seconds=waits[-1] - 1)
            early = await attempt(client, PASSWORD, ATTACKER)
            assert early.status == 429 and retry_after(early) == 1
            clock.now += timedelta(seconds=1)
    assert waits == [0, 0, 5, 10, 20, 40, 80, 160, 300, 300]
    assert (await attempt(client, PASSWORD, ATTACKER)).status == 303
    assert retry_after(await attempt(client, "wrong password", ATTACKER)) == 0  # a success starts the count again


async def test_the_count_survives_a_new_app_on_the_same_database(make_client, env, clock):
    first = await make_client(**BEHIND_PROXY)
    for _ in range(3):
        assert (await attempt(first, "wrong password", ATTACKER)).status == 401
    await first.close()
    restarted = TestClient(TestServer(create_app(load_settings({**env, **BEHIND_PROXY}), clock=clock)))  # own Store
    await restarted.start_server()
    try:
        refused = await attempt(restarted, PASSWORD, ATTACKER)
        assert refused.status == 429 and retry_after(refused) == 5
        clock.now += timedelta(seconds=5)
        assert (await attempt(restarted, PASSWORD, ATTACKER)).status == 303
    finally:
        await restarted.close()


async def test_parallel_guesses_cannot_slip_past_the_delay(make_client):
    client = await make_client(**BEHIND_PROXY)
    token = hidden_csrf(await (await client.get("/helpdesk/login")).text())

    async def guess(n: int):
        response = await client.post(
            "/helpdesk/login",
            data={"username": "alice", "password": f"guess {n}", "csrf_token": token},
            headers={"X-Forwarded-For": ATTACKER},
            allow_redirects=False,
        )
        return response.status

    statuses = await asyncio.gather(*(guess(n) for n in range(8)))
    assert sorted(statuses) == [401] * 3 + [429] * 5  # three checked, then the delay holds


async def test_without_a_proxy_setting_x_forwarded_for_is_ignored(make_client):
    client = await make_client()
    for n in range(3):  # each claims another address; all come from the same peer
        await attempt(client, "wrong password", f"192.0.2.{n}")
    assert (await attempt(client, PASSWORD, "192.0.2.99")).status == 429


def request_from(peer: str, forwarded: str | None = None):
    transport = mock.Mock()
    transport.get_extra_info.return_value = (peer, 40000)
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return make_mocked_request("POST", "/helpdesk/login", headers=headers, transport=transport)


@pytest.mark.parametrize(
    ("peer", "forwarded", "hops", "expected"),
    [
        ("203.0.113.5", "192.0.2.1", 0, "203.0.113.5"),  # not behind a proxy: the header is anyone's
        ("10.0.0.2", "6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),  # what our proxy saw, not the client's claim
        ("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2", 2, "198.51.100.7"),
        ("10.0.0.2", None, 1, "10.0.0.2"),  # a proxy that did not say: its own address
        ("2001:db8:1:2:3:4:5:6", None, 0, "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", None, 0, "2001:db8:1:2::/64"),  # the same /64
        ("::ffff:203.0.113.5", None, 0, "203.0.113.5"),
        ("10.0.0.2", "not an address", 1, "not an address"),
        ("10.0.0.2", "x" * 500, 1, "x" * 64),
    ],
)
def test_client_address(peer, forwarded, hops, expected):
    assert client_address(request_from(peer, forwarded), hops) == expected


def test_delay_schedule():
    assert [delay_after(n).total_seconds() for n in range(1, 12)] == [0, 0, 5, 10, 20, 40, 80, 160, 300, 300, 300]
    assert delay_after(10**9) == timedelta(minutes=5)

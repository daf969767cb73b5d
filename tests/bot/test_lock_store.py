"""bot.lock_store.AtomicRedisLockStore on a real redis-server: tickets stay unique and one conversation's messages
are handled one at a time even when several stores (several Rasa servers) take them at the same moment."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator

import pytest
import redis
from rasa.utils.endpoints import EndpointConfig

from bot.lock_store import AtomicRedisLockStore

SERVERS = 4  # stores, each standing for one Rasa server
ROUNDS = 25


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory) -> Iterator[int]:
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server not found: run scripts/install_system.sh (Debian package redis-server).", pytrace=False)
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", ""]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(10)


def stores(port: int) -> list[AtomicRedisLockStore]:
    config = {"url": "127.0.0.1", "port": port, "db": 1, "key_prefix": "test", "type": "bot.lock_store.AtomicRedisLockStore"}
    return [AtomicRedisLockStore(EndpointConfig.from_dict(config)) for _ in range(SERVERS)]


def together(work, count: int) -> None:
    """Run ``work(i)`` for i in 0…count-1 in threads released at the same moment."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            work(i)
        except BaseException as exc:  # reported in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors


def test_tickets_issued_at_the_same_moment_are_all_different(redis_port):
    servers = stores(redis_port)
    for round_ in range(ROUNDS):
        conversation = f"tickets-{round_}"
        tickets: list[int] = []
        together(lambda i, c=conversation, t=tickets: t.append(servers[i].issue_ticket(c)), SERVERS)
        assert sorted(tickets) == list(range(SERVERS))
        assert len(servers[0].get_lock(conversation).tickets) == SERVERS


def test_messages_of_one_conversation_are_handled_one_at_a_time_and_the_lock_goes_with_the_last(redis_port):
    servers = stores(redis_port)
    inside: list[int] = []
    spans: list[tuple[float, float]] = []

    def handle(i: int) -> None:
        async def message() -> None:
            async with servers[i].lock("one-conversation", wait_time_in_seconds=0.01):
                inside.append(i)
                start = time.monotonic()
                await asyncio.sleep(0.05)
                spans.append((start, time.monotonic()))

        asyncio.run(message())

    together(handle, SERVERS)
    assert sorted(inside) == list(range(SERVERS))
    spans.sort()
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans)), spans
    assert servers[0].get_lock("one-conversation") is None  # no ticket left: no key left in Redis


def test_a_lock_with_a_waiting_ticket_is_kept_when_the_first_is_released(redis_port):
    first, second = stores(redis_port)[:2]
    ticket = first.issue_ticket("kept")
    waiting = second.issue_ticket("kept")
    first.cleanup("kept", ticket)
    lock = second.get_lock("kept")
    assert lock is not None and not lock.is_locked(waiting)
    second.cleanup("kept", waiting)
    assert second.get_lock("kept") is None

"""Where the time of one message goes: the project's model run in-process, timed piece by piece (issue 12, part 4).

Run from the repository root:

    .venv/bin/python bench/message_profile.py [--interviews 6]

Loads models/ with Rasa's Agent (SQL tracker store on a fresh SQLite file under var/bench, the action server
started by scripts/run.py on a free port) and drives the park interviews of chat_bench.py through
``Agent.handle_message``. Rasa's graph nodes (NLU components and policies), the calls to the action server and
the tracker store's reads and writes are timed by wrapping them; the HTTP layer of ``rasa run`` is not included.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chat_bench import BENCH_DIR, LOOPBACK, REPO, ParkLoad, Samples, Send, free_port, start_stack
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog

from bot import rasa_server
from bot.tracker_store import CachedSQLTrackerStore

# (what, turn) -> durations in seconds; "turn" is the message's turn in its conversation
TIMES: dict[tuple[str, int], list[float]] = defaultdict(list)
CURRENT_TURN = [0]
WHOLE = "whole message (handle_message)"
GRAPH_RUN = "graph run (its nodes + the runner)"
SCHEMA_CHECK = "action server response checked by jsonschema"
OUTSIDE = ("tracker store retrieve", "tracker store save", "action server request (HTTP)", SCHEMA_CHECK)


def timed_sync(name_of: Callable[[Any], str], fn: Callable) -> Callable:
    @wraps(fn)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(self, *args, **kwargs)
        finally:
            TIMES[(name_of(self), CURRENT_TURN[0])].append(time.perf_counter() - start)

    return wrapper


def timed_async(name: str, fn: Callable) -> Callable:
    @wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            TIMES[(name, CURRENT_TURN[0])].append(time.perf_counter() - start)

    return wrapper


def instrument(tracker_store_class: type) -> None:
    """Wrap Rasa's graph nodes, action-server requests and their response check, and the SQL tracker store's
    reads and writes."""
    from rasa.core.actions.action import RemoteAction
    from rasa.engine.graph import GraphNode
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.utils.endpoints import EndpointConfig

    DaskGraphRunner.run = timed_sync(lambda _: GRAPH_RUN, DaskGraphRunner.run)
    GraphNode.__call__ = timed_sync(lambda node: f"node {node._node_name}", GraphNode.__call__)
    EndpointConfig.request = timed_async("action server request (HTTP)", EndpointConfig.request)
    RemoteAction._validate_action_result = timed_sync(lambda _: SCHEMA_CHECK, RemoteAction._validate_action_result)
    tracker_store_class.retrieve = timed_async("tracker store retrieve", tracker_store_class.retrieve)
    tracker_store_class.save = timed_async("tracker store save", tracker_store_class.save)


def agent_sender(agent: Any) -> Send:
    """Send through ``Agent.handle_message`` (no HTTP); records each message's total time and turn."""
    from rasa.core.channels import CollectingOutputChannel, UserMessage

    turns: dict[str, int] = defaultdict(int)

    async def send(_session: aiohttp.ClientSession, sender: str, text: str) -> list[dict]:
        turns[sender] += 1
        CURRENT_TURN[0] = turns[sender]
        channel = CollectingOutputChannel()
        start = time.perf_counter()
        await agent.handle_message(UserMessage(text, channel, sender))
        TIMES[(WHOLE, CURRENT_TURN[0])].append(time.perf_counter() - start)
        return channel.messages

    return send


def summary(messages: int) -> None:
    """Per piece: calls per message, mean ms per call, ms per message; and the turn trend of the slow pieces."""
    names = sorted({name for name, _ in TIMES})
    rows = []
    for name in names:
        all_times = [t for (n, _), ts in TIMES.items() if n == name for t in ts]
        rows.append((sum(all_times) / messages * 1000, name, len(all_times) / messages, statistics.mean(all_times) * 1000))
    totals = {name: total for total, name, _, _ in rows}
    rest = totals[WHOLE] - totals[GRAPH_RUN] - sum(totals.get(name, 0.0) for name in OUTSIDE)
    print(f"\n{messages} messages; per message (in-process, the HTTP layer of `rasa run` not included):\n")
    print("| piece | calls / message | ms / call | ms / message |")
    print("|---|---|---|---|")
    for per_message, name, calls, per_call in sorted(rows, reverse=True):
        if per_message >= 0.05:
            print(f"| {name} | {calls:.2f} | {per_call:.2f} | {per_message:.2f} |")
    print(f"| rest of handle_message (events, forms, domain, logging) | | | {rest:.2f} |")
    print("\nmean ms per call by turn (1–3, 4–9, ≥ 10):\n")
    print("| piece | turns 1–3 | 4–9 | ≥ 10 |")
    print("|---|---|---|---|")
    for _, name, _, _ in sorted(rows, reverse=True)[:12]:
        cells = []
        for low, high in ((1, 3), (4, 9), (10, 999)):
            ts = [t for (n, turn), times in TIMES.items() if n == name and low <= turn <= high for t in times]
            cells.append(f"{statistics.mean(ts) * 1000:.2f}" if ts else "—")
        print(f"| {name} | {' | '.join(cells)} |")


async def drive(agent: Any, interviews: int) -> int:
    park = ParkLoad()
    send, samples = agent_sender(agent), Samples()
    async with aiohttp.ClientSession() as session:
        await park.run(session, send, samples)  # warm-up, not counted
        TIMES.clear()
        for _ in range(interviews):
            await park.run(session, send, samples)
    return sum(len(times) for (name, _), times in TIMES.items() if name == WHOLE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=6, help="park interviews (each followed by policy questions)")
    parser.add_argument(
        "--stock",
        action="store_true",
        help="Rasa's own response check and SQL tracker store (before bot.rasa_server and bot.tracker_store)",
    )
    args = parser.parse_args(argv)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    tracker_db = BENCH_DIR / "profile-tracker.db"
    tracker_db.unlink(missing_ok=True)
    port = free_port()
    env = {"LIANGYE_ACTIONS_PORT": str(port), "LIANGYE_DATABASE_URL": f"sqlite:///{BENCH_DIR / 'profile-app.db'}"}
    configure_logging_and_warnings(logging.INFO)  # as `rasa run` (its default log level)
    configure_structlog(logging.INFO)
    with start_stack(services=("actions",), env=env, log_path=BENCH_DIR / "profile-stack.log", echo=False):
        from rasa.core.agent import Agent
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.utils.endpoints import EndpointConfig

        if not args.stock:
            rasa_server.install()
        store_class = SQLTrackerStore if args.stock else CachedSQLTrackerStore
        instrument(store_class)
        agent = Agent.load(
            REPO / "models" / "liangye.tar.gz",
            tracker_store=store_class(dialect="sqlite", db=str(tracker_db)),
            action_endpoint=EndpointConfig(f"http://{LOOPBACK}:{port}/webhook"),
        )
        messages = asyncio.run(drive(agent, args.interviews))
    summary(messages)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Per-message cost of the assistant next to a stock Rasa moodbot, measured in one run (issue 12, part 5).

Run from the repository root (``make bench`` runs it after rules_bench.py):

    .venv/bin/python bench/chat_bench.py

A stock ``rasa init --no-prompt`` moodbot is trained once into ``var/bench/moodbot`` (reused afterwards) and
served by the same Rasa with a SQL tracker store on SQLite, as ours. It runs beside the project's whole stack
(scripts/run.py's start_stack on free ports, fresh tracker and application databases under ``var/bench``).
Every conversation gets a fresh sender id. The load: moodbot's mood conversation; for the project a full
adaptive park interview answered from a persona of the blind sets (tests/e2e/blind) followed by policy
questions. Printed as ratios to moodbot with the issue's targets; the figures are measurements, not tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from blind_persona import persona_reply  # noqa: E402
from run import LOOPBACK, free_port, local_stack_env, rasa_executable, start_stack  # noqa: E402

BENCH_DIR = REPO / "var" / "bench"
MOODBOT_DIR = BENCH_DIR / "moodbot"
BLIND_DIR = REPO / "tests" / "e2e" / "blind"
MOOD_CONVERSATION = ("hello", "I am very sad", "yes", "great, thanks", "goodbye")
POLICY_QUESTIONS = 6  # asked after each interview, in the same conversation
USERS = 16
PARK_KEYS = {"land", "management", "per_sqm"}  # answers only a park persona has
MAX_TURNS = 40
TIMEOUT = aiohttp.ClientTimeout(total=120)
# Issue 12's targets: (ratio limit, what it applies to).
TARGET_P50 = 1.5
TARGET_P99 = 2.0
TARGET_LATE = 1.15
TARGET_THROUGHPUT = 1.0
TARGET_RSS_GB = 2.0

Send = Callable[[aiohttp.ClientSession, str, str], Awaitable[list[dict]]]


@dataclass
class Samples:
    """Latencies (seconds) of one load, each with its turn number in its conversation (1 = first message)."""

    latencies: list[tuple[int, float]] = field(default_factory=list)
    errors: int = 0

    def ms(self, low: int = 1, high: int | None = None) -> list[float]:
        """Latencies in ms of the messages at turns ``low`` to ``high`` (no upper bound by default)."""
        return [seconds * 1000 for turn, seconds in self.latencies if low <= turn and (high is None or turn <= high)]


@dataclass(frozen=True)
class Persona:
    """A park interview from a blind set: opening messages and the answer to each kind of question."""

    opening: tuple[str, ...]
    answers: dict[str, str]


def load_personas() -> tuple[list[Persona], list[str]]:
    """Park interviews and policy questions of every blind set."""
    personas, questions = [], []
    for path in sorted(BLIND_DIR.glob("set*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        parks = [case for case in data["interviews"] if PARK_KEYS & case["answers"].keys()]
        personas += [Persona(tuple(case["opening"]), case["answers"]) for case in parks]
        questions += [question for question, _ in data["questions"]]
    return personas, questions


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def rest_sender(base_url: str) -> Send:
    """Send one message to Rasa's REST channel; the replies."""

    async def send(session: aiohttp.ClientSession, sender: str, text: str) -> list[dict]:
        body = {"sender": sender, "message": text}
        async with session.post(f"{base_url}/webhooks/rest/webhook", json=body) as response:
            response.raise_for_status()
            return await response.json()

    return send


def web_sender(base_url: str) -> Send:
    """Send one message to the web server's /api/chat; the bot's replies."""

    async def send(session: aiohttp.ClientSession, sender: str, text: str) -> list[dict]:
        async with session.post(f"{base_url}/api/chat", json={"sender": sender, "message": text}) as response:
            response.raise_for_status()
            return [m for m in (await response.json())["messages"] if m.get("role") == "bot"]

    return send


def reply_text(replies: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in replies)


async def timed(session: aiohttp.ClientSession, send: Send, sender: str, text: str, turn: int, samples: Samples) -> str:
    """Send and record the latency; an error is counted and answers with an empty text."""
    start = time.perf_counter()
    try:
        replies = await send(session, sender, text)
    except (aiohttp.ClientError, asyncio.TimeoutError):
        samples.errors += 1
        return ""
    samples.latencies.append((turn, time.perf_counter() - start))
    return reply_text(replies)


async def mood_conversation(session: aiohttp.ClientSession, send: Send, samples: Samples) -> None:
    sender = f"bench-{uuid.uuid4().hex}"
    for turn, text in enumerate(MOOD_CONVERSATION, 1):
        await timed(session, send, sender, text, turn, samples)


async def park_conversation(
    session: aiohttp.ClientSession, send: Send, persona: Persona, questions: list[str], samples: Samples
) -> None:
    """A full adaptive interview (until 结论 or MAX_TURNS), then the policy questions, in one conversation."""
    sender = f"bench-{uuid.uuid4().hex}"
    turn, said = 0, ""
    for text in persona.opening:
        turn += 1
        said = await timed(session, send, sender, text, turn, samples)
    while not re.search(r"结论[:：]", said) and turn < MAX_TURNS:
        turn += 1
        said = await timed(session, send, sender, persona_reply(said, persona.answers)[1], turn, samples)
    for question in questions:
        turn += 1
        await timed(session, send, sender, question, turn, samples)


class ParkLoad:
    """Hands out personas and policy questions in turn, so every conversation differs from the one before."""

    def __init__(self) -> None:
        self.personas, self.questions = load_personas()
        self.count = 0

    async def run(self, session: aiohttp.ClientSession, send: Send, samples: Samples) -> None:
        n = self.count
        self.count += 1
        persona = self.personas[n % len(self.personas)]
        start = n * POLICY_QUESTIONS
        questions = [self.questions[(start + i) % len(self.questions)] for i in range(POLICY_QUESTIONS)]
        await park_conversation(session, send, persona, questions, samples)


Conversation = Callable[[aiohttp.ClientSession, Send, Samples], Awaitable[None]]


async def sequential(send: Send, conversation: Conversation, count: int) -> Samples:
    """``count`` conversations one after another."""
    samples = Samples()
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        for _ in range(count):
            await conversation(session, send, samples)
    return samples


async def concurrent(send: Send, conversation: Conversation, per_user: int) -> tuple[float, Samples]:
    """USERS users, each holding ``per_user`` conversations one after another; (messages per second, samples)."""
    samples = Samples()
    connector = aiohttp.TCPConnector(limit=USERS)
    async with aiohttp.ClientSession(timeout=TIMEOUT, connector=connector) as session:

        async def user() -> None:
            for _ in range(per_user):
                await conversation(session, send, samples)

        start = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(USERS)))
        elapsed = time.perf_counter() - start
    return len(samples.latencies) / elapsed, samples


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        with suppress(OSError):
            status = (Path("/proc") / str(current) / "status").read_text()
            found = re.search(r"VmRSS:\s+(\d+) kB", status)
            total += int(found.group(1)) * 1024 if found else 0
    return total


def ensure_moodbot() -> Path:
    """The moodbot's directory, trained on first use; its endpoints file uses a fresh SQLite tracker store."""
    if not any((MOODBOT_DIR / "models").glob("*.tar.gz")):
        MOODBOT_DIR.mkdir(parents=True, exist_ok=True)
        print("training the moodbot (rasa init --no-prompt), once …", flush=True)
        subprocess.run([rasa_executable(), "init", "--no-prompt", "--init-dir", str(MOODBOT_DIR)], check=True)
    tracker_db = BENCH_DIR / "moodbot-tracker.db"
    tracker_db.unlink(missing_ok=True)
    endpoints = MOODBOT_DIR / "bench-endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: {tracker_db}\n', encoding="utf-8")
    return endpoints


@contextmanager
def moodbot(port: int) -> Iterator[subprocess.Popen]:
    """``rasa run`` of the moodbot (REST channel from its credentials.yml) on ``port``, stopped on exit."""
    endpoints = ensure_moodbot()
    command = [rasa_executable(), "run", "-i", LOOPBACK, "-p", str(port), "--endpoints", str(endpoints)]
    command += ["--credentials", "credentials.yml", "-m", "models"]
    log = open(BENCH_DIR / "moodbot.log", "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, cwd=MOODBOT_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield process
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"moodbot exited with {process.returncode}; see {BENCH_DIR / 'moodbot.log'}")
        with suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.5)
    raise SystemExit(f"moodbot did not answer {url} within {timeout:.0f} s")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def row(figure: str, mood: str, ours: str, ratio: str, target: str, result: str) -> str:
    return f"| {figure} | {mood} | {ours} | {ratio} | {target} | {result} |"


async def measure(mood_url: str, rasa_url: str, web_url: str, args: argparse.Namespace) -> dict:
    """Every load, one after another (the machine has 2 cores: loads never overlap)."""
    park = ParkLoad()
    mood_rest, ours_rest, ours_web = rest_sender(mood_url), rest_sender(rasa_url), web_sender(web_url)
    # warm-up: lazy imports and first-use caches on every path
    await sequential(mood_rest, mood_conversation, 2)
    await sequential(ours_rest, park.run, 1)
    await sequential(ours_web, park.run, 1)
    results = {"mood_seq": await sequential(mood_rest, mood_conversation, args.mood_conversations)}
    results["rest_seq"] = await sequential(ours_rest, park.run, args.interviews)
    results["web_seq"] = await sequential(ours_web, park.run, args.interviews)
    results["mood_tp"] = await concurrent(mood_rest, mood_conversation, args.mood_per_user)
    results["web_tp"] = await concurrent(ours_web, park.run, args.interviews_per_user)
    return results


def report(results: dict, mood_rss: int, stack_rss: dict[str, int], args: argparse.Namespace, seconds: float) -> None:
    mood, rest, web = results["mood_seq"], results["rest_seq"], results["web_seq"]
    (mood_tp, mood_tp_samples), (web_tp, web_tp_samples) = results["mood_tp"], results["web_tp"]
    m50, m99 = statistics.median(mood.ms()), percentile(mood.ms(), 0.99)
    r50, r99 = statistics.median(rest.ms()), percentile(rest.ms(), 0.99)
    w50, w99 = statistics.median(web.ms()), percentile(web.ms(), 0.99)
    early, late = statistics.median(rest.ms(1, 3)), statistics.median(rest.ms(10))
    total_rss = sum(stack_rss.values())
    gb = 1024**3
    print(f"\nchat_bench {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, {seconds:.0f} s")
    print(
        f"samples: moodbot {len(mood.latencies)} sequential messages ({args.mood_conversations} conversations), "
        f"{len(mood_tp_samples.latencies)} concurrent; project {len(rest.latencies)} REST + {len(web.latencies)} web "
        f"sequential messages ({args.interviews} interviews each, {POLICY_QUESTIONS} policy questions after each), "
        f"{len(web_tp_samples.latencies)} concurrent web ({USERS} users × {args.interviews_per_user} interviews); "
        f"late/early: {len(rest.ms(10))} REST messages at turn ≥ 10 vs {len(rest.ms(1, 3))} at turns 1–3\n"
    )
    print(row("figure", "moodbot", "project", "ratio", "target", "result"))
    print(row("---", "---", "---", "---", "---", "---"))
    print(
        row(
            "sequential p50, REST",
            f"{m50:.0f} ms",
            f"{r50:.0f} ms",
            f"{r50 / m50:.2f}×",
            f"≤ {TARGET_P50}×",
            verdict(r50 / m50 <= TARGET_P50),
        )
    )
    print(
        row(
            "sequential p99, REST",
            f"{m99:.0f} ms",
            f"{r99:.0f} ms",
            f"{r99 / m99:.2f}×",
            f"≤ {TARGET_P99}×",
            verdict(r99 / m99 <= TARGET_P99),
        )
    )
    print(row("sequential p50, web /api/chat", "(REST)", f"{w50:.0f} ms", f"{w50 / m50:.2f}×", "—", "—"))
    print(row("sequential p99, web /api/chat", "(REST)", f"{w99:.0f} ms", f"{w99 / m99:.2f}×", "—", "—"))
    tp_ok = web_tp / mood_tp >= TARGET_THROUGHPUT and not web_tp_samples.errors
    print(
        row(
            f"{USERS} users, msg/s (moodbot REST, project web)",
            f"{mood_tp:.1f} ({mood_tp_samples.errors} errors)",
            f"{web_tp:.1f} ({web_tp_samples.errors} errors)",
            f"{web_tp / mood_tp:.2f}×",
            f"≥ {TARGET_THROUGHPUT}×, 0 errors (make run-scaled; this is one Rasa)",
            verdict(tp_ok),
        )
    )
    web_p99 = percentile(web_tp_samples.ms(), 0.99)
    mood_p99 = percentile(mood_tp_samples.ms(), 0.99)
    print(row(f"{USERS} users, p99", f"{mood_p99:.0f} ms", f"{web_p99:.0f} ms", f"{web_p99 / mood_p99:.2f}×", "—", "—"))
    late_ratio = late / early
    print(
        row(
            "p50 turn ≥ 10 / turns 1–3, REST",
            "—",
            f"{late:.0f} / {early:.0f} ms",
            f"{late_ratio:.2f}×",
            f"≤ {TARGET_LATE}×",
            verdict(late_ratio <= TARGET_LATE),
        )
    )
    parts = ", ".join(f"{name} {rss / gb:.2f}" for name, rss in stack_rss.items())
    print(
        row(
            "resident memory (RSS, process trees)",
            f"{mood_rss / gb:.2f} GB",
            f"{total_rss / gb:.2f} GB ({parts})",
            f"{total_rss / mood_rss:.2f}×",
            f"≤ {TARGET_RSS_GB} GB",
            verdict(total_rss / gb <= TARGET_RSS_GB),
        )
    )
    errors = mood.errors + rest.errors + web.errors
    if errors:
        print(f"\nsequential errors: moodbot {mood.errors}, project REST {rest.errors}, web {web.errors}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mood-conversations", type=int, default=60, help="sequential moodbot conversations (5 messages)")
    parser.add_argument("--interviews", type=int, default=16, help="sequential project conversations per channel")
    parser.add_argument("--mood-per-user", type=int, default=8, help="moodbot conversations per concurrent user")
    parser.add_argument("--interviews-per-user", type=int, default=2, help="project conversations per concurrent user")
    args = parser.parse_args(argv)
    started = time.monotonic()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    run_id = time.strftime("%Y%m%d-%H%M%S")
    for old in BENCH_DIR.glob("project-*.db"):
        old.unlink()
    env, ports = local_stack_env(BENCH_DIR, f"project-{run_id}-")
    ports["moodbot"] = free_port()
    mood_url = f"http://{LOOPBACK}:{ports['moodbot']}"
    print("starting the moodbot and the project's stack …", flush=True)
    with moodbot(ports["moodbot"]) as mood_process, start_stack(env=env, log_path=BENCH_DIR / "stack.log", echo=False) as stack:
        wait_until_up(f"{mood_url}/", mood_process)
        results = asyncio.run(measure(mood_url, env["LIANGYE_RASA_URL"], stack.web_url, args))
        mood_rss = tree_rss(mood_process.pid)
        stack_rss = {service.name: tree_rss(service.process.pid) for service in stack.services}
    report(results, mood_rss, stack_rss, args, time.monotonic() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())

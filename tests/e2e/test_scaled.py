"""The scale-out profile on real components: PostgreSQL 15, Redis and two Rasa servers sharing every conversation.

One scaled stack (scripts/run.py's scale-out profile: local PostgreSQL and Redis, one action server, two Rasa
servers, the web server spreading messages over both) is started for this module. Conversations run concurrently,
their messages alternating between the Rasa servers, directly on each server's REST webhook (each conversation
opening with two questions sent at the same moment, one to each server) and through the web server; afterwards
the tracker store in PostgreSQL must hold every user message once, in order, each followed by exactly the replies
its sender got. Last, one Rasa server is killed mid-interview and the other carries on.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from scripts import scaled
from scripts.run import Stack, free_port, start_stack

pytestmark = pytest.mark.e2e

CONVERSATIONS = 16

# Interviews with different verdicts: (message, words its reply must hold). Every message is one turn.
PARK_ELIGIBLE = [
    ("我是园区管委会的，想看看能不能申报示范园区", ("年营业收入",)),
    ("营收120亿，先进制造占35%，现代服务占40%", ("已记录：年营业收入 120亿元", "每平方米")),
    ("每平米2.5万", ("2.5万元/平方米", "重点领域")),
    ("重点领域企业营收占六成", ("土地",)),
    ("是的", ("四至",)),
    ("是的", ("管理机构",)),
    ("是的", ("运营管理机制",)),
    (
        "是的",
        (
            "请核对",
            "年营业收入：120亿元",
            "先进制造年营业收入占比：35%",
            "现代服务年营业收入占比：40%",
            "入驻企业平均单位面积年营业收入：2.5万元/平方米",
            "重点领域企业年营业收入占比：60%",
        ),
    ),
    ("确认", ("结论：符合申报条件", "第五条（四）")),
]
PARK_SHORT = [
    ("我们是产业园区的运营公司", ("园区",)),
    ("园区年营收88亿，先进制造32%，现代服务35%，单位面积营收3万元每平方米，重点领域企业占70%", ("未达到", "新设立")),
    ("不是，园区开了十几年了", ("请核对", "年营业收入：88亿元")),
    ("确认", ("结论：不符合申报条件", "还差12亿元")),
]
LEADING = [
    ("我们是一家做集成电路设计的企业，想申报领跑型", ("集成电路", "对吗")),
    ("对", ("年营业收入",)),
    ("大概8个亿", ("排第几",)),
    ("不清楚", ("服务投入",)),
    ("服务投入占比25%", ("请核对",)),
    ("刚才说错了，营收是15亿", ("已更正：年营业收入 15亿元（原为8亿元）", "请核对")),
    ("确认无误", ("结论：符合申报条件",)),
]
UNSURE = [
    ("我们是企业，不知道该报哪一类", ("年营业收入",)),
    ("20亿", ("主营业务",)),
    ("做工业软件和云计算服务", ("新一代信息技术",)),
    ("是的", ()),
    ("25%", ("请核对", "年营业收入：20亿元")),
    ("确认", ("结论：符合申报条件", "最适合的申报类型：领跑型试点企业")),
]
INTERVIEWS = [PARK_ELIGIBLE, PARK_SHORT, LEADING, UNSURE]
# Two questions sent at the same moment, one to each Rasa server, before the interview: the lock store must make
# one server wait for the other (Rasa 3.6's own RedisLockStore let both run and one message was lost).
BURST = [("什么是四至？", "四个方向的边界"), ("什么是专精特新", "专精特新")]


@pytest.fixture(scope="module")
def scaled_stack() -> Iterator[Stack]:
    """PostgreSQL, Redis, one action server, two Rasa servers and the web server, on free ports."""
    if not (scaled.REPO / "models" / "liangye.tar.gz").exists():
        pytest.fail("没有训练好的模型：请先运行 make train（make test 会自动训练）。")
    root = Path(tempfile.mkdtemp(prefix="liangye-scaled-"))  # under /tmp, so the postgres user can reach it
    env = {
        "LIANGYE_SCALED_DIR": str(root),
        "LIANGYE_PG_PORT": str(free_port()),
        "LIANGYE_REDIS_PORT": str(free_port()),
        "LIANGYE_RASA_PORTS": f"{free_port()},{free_port()}",
        "LIANGYE_ACTIONS_PORTS": str(free_port()),
        "LIANGYE_WEB_PORT": str(free_port()),
        "LIANGYE_MODE": "development",
    }
    try:
        with start_stack(env=env, log_path=root / "stack.log", echo=False, scale_out=True) as stack:
            yield stack
    finally:
        shutil.rmtree(root, ignore_errors=True)


def rasa_ports(stack: Stack) -> tuple[int, ...]:
    return stack.scaled.rasa_ports


def post_json(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def say_to_rasa(port: int, sender: str, text: str) -> list[dict[str, Any]]:
    status, replies = post_json(f"http://127.0.0.1:{port}/webhooks/rest/webhook", {"sender": sender, "message": text})
    assert status == 200, (port, sender, text, status, replies)
    return replies


def say_to_web(stack: Stack, sender: str, text: str) -> list[dict[str, Any]]:
    status, body = post_json(f"{stack.web_url}/api/chat", {"sender": sender, "message": text})
    assert status == 200, (sender, text, status, body)
    return body["messages"]


def texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(r["text"] for r in replies if r.get("text"))


def check_turn(sender: str, step: int, interview: list, replies: list[dict[str, Any]]) -> None:
    message, expected = interview[step]
    reply = texts(replies)
    assert reply, (sender, message, "no reply")
    missing = [words for words in expected if words not in reply]
    assert not missing, (sender, message, missing, reply)


def turns_in_tracker(stack: Stack, sender: str) -> list[tuple[str, int, str]]:
    """Per user message in the tracker store, in stored order: (its text, the bot messages after it, the last
    action before the next user message)."""
    config = stack.scaled
    connection = psycopg2.connect(host="127.0.0.1", port=config.pg_port, user=scaled.PG_USER, dbname=scaled.TRACKER_DB)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT type_name, action_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            rows = cursor.fetchall()
    finally:
        connection.close()
    turns: list[list[Any]] = []
    for type_name, action_name, data in rows:
        if type_name == "user":
            turns.append([json.loads(data)["text"], 0, ""])
        elif turns and type_name == "bot":
            turns[-1][1] += 1
        elif turns and type_name == "action":
            turns[-1][2] = action_name
    return [tuple(turn) for turn in turns]


def assert_tracker_matches(stack: Stack, sender: str, sent: list[str], reply_counts: list[int], together: int = 0) -> None:
    """Every message sent is stored once, in order (the first ``together``, sent at once, in either order), followed
    by exactly the bot messages its sender received and by action_listen before the next message: nothing lost,
    nothing answered twice, no interleaving."""
    turns = turns_in_tracker(stack, sender)
    expected = list(zip(sent, reply_counts, strict=True))
    stored = [(t[0], t[1]) for t in turns]
    assert sorted(stored[:together]) == sorted(expected[:together]), (sender, turns)
    assert stored[together:] == expected[together:], (sender, turns)
    assert all(t[2] == "action_listen" for t in turns), (sender, turns)


def say_together(ports: tuple[int, ...], sender: str) -> list[int]:
    """Send BURST's questions at the same moment, the first to one Rasa server, the second to the other; check each
    answer; return how many messages each got back."""
    barrier = threading.Barrier(len(BURST))

    def ask(k: int) -> list[dict[str, Any]]:
        barrier.wait()
        return say_to_rasa(ports[k], sender, BURST[k][0])

    with ThreadPoolExecutor(len(BURST)) as pool:
        answers = list(pool.map(ask, range(len(BURST))))
    for (question, words), replies in zip(BURST, answers, strict=True):
        assert words in texts(replies), (sender, question, texts(replies))
    return [len(replies) for replies in answers]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_16_concurrent_conversations_alternating_between_two_rasa_servers(scaled_stack):
    ports = rasa_ports(scaled_stack)
    assert len(ports) == 2

    def converse(n: int) -> tuple[str, list[str], list[int]]:
        interview = INTERVIEWS[n % len(INTERVIEWS)]
        sender = f"scaled-{n}-{uuid.uuid4().hex[:8]}"
        counts = say_together(ports, sender)
        for step, (message, _) in enumerate(interview):
            replies = say_to_rasa(ports[(n + step) % 2], sender, message)  # the other server than last time
            check_turn(sender, step, interview, replies)
            counts.append(len(replies))
        return sender, [q for q, _ in BURST] + [m for m, _ in interview], counts

    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        results = list(pool.map(converse, range(CONVERSATIONS)))
    for sender, sent, counts in results:
        assert_tracker_matches(scaled_stack, sender, sent, counts, together=len(BURST))


def test_16_concurrent_conversations_through_the_web_server(scaled_stack):
    rasas = [scaled_stack.service(f"rasa-{i}") for i in (1, 2)]
    before = [cpu_seconds(rasa.process.pid) for rasa in rasas]

    def converse(n: int) -> tuple[str, list[str], list[int]]:
        interview = INTERVIEWS[n % len(INTERVIEWS)]
        sender = f"scaledweb-{n}-{uuid.uuid4().hex[:8]}"
        counts = []
        for step, (message, _) in enumerate(interview):
            replies = say_to_web(scaled_stack, sender, message)
            check_turn(sender, step, interview, replies)
            counts.append(len(replies))
        return sender, [m for m, _ in interview], counts

    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        results = list(pool.map(converse, range(CONVERSATIONS)))
    for sender, sent, counts in results:
        assert_tracker_matches(scaled_stack, sender, sent, counts)
    worked = [cpu_seconds(rasa.process.pid) - start for rasa, start in zip(rasas, before, strict=True)]
    assert all(seconds > 1.0 for seconds in worked), f"both Rasa servers must have answered; CPU seconds: {worked}"


def test_killing_one_rasa_server_mid_interview_loses_no_answer(scaled_stack):
    first, second = rasa_ports(scaled_stack)
    direct = f"scaledkill-{uuid.uuid4().hex[:8]}"
    web = f"scaledkillweb-{uuid.uuid4().hex[:8]}"
    sent, counts = [], []
    for step in range(3):  # first, second, first
        message = PARK_ELIGIBLE[step][0]
        replies = say_to_rasa((first, second)[step % 2], direct, message)
        check_turn(direct, step, PARK_ELIGIBLE, replies)
        sent.append(message)
        counts.append(len(replies))
        check_turn(web, step, PARK_ELIGIBLE, say_to_web(scaled_stack, web, message))
    victim = scaled_stack.service("rasa-1")
    os.kill(victim.process.pid, signal.SIGKILL)
    victim.process.wait(10)
    for step in range(3, len(PARK_ELIGIBLE)):  # the other server continues: the next question, nothing asked again
        message = PARK_ELIGIBLE[step][0]
        replies = say_to_rasa(second, direct, message)
        check_turn(direct, step, PARK_ELIGIBLE, replies)
        sent.append(message)
        counts.append(len(replies))
        # the web server's turn may fall on the dead server: it refuses the connection, the live one answers
        check_turn(web, step, PARK_ELIGIBLE, say_to_web(scaled_stack, web, message))
    assert_tracker_matches(scaled_stack, direct, sent, counts)
    assert [t[0] for t in turns_in_tracker(scaled_stack, web)] == [m for m, _ in PARK_ELIGIBLE]
    dead_url = f"http://127.0.0.1:{first}"
    assert f"Rasa {dead_url} refused the connection" in scaled_stack.log_path.read_text(encoding="utf-8")

"""Faults on the real stack: kill -9 of Rasa, of the web server and of the action server mid-interview.

The shared stack's supervisor restarts each service while the others keep running; the user talks to the web
server's /api/chat throughout, sees an error while a service is down, and the interview continues with every
answer kept. Each test leaves the stack answering for the tests after it.
"""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

import pytest

from scripts.run import Service

pytestmark = pytest.mark.e2e

ANSWERS = {  # message → what the review lists afterwards
    "营收120亿，先进制造占35%，现代服务占40%": [
        "年营业收入：120亿元",
        "先进制造年营业收入占比：35%",
        "现代服务年营业收入占比：40%",
    ],
    "每平米2.5万": ["入驻企业平均单位面积年营业收入：2.5万元/平方米"],
    "重点领域企业营收占六成": ["重点领域企业年营业收入占比：60%"],
}
FIRST, SECOND, THIRD = ANSWERS


class WebUser:
    """One user of the chat page's API."""

    def __init__(self, web_port: int):
        self.base = f"http://127.0.0.1:{web_port}"
        self.sender = f"faults-{uuid.uuid4().hex[:12]}"

    def say(self, text: str) -> tuple[int, dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(f"{self.base}/api/chat", body, {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def reply(self, text: str) -> str:
        status, body = self.say(text)
        assert status == 200, (text, status, body)
        return "\n".join(m["text"] for m in body["messages"] if m.get("text"))

    def history(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"{self.base}/api/chat/history?sender={self.sender}", timeout=30) as response:
            return json.loads(response.read())["messages"]


def kill(service: Service) -> tuple[int, int]:
    """kill -9 the service's process; returns its old pid and the restart count to wait for."""
    pid = service.process.pid
    os.kill(pid, signal.SIGKILL)
    return pid, service.restarts + 1


def wait_restarted(service: Service, old_pid: int, count: int) -> float:
    """Wait until the supervisor has restarted ``service`` and seen it answer; returns the seconds waited."""
    started = time.monotonic()
    while not (service.restarts >= count and service.process.pid != old_pid and service.answered_at is not None):
        assert time.monotonic() - started < service.ready_timeout + 30, f"{service.name} was not restarted"
        time.sleep(0.5)
    return time.monotonic() - started


def pids(stack) -> dict[str, int]:
    return {s.name: s.process.pid for s in stack.services}


@pytest.fixture
def user(stack):
    yield WebUser(stack.ports["web"])
    for service in stack.services:  # whatever failed, leave the shared stack answering for the next tests
        deadline = time.monotonic() + service.ready_timeout + 30
        while not service.answers() and time.monotonic() < deadline:
            time.sleep(1)


def start_interview(user: WebUser) -> None:
    assert "年营业收入" in user.reply("我是园区管委会的，想看看能不能申报示范园区")
    assert "已记录：年营业收入 120亿元" in user.reply(FIRST)


def finish_interview(user: WebUser) -> None:
    """Answer the four yes/no questions; the review must list every answer given, before and after the fault."""
    for _ in range(4):
        reply = user.reply("是的")
    assert "请核对" in reply
    assert all(line in reply for lines in ANSWERS.values() for line in lines), reply


def test_kill_9_of_rasa_then_of_the_web_server_mid_interview(stack, user):
    start_interview(user)
    rasa = stack.service("rasa")
    before = pids(stack)
    old, count = kill(rasa)
    status, body = user.say(SECOND)
    assert status >= 500 and "稍后重试" in body.get("error", ""), (status, body)
    print(f"rasa restarted and answering after {wait_restarted(rasa, old, count):.0f} s")
    assert {k: v for k, v in pids(stack).items() if k != "rasa"} == {k: v for k, v in before.items() if k != "rasa"}
    reply = user.reply(SECOND)
    assert "2.5万元/平方米" in reply and "重点领域" in reply  # the next question: nothing asked again
    assert "土地" in user.reply(THIRD)
    finish_interview(user)

    web = stack.service("web")
    history = user.history()
    before = pids(stack)
    old, count = kill(web)
    print(f"web restarted and answering after {wait_restarted(web, old, count):.0f} s")
    assert {k: v for k, v in pids(stack).items() if k != "web"} == {k: v for k, v in before.items() if k != "web"}
    assert user.history() == history
    assert [m["text"] for m in history if m["role"] == "user"][-6:] == [SECOND, THIRD, "是的", "是的", "是的", "是的"]
    assert user.reply("确认").startswith("结论：符合申报条件")


def test_kill_9_of_the_action_server_mid_interview(stack, user):
    start_interview(user)
    actions = stack.service("actions")
    before = pids(stack)
    old, count = kill(actions)
    status, body = user.say(SECOND)  # Rasa cannot run the form's validation: an error, not silence
    assert status >= 500 and body.get("error"), (status, body)
    print(f"actions restarted and answering after {wait_restarted(actions, old, count):.0f} s")
    assert {k: v for k, v in pids(stack).items() if k != "actions"} == {k: v for k, v in before.items() if k != "actions"}
    reply = user.reply(SECOND)  # what 重试 sends
    assert "已记录：入驻企业平均单位面积年营业收入 2.5万元/平方米" in reply and "重点领域" in reply
    assert "土地" in user.reply(THIRD)
    finish_interview(user)

"""Start the real stack once (action server, Rasa with the trained model, web server) on free ports."""

from __future__ import annotations

import json
import sys
import urllib.request
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from run import local_stack_env, start_stack  # noqa: E402

from bot.web.passwd import hash_password  # noqa: E402
from tests.browser.conftest import STAFF_PASSWORD, STAFF_USER  # noqa: E402


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The running stack; its settings say where each service listens."""
    if not (REPO / "models" / "liangye.tar.gz").exists():
        pytest.fail("没有训练好的模型：请先运行 make train（make test 会自动训练）。")
    tmp = tmp_path_factory.mktemp("stack")
    env, ports = local_stack_env(tmp)
    # the console account the browser tests log in with
    env["LIANGYE_HELPDESK_USERS"] = f"{STAFF_USER}:{hash_password(STAFF_PASSWORD, iterations=1000)}"
    with start_stack(env=env, log_path=tmp / "stack.log", echo=False) as running:
        running.ports = ports  # running.env is the services' whole environment, these settings included
        yield running


class Chat:
    """One user talking to Rasa's REST channel."""

    def __init__(self, rasa_port: int):
        self.url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
        self.sender = f"e2e-{uuid.uuid4().hex[:12]}"

    def say(self, text: str) -> list[dict]:
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def text(self, text: str) -> str:
        """Say ``text``; return every bot text of the reply, joined."""
        return "\n".join(m.get("text", "") for m in self.say(text) if m.get("text"))


@pytest.fixture
def chat(stack) -> Chat:
    return Chat(stack.ports["rasa"])

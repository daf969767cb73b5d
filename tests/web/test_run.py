"""scripts/run.py: start a service, wait for it, stop it; report a failing service; exit 0 on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from scripts.run import REPO, Stack, StackError, start_stack
from tests.network import assert_loopback_only
from tests.web.fake_rasa import free_port


@pytest.fixture
def web_env(tmp_path) -> dict[str, str]:
    return {
        "LIANGYE_WEB_PORT": str(free_port()),
        "LIANGYE_DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "LIANGYE_RASA_URL": "http://127.0.0.1:9",
    }


def test_start_stack_runs_web_and_stops_it(web_env, tmp_path):
    log = tmp_path / "stack.log"
    with start_stack(services=("web",), env=web_env, log_path=log, echo=False) as stack:
        [web] = stack.services
        with urllib.request.urlopen(f"{stack.web_url}/healthz", timeout=5) as response:
            assert response.status == 200
        pid = web.process.pid
    assert web.process.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert "web    |" in log.read_text(encoding="utf-8")


def test_failing_service_is_named_with_its_output(web_env, tmp_path):
    env = {**web_env, "LIANGYE_DATABASE_URL": "nosuchdb://nowhere"}
    with pytest.raises(StackError) as info, start_stack(services=("web",), env=env, log_path=None, echo=False):
        pass
    assert info.value.service == "web"
    assert "退出码" in info.value.reason
    assert any("nosuchdb" in line for line in info.value.tail)
    assert "服务 web 启动失败" in info.value.report()


def test_busy_port_is_reported(web_env):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", int(web_env["LIANGYE_WEB_PORT"])))
        busy.listen()
        with pytest.raises(StackError) as info, start_stack(services=("web",), env=web_env, log_path=None, echo=False):
            pass
    assert info.value.service == "web" and "已被占用" in info.value.reason


def test_the_action_server_refuses_connections_on_other_addresses(web_env):
    env = {**web_env, "LIANGYE_ACTIONS_PORT": str(free_port())}
    with start_stack(services=("actions",), env=env, log_path=None, echo=False) as stack:
        assert_loopback_only(stack.service("actions").port)


def test_rasa_listens_on_loopback_and_opens_its_http_api_only_with_a_token(web_env):
    closed = Stack(("rasa",), env=web_env).service("rasa").command
    assert closed[closed.index("-i") + 1] == "127.0.0.1"
    assert "--enable-api" not in closed and "--auth-token" not in closed
    opened = Stack(("rasa",), env={**web_env, "LIANGYE_RASA_TOKEN": "s3cret"}).service("rasa").command
    start = opened.index("--enable-api")
    assert opened[start : start + 3] == ["--enable-api", "--auth-token", "s3cret"]


def test_main_prints_urls_and_exits_0_on_sigterm(web_env):
    proc = subprocess.Popen(
        [sys.executable, str(Path(REPO) / "scripts" / "run.py"), "--services", "web"],
        cwd=REPO,
        env={**os.environ, **web_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if "/helpdesk" in line or not line:
                break
        assert any(f"http://localhost:{web_env['LIANGYE_WEB_PORT']}/helpdesk" in line for line in lines), lines
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert "已停止" in out
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{web_env['LIANGYE_WEB_PORT']}/healthz", timeout=2)

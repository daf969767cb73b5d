"""scripts/run.py: start, supervise and stop services; report a failing start; exit 0 only on SIGTERM.

Supervision is tested on a real action server and web server: a killed or frozen service is restarted with
back-off, the other keeps running, and the log says what happened.
"""

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

import scripts.run
from scripts.run import REPO, Service, Stack, StackError, start_stack
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


def wait_until(condition, timeout: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout} s: {what}"
        time.sleep(0.2)


def restarted(service: Service, old_pid: int, count: int) -> bool:
    """The supervisor restarted ``service`` ``count`` times and has seen the new process answer."""
    return service.restarts == count and service.process.pid != old_pid and service.answered_at is not None


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> Stack:
    """The action server and the web server, supervised with a health check every half second."""
    tmp = tmp_path_factory.mktemp("pair")
    env = {
        "LIANGYE_WEB_PORT": str(free_port()),
        "LIANGYE_ACTIONS_PORT": str(free_port()),
        "LIANGYE_DATABASE_URL": f"sqlite:///{tmp / 'run.db'}",
        "LIANGYE_RASA_URL": "http://127.0.0.1:9",
    }
    with start_stack(services=("actions", "web"), env=env, log_path=tmp / "stack.log", echo=False, health_interval=0.5) as stack:
        yield stack


def test_the_action_server_refuses_connections_on_other_addresses(pair):
    assert_loopback_only(pair.service("actions").port)


def test_rasa_listens_on_loopback_and_opens_its_http_api_only_with_a_token(web_env):
    closed = Stack(("rasa",), env=web_env).service("rasa").command
    assert closed[closed.index("-i") + 1] == "127.0.0.1"
    assert "--enable-api" not in closed and "--auth-token" not in closed
    opened = Stack(("rasa",), env={**web_env, "LIANGYE_RASA_TOKEN": "s3cret"}).service("rasa").command
    start = opened.index("--enable-api")
    assert opened[start : start + 3] == ["--enable-api", "--auth-token", "s3cret"]


@pytest.mark.parametrize(("victim", "bystander"), [("web", "actions"), ("actions", "web")])
def test_a_killed_service_is_restarted_and_the_other_keeps_running(pair, victim, bystander):
    dead, other = pair.service(victim), pair.service(bystander)
    dead_pid, other_pid, other_restarts, count = dead.process.pid, other.process.pid, other.restarts, dead.restarts + 1
    os.kill(dead_pid, signal.SIGKILL)
    wait_until(lambda: restarted(dead, dead_pid, count), what=f"{victim} answers again")
    assert (other.process.pid, other.restarts) == (other_pid, other_restarts)
    assert other.process.poll() is None and other.answers()
    log = pair.log_path.read_text(encoding="utf-8")
    assert f"{victim} 意外退出（被信号 SIGKILL 结束）；其他服务照常运行" in log
    assert f"正在重启 {victim}" in log and f"{victim} 已恢复" in log


@pytest.fixture
def web_stack(web_env, tmp_path) -> Stack:
    with start_stack(services=("web",), env=web_env, log_path=tmp_path / "stack.log", echo=False, health_interval=0.5) as stack:
        yield stack


def test_a_frozen_service_is_restarted_after_three_missed_health_checks(web_stack, monkeypatch):
    monkeypatch.setattr(scripts.run, "HEALTH_TIMEOUT", 1.0)
    [web] = web_stack.services
    frozen = web.process.pid
    os.kill(frozen, signal.SIGSTOP)
    wait_until(lambda: restarted(web, frozen, 1), what="the frozen web server is replaced")
    with pytest.raises(ProcessLookupError):
        os.kill(frozen, 0)
    log = web_stack.log_path.read_text(encoding="utf-8")
    assert "web 没有响应健康检查" in log and "（连续第 3 次）" in log
    assert "web 连续 3 次没有响应，判定为无响应，已强制结束" in log


def test_restarts_in_a_row_wait_longer(web_stack):
    [web] = web_stack.services
    for count in (1, 2):
        pid = web.process.pid
        os.kill(pid, signal.SIGKILL)
        wait_until(lambda: restarted(web, pid, count), what=f"restart {count}")  # noqa: B023 (waited for here)
    log = web_stack.log_path.read_text(encoding="utf-8")
    assert log.index("1 秒后重启") < log.index("2 秒后重启")


def children_of(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_main_restarts_a_dead_service_and_exits_0_only_on_sigterm(web_env):
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
        [web] = children_of(proc.pid)
        os.kill(web, signal.SIGKILL)
        while "web 已恢复" not in line:
            line = proc.stdout.readline()
            lines.append(line)
            assert line, lines
        assert proc.poll() is None
        with urllib.request.urlopen(f"http://127.0.0.1:{web_env['LIANGYE_WEB_PORT']}/healthz", timeout=5) as response:
            assert response.status == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert "已停止" in out
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{web_env['LIANGYE_WEB_PORT']}/healthz", timeout=2)

"""Start the whole assistant: the Rasa action server, Rasa, and the web server (what ``make run`` calls).

Each service's output goes, prefixed with its name, to stdout and to ``var/logs/liangye.log``. The script
waits until every service answers, prints the addresses, and on Ctrl-C or SIGTERM stops them all (each in
its own process group) and exits 0. When a service fails to start or dies, it says which one, shows its
last log lines, stops the others and exits 1.

Ports and URLs come from bot/settings.py (LIANGYE_*_PORT, LIANGYE_RASA_URL). For endpoints.yml the children get
``LIANGYE_ACTION_URL`` (default ``http://127.0.0.1:<LIANGYE_ACTIONS_PORT>/webhook``) and ``LIANGYE_TRACKER_DB``
(default ``<repo>/var/tracker.db``) unless already set. The action server and Rasa listen on 127.0.0.1 only.
Rasa's HTTP API (trackers, events, actions) is off unless ``LIANGYE_RASA_TOKEN`` is set: then it is enabled with
that token (``--enable-api --auth-token``).

Importable: ``with start_stack(services=("web",), env={...}) as stack: ...`` (used by the browser tests).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.settings import Settings, SettingsError, load_settings  # noqa: E402

ALL_SERVICES = ("actions", "rasa", "web")
LOG_PATH = REPO / "var" / "logs" / "liangye.log"
TAIL_LINES = 30
STOP_GRACE_SECONDS = 10
LOOPBACK = "127.0.0.1"


class StackError(RuntimeError):
    """A service did not start (or died); ``service`` names it and ``tail`` holds its last output lines."""

    def __init__(self, service: str, reason: str, tail: Sequence[str] = ()):
        super().__init__(f"{service}: {reason}")
        self.service = service
        self.reason = reason
        self.tail = list(tail)

    def report(self) -> str:
        lines = [f"服务 {self.service} 启动失败：{self.reason}"]
        if self.tail:
            lines.append(f"{self.service} 最后的输出：")
            lines += [f"  {line}" for line in self.tail]
        return "\n".join(lines)


@dataclass
class Service:
    """One child process, how to tell that it is ready, and its last output lines."""

    name: str
    command: list[str]
    port: int
    ready_path: str
    ready_timeout: float
    env: dict[str, str] = field(default_factory=dict)  # on top of the stack's environment
    process: subprocess.Popen | None = None
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=TAIL_LINES))
    reader: threading.Thread | None = None

    @property
    def ready_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}{self.ready_path}"

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.ready_url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError, ValueError):
            return False


def rasa_executable() -> str:
    """``.venv/bin/rasa`` of this repository, else the one next to the running interpreter."""
    for candidate in (REPO / ".venv" / "bin" / "rasa", Path(sys.executable).parent / "rasa"):
        if candidate.exists():
            return str(candidate)
    return "rasa"


def child_environment(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for the services: ours plus ``overrides``, the repo on PYTHONPATH, and endpoint defaults."""
    env = {**os.environ, **(overrides or {})}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("PYTHONIOENCODING", "utf-8")
    settings = load_settings(env)
    env.setdefault("LIANGYE_ACTION_URL", f"http://{LOOPBACK}:{settings.actions_port}/webhook")
    env.setdefault("LIANGYE_TRACKER_DB", str(REPO / "var" / "tracker.db"))
    return env


def build_services(
    settings: Settings, names: Sequence[str], ready_timeout: float | None = None, rasa_token: str = ""
) -> list[Service]:
    """The services named, in start order. Rasa's HTTP API is enabled only with a token."""
    rasa = rasa_executable()
    api = ["--enable-api", "--auth-token", rasa_token] if rasa_token else []
    specs = {
        # rasa_sdk has no host option; its server binds to $SANIC_HOST (default 0.0.0.0)
        "actions": Service(
            "actions",
            [rasa, "run", "actions", "--actions", "bot.actions", "-p", str(settings.actions_port)],
            settings.actions_port,
            "/health",
            180,
            env={"SANIC_HOST": LOOPBACK},
        ),
        "rasa": Service(
            "rasa",
            [
                rasa,
                "run",
                *api,
                "-i",
                LOOPBACK,
                "-p",
                str(settings.rasa_port),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
                "-m",
                "models",
            ],
            settings.rasa_port,
            "/",  # answers with or without the API, once the model is loaded
            420,
        ),
        "web": Service("web", [sys.executable, "-m", "bot.web"], settings.web_port, "/healthz", 60),
    }
    services = [specs[name] for name in ALL_SERVICES if name in names]
    if ready_timeout is not None:
        for service in services:
            service.ready_timeout = ready_timeout
    return services


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((LOOPBACK, port)) == 0


class Stack:
    """The running services. Use ``start()`` / ``stop()``, or ``start_stack()`` as a context manager."""

    def __init__(
        self,
        services: Sequence[str] = ALL_SERVICES,
        env: Mapping[str, str] | None = None,
        log_path: Path | None = LOG_PATH,
        echo: bool = True,
        ready_timeout: float | None = None,
    ):
        unknown = set(services) - set(ALL_SERVICES)
        if unknown:
            raise ValueError(f"unknown services: {sorted(unknown)}")
        self.env = child_environment(env)
        self.settings = load_settings(self.env)
        self.services = build_services(self.settings, services, ready_timeout, self.env.get("LIANGYE_RASA_TOKEN", "").strip())
        self.log_path = log_path
        self.echo = echo
        self._lock = threading.Lock()
        self._log: IO[str] | None = None
        self.cancelled = threading.Event()  # set it (e.g. from a signal handler) to abandon a start
        self._stopped = False

    @property
    def web_url(self) -> str:
        return f"http://localhost:{self.settings.web_port}"

    def service(self, name: str) -> Service:
        return next(s for s in self.services if s.name == name)

    def _emit(self, name: str, line: str) -> None:
        text = f"{name:<7}| {line}"
        with self._lock:
            if self.echo:
                try:
                    sys.stdout.write(text + "\n")
                    sys.stdout.flush()
                except (OSError, ValueError):  # stdout closed (terminal gone): keep logging to the file
                    self.echo = False
            if self._log is not None:
                self._log.write(text + "\n")
                self._log.flush()

    def _pump(self, service: Service) -> None:
        assert service.process is not None and service.process.stdout is not None
        for raw in service.process.stdout:
            line = raw.decode("utf-8", errors="replace").rstrip()
            service.tail.append(line)
            self._emit(service.name, line)

    def start(self) -> Stack:
        """Start every service and wait until each answers; raises StackError (after stopping all) if one fails."""
        if "rasa" in [s.name for s in self.services] and not any((REPO / "models").glob("*.tar.gz")):
            raise StackError("rasa", "没有找到训练好的模型（models/*.tar.gz）。请先训练模型：.venv/bin/rasa train")
        for service in self.services:
            if port_in_use(service.port):
                raise StackError(
                    service.name, f"端口 {service.port} 已被占用。请关闭占用该端口的程序，或通过环境变量改用其他端口。"
                )
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "a", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        try:
            for service in self.services:
                service.process = subprocess.Popen(
                    service.command,
                    cwd=REPO,
                    env={**self.env, **service.env},
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                service.reader = threading.Thread(target=self._pump, args=(service,), name=f"log-{service.name}", daemon=True)
                service.reader.start()
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        started = time.monotonic()
        waiting = list(self.services)
        while waiting:
            if self.cancelled.is_set():
                raise KeyboardInterrupt
            for service in list(waiting):
                if service.answers():
                    self._emit("run", f"{service.name} 已就绪（{time.monotonic() - started:.1f} 秒）")
                    waiting.remove(service)
                    continue
                code = service.process.poll()
                if code is not None:
                    self._drain(service)
                    raise StackError(service.name, f"进程已退出（退出码 {code}）", service.tail)
                if time.monotonic() - started > service.ready_timeout:
                    raise StackError(service.name, f"{service.ready_timeout:.0f} 秒内没有响应 {service.ready_url}", service.tail)
            time.sleep(0.3)

    def _drain(self, service: Service) -> None:
        if service.reader is not None:
            service.reader.join(2)

    def dead_service(self) -> Service | None:
        """A service whose process has exited, if any."""
        for service in self.services:
            if service.process is not None and service.process.poll() is not None:
                self._drain(service)
                return service
        return None

    def stop(self) -> None:
        """SIGTERM each process group, wait, then SIGKILL what is left. Safe to call more than once."""
        if self._stopped:
            return
        self._stopped = True
        running = [s for s in self.services if s.process is not None and s.process.poll() is None]
        for service in running:
            with suppress(ProcessLookupError):
                os.killpg(service.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for service in running:
            try:
                service.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._emit("run", f"{service.name} 未在 {STOP_GRACE_SECONDS} 秒内退出，强制结束")
                with suppress(ProcessLookupError):
                    os.killpg(service.process.pid, signal.SIGKILL)
                service.process.wait(5)
        for service in self.services:
            if service.process is not None:
                with suppress(ProcessLookupError, PermissionError):
                    os.killpg(service.process.pid, signal.SIGKILL)  # stray grandchildren in the group
                self._drain(service)
        if self._log is not None:
            self._log.close()
            self._log = None


@contextmanager
def start_stack(
    services: Sequence[str] = ALL_SERVICES,
    env: Mapping[str, str] | None = None,
    log_path: Path | None = LOG_PATH,
    echo: bool = True,
    ready_timeout: float | None = None,
) -> Iterator[Stack]:
    """Start the services, yield the running Stack, stop them all on exit."""
    stack = Stack(services, env, log_path, echo, ready_timeout)
    stack.start()
    try:
        yield stack
    finally:
        stack.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/run.py", description="启动两业融合申报助手的全部服务（动作服务器、Rasa、网页服务）。"
    )
    parser.add_argument("--services", default=",".join(ALL_SERVICES), help="要启动的服务，逗号分隔（默认 actions,rasa,web）")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.services.split(",") if n.strip()]
    if not names or set(names) - set(ALL_SERVICES):
        print(f"--services 只能包含：{', '.join(ALL_SERVICES)}", file=sys.stderr)
        return 2
    try:
        stack = Stack(names)
    except SettingsError as exc:
        print(f"配置有误：{exc}", file=sys.stderr)
        return 2

    stop = stack.cancelled
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"==> 正在启动：{'、'.join(names)}（日志：{LOG_PATH.relative_to(REPO)}）", flush=True)
    try:
        stack.start()
    except StackError as exc:
        print(exc.report(), file=sys.stderr, flush=True)
        print("已停止其他服务。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("==> 启动已取消，全部服务已停止。", flush=True)
        return 0
    if "web" in names:
        print(
            f"\n==> 全部服务已启动\n    聊天页面  {stack.web_url}\n    工作台    {stack.web_url}/helpdesk\n    按 Ctrl-C 停止。\n",
            flush=True,
        )
    else:
        print("\n==> 全部服务已启动，按 Ctrl-C 停止。\n", flush=True)
    try:
        while not stop.wait(0.5):
            dead = stack.dead_service()
            if dead is not None:
                code = dead.process.returncode
                print(StackError(dead.name, f"运行中意外退出（退出码 {code}）", dead.tail).report(), file=sys.stderr, flush=True)
                stack.stop()
                print("已停止其他服务。", file=sys.stderr)
                return 1
        print("\n==> 正在停止全部服务…", flush=True)
        stack.stop()
        print("==> 已停止。", flush=True)
        return 0
    finally:
        stack.stop()  # whatever happened above (even a closed stdout), no service is left running


if __name__ == "__main__":
    sys.exit(main())

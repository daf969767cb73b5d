"""Start and supervise the whole assistant: the action server, Rasa and the web server (what ``make run`` calls).

Each service's output goes, prefixed with its name, to stdout and to ``var/logs/liangye.log``. The script
waits until every service answers and prints the addresses. When a service fails to start, it says which one,
shows its last log lines, stops the others and exits 1. Once all are up it supervises them: a service that dies,
or stops answering its health URL for ``HEALTH_FAILURES`` checks in a row, is restarted with back-off
(``RESTART_BACKOFF``) while the others keep running; the log says what happened. Only Ctrl-C or SIGTERM stops
them all (each in its own process group) and exits 0.

Ports and URLs come from bot/settings.py (LIANGYE_*_PORT, LIANGYE_RASA_URL). For endpoints.yml the children get
``LIANGYE_ACTION_URL`` (default ``http://127.0.0.1:<LIANGYE_ACTIONS_PORT>/webhook``) and ``LIANGYE_TRACKER_DB``
(default ``<repo>/var/tracker.db``) unless already set. The action server and Rasa listen on 127.0.0.1 only.
Rasa's HTTP API (trackers, events, actions) is off unless ``LIANGYE_RASA_TOKEN`` is set: then it is enabled with
that token (``--enable-api --auth-token``).

``--scaled`` (``make run-scaled``) starts the scale-out profile instead (scripts/scaled.py): PostgreSQL and Redis
first, then the action servers, several Rasa servers on endpoints-scaled.yml (PostgreSQL tracker store, Redis lock
store) and the web server, which spreads messages over the Rasa servers (LIANGYE_RASA_URLS). Same supervision.

Importable: ``with start_stack(services=("web",), env={...}) as stack: ...`` (used by the tests).
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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.settings import Settings, SettingsError, load_settings  # noqa: E402
from scripts import scaled  # noqa: E402

ALL_SERVICES = ("actions", "rasa", "web")
LOG_PATH = REPO / "var" / "logs" / "liangye.log"
TAIL_LINES = 30
STOP_GRACE_SECONDS = 10
LOOPBACK = "127.0.0.1"
RESTART_BACKOFF = (1, 2, 4, 8, 16, 30, 60)  # seconds before the 1st, 2nd, … restart in a row
STABLE_SECONDS = 60  # a service answering this long after a restart starts again at the first back-off step
HEALTH_INTERVAL = 10.0  # seconds between two health checks of one service that has answered
STARTING_CHECK_SECONDS = 1.0  # … and while a restarted one has not answered yet
HEALTH_TIMEOUT = 5.0
HEALTH_FAILURES = 3  # failed checks in a row that make a running service "unresponsive"
TICK_SECONDS = 0.5


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
    """One child process, how to tell that it answers, its last output lines and its supervision state."""

    name: str
    command: list[str]
    port: int
    ready_path: str
    ready_timeout: float
    env: dict[str, str] = field(default_factory=dict)  # on top of the stack's environment
    probe: Callable[[float], bool] | None = None  # how a service without an HTTP health URL answers
    scheme: str = "http"  # of ready_url, as shown in the log
    user: str | None = None  # run the process as this system user
    stop_signal: int = signal.SIGTERM
    tier: int = 1  # services of a lower tier are started, and answer, before the next tier starts
    setup: Callable[[], None] | None = None  # run once when the service first answers
    process: subprocess.Popen | None = None
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=TAIL_LINES))
    reader: threading.Thread | None = None
    restarts: int = 0  # restarts by the supervisor since the stack started
    streak: int = 0  # restarts in a row without a stable run; picks the back-off step
    started_at: float = 0.0
    answered_at: float | None = None  # first answer since the last start
    missed: int = 0  # failed health checks in a row
    next_check: float = 0.0
    restart_at: float | None = None  # set while a restart is pending

    @property
    def ready_url(self) -> str:
        return f"{self.scheme}://{LOOPBACK}:{self.port}{self.ready_path}"

    def answers(self, timeout: float = 2.0) -> bool:
        if self.probe is not None:
            return self.probe(timeout)
        try:
            with urllib.request.urlopen(self.ready_url, timeout=timeout) as response:
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


def free_port() -> int:
    """A TCP port on the loopback interface that is free right now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def local_stack_env(data_dir: Path, db_prefix: str = "") -> tuple[dict[str, str], dict[str, int]]:
    """Settings for a private stack on free loopback ports with its databases in ``data_dir`` (tests, benchmarks).

    Returns the environment overrides and the ports by service name (web, rasa, actions)."""
    ports = {name: free_port() for name in ALL_SERVICES}
    env = {
        "LIANGYE_WEB_PORT": str(ports["web"]),
        "LIANGYE_RASA_PORT": str(ports["rasa"]),
        "LIANGYE_ACTIONS_PORT": str(ports["actions"]),
        "LIANGYE_RASA_URL": f"http://{LOOPBACK}:{ports['rasa']}",
        "LIANGYE_ACTION_URL": f"http://{LOOPBACK}:{ports['actions']}/webhook",
        "LIANGYE_DATABASE_URL": f"sqlite:///{data_dir / f'{db_prefix}app.db'}",
        "LIANGYE_TRACKER_DB": str(data_dir / f"{db_prefix}tracker.db"),
        "LIANGYE_MODE": "development",
    }
    return env, ports


def actions_service(port: int, name: str = "actions") -> Service:
    # rasa_sdk has no host option; its server binds to $SANIC_HOST (default 0.0.0.0)
    command = [rasa_executable(), "run", "actions", "--actions", "bot.actions", "-p", str(port)]
    return Service(name, command, port, "/health", 180, env={"SANIC_HOST": LOOPBACK})


def rasa_service(port: int, rasa_token: str = "", name: str = "rasa", endpoints: str = "endpoints.yml") -> Service:
    """Rasa on loopback (bot.rasa_server: Rasa's command line, action responses checked by a compiled schema); its
    HTTP API is enabled only with a token."""
    api = ["--enable-api", "--auth-token", rasa_token] if rasa_token else []
    command = [sys.executable, "-m", "bot.rasa_server", "run", *api, "-i", LOOPBACK, "-p", str(port)]
    command += ["--endpoints", endpoints, "--credentials", "credentials.yml", "-m", "models"]
    return Service(name, command, port, "/", 420)  # "/" answers with or without the API, once the model is loaded


def web_service(port: int) -> Service:
    return Service("web", [sys.executable, "-m", "bot.web"], port, "/healthz", 60)


def build_services(
    settings: Settings, names: Sequence[str], ready_timeout: float | None = None, rasa_token: str = ""
) -> list[Service]:
    """The services named, in start order."""
    specs = {
        "actions": lambda: actions_service(settings.actions_port),
        "rasa": lambda: rasa_service(settings.rasa_port, rasa_token),
        "web": lambda: web_service(settings.web_port),
    }
    return with_timeout([specs[name]() for name in ALL_SERVICES if name in names], ready_timeout)


def build_scaled_services(
    config: scaled.ScaledConfig, settings: Settings, ready_timeout: float | None = None, rasa_token: str = ""
) -> list[Service]:
    """The scale-out profile: PostgreSQL and Redis first (tier 0), then the action servers, the Rasa servers
    (each with its action server, all on endpoints-scaled.yml) and the web server."""
    postgres = Service(
        "postgres",
        scaled.postgres_command(config),
        config.pg_port,
        "",
        60,
        probe=lambda timeout: scaled.postgres_answers(config, timeout),
        scheme="postgresql",
        user=scaled.pg_user(),
        stop_signal=signal.SIGINT,  # PostgreSQL's fast shutdown; SIGTERM would wait for every client to leave
        tier=0,
        setup=lambda: scaled.create_app_database(config),
    )
    redis = Service(
        "redis",
        scaled.redis_command(config),
        config.redis_port,
        "",
        30,
        probe=lambda timeout: scaled.redis_answers(config, timeout),
        scheme="redis",
        tier=0,
    )
    actions = [actions_service(port, f"actions-{i}") for i, port in enumerate(config.actions_ports, 1)]
    rasas = []
    for i, port in enumerate(config.rasa_ports):
        rasa = rasa_service(port, rasa_token, f"rasa-{i + 1}", scaled.ENDPOINTS)
        rasa.env["LIANGYE_ACTION_URL"] = config.action_url(i)
        rasas.append(rasa)
    return with_timeout([postgres, redis, *actions, *rasas, web_service(settings.web_port)], ready_timeout)


def with_timeout(services: list[Service], ready_timeout: float | None) -> list[Service]:
    """``services``, each with ``ready_timeout`` as its start timeout when one is given."""
    if ready_timeout is not None:
        for service in services:
            service.ready_timeout = ready_timeout
    return services


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((LOOPBACK, port)) == 0


def exit_text(code: int) -> str:
    """``退出码 1`` or ``被信号 SIGKILL 结束`` for a Popen return code."""
    if code < 0:
        with suppress(ValueError):
            return f"被信号 {signal.Signals(-code).name} 结束"
        return f"被信号 {-code} 结束"
    return f"退出码 {code}"


class Stack:
    """The running services. Use ``start()`` / ``stop()``, or ``start_stack()`` as a context manager."""

    def __init__(
        self,
        services: Sequence[str] = ALL_SERVICES,
        env: Mapping[str, str] | None = None,
        log_path: Path | None = LOG_PATH,
        echo: bool = True,
        ready_timeout: float | None = None,
        health_interval: float = HEALTH_INTERVAL,
        health_failures: int = HEALTH_FAILURES,
        scale_out: bool = False,
    ):
        unknown = set(services) - set(ALL_SERVICES)
        if unknown:
            raise ValueError(f"unknown services: {sorted(unknown)}")
        self.scaled = scaled.ScaledConfig.from_env({**os.environ, **(env or {})}) if scale_out else None
        if self.scaled is not None:
            scaled.check_tools(self.scaled)
            env = {**(env or {}), **self.scaled.environment()}
        self.env = child_environment(env)
        self.settings = load_settings(self.env)
        token = self.env.get("LIANGYE_RASA_TOKEN", "").strip()
        if self.scaled is not None:
            self.services = build_scaled_services(self.scaled, self.settings, ready_timeout, token)
        else:
            self.services = build_services(self.settings, services, ready_timeout, token)
        self.log_path = log_path
        self.echo = echo
        self.health_interval = health_interval
        self.health_failures = health_failures
        self._lock = threading.Lock()
        self._log: IO[str] | None = None
        self.cancelled = threading.Event()  # set it (e.g. from a signal handler) to abandon a start
        self._halt = threading.Event()  # ends supervision
        self._supervisor: threading.Thread | None = None
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

    def _pump(self, service: Service, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.decode("utf-8", errors="replace").rstrip()
            service.tail.append(line)
            self._emit(service.name, line)

    def _spawn(self, service: Service) -> None:
        process = subprocess.Popen(
            service.command,
            cwd=REPO,
            env={**self.env, **service.env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            user=service.user,
        )
        service.process = process
        service.started_at = time.monotonic()
        service.answered_at = None
        service.missed = 0
        service.next_check = service.started_at + STARTING_CHECK_SECONDS
        service.reader = threading.Thread(target=self._pump, args=(service, process), name=f"log-{service.name}", daemon=True)
        service.reader.start()

    def start(self) -> Stack:
        """Start every service, wait until each answers, then supervise; raises StackError (after stopping all)."""
        if any(s.name.startswith("rasa") for s in self.services) and not any((REPO / "models").glob("*.tar.gz")):
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
            if self.scaled is not None:
                try:
                    scaled.prepare(self.scaled)
                except (OSError, subprocess.CalledProcessError) as exc:
                    detail = getattr(exc, "stderr", None) or b""
                    tail = detail.decode(errors="replace").splitlines() if isinstance(detail, bytes) else []
                    raise StackError("postgres", f"无法初始化本地数据库（{exc}）", tail) from exc
            for tier in sorted({service.tier for service in self.services}):
                group = [service for service in self.services if service.tier == tier]
                for service in group:
                    self._spawn(service)
                self._wait_ready(group)
        except BaseException:
            self.stop()
            raise
        self._supervisor = threading.Thread(target=self._supervise, name="supervisor", daemon=True)
        self._supervisor.start()
        return self

    def _wait_ready(self, services: list[Service]) -> None:
        started = time.monotonic()
        waiting = list(services)
        while waiting:
            if self.cancelled.is_set():
                raise KeyboardInterrupt
            for service in list(waiting):
                if service.answers():
                    service.answered_at = time.monotonic()
                    self._emit("run", f"{service.name} 已就绪（{service.answered_at - started:.1f} 秒）")
                    waiting.remove(service)
                    if service.setup is not None:
                        try:
                            service.setup()
                        except Exception as exc:
                            raise StackError(service.name, f"已响应，但准备步骤失败：{exc}", service.tail) from exc
                    continue
                code = service.process.poll()
                if code is not None:
                    self._drain(service)
                    raise StackError(service.name, f"进程已退出（{exit_text(code)}）", service.tail)
                if time.monotonic() - started > service.ready_timeout:
                    raise StackError(service.name, f"{service.ready_timeout:.0f} 秒内没有响应 {service.ready_url}", service.tail)
            time.sleep(0.3)

    def _drain(self, service: Service) -> None:
        if service.reader is not None:
            service.reader.join(2)

    def _supervise(self) -> None:
        while not self._halt.wait(TICK_SECONDS):
            for service in self.services:
                if self._halt.is_set():
                    return
                try:
                    self._tend(service, time.monotonic())
                except Exception as exc:  # keep supervising the others whatever happened to this one
                    self._emit("run", f"监控 {service.name} 时出错：{exc!r}")

    def _tend(self, service: Service, now: float) -> None:
        """One supervision step: restart when due, notice an exit, check health when due."""
        if service.restart_at is not None:
            if now >= service.restart_at:
                service.restart_at = None
                service.restarts += 1
                self._emit("run", f"正在重启 {service.name}（本次运行第 {service.restarts} 次重启）")
                try:
                    self._spawn(service)
                except OSError as exc:
                    self._schedule_restart(service, now, f"无法启动（{exc}）")
            return
        code = service.process.poll()
        if code is not None:
            self._end_group(service)
            self._schedule_restart(service, now, f"意外退出（{exit_text(code)}）")
            return
        if now < service.next_check:
            return
        service.next_check = now + (self.health_interval if service.answered_at is not None else STARTING_CHECK_SECONDS)
        if service.answers(HEALTH_TIMEOUT):
            if service.answered_at is None:
                if service.restarts:
                    self._emit("run", f"{service.name} 已恢复，重启后 {now - service.started_at:.1f} 秒开始响应")
                service.answered_at = now
            elif service.streak and now - service.answered_at >= STABLE_SECONDS:
                service.streak = 0
            service.missed = 0
            return
        if service.answered_at is None:
            if now - service.started_at > service.ready_timeout:
                self._end_group(service)
                self._schedule_restart(
                    service, now, f"启动后 {service.ready_timeout:.0f} 秒内没有响应 {service.ready_url}，已强制结束"
                )
            return
        service.missed += 1
        self._emit("run", f"{service.name} 没有响应健康检查 {service.ready_url}（连续第 {service.missed} 次）")
        if service.missed >= self.health_failures:
            self._end_group(service)
            self._schedule_restart(service, now, f"连续 {service.missed} 次没有响应，判定为无响应，已强制结束")

    def _schedule_restart(self, service: Service, now: float, what: str) -> None:
        delay = RESTART_BACKOFF[min(service.streak, len(RESTART_BACKOFF) - 1)]
        service.streak += 1
        service.restart_at = now + delay
        self._emit("run", f"{service.name} {what}；其他服务照常运行，{delay} 秒后重启")

    def _end_group(self, service: Service) -> None:
        """SIGKILL the service's process group (a frozen process, or what a dead one left) and reap it."""
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(service.process.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            service.process.wait(5)
        self._drain(service)

    def stop(self) -> None:
        """End supervision, SIGTERM each process group, wait, then SIGKILL what is left. Safe to call more than once."""
        if self._stopped:
            return
        self._stopped = True
        self._halt.set()
        if self._supervisor is not None:
            self._supervisor.join()
        running = [s for s in self.services if s.process is not None and s.process.poll() is None]
        for service in running:
            with suppress(ProcessLookupError):
                os.killpg(service.process.pid, service.stop_signal)
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
    health_interval: float = HEALTH_INTERVAL,
    health_failures: int = HEALTH_FAILURES,
    scale_out: bool = False,
) -> Iterator[Stack]:
    """Start and supervise the services (``scale_out``: the profile of scripts/scaled.py), yield the running Stack,
    stop them all on exit."""
    stack = Stack(services, env, log_path, echo, ready_timeout, health_interval, health_failures, scale_out)
    stack.start()
    try:
        yield stack
    finally:
        stack.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/run.py", description="启动并看护两业融合申报助手的全部服务（动作服务器、Rasa、网页服务）。"
    )
    parser.add_argument("--services", default=",".join(ALL_SERVICES), help="要启动的服务，逗号分隔（默认 actions,rasa,web）")
    parser.add_argument(
        "--scaled",
        action="store_true",
        help="扩展部署：本地 PostgreSQL 和 Redis、多个 Rasa 和动作服务器、网页服务（make run-scaled；忽略 --services）",
    )
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.services.split(",") if n.strip()]
    if not names or set(names) - set(ALL_SERVICES):
        print(f"--services 只能包含：{', '.join(ALL_SERVICES)}", file=sys.stderr)
        return 2
    try:
        stack = Stack(names, scale_out=args.scaled)
    except SettingsError as exc:
        print(f"配置有误：{exc}", file=sys.stderr)
        return 2
    names = [service.name for service in stack.services]

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
    ending = "服务意外退出或无响应时会自动重启；按 Ctrl-C 停止。"
    if "web" in names:
        print(
            f"\n==> 全部服务已启动\n    聊天页面  {stack.web_url}\n    工作台    {stack.web_url}/helpdesk\n    {ending}\n",
            flush=True,
        )
    else:
        print(f"\n==> 全部服务已启动。{ending}\n", flush=True)
    try:
        while not stop.wait(0.5):  # the supervisor thread does the work; this waits for Ctrl-C or SIGTERM
            pass
        print("\n==> 正在停止全部服务…", flush=True)
        stack.stop()
        print("==> 已停止。", flush=True)
        return 0
    finally:
        stack.stop()  # whatever happened above (even a closed stdout), no service is left running


if __name__ == "__main__":
    sys.exit(main())

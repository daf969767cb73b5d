"""The scale-out profile on this machine (``make run-scaled``): PostgreSQL 15 and Redis as local processes.

Everything lives under ``LIANGYE_SCALED_DIR`` (default ``var/scaled``): the PostgreSQL cluster (``initdb`` on first
start, trust authentication, loopback only) and Redis's working folder (no persistence: Redis only holds Rasa's
conversation locks). PostgreSQL holds the application database ``liangye`` (created here) and Rasa's tracker
database ``liangye_tracker`` (created by Rasa itself through ``login_db``, see endpoints-scaled.yml). When run as
root, PostgreSQL runs as the ``postgres`` system user, since it refuses to run as root.

| Variable | Default | Meaning |
| --- | --- | --- |
| `LIANGYE_SCALED_DIR` | `<repo>/var/scaled` | Where the PostgreSQL cluster and Redis's folder live. |
| `LIANGYE_RASA_PORTS` | `5005,5006` | One Rasa server per port. |
| `LIANGYE_ACTIONS_PORTS` | `5055` | One action server per port; Rasa server *i* calls action server *i* mod their number. |
| `LIANGYE_PG_PORT` | `5433` | PostgreSQL's port (127.0.0.1). |
| `LIANGYE_REDIS_PORT` | `6380` | Redis's port (127.0.0.1). |
| `LIANGYE_PG_BIN` | `/usr/lib/postgresql/15/bin` | Folder with `initdb` and `postgres`. |
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.settings import SettingsError

REPO = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
PG_USER = "postgres"
APP_DB = "liangye"
TRACKER_DB = "liangye_tracker"
ENDPOINTS = "endpoints-scaled.yml"


def _ports(env: Mapping[str, str], name: str, default: str) -> tuple[int, ...]:
    raw = env.get(name, "").strip() or default
    try:
        ports = tuple(int(part) for part in raw.split(",") if part.strip())
    except ValueError:
        raise SettingsError(f"{name} 应为逗号分隔的端口号，收到的是 {raw!r}。") from None
    if not ports or not all(0 < port < 65536 for port in ports):
        raise SettingsError(f"{name} 应为 1 到 65535 之间的端口号，逗号分隔，收到的是 {raw!r}。")
    return ports


@dataclass(frozen=True)
class ScaledConfig:
    """Where the local PostgreSQL and Redis live and listen, and the ports of the Rasa and action servers."""

    root: Path
    rasa_ports: tuple[int, ...]
    actions_ports: tuple[int, ...]
    pg_port: int
    redis_port: int
    pg_bin: Path

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ScaledConfig:
        [pg_port] = _ports(env, "LIANGYE_PG_PORT", "5433")
        [redis_port] = _ports(env, "LIANGYE_REDIS_PORT", "6380")
        return cls(
            root=Path(env.get("LIANGYE_SCALED_DIR", "").strip() or REPO / "var" / "scaled").resolve(),
            rasa_ports=_ports(env, "LIANGYE_RASA_PORTS", "5005,5006"),
            actions_ports=_ports(env, "LIANGYE_ACTIONS_PORTS", "5055"),
            pg_port=pg_port,
            redis_port=redis_port,
            pg_bin=Path(env.get("LIANGYE_PG_BIN", "").strip() or "/usr/lib/postgresql/15/bin"),
        )

    @property
    def pg_data(self) -> Path:
        return self.root / "pg"

    @property
    def redis_dir(self) -> Path:
        return self.root / "redis"

    @property
    def database_url(self) -> str:
        return f"postgresql+psycopg2://{PG_USER}@{LOOPBACK}:{self.pg_port}/{APP_DB}"

    def environment(self) -> dict[str, str]:
        """What the services need: the application database, every Rasa URL, and endpoints-scaled.yml's values."""
        return {
            "LIANGYE_DATABASE_URL": self.database_url,
            "LIANGYE_RASA_URLS": ",".join(f"http://{LOOPBACK}:{port}" for port in self.rasa_ports),
            "LIANGYE_TRACKER_DB_HOST": LOOPBACK,
            "LIANGYE_TRACKER_DB_PORT": str(self.pg_port),
            "LIANGYE_TRACKER_DB_NAME": TRACKER_DB,
            "LIANGYE_TRACKER_DB_USER": PG_USER,
            "LIANGYE_TRACKER_DB_PASSWORD": "",
            "LIANGYE_REDIS_HOST": LOOPBACK,
            "LIANGYE_REDIS_PORT": str(self.redis_port),
            "LIANGYE_REDIS_PASSWORD": "",
        }

    def action_url(self, rasa_index: int) -> str:
        port = self.actions_ports[rasa_index % len(self.actions_ports)]
        return f"http://{LOOPBACK}:{port}/webhook"


def pg_user() -> str | None:
    """``postgres`` when we are root (PostgreSQL refuses to run as root), else None (run as ourselves)."""
    return PG_USER if os.geteuid() == 0 else None


def check_tools(config: ScaledConfig) -> None:
    """Raise SettingsError saying what to install when redis-server or PostgreSQL's binaries are missing."""
    if shutil.which("redis-server") is None:
        raise SettingsError("未找到 redis-server。请运行 scripts/install_system.sh（安装 Debian 的 redis-server 软件包）。")
    if not (config.pg_bin / "initdb").is_file():
        raise SettingsError(
            f"未找到 PostgreSQL（{config.pg_bin}/initdb）。请运行 scripts/install_system.sh，或用 LIANGYE_PG_BIN 指定其 bin 目录。"
        )


def prepare(config: ScaledConfig) -> None:
    """Create the folders and, on first start, the PostgreSQL cluster (initdb)."""
    config.redis_dir.mkdir(parents=True, exist_ok=True)
    if (config.pg_data / "PG_VERSION").is_file():
        return
    config.pg_data.mkdir(parents=True, exist_ok=True)
    user = pg_user()
    if user is not None:
        entry = pwd.getpwnam(user)
        for folder in (config.root, config.pg_data):
            os.chown(folder, entry.pw_uid, entry.pw_gid)
    initdb = [str(config.pg_bin / "initdb"), "-D", str(config.pg_data), "-U", PG_USER, "--auth=trust", "-E", "UTF8"]
    subprocess.run([*initdb, "--locale=C"], check=True, capture_output=True, user=user)


def postgres_command(config: ScaledConfig) -> list[str]:
    """The PostgreSQL server in the foreground, on loopback only, its socket in its own folder."""
    return [
        str(config.pg_bin / "postgres"),
        "-D",
        str(config.pg_data),
        "-p",
        str(config.pg_port),
        "-k",
        str(config.root),
        "-c",
        f"listen_addresses={LOOPBACK}",
    ]


def redis_command(config: ScaledConfig) -> list[str]:
    """Redis in the foreground, on loopback only, keeping nothing on disk."""
    return [
        "redis-server",
        "--port",
        str(config.redis_port),
        "--bind",
        LOOPBACK,
        "--dir",
        str(config.redis_dir),
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
    ]


def postgres_answers(config: ScaledConfig, timeout: float) -> bool:
    import psycopg2

    try:
        connection = psycopg2.connect(
            host=LOOPBACK, port=config.pg_port, user=PG_USER, dbname="postgres", connect_timeout=max(2, int(timeout))
        )
    except psycopg2.Error:
        return False
    connection.close()
    return True


def redis_answers(config: ScaledConfig, timeout: float) -> bool:
    import redis

    try:
        return bool(redis.Redis(host=LOOPBACK, port=config.redis_port, socket_timeout=timeout).ping())
    except redis.RedisError:
        return False


def create_app_database(config: ScaledConfig) -> None:
    """Create the application database once; the web server then migrates it."""
    import psycopg2

    connection = psycopg2.connect(host=LOOPBACK, port=config.pg_port, user=PG_USER, dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (APP_DB,))
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE DATABASE {APP_DB}")
    finally:
        connection.close()

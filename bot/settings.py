"""Settings from environment variables, with safe defaults.

| Variable | Default | Meaning |
| --- | --- | --- |
| `LIANGYE_DATABASE_URL` | `sqlite:///<repo>/var/liangye.db` | SQLAlchemy URL of the application database (eligibility checks, hand-off requests, chat log, console sessions, failed logins), migrated to the newest schema at start. SQLite or PostgreSQL (both tested), e.g. `postgresql+psycopg2://user:pw@host/db`. For the SQLite default the folder `var/` is created. |
| `LIANGYE_WEB_PORT` | `8080` | Port of the web server (chat page, JSON API, helpdesk console). |
| `LIANGYE_RASA_URL` | `http://localhost:<LIANGYE_RASA_PORT>` | Base URL of the Rasa server; the web server posts to `<url>/webhooks/rest/webhook`. |
| `LIANGYE_RASA_URLS` | *(none)* | Several Rasa servers sharing one tracker store and lock store (`make run-scaled`, compose): base URLs, comma-separated. The web server sends each message to the next one in turn and, when one refuses the connection, to the one after. When set, it replaces `LIANGYE_RASA_URL`. |
| `LIANGYE_RASA_TIMEOUT_SECONDS` | `30` | How long the web server waits for Rasa before answering 502. |
| `LIANGYE_ACTIONS_PORT` | `5055` | Port of the Rasa action server (`make run`). |
| `LIANGYE_RASA_PORT` | `5005` | Port of the Rasa server (`make run`). |
| `LIANGYE_HELPDESK_USERS` | *(none)* | Console accounts: `user1:hash1,user2:hash2`, or the path of a file with one `user:hash` per line (`#` starts a comment). Make a hash with `python -m bot.web.passwd`. User names: letters, digits, `_` and `-`. |
| `LIANGYE_MODE` | `development` | `development` or `production`. In development with no accounts configured, the account `helpdesk` / `helpdesk` exists (a warning is logged). In production with no accounts, nobody can log in and an error is logged at start. |
| `LIANGYE_SESSION_SECRET` | *(random per process)* | Key that signs console session cookies and CSRF tokens. Set it in production so sessions survive a restart. |
| `LIANGYE_SESSION_TTL_MINUTES` | `60` | A console session ends after this many minutes without activity. |
| `LIANGYE_PROXY_HOPS` | `0` | How many reverse proxies in front of the web server append to `X-Forwarded-For`. `0`: failed logins are counted against the TCP peer address and `X-Forwarded-For` is ignored (anyone can write it). `1` behind one proxy (e.g. nginx with `proxy_add_x_forwarded_for`): the address that proxy saw. |
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV_USER = "helpdesk"
USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
MODES = ("development", "production")


class SettingsError(ValueError):
    """A setting that cannot be used; the message says which variable and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """The effective configuration of one process."""

    database_url: str
    web_port: int = 8080
    rasa_url: str = "http://localhost:5005"
    rasa_urls: tuple[str, ...] = ()  # every Rasa server, in turn order; () means (rasa_url,)
    rasa_timeout_seconds: float = 30.0
    actions_port: int = 5055
    rasa_port: int = 5005
    helpdesk_users: dict[str, str] = field(default_factory=dict)  # user name -> password hash
    mode: str = "development"
    session_secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    session_secret_configured: bool = False
    session_ttl_minutes: int = 60
    proxy_hops: int = 0

    @property
    def rasa_servers(self) -> tuple[str, ...]:
        """The Rasa base URLs the web server spreads messages over."""
        return self.rasa_urls or (self.rasa_url,)

    @property
    def production(self) -> bool:
        return self.mode == "production"

    @property
    def dev_user_enabled(self) -> bool:
        """True when the built-in ``helpdesk``/``helpdesk`` account is active (development, no accounts set)."""
        return not self.production and not self.helpdesk_users


def default_database_url() -> str:
    """``sqlite:///<repo>/var/liangye.db``; creates ``var/``."""
    var = REPO_ROOT / "var"
    var.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{var / 'liangye.db'}"


def _int(env: Mapping[str, str], name: str, default: int, low: int = 1, high: int = 65535) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} 应为整数，收到的是 {raw!r}。") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} 应在 {low} 到 {high} 之间，收到的是 {value}。")
    return value


def parse_helpdesk_users(raw: str) -> dict[str, str]:
    """Parse ``user:hash,user:hash`` or, when ``raw`` names an existing file, its ``user:hash`` lines."""
    raw = raw.strip()
    if not raw:
        return {}
    path = Path(raw).expanduser()
    if path.is_file():
        entries = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    elif ":" not in raw:
        raise SettingsError(f"LIANGYE_HELPDESK_USERS：文件 {raw} 不存在，也不是 user:hash 形式。")
    else:
        entries = [item.strip() for item in raw.split(",")]
    users: dict[str, str] = {}
    for entry in filter(None, entries):
        name, sep, hashed = entry.partition(":")
        name, hashed = name.strip(), hashed.strip()
        if not sep or not USERNAME_RE.match(name) or not hashed:
            raise SettingsError(
                f"LIANGYE_HELPDESK_USERS 中的条目 {name or entry!r} 格式不对：应为 用户名:口令哈希，"
                "用户名只能含字母、数字、_ 和 -，口令哈希用 python -m bot.web.passwd 生成。"
            )
        users[name] = hashed
    return users


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (default ``os.environ``). Raises SettingsError on a bad value."""
    env = os.environ if env is None else env
    mode = env.get("LIANGYE_MODE", "").strip().lower() or "development"
    if mode not in MODES:
        raise SettingsError(f"LIANGYE_MODE 应为 development 或 production，收到的是 {mode!r}。")
    secret_raw = env.get("LIANGYE_SESSION_SECRET", "")
    timeout_raw = env.get("LIANGYE_RASA_TIMEOUT_SECONDS", "").strip()
    try:
        timeout = float(timeout_raw) if timeout_raw else 30.0
    except ValueError:
        raise SettingsError(f"LIANGYE_RASA_TIMEOUT_SECONDS 应为秒数，收到的是 {timeout_raw!r}。") from None
    if not 0 < timeout <= 600:
        raise SettingsError("LIANGYE_RASA_TIMEOUT_SECONDS 应在 0 到 600 秒之间。")
    rasa_port = _int(env, "LIANGYE_RASA_PORT", 5005)
    rasa_urls = tuple(url.strip().rstrip("/") for url in env.get("LIANGYE_RASA_URLS", "").split(",") if url.strip())
    if any("://" not in url for url in rasa_urls):
        raise SettingsError("LIANGYE_RASA_URLS 应为逗号分隔的网址，例如 http://127.0.0.1:5005,http://127.0.0.1:5006。")
    return Settings(
        database_url=env.get("LIANGYE_DATABASE_URL", "").strip() or default_database_url(),
        web_port=_int(env, "LIANGYE_WEB_PORT", 8080),
        rasa_url=(env.get("LIANGYE_RASA_URL", "").strip() or f"http://localhost:{rasa_port}").rstrip("/"),
        rasa_urls=rasa_urls,
        rasa_timeout_seconds=timeout,
        actions_port=_int(env, "LIANGYE_ACTIONS_PORT", 5055),
        rasa_port=rasa_port,
        helpdesk_users=parse_helpdesk_users(env.get("LIANGYE_HELPDESK_USERS", "")),
        mode=mode,
        session_secret=secret_raw.encode() if secret_raw else secrets.token_bytes(32),
        session_secret_configured=bool(secret_raw),
        session_ttl_minutes=_int(env, "LIANGYE_SESSION_TTL_MINUTES", 60, 1, 60 * 24 * 30),
        proxy_hops=_int(env, "LIANGYE_PROXY_HOPS", 0, 0, 5),
    )


def log_startup_warnings(settings: Settings) -> None:
    """Log what an operator must know about accounts and secrets at start."""
    if settings.dev_user_enabled:
        log.warning(
            "开发模式：未配置 LIANGYE_HELPDESK_USERS，工作台可用默认账号 %s / %s 登录。生产环境请设置 LIANGYE_MODE=production 并配置账号。",
            DEV_USER,
            DEV_USER,
        )
    if settings.production and not settings.helpdesk_users:
        log.error(
            "生产模式下未配置工作台账号，目前无人能登录 /helpdesk。请运行 python -m bot.web.passwd 生成口令哈希，"
            "再设置 LIANGYE_HELPDESK_USERS=用户名:口令哈希（多个账号用逗号分隔，或填写账号文件的路径）后重启。"
        )
    if settings.production and not settings.session_secret_configured:
        log.warning("生产模式下未设置 LIANGYE_SESSION_SECRET：使用随机密钥，重启后工作台需要重新登录。")

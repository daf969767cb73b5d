"""Settings from the environment, and password hashing with its CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.settings import SettingsError, load_settings, parse_helpdesk_users
from bot.web.auth import allowed_users
from bot.web.passwd import check_login, hash_password, verify_password


def test_defaults():
    settings = load_settings({})
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("/var/liangye.db")
    assert (settings.web_port, settings.rasa_port, settings.actions_port) == (8080, 5005, 5055)
    assert settings.rasa_url == "http://localhost:5005"
    assert settings.mode == "development" and settings.dev_user_enabled
    assert settings.session_ttl_minutes == 60
    assert settings.proxy_hops == 0  # X-Forwarded-For is not trusted unless configured
    assert not settings.session_secret_configured and len(settings.session_secret) == 32
    assert "helpdesk" in allowed_users(settings)


def test_values_and_errors():
    settings = load_settings(
        {
            "LIANGYE_WEB_PORT": "9000",
            "LIANGYE_RASA_URL": "http://rasa:5005/",
            "LIANGYE_MODE": "Production",
            "LIANGYE_SESSION_SECRET": "s3cret",
        }
    )
    assert settings.web_port == 9000 and settings.rasa_url == "http://rasa:5005" and settings.production
    assert load_settings({"LIANGYE_RASA_PORT": "6005"}).rasa_url == "http://localhost:6005"
    assert load_settings({"LIANGYE_PROXY_HOPS": "1"}).proxy_hops == 1
    assert settings.session_secret == b"s3cret" and not settings.dev_user_enabled
    assert allowed_users(settings) == {}
    for env in (
        {"LIANGYE_WEB_PORT": "abc"},
        {"LIANGYE_WEB_PORT": "70000"},
        {"LIANGYE_MODE": "staging"},
        {"LIANGYE_SESSION_TTL_MINUTES": "0"},
        {"LIANGYE_PROXY_HOPS": "-1"},
        {"LIANGYE_PROXY_HOPS": "yes"},
    ):
        with pytest.raises(SettingsError):
            load_settings(env)


def test_helpdesk_users_inline_and_file(tmp_path):
    h1, h2 = hash_password("first password", iterations=1000), hash_password("second password", iterations=1000)
    assert parse_helpdesk_users(f"alice:{h1}, bob:{h2}") == {"alice": h1, "bob": h2}
    path = tmp_path / "users.txt"
    path.write_text(f"# helpdesk accounts\nalice:{h1}\n\nbob:{h2}  # night shift\n", encoding="utf-8")
    assert parse_helpdesk_users(str(path)) == {"alice": h1, "bob": h2}
    for bad in ("alice", "bad name:xyz", "alice:", str(tmp_path / "missing.txt")):
        with pytest.raises(SettingsError):
            parse_helpdesk_users(bad)


def test_password_hashes():
    hashed = hash_password("correct horse", iterations=1000)
    assert hashed.startswith("pbkdf2_sha256$1000$") and ":" not in hashed and "," not in hashed
    assert verify_password("correct horse", hashed)
    assert not verify_password("wrong horse", hashed)
    assert hash_password("correct horse", iterations=1000) != hashed  # salted
    for broken in ("", "plain", "md5$1$a$b", "pbkdf2_sha256$x$a$b", "pbkdf2_sha256$1000$***$***"):
        assert not verify_password("correct horse", broken)
    assert check_login({"alice": hashed}, "alice", "correct horse")
    assert not check_login({"alice": hashed}, "mallory", "correct horse")


def test_passwd_cli_prints_a_usable_hash():
    result = subprocess.run(
        [sys.executable, "-m", "bot.web.passwd", "--user", "alice", "--iterations", "1000"],
        input="a long password\n",
        capture_output=True,
        text=True,
        check=True,
    )
    user, hashed = result.stdout.strip().split(":", 1)
    assert user == "alice" and verify_password("a long password", hashed)
    short = subprocess.run([sys.executable, "-m", "bot.web.passwd"], input="short\n", capture_output=True, text=True)
    assert short.returncode == 1 and "8" in short.stderr

"""scripts/run.py --scaled builds the scale-out profile (scripts/scaled.py); the e2e tests run it for real."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError
from scripts.run import Stack, StackError
from tests.web.fake_rasa import free_port

ENV = {
    "LIANGYE_SCALED_DIR": "/tmp/liangye-scaled-unit",
    "LIANGYE_RASA_PORTS": "6101,6102",
    "LIANGYE_ACTIONS_PORTS": "6201,6202",
    "LIANGYE_PG_PORT": "6301",
    "LIANGYE_REDIS_PORT": "6401",
    "LIANGYE_WEB_PORT": "6501",
}


def test_the_profile_starts_postgres_and_redis_first_then_two_rasa_servers_each_with_its_action_server():
    stack = Stack(env=ENV, scale_out=True)
    assert [(s.name, s.tier) for s in stack.services] == [
        ("postgres", 0),
        ("redis", 0),
        ("actions-1", 1),
        ("actions-2", 1),
        ("rasa-1", 1),
        ("rasa-2", 1),
        ("web", 1),
    ]
    for name, port, action_port in (("rasa-1", 6101, 6201), ("rasa-2", 6102, 6202)):
        rasa = stack.service(name)
        assert rasa.command[rasa.command.index("-i") + 1 :][:3] == ["127.0.0.1", "-p", str(port)]
        assert rasa.command[rasa.command.index("--endpoints") + 1] == "endpoints-scaled.yml"
        assert rasa.env["LIANGYE_ACTION_URL"] == f"http://127.0.0.1:{action_port}/webhook"
    assert "listen_addresses=127.0.0.1" in stack.service("postgres").command
    redis = stack.service("redis").command
    assert redis[redis.index("--bind") + 1] == "127.0.0.1" and redis[redis.index("--port") + 1] == "6401"
    assert stack.settings.rasa_servers == ("http://127.0.0.1:6101", "http://127.0.0.1:6102")
    assert stack.settings.database_url == "postgresql+psycopg2://postgres@127.0.0.1:6301/liangye"
    assert stack.env["LIANGYE_TRACKER_DB_PORT"] == "6301" and stack.env["LIANGYE_REDIS_PORT"] == "6401"


def test_make_run_keeps_one_rasa_on_sqlite():
    stack = Stack(env={"LIANGYE_WEB_PORT": "6501"})
    assert [s.name for s in stack.services] == ["actions", "rasa", "web"]
    rasa = stack.service("rasa").command
    assert rasa[rasa.index("--endpoints") + 1] == "endpoints.yml"
    assert stack.env["LIANGYE_TRACKER_DB"].endswith("tracker.db") and "LIANGYE_RASA_URLS" not in stack.env


@pytest.mark.parametrize(("name", "value"), [("LIANGYE_RASA_PORTS", "5005,abc"), ("LIANGYE_PG_PORT", "70000")])
def test_bad_ports_are_refused_naming_the_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        Stack(env={**ENV, name: value}, scale_out=True)


def test_missing_postgresql_binaries_are_named_with_what_to_install():
    with pytest.raises(SettingsError, match=r"install_system\.sh"):
        Stack(env={**ENV, "LIANGYE_PG_BIN": "/nonexistent"}, scale_out=True)


def test_a_failing_setup_step_is_a_start_failure_of_its_service_and_stops_it(tmp_path):
    env = {
        "LIANGYE_WEB_PORT": str(free_port()),
        "LIANGYE_DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "LIANGYE_RASA_URL": "http://127.0.0.1:9",
    }
    stack = Stack(("web",), env=env, log_path=None, echo=False)

    def create_database() -> None:
        raise RuntimeError("无法创建数据库")

    stack.service("web").setup = create_database
    with pytest.raises(StackError) as info:
        stack.start()
    assert info.value.service == "web" and "准备步骤失败：无法创建数据库" in info.value.reason
    assert stack.service("web").process.poll() is not None

"""bot.rasa_server checks action-server responses exactly as Rasa's jsonschema.validate does, schema checked once."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import rasa_server

RASA_CHECK = RemoteAction._validate_action_result

VALID = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "name": "revenue", "value": 12.5},
            {"event": "active_loop", "name": None},
            {"event": "followup", "name": "action_listen"},
        ],
        "responses": [{"text": "已记录：营业收入 12.5亿元", "buttons": [{"title": "是", "payload": "/affirm"}]}],
    },
    {"events": [{"event": "bot", "text": "您好", "data": {}}]},
]
INVALID = [
    {"events": "slot"},
    {"events": [{"name": "revenue"}]},
    {"events": [{"event": "slot", "name": 3}]},
    {"responses": "text"},
    {"events": [{"event": "no_such_event"}]},
]


def outcome(check: Any, result: dict[str, Any]) -> tuple[bool, str]:
    """(passed, Rasa's error message) of one check of ``result``."""
    action = RemoteAction("action_x", None)
    try:
        return check(action, result), ""
    except jsonschema.ValidationError as error:
        return False, error.message


@pytest.mark.parametrize("result", VALID + INVALID)
def test_same_outcome_and_message_as_rasa(result: dict[str, Any]) -> None:
    assert outcome(rasa_server._validate_action_result, result) == outcome(RASA_CHECK, result)


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_are_refused(result: dict[str, Any]) -> None:
    passed, message = outcome(rasa_server._validate_action_result, result)
    assert not passed and "Failed to validate Action server response" in message


def test_schema_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rasa_server._response_validator.cache_clear()
    checks = []
    cls = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
    original = cls.check_schema
    monkeypatch.setattr(cls, "check_schema", classmethod(lambda c, s: checks.append(s) or original(s)))
    for result in VALID * 3:
        assert outcome(rasa_server._validate_action_result, result) == (True, "")
    assert len(checks) == 1


def test_install_replaces_rasas_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RASA_CHECK)
    rasa_server.install()
    assert RemoteAction._validate_action_result is rasa_server._validate_action_result

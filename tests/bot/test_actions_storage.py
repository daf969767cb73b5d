"""The actions that write to the database do it in a worker thread, never on the action server's event loop."""

from __future__ import annotations

import threading

import pytest
from bot_harness import ELIGIBLE_PARK, make_tracker, run_action, texts

import bot.storage
from bot.actions.handoff import ActionSubmitHandoff
from bot.actions.verdict import ActionGiveVerdict

HANDOFF = {
    "handoff_consent": True,
    "handoff_company": "某某科技有限公司",
    "handoff_person": "张伟",
    "handoff_contact": "13800000000",
    "handoff_district": "海淀区",
}


class ThreadRecordingStore:
    """Stands in for the store; notes the thread of every call (opening the store included)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, threading.Thread]] = []

    def open(self) -> ThreadRecordingStore:
        self.calls.append(("default_store", threading.current_thread()))
        return self

    def record_check(self, *args, **kwargs) -> int:
        self.calls.append(("record_check", threading.current_thread()))
        return 1

    def create_handoff(self, **kwargs) -> int:
        self.calls.append(("create_handoff", threading.current_thread()))
        return 42


@pytest.fixture
def recording_store(monkeypatch) -> ThreadRecordingStore:
    store = ThreadRecordingStore()
    monkeypatch.setattr(bot.storage, "default_store", store.open)
    return store


def test_the_verdict_is_stored_off_the_event_loop(recording_store):
    run_action(ActionGiveVerdict(), make_tracker("确认", "affirm", ELIGIBLE_PARK, active_loop=None))
    assert [name for name, _ in recording_store.calls] == ["default_store", "record_check"]
    assert all(thread is not threading.main_thread() for _, thread in recording_store.calls)


def test_the_handoff_request_is_stored_off_the_event_loop(recording_store):
    _, messages = run_action(ActionSubmitHandoff(), make_tracker("同意", "affirm", HANDOFF, active_loop=None))
    assert "编号 42" in texts(messages)
    assert [name for name, _ in recording_store.calls] == ["default_store", "create_handoff"]
    assert all(thread is not threading.main_thread() for _, thread in recording_store.calls)

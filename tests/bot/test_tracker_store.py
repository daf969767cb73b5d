"""bot.tracker_store: a server gets back the tracker it saved, never one the database has moved past."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import CachedSQLTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [inform]
slots:
  annual_revenue:
    type: any
    mappings: [{type: custom}]
"""
)


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "tracker.db")


def store(db: str, **kwargs) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=db, **kwargs)


def turn(tracker: DialogueStateTracker, text: str, revenue: float) -> None:
    tracker.update(UserUttered(text, {"name": "inform"}))
    tracker.update(SlotSet("annual_revenue", revenue))
    tracker.update(ActionExecuted("action_listen"))


def stored_events(db: str, sender: str) -> list[dict]:
    tracker = run(SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=db).retrieve(sender))
    return [e.as_dict() for e in tracker.events]


def test_the_saved_tracker_comes_back_without_a_reload(db, monkeypatch):
    server = store(db)
    tracker = DialogueStateTracker("s1", DOMAIN.slots)
    turn(tracker, "营收120亿", 1.2e10)
    run(server.save(tracker))
    reloads = []
    monkeypatch.setattr(SQLTrackerStore, "retrieve", lambda self, sender: reloads.append(sender))
    assert run(server.retrieve("s1")) is tracker and reloads == []


def test_events_saved_are_the_trackers_events(db):
    server = store(db)
    tracker = DialogueStateTracker("s1", DOMAIN.slots)
    for i in range(3):
        turn(tracker, f"营收{i}亿", float(i))
        run(server.save(tracker))
        tracker = run(server.retrieve("s1"))
    assert stored_events(db, "s1") == [e.as_dict() for e in tracker.events]
    assert tracker.get_slot("annual_revenue") == 2.0


def test_another_servers_write_is_loaded(db):
    first, second = store(db), store(db)
    tracker = DialogueStateTracker("s1", DOMAIN.slots)
    turn(tracker, "营收120亿", 1.2e10)
    run(first.save(tracker))
    other = run(second.retrieve("s1"))
    turn(other, "改为130亿", 1.3e10)
    run(second.save(other))
    again = run(first.retrieve("s1"))
    assert again is not tracker and again.get_slot("annual_revenue") == 1.3e10
    assert [e.as_dict() for e in again.events] == stored_events(db, "s1")


def test_a_tracker_changed_but_not_saved_is_not_handed_back(db):
    server = store(db)
    tracker = DialogueStateTracker("s1", DOMAIN.slots)
    turn(tracker, "营收120亿", 1.2e10)
    run(server.save(tracker))
    turn(tracker, "改为130亿", 1.3e10)  # the message failed before its tracker was saved
    again = run(server.retrieve("s1"))
    assert again is not tracker and again.get_slot("annual_revenue") == 1.2e10


def test_the_cache_is_bounded(db):
    server = store(db, cached_conversations=2)
    for sender in ("a", "b", "c"):
        tracker = DialogueStateTracker(sender, DOMAIN.slots)
        turn(tracker, "你好", 1.0)
        run(server.save(tracker))
    assert list(server._saved) == ["b", "c"]
    assert run(server.retrieve("a")).get_slot("annual_revenue") == 1.0

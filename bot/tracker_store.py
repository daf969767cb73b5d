"""Rasa's SQL tracker store, without reloading a conversation this server itself saved last.

Rasa 3.6's ``SQLTrackerStore`` reads every event of the conversation's session from the database on each message,
decodes it and replays it into a new tracker, and counts them all again when it saves: the cost grows with the
conversation (docs/performance.md). Here each server keeps the trackers it saved, a bounded number of them. A
message of a conversation whose newest stored event is still the one this server wrote gets that tracker back,
after one indexed query; anything else (another server wrote since, the last message failed before its tracker
was saved, the conversation is not cached) is loaded from the database exactly as Rasa does. The database stays
the only record: a cached tracker is never returned when the database holds an event it does not.

endpoints.yml / endpoints-scaled.yml: ``tracker_store: type: bot.tracker_store.CachedSQLTrackerStore`` with the keys
of Rasa's SQL tracker store, plus ``cached_conversations`` (default 1000).
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


@dataclass
class _Saved:
    tracker: DialogueStateTracker
    events: int  # len(tracker.events) when it was saved
    last_id: int | None  # the newest stored event id of the conversation after the save


class CachedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that hands back the tracker it saved last while the database holds nothing newer."""

    def __init__(self, *args: Any, cached_conversations: int = 1000, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: OrderedDict[str, _Saved] = OrderedDict()
        self._limit = max(0, int(cached_conversations))

    def _last_id(self, sender_id: str) -> int | None:
        with self.session_scope() as session:
            return session.query(sa.func.max(self.SQLEvent.id)).filter(self.SQLEvent.sender_id == sender_id).scalar()

    def _current(self, sender_id: str) -> _Saved | None:
        """The cached tracker of ``sender_id`` if it is exactly what the database holds, else None."""
        saved = self._saved.get(sender_id)
        if saved is None or len(saved.tracker.events) != saved.events or saved.last_id != self._last_id(sender_id):
            return None
        self._saved.move_to_end(sender_id)
        return saved

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        saved = self._current(sender_id)
        if saved is not None:
            return saved.tracker
        self._saved.pop(sender_id, None)
        return await super().retrieve(sender_id)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        saved = self._saved.get(tracker.sender_id)
        if saved is not None and saved.tracker is tracker and saved.last_id == self._last_id(tracker.sender_id):
            return itertools.islice(tracker.events, saved.events, len(tracker.events))  # no recount of the session
        return super()._additional_events(session, tracker)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        if self._limit == 0:
            return
        self._saved[tracker.sender_id] = _Saved(tracker, len(tracker.events), self._last_id(tracker.sender_id))
        self._saved.move_to_end(tracker.sender_id)
        while len(self._saved) > self._limit:
            self._saved.popitem(last=False)

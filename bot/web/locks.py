"""One conversation, one message at a time: a lock per sender, kept only while that sender has a request in flight."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class _Entry:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0  # requests holding or awaiting the lock


class SenderLocks:
    """Per-sender FIFO locks; an entry is dropped when its last request leaves, so the table holds only busy senders."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @asynccontextmanager
    async def hold(self, sender: str) -> AsyncIterator[None]:
        """Wait for ``sender``'s earlier requests to finish, then run the block alone for that sender."""
        entry = self._entries.get(sender)
        if entry is None:
            entry = self._entries[sender] = _Entry()
        entry.users += 1
        try:
            async with entry.lock:
                yield
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._entries[sender]

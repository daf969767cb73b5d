"""Rasa's Redis lock store with atomic updates, so several Rasa servers can share every conversation.

Rasa 3.6's ``RedisLockStore`` reads a conversation's ticket lock, changes it and writes it back in separate
commands. Two servers taking messages of one conversation at the same moment both read the same lock, both get
the same ticket and handle the two messages at once; the tracker store then keeps only one of them (measured with
two messages sent together to two servers: 16 conversations of 30 lost one). Here every read-change-write of a
lock is one Redis transaction (WATCH/MULTI/EXEC, tried again when another server changed the key meanwhile), and
a lock is deleted in the same transaction that removes its last ticket.

endpoints-scaled.yml: ``lock_store: type: bot.lock_store.AtomicRedisLockStore`` with RedisLockStore's keys (``url``,
``port``, ``password``, ``db``, ``key_prefix``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket issuing, expiry and release are atomic across Rasa servers."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, T]]) -> T:
        """Apply ``change`` to the stored lock in one transaction; it returns the lock to store (None: delete it)
        and a result. Retried while another client changes the key between our read and our write."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock, result = change(TicketLock.from_dict(json.loads(raw)) if raw else None)
                    pipe.multi()
                    if lock is None or not lock.tickets:
                        pipe.delete(key)
                    else:
                        pipe.set(key, lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except redis.RedisError as exc:
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def release(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, release)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Release the ticket; the lock goes with its last ticket, in the same transaction."""
        self.finish_serving(conversation_id, ticket_number)

"""Storage for the assistant: SQLAlchemy models and the functions the action server and web server call.

The module-level functions use the process-wide store on ``LIANGYE_DATABASE_URL`` (SQLite in ``var/`` by
default) and create the tables on first use. Code that needs another database uses ``Store(get_engine(url))``.
"""

from __future__ import annotations

from typing import Any

from .models import ChatMessage, ConsoleSession, EligibilityCheck, HandoffRequest
from .store import HandoffClosedError, Store, default_store, get_engine, init_db, message_dict, session_scope

__all__ = [
    "ChatMessage",
    "ConsoleSession",
    "EligibilityCheck",
    "HandoffClosedError",
    "HandoffRequest",
    "Store",
    "add_message",
    "create_handoff",
    "default_store",
    "get_engine",
    "init_db",
    "message_dict",
    "messages_for",
    "open_handoff_for",
    "record_check",
    "session_scope",
]


def record_check(source: str, applicant_type: str, verdict: dict, sender_id: str | None = None) -> int:
    """Store one eligibility check (``verdict`` is ``Verdict.to_dict()``; source chat|api|console); returns its id."""
    return default_store().record_check(source, applicant_type, verdict, sender_id)


def create_handoff(
    sender_id: str,
    company: str,
    contact_person: str,
    phone: str | None,
    email: str | None,
    district: str,
    last_verdict: dict | None,
    consent: bool = True,
) -> int:
    """Open a hand-off request (status ``new``) for ``sender_id``; returns its id."""
    return default_store().create_handoff(sender_id, company, contact_person, phone, email, district, last_verdict, consent)


def open_handoff_for(sender_id: str) -> HandoffRequest | None:
    """The newest hand-off request of ``sender_id`` with status new or in_progress, else None."""
    return default_store().open_handoff_for(sender_id)


def add_message(sender_id: str, role: str, text: str, payload: dict | None = None, staff_user: str | None = None) -> int:
    """Append a message (role user|bot|staff|system) to ``sender_id``'s conversation; returns its id."""
    return default_store().add_message(sender_id, role, text, payload, staff_user)


def messages_for(sender_id: str, after_id: int = 0) -> list[dict[str, Any]]:
    """``sender_id``'s messages after ``after_id``, oldest first: dicts with id, role, text, payload, staff_user, created_at."""
    return default_store().messages_for(sender_id, after_id)

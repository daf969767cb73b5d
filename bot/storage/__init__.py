"""Storage for the assistant: SQLAlchemy models and the ``Store`` the action server and web server call.

``default_store()`` is the process-wide store on ``LIANGYE_DATABASE_URL`` (SQLite in ``var/`` by default); every
``Store`` migrates its database to the newest schema revision first (Alembic, see ``migrate.py``). Code that needs another database uses ``Store(get_engine(url))``.
"""

from __future__ import annotations

from .models import ChatMessage, ConsoleSession, EligibilityCheck, HandoffRequest
from .store import HandoffClosedError, Store, default_store, get_engine, message_dict, session_scope, upgrade_db

__all__ = [
    "ChatMessage",
    "ConsoleSession",
    "EligibilityCheck",
    "HandoffClosedError",
    "HandoffRequest",
    "Store",
    "default_store",
    "get_engine",
    "message_dict",
    "session_scope",
    "upgrade_db",
]

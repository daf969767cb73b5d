"""Engines, sessions and the operations the action server, the web server and the console need."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, func, select, tuple_
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from . import migrate
from .models import (
    HANDOFF_STATUSES,
    OPEN_STATUSES,
    ROLES,
    SOURCES,
    ChatMessage,
    ConsoleSession,
    EligibilityCheck,
    HandoffRequest,
    LoginFailure,
    utcnow,
)

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()
MAX_MESSAGE_CHARS = 20_000


class HandoffClosedError(ValueError):
    """The hand-off request is closed and takes no more replies."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """The (cached) engine for ``url``; default ``LIANGYE_DATABASE_URL`` or ``sqlite:///<repo>/var/liangye.db``."""
    if url is None:
        url = os.environ.get("LIANGYE_DATABASE_URL", "").strip()
        if not url:
            from bot.settings import default_database_url

            url = default_database_url()
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            parsed = make_url(url)
            if parsed.get_backend_name() == "sqlite":
                if parsed.database and parsed.database != ":memory:":
                    Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, future=True, connect_args={"timeout": 30})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, future=True, pool_pre_ping=True)
            _engines[url] = engine
        return engine


def upgrade_db(engine: Engine | None = None) -> None:
    """Migrate the schema to the newest revision (see bot/storage/migrate.py)."""
    migrate.upgrade(engine or get_engine())


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error; loaded objects stay usable afterwards."""
    session = Session(engine or get_engine(), future=True, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _required(name: str, value: str | None, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValueError(f"{name} is required")
    if len(text) > limit:
        raise ValueError(f"{name} is longer than {limit} characters")
    return text


def _optional(name: str, value: str | None, limit: int) -> str | None:
    text = (value or "").strip()
    return _required(name, text, limit) if text else None


def _chat_message(
    sender_id: str, role: str, text: str, payload: dict | None = None, staff_user: str | None = None
) -> ChatMessage:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    return ChatMessage(
        sender_id=_required("sender_id", sender_id, 64),
        role=role,
        text=(text or "")[:MAX_MESSAGE_CHARS],
        payload=payload,
        staff_user=staff_user,
    )


def _open_handoff(session: Session, sender_id: str) -> HandoffRequest | None:
    query = (
        select(HandoffRequest)
        .where(HandoffRequest.sender_id == sender_id, HandoffRequest.status.in_(OPEN_STATUSES))
        .order_by(HandoffRequest.id.desc())
        .limit(1)
    )
    return session.execute(query).scalars().first()


def _last_message_query(sender_id: str) -> Select:
    return select(ChatMessage).where(ChatMessage.sender_id == sender_id).order_by(ChatMessage.id.desc()).limit(1)


def message_dict(message: ChatMessage) -> dict[str, Any]:
    """The JSON form of a chat message for the page and the console."""
    return {
        "id": message.id,
        "role": message.role,
        "text": message.text,
        "payload": message.payload,
        "staff_user": message.staff_user,
        "created_at": message.created_at.isoformat(),
    }


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Store:
    """All database operations, bound to one engine."""

    def __init__(self, engine: Engine | None = None, *, upgrade: bool = True):
        self.engine = engine or get_engine()
        if upgrade:
            upgrade_db(self.engine)

    def session(self):
        return session_scope(self.engine)

    # --- eligibility checks -------------------------------------------------------------------------

    def record_check(self, source: str, applicant_type: str, verdict: dict, sender_id: str | None = None) -> int:
        """Store one check (``verdict`` is ``Verdict.to_dict()``); returns its id."""
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}")
        row = EligibilityCheck(
            source=source,
            sender_id=sender_id,
            applicant_type=applicant_type,
            verdict=verdict["verdict"],
            rules_version=verdict.get("rules_version", ""),
            facts=verdict.get("facts") or {},
            result=verdict,
        )
        with self.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def check_stats(self, source: str | None = None) -> list[tuple[str, str, int]]:
        """``(applicant_type, verdict, count)`` for the stored checks, optionally of one source."""
        query = select(EligibilityCheck.applicant_type, EligibilityCheck.verdict, func.count()).group_by(
            EligibilityCheck.applicant_type, EligibilityCheck.verdict
        )
        if source:
            query = query.where(EligibilityCheck.source == source)
        with self.session() as session:
            return [(a, v, int(n)) for a, v, n in session.execute(query)]

    def check_rows(self) -> list[dict[str, Any]]:
        """All stored checks, oldest first, as flat rows for the CSV export."""
        with self.session() as session:
            rows = session.execute(select(EligibilityCheck).order_by(EligibilityCheck.id)).scalars()
            return [
                {
                    "id": r.id,
                    "created_at": r.created_at.isoformat(),
                    "source": r.source,
                    "applicant_type": r.applicant_type,
                    "verdict": r.verdict,
                    "rules_version": r.rules_version,
                    "facts": r.facts,
                }
                for r in rows
            ]

    # --- hand-off requests --------------------------------------------------------------------------

    def create_handoff(
        self,
        sender_id: str,
        company: str,
        contact_person: str,
        phone: str | None,
        email: str | None,
        district: str,
        last_verdict: dict | None,
        consent: bool = True,
    ) -> int:
        """Open a hand-off request for ``sender_id``; returns its id."""
        row = HandoffRequest(
            sender_id=_required("sender_id", sender_id, 64),
            status="new",
            company=_required("company", company, 200),
            contact_person=_required("contact_person", contact_person, 100),
            phone=_optional("phone", phone, 50),
            email=_optional("email", email, 200),
            district=_required("district", district, 50),
            consent=bool(consent),
            last_verdict=last_verdict,
        )
        with self.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def open_handoff_for(self, sender_id: str) -> HandoffRequest | None:
        """The newest hand-off request of ``sender_id`` that is new or in progress."""
        with self.session() as session:
            return _open_handoff(session, sender_id)

    def get_handoff(self, request_id: int) -> HandoffRequest | None:
        with self.session() as session:
            return session.get(HandoffRequest, request_id)

    def list_handoffs(self, status: str | None = None, district: str | None = None, limit: int = 500) -> list[HandoffRequest]:
        """Hand-off requests, newest first, optionally filtered by status and district."""
        query = select(HandoffRequest).order_by(HandoffRequest.id.desc()).limit(limit)
        if status:
            query = query.where(HandoffRequest.status == status)
        if district:
            query = query.where(HandoffRequest.district == district)
        with self.session() as session:
            return list(session.execute(query).scalars())

    def handoff_districts(self) -> list[str]:
        """The districts that appear in hand-off requests, sorted."""
        with self.session() as session:
            return sorted(session.execute(select(HandoffRequest.district).distinct()).scalars())

    def handoff_counts(self) -> dict[str, int]:
        """Number of hand-off requests per status (every status present, zero if none)."""
        counts = dict.fromkeys(HANDOFF_STATUSES, 0)
        with self.session() as session:
            for status, n in session.execute(select(HandoffRequest.status, func.count()).group_by(HandoffRequest.status)):
                counts[status] = int(n)
        return counts

    def reply_to_handoff(self, request_id: int, staff_user: str, text: str) -> int:
        """Store a staff reply in the user's chat, mark the request in progress; returns the message id."""
        text = _required("text", text, MAX_MESSAGE_CHARS)
        with self.session() as session:
            request = session.get(HandoffRequest, request_id, with_for_update=True)
            if request is None:
                raise LookupError(request_id)
            if request.status == "closed":
                raise HandoffClosedError(request_id)
            now = utcnow()
            request.status = "in_progress"
            request.assigned_to = staff_user
            if request.answered_at is None:
                request.answered_at = now
            message = ChatMessage(sender_id=request.sender_id, role="staff", text=text, staff_user=staff_user, created_at=now)
            session.add(message)
            session.flush()
            return message.id

    def close_handoff(self, request_id: int, staff_user: str | None, note: str | None = None) -> int | None:
        """Close a request (``staff_user`` None: the user withdrew it); ``note`` goes to the user's chat as a
        system message, whose id is returned."""
        with self.session() as session:
            request = session.get(HandoffRequest, request_id, with_for_update=True)
            if request is None:
                raise LookupError(request_id)
            if request.status == "closed":
                return None
            request.status = "closed"
            request.closed_at = utcnow()
            request.assigned_to = request.assigned_to or staff_user
            if not note:
                return None
            message = ChatMessage(sender_id=request.sender_id, role="system", text=note, staff_user=staff_user)
            session.add(message)
            session.flush()
            return message.id

    # --- chat log -----------------------------------------------------------------------------------

    def add_message(
        self, sender_id: str, role: str, text: str, payload: dict | None = None, staff_user: str | None = None
    ) -> int:
        """Append one message to ``sender_id``'s conversation; returns its id."""
        message = _chat_message(sender_id, role, text, payload, staff_user)
        with self.session() as session:
            session.add(message)
            session.flush()
            return message.id

    def receive_message(self, sender_id: str, text: str, payload: dict | None = None) -> tuple[HandoffRequest | None, int]:
        """Log a user's message in one transaction; returns ``sender_id``'s open hand-off request (or None) and the
        message's id. Outside a hand-off, a message equal to the latest entry is one the assistant left unanswered
        and the user sent again: it keeps that entry, so its answer follows it once."""
        message = _chat_message(sender_id, "user", text, payload)
        with self.session() as session:
            handoff = _open_handoff(session, sender_id)
            if handoff is None:
                last = session.execute(_last_message_query(sender_id)).scalar_one_or_none()
                if last is not None and (last.role, last.text, last.payload) == ("user", message.text, payload):
                    return None, last.id
            session.add(message)
            session.flush()
            return handoff, message.id

    def add_replies(self, sender_id: str, replies: Sequence[tuple[str, dict | None]]) -> tuple[list[int], HandoffRequest | None]:
        """Log the assistant's replies ``(text, payload)`` in one transaction; returns their ids and ``sender_id``'s
        open hand-off request (a reply may just have opened one), or None."""
        messages = [_chat_message(sender_id, "bot", text, payload) for text, payload in replies]
        with self.session() as session:
            session.add_all(messages)
            session.flush()
            return [m.id for m in messages], _open_handoff(session, sender_id)

    def messages_for(self, sender_id: str, after_id: int = 0) -> list[dict[str, Any]]:
        """``sender_id``'s messages with id greater than ``after_id``, oldest first, as dicts (see message_dict)."""
        query = select(ChatMessage).where(ChatMessage.sender_id == sender_id, ChatMessage.id > after_id).order_by(ChatMessage.id)
        with self.session() as session:
            return [message_dict(m) for m in session.execute(query).scalars()]

    # --- console sessions ---------------------------------------------------------------------------

    def create_console_session(self, username: str, ttl: timedelta, now: datetime | None = None) -> str:
        """Start a console session; returns the secret token for the cookie."""
        now = now or utcnow()
        token = secrets.token_urlsafe(32)
        with self.session() as session:
            session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at < now))
            session.add(ConsoleSession(token_hash=_token_hash(token), username=username, created_at=now, expires_at=now + ttl))
        return token

    def console_session_user(self, token: str, ttl: timedelta, now: datetime | None = None, extend: bool = True) -> str | None:
        """The user of a live session (extended to ``now + ttl`` when ``extend``), or None if unknown or expired."""
        now = now or utcnow()
        with self.session() as session:
            row = session.get(ConsoleSession, _token_hash(token))
            if row is None:
                return None
            if row.expires_at <= now:
                session.delete(row)
                return None
            if extend:
                row.expires_at = now + ttl
            return row.username

    def end_console_session(self, token: str) -> None:
        with self.session() as session:
            session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _token_hash(token)))

    # --- failed console logins ----------------------------------------------------------------------

    def login_failures(self, username: str, client: str, since: datetime) -> tuple[int, datetime] | None:
        """``(failures, time of the last)`` of ``username`` from ``client``, or None when none since ``since``."""
        with self.session() as session:
            row = session.get(LoginFailure, (username, client))
            if row is None or row.last_failure_at < since:
                return None
            return row.failures, row.last_failure_at

    def record_login_failure(self, username: str, client: str, now: datetime, forget_before: datetime, max_rows: int) -> int:
        """Count one more failure of ``username`` from ``client`` and return the count (it restarts at 1 when the
        last failure was before ``forget_before``). Rows idle since before ``forget_before`` are deleted; beyond
        ``max_rows``, those with the fewest failures (then the oldest) go, so a flood of new names cannot push a
        counted row out."""
        try:
            return self._record_login_failure(username, client, now, forget_before, max_rows)
        except IntegrityError:  # another process added the same row first: count on it
            return self._record_login_failure(username, client, now, forget_before, max_rows)

    def _record_login_failure(self, username: str, client: str, now: datetime, forget_before: datetime, max_rows: int) -> int:
        with self.session() as session:
            session.execute(delete(LoginFailure).where(LoginFailure.last_failure_at < forget_before))
            row = session.get(LoginFailure, (username, client), with_for_update=True)
            if row is None:
                row = LoginFailure(username=username, client=client, failures=0)
                session.add(row)
            row.failures += 1
            row.last_failure_at = now
            session.flush()
            failures = row.failures
            excess = session.scalar(select(func.count()).select_from(LoginFailure)) - max_rows
            if excess > 0:
                doomed = (
                    select(LoginFailure.username, LoginFailure.client)
                    .order_by(LoginFailure.failures, LoginFailure.last_failure_at)
                    .limit(excess)
                )
                key = tuple_(LoginFailure.username, LoginFailure.client)
                session.execute(delete(LoginFailure).where(key.in_(doomed)).execution_options(synchronize_session=False))
            return failures

    def clear_login_failures(self, username: str, client: str) -> None:
        with self.session() as session:
            session.execute(delete(LoginFailure).where(LoginFailure.username == username, LoginFailure.client == client))


_default_store: Store | None = None
_default_lock = threading.Lock()


def default_store() -> Store:
    """The process-wide store on ``get_engine()``; upgrades the schema on first use."""
    global _default_store
    with _default_lock:
        if _default_store is None:
            _default_store = Store(get_engine())
        return _default_store

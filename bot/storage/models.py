"""SQLAlchemy models: eligibility checks, hand-off requests, the chat log, console sessions and failed logins."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, Column, DateTime, Index, Integer, String, Text, TypeDecorator
from sqlalchemy.orm import declarative_base

Base = declarative_base()

SOURCES = ("chat", "api", "console")
HANDOFF_STATUSES = ("new", "in_progress", "closed")
OPEN_STATUSES = ("new", "in_progress")
ROLES = ("user", "bot", "staff", "system")


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC on every backend and reads back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class EligibilityCheck(Base):
    """One eligibility check: the verdict and the (business, non-personal) facts it was based on."""

    __tablename__ = "eligibility_checks"

    id = Column(Integer, primary_key=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    source = Column(String(16), nullable=False)  # chat | api | console
    sender_id = Column(String(64), nullable=True)
    applicant_type = Column(String(32), nullable=False)
    verdict = Column(String(32), nullable=False)
    rules_version = Column(String(64), nullable=False)
    facts = Column(JSON, nullable=False, default=dict)
    result = Column(JSON, nullable=False)


class HandoffRequest(Base):
    """A request to talk to the helpdesk, with the contact details the user agreed to give."""

    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    sender_id = Column(String(64), nullable=False, index=True)
    status = Column(String(16), nullable=False, default="new", index=True)  # new | in_progress | closed
    company = Column(String(200), nullable=False)
    contact_person = Column(String(100), nullable=False)
    phone = Column(String(50), nullable=True)
    email = Column(String(200), nullable=True)
    district = Column(String(50), nullable=False, index=True)
    consent = Column(Boolean, nullable=False, default=True)
    last_verdict = Column(JSON, nullable=True)
    assigned_to = Column(String(64), nullable=True)
    answered_at = Column(UTCDateTime, nullable=True)
    closed_at = Column(UTCDateTime, nullable=True)


class ChatMessage(Base):
    """One message in a conversation: from the user, the bot, a staff member, or the system."""

    __tablename__ = "chat_messages"
    __table_args__ = (Index("ix_chat_messages_sender_id_id", "sender_id", "id"),)

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    role = Column(String(16), nullable=False)  # user | bot | staff | system
    text = Column(Text, nullable=False, default="")
    payload = Column(JSON, nullable=True)  # {"buttons": [...], "custom": {...}} or {"sent": "<payload>"}
    staff_user = Column(String(64), nullable=True)


class ConsoleSession(Base):
    """A logged-in helpdesk session; only the SHA-256 of the cookie token is stored."""

    __tablename__ = "console_sessions"

    token_hash = Column(String(64), primary_key=True)
    username = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False, index=True)


class LoginFailure(Base):
    """Consecutive failed console logins of one user name from one client address (for the growing delay)."""

    __tablename__ = "login_failures"

    username = Column(String(32), primary_key=True)  # as typed, lower-cased
    client = Column(String(64), primary_key=True)  # an IPv4 address or an IPv6 /64
    failures = Column(Integer, nullable=False)
    last_failure_at = Column(UTCDateTime, nullable=False, index=True)

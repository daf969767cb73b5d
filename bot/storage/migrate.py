"""Schema migrations of the application database (Alembic, ``bot/storage/migrations``), run at start.

``Store`` calls ``upgrade`` on its engine, so the web server (``make run``, compose ``web``) and the action server
bring the schema to the newest revision before their first query. A database made by ``create_all`` before
migrations existed (the tables of revision 0001 and no ``alembic_version``) is stamped 0001 first.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
INITIAL_REVISION = "0001"
INITIAL_TABLES = frozenset({"eligibility_checks", "handoff_requests", "chat_messages", "console_sessions"})
_PG_LOCK_KEY = 7_301_926  # pg_advisory_xact_lock: one upgrade at a time across processes


def alembic_config(connection: Connection) -> Config:
    """An Alembic configuration that runs on ``connection`` (see migrations/env.py)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, in one transaction where the database allows it (PostgreSQL)."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        config = alembic_config(connection)
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables and tables >= INITIAL_TABLES:
            command.stamp(config, INITIAL_REVISION)
        command.upgrade(config, revision)

"""Alembic migrations: the models and the migrations agree, and upgrading keeps every row (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, inspect, select
from sqlalchemy.engine import Engine

from bot.storage import Store
from bot.storage.migrate import INITIAL_TABLES, alembic_config, upgrade
from bot.storage.models import Base

ROWS = {
    "eligibility_checks": [
        {
            "created_at": datetime(2026, 1, 2, 3, 4, 5),
            "source": "chat",
            "sender_id": "web-1",
            "applicant_type": "park",
            "verdict": "eligible",
            "rules_version": "2023-7号/1.0.0",
            "facts": {"annual_revenue": 1.2e10, "名称": "园区"},
            "result": {"verdict": "eligible", "criteria": [1, "二", None]},
        }
    ],
    "handoff_requests": [
        {
            "created_at": datetime(2026, 1, 2, 3, 5, 0),
            "sender_id": "web-1",
            "status": "in_progress",
            "company": "某某科技有限公司",
            "contact_person": "张三",
            "phone": "010-12345678",
            "email": None,
            "district": "海淀区",
            "consent": True,
            "last_verdict": {"verdict": "eligible"},
            "assigned_to": "alice",
            "answered_at": datetime(2026, 1, 2, 4, 0, 0),
            "closed_at": None,
        }
    ],
    "chat_messages": [
        {
            "sender_id": "web-1",
            "created_at": datetime(2026, 1, 2, 3, 4, 0),
            "role": "user",
            "text": "你好",
            "payload": None,
            "staff_user": None,
        },
        {
            "sender_id": "web-1",
            "created_at": datetime(2026, 1, 2, 3, 4, 1),
            "role": "bot",
            "text": "您好！",
            "payload": {"buttons": [{"title": "资格自查", "payload": "/check"}]},
            "staff_user": None,
        },
    ],
    "console_sessions": [
        {
            "token_hash": "a" * 64,
            "username": "alice",
            "created_at": datetime(2026, 1, 2, 3, 0, 0),
            "expires_at": datetime(2999, 1, 1, 0, 0, 0),
        }
    ],
}


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def fill(engine: Engine) -> MetaData:
    """Insert ROWS through the tables as they are in the database (not as the models say)."""
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        for name, rows in ROWS.items():
            conn.execute(meta.tables[name].insert(), rows)
    return meta


def read_all(engine: Engine, meta: MetaData) -> dict[str, list[dict]]:
    with engine.connect() as conn:
        return {
            name: [dict(r) for r in conn.execute(select(meta.tables[name]).order_by(*meta.tables[name].primary_key)).mappings()]
            for name in ROWS
        }


def test_models_and_migrations_agree(empty_engine: Engine):
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrading_from_the_first_migration_keeps_every_row(empty_engine: Engine):
    upgrade(empty_engine, "0001")
    assert tables(empty_engine) == INITIAL_TABLES | {"alembic_version"}
    meta = fill(empty_engine)
    before = read_all(empty_engine, meta)
    store = Store(empty_engine)  # upgrades to head
    assert read_all(empty_engine, meta) == before
    assert tables(empty_engine) >= set(Base.metadata.tables)
    [old] = before["handoff_requests"]
    assert store.get_handoff(old["id"]).company == "某某科技有限公司"
    assert [m["text"] for m in store.messages_for("web-1")] == ["你好", "您好！"]
    assert store.check_rows()[0]["facts"]["名称"] == "园区"
    new_id = store.create_handoff("web-2", "乙公司", "李四", None, "l@example.com", "朝阳区", None)
    assert new_id != old["id"] and store.get_handoff(new_id).company == "乙公司"


def test_a_database_made_before_migrations_is_stamped_then_upgraded(empty_engine: Engine):
    Base.metadata.create_all(empty_engine, tables=[Base.metadata.tables[name] for name in INITIAL_TABLES])
    meta = fill(empty_engine)
    before = read_all(empty_engine, meta)
    Store(empty_engine)
    assert read_all(empty_engine, meta) == before
    assert tables(empty_engine) >= set(Base.metadata.tables)
    with empty_engine.connect() as conn:
        head = ScriptDirectory.from_config(alembic_config(conn)).get_current_head()
        assert MigrationContext.configure(conn).get_current_revision() == head


def test_a_second_start_changes_nothing(empty_engine: Engine):
    Store(empty_engine)
    meta = fill(empty_engine)
    before = read_all(empty_engine, meta)
    Store(empty_engine)
    assert read_all(empty_engine, meta) == before

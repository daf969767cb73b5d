"""Storage operations, run on SQLite and on PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

import bot.storage as storage
from bot.storage import HandoffClosedError, Store
from bot.storage.models import LoginFailure, utcnow
from liangye_rules.cli import check

PARK = {"applicant_type": "park", "annual_revenue": "120亿元", "advanced_manufacturing_share": "35%"}


def test_record_check_stores_verdict_facts_and_version(store: Store):
    verdict = check(PARK)
    check_id = store.record_check("api", "park", verdict)
    assert check_id > 0
    rows = store.check_rows()
    assert len(rows) == 1
    row = rows[0]
    assert row["source"] == "api"
    assert row["verdict"] == "insufficient_information"
    assert row["rules_version"] == verdict["rules_version"]
    assert row["facts"]["annual_revenue"] == 12_000_000_000.0
    assert row["created_at"].endswith("+00:00")


def test_record_check_rejects_unknown_source(store: Store):
    with pytest.raises(ValueError):
        store.record_check("email", "park", check(PARK))


def test_check_stats_counts_per_type_and_verdict(store: Store):
    store.record_check("api", "park", check(PARK))
    store.record_check("chat", "park", check(PARK), sender_id="abc")
    store.record_check("chat", "growth_enterprise", check({"applicant_type": "growth_enterprise", "key_field": "none"}))
    assert sorted(store.check_stats()) == [("growth_enterprise", "not_eligible", 1), ("park", "insufficient_information", 2)]
    assert sorted(store.check_stats(source="api")) == [("park", "insufficient_information", 1)]


def test_handoff_lifecycle(store: Store):
    verdict = check(PARK)
    request_id = store.create_handoff("user-1", "某某科技有限公司", "张三", "010-12345678", None, "海淀区", verdict)
    opened = store.open_handoff_for("user-1")
    assert opened is not None and opened.id == request_id
    assert opened.status == "new" and opened.consent is True
    assert opened.last_verdict["verdict"] == verdict["verdict"]
    assert store.open_handoff_for("someone-else") is None

    message_id = store.reply_to_handoff(request_id, "alice", "您好，我是工作人员。")
    request = store.get_handoff(request_id)
    assert request.status == "in_progress" and request.assigned_to == "alice"
    assert request.answered_at is not None and request.answered_at.tzinfo is not None
    staff = store.messages_for("user-1")
    assert [(m["id"], m["role"], m["staff_user"]) for m in staff] == [(message_id, "staff", "alice")]

    store.close_handoff(request_id, "alice", note="工作人员已结束本次人工服务。")
    request = store.get_handoff(request_id)
    assert request.status == "closed" and request.closed_at is not None
    assert store.open_handoff_for("user-1") is None
    assert store.messages_for("user-1", after_id=message_id)[0]["role"] == "system"
    with pytest.raises(HandoffClosedError):
        store.reply_to_handoff(request_id, "alice", "还在吗？")
    with pytest.raises(LookupError):
        store.reply_to_handoff(9999, "alice", "hi")


def test_handoff_requires_contact_fields(store: Store):
    with pytest.raises(ValueError):
        store.create_handoff("user-1", " ", "张三", None, None, "海淀区", None)
    with pytest.raises(ValueError):
        store.create_handoff("user-1", "公司", "张三", "1" * 51, None, "海淀区", None)


def test_list_filter_and_counts(store: Store):
    a = store.create_handoff("u1", "甲公司", "张三", "13800000000", None, "海淀区", None)
    store.create_handoff("u2", "乙公司", "李四", None, "li@example.com", "朝阳区", None, consent=True)
    store.create_handoff("u3", "丙公司", "王五", None, None, "海淀区", None)
    store.reply_to_handoff(a, "bob", "收到")
    assert [r.company for r in store.list_handoffs()] == ["丙公司", "乙公司", "甲公司"]
    assert [r.company for r in store.list_handoffs(district="海淀区")] == ["丙公司", "甲公司"]
    assert [r.company for r in store.list_handoffs(status="in_progress")] == ["甲公司"]
    assert [r.company for r in store.list_handoffs(status="new", district="海淀区")] == ["丙公司"]
    assert store.handoff_districts() == sorted(["朝阳区", "海淀区"])
    assert store.handoff_counts() == {"new": 2, "in_progress": 1, "closed": 0}


def test_messages_keep_order_payload_and_after_id(store: Store):
    first = store.add_message("s1", "user", "你好")
    payload = {
        "buttons": [{"title": "资格自查", "payload": "/check"}],
        "custom": {"type": "verdict", "verdict": {"a": [1, "二"]}},
    }
    second = store.add_message("s1", "bot", "您好！", payload)
    store.add_message("s2", "user", "别人的消息")
    messages = store.messages_for("s1")
    assert [m["id"] for m in messages] == [first, second]
    assert messages[1]["payload"] == payload
    assert store.messages_for("s1", after_id=first) == messages[1:]
    assert store.messages_for("s1", after_id=second) == []
    with pytest.raises(ValueError):
        store.add_message("s1", "admin", "x")


def test_received_message_is_logged_once_when_sent_again_unanswered(store: Store):
    handoff, first = store.receive_message("s1", "我们园区营收120亿")
    assert handoff is None
    assert store.receive_message("s1", "我们园区营收120亿") == (None, first)  # resent after no answer: one entry
    ids, handoff = store.add_replies(
        "s1", [("已记录", None), ("请问先进制造业占比？", {"buttons": [{"title": "不清楚", "payload": "x"}]})]
    )
    assert handoff is None
    _, again = store.receive_message("s1", "我们园区营收120亿")  # answered before: a new entry
    assert [m["id"] for m in store.messages_for("s1")] == [first, *ids, again]
    assert [m["role"] for m in store.messages_for("s1")] == ["user", "bot", "bot", "user"]
    assert store.messages_for("s1")[2]["payload"]["buttons"][0]["title"] == "不清楚"


def test_received_message_during_a_handoff_is_always_logged(store: Store):
    request_id = store.create_handoff("s2", "某公司", "张三", "010-12345678", None, "海淀区", check(PARK))
    handoff, first = store.receive_message("s2", "在吗")
    assert handoff.id == request_id
    handoff, second = store.receive_message("s2", "在吗")
    assert handoff.id == request_id and second != first


def test_replies_report_a_handoff_they_opened(store: Store):
    store.receive_message("s3", "转人工")
    request_id = store.create_handoff("s3", "某公司", "张三", "010-12345678", None, "海淀区", check(PARK))
    ids, handoff = store.add_replies("s3", [("已为您转接工作人员", None)])
    assert len(ids) == 1 and handoff.id == request_id


def test_console_sessions_expire(store: Store):
    ttl = timedelta(minutes=60)
    now = utcnow()
    token = store.create_console_session("alice", ttl, now=now)
    assert store.console_session_user(token, ttl, now=now + timedelta(minutes=59)) == "alice"
    # activity extends the session
    assert store.console_session_user(token, ttl, now=now + timedelta(minutes=118)) == "alice"
    assert store.console_session_user(token, ttl, now=now + timedelta(minutes=179)) is None
    assert store.console_session_user(token, ttl, now=now + timedelta(minutes=1)) is None  # deleted when found expired
    token = store.create_console_session("alice", ttl)
    store.end_console_session(token)
    assert store.console_session_user(token, ttl) is None
    assert store.console_session_user("forged", ttl) is None


def test_the_default_store_uses_the_configured_database(tmp_path, monkeypatch):
    monkeypatch.setenv("LIANGYE_DATABASE_URL", f"sqlite:///{tmp_path / 'nested' / 'default.db'}")
    monkeypatch.setattr(storage.store, "_default_store", None)
    default = storage.default_store()
    check_id = default.record_check("chat", "park", check(PARK), sender_id="s9")
    request_id = default.create_handoff("s9", "公司", "联系人", None, "a@b.cn", "东城区", None)
    assert storage.default_store().open_handoff_for("s9").id == request_id
    message_id = default.add_message("s9", "user", "你好")
    assert [m["id"] for m in default.messages_for("s9")] == [message_id]
    assert check_id == 1
    assert (tmp_path / "nested" / "default.db").exists()
    monkeypatch.setattr(storage.store, "_default_store", None)


def login_failure_rows(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(LoginFailure))


def test_login_failures_count_per_name_and_address_and_clear(store: Store):
    now = utcnow()
    forget = now - timedelta(hours=24)
    assert [store.record_login_failure("alice", "203.0.113.5", now, forget, 100) for _ in range(3)] == [1, 2, 3]
    assert store.record_login_failure("alice", "198.51.100.7", now, forget, 100) == 1
    assert store.login_failures("alice", "203.0.113.5", forget) == (3, now)
    store.clear_login_failures("alice", "203.0.113.5")
    assert store.login_failures("alice", "203.0.113.5", forget) is None
    assert store.login_failures("alice", "198.51.100.7", forget) == (1, now)


def test_login_failures_are_forgotten_after_a_quiet_day(store: Store):
    start = utcnow()
    store.record_login_failure("alice", "203.0.113.5", start, start - timedelta(hours=24), 100)
    later = start + timedelta(hours=25)
    assert store.login_failures("alice", "203.0.113.5", later - timedelta(hours=24)) is None
    store.record_login_failure("bob", "198.51.100.7", later, later - timedelta(hours=24), 100)
    assert login_failure_rows(store) == 1  # alice's old row was purged
    assert store.record_login_failure("alice", "203.0.113.5", later, later - timedelta(hours=24), 100) == 1


def test_login_failures_stay_bounded_and_a_flood_keeps_the_counted(store: Store):
    now = utcnow()
    forget = now - timedelta(hours=24)
    for _ in range(9):
        store.record_login_failure("helpdesk", "203.0.113.5", now, forget, 200)
    for n in range(2000):
        store.record_login_failure(f"name{n}", "203.0.113.5", now + timedelta(seconds=n), forget, 200)
    assert login_failure_rows(store) == 200
    assert store.login_failures("helpdesk", "203.0.113.5", forget) == (9, now)


def test_concurrent_failures_of_one_pair_are_all_counted(store: Store):
    now = utcnow()
    with ThreadPoolExecutor(8) as pool:
        counts = list(
            pool.map(lambda _: store.record_login_failure("alice", "203.0.113.5", now, now - timedelta(hours=1), 100), range(8))
        )
    assert sorted(counts) == list(range(1, 9))

"""action_submit_handoff validates every field again: forged slots create no hand-off request and get a polite answer."""

from __future__ import annotations

import pytest

from bot import storage
from bot.actions.handoff import ActionSubmitHandoff, ValidateHandoffForm
from tests.bot.bot_harness import make_tracker, run_action, slot_updates, texts

GOOD = {
    "handoff_consent": True,
    "handoff_company": "北京某某科技有限公司",
    "handoff_person": "张伟",
    "handoff_contact": "13800138000",
    "handoff_district": "海淀区",
    "last_verdict": {"verdict": "eligible", "verdict_label": "符合申报条件", "criteria": []},
}


@pytest.fixture
def store(tmp_path, monkeypatch) -> storage.Store:
    monkeypatch.setenv("LIANGYE_DATABASE_URL", f"sqlite:///{tmp_path / 'handoff.db'}")
    monkeypatch.setattr(storage.store, "_default_store", None)
    return storage.default_store()


def submit(slots: dict) -> tuple[list[dict], str]:
    tracker = make_tracker("/affirm", "affirm", slots, active_loop=None)
    events, messages = run_action(ActionSubmitHandoff(), tracker)
    return events, texts(messages)


def test_valid_fields_are_stored(store):
    _, said = submit(GOOD)
    request = store.open_handoff_for("test-user")
    assert request is not None and "已为您提交转人工请求" in said and "海淀区" in said
    assert (request.company, request.contact_person, request.phone, request.district) == (
        "北京某某科技有限公司",
        "张伟",
        "13800138000",
        "海淀区",
    )
    assert request.last_verdict == GOOD["last_verdict"]


FORGED = [
    ({"handoff_district": "火星区"}, "所在区"),
    ({"handoff_district": "海淀"}, "所在区"),  # only the full names the rules define
    ({"handoff_district": ["海淀区"]}, "所在区"),
    ({"handoff_contact": "javascript:alert(1)"}, "联系方式"),
    ({"handoff_contact": "12345"}, "联系方式"),
    ({"handoff_contact": "2380013800"}, "联系方式"),
    ({"handoff_contact": 13800138000}, "联系方式"),
    ({"handoff_contact": "a@b.cn<script>"}, "联系方式"),
    ({"handoff_company": "<script>alert(1)</script>"}, "单位名称"),
    ({"handoff_company": "javascript:alert(1)"}, "单位名称"),
    ({"handoff_company": "某某&#60;公司"}, "单位名称"),
    ({"handoff_company": "某某\u202e公司"}, "单位名称"),
    ({"handoff_company": "某" * 101}, "单位名称"),
    ({"handoff_company": None}, "单位名称"),
    ({"handoff_person": "<img src=x onerror=alert(1)>"}, "联系人"),
    ({"handoff_person": {"name": "张伟"}}, "联系人"),
    ({"handoff_person": "张"}, "联系人"),
]


@pytest.mark.parametrize(("forged", "label"), FORGED, ids=[repr(f) for f, _ in FORGED])
def test_a_forged_field_creates_no_request_and_is_answered_politely(store, forged, label):
    events, said = submit({**GOOD, **forged})
    assert store.open_handoff_for("test-user") is None
    assert said.startswith("抱歉，转人工请求没有提交") and label in said and "重新填写" in said
    assert all(slot_updates(events)[s] is None for s in ("handoff_consent", "handoff_contact", "handoff_district"))
    assert {"event": "active_loop", "name": None} in [{k: e.get(k) for k in ("event", "name")} for e in events]


@pytest.mark.parametrize("consent", [None, False, "true", 1, "同意"])
def test_consent_not_given_creates_no_request(store, consent):
    _, said = submit({**GOOD, "handoff_consent": consent})
    assert store.open_handoff_for("test-user") is None
    assert "不转人工" in said


def test_a_forged_verdict_summary_is_not_stored(store):
    submit({**GOOD, "last_verdict": "<script>alert(1)</script>"})
    assert store.open_handoff_for("test-user").last_verdict is None


@pytest.mark.parametrize(
    ("requested", "text", "entities"),
    [
        ("handoff_company", "<b>某某公司</b>", []),
        ("handoff_person", "javascript:alert(1)", []),
        ("handoff_contact", "某某", [{"entity": "phone", "value": "javascript:alert(1)"}]),
        ("handoff_district", "火星区", [{"entity": "district", "value": "火星区"}]),
    ],
)
def test_the_form_refuses_the_same_values_when_they_are_given(requested, text, entities):
    slots = {**{k: v for k, v in GOOD.items() if k != requested and k != "last_verdict"}, "requested_slot": requested}
    events, messages = run_action(
        ValidateHandoffForm(), make_tracker(text, "give_contact", slots, active_loop="handoff_form", entities=entities)
    )
    assert requested not in slot_updates(events)
    assert "请" in texts(messages)

"""The JSON API: eligibility, subsidy, chat forwarding to (fake) Rasa, history and hand-off routing."""

from __future__ import annotations

import json

import pytest

from bot.storage import Store
from bot.web.chat import HANDOFF_NOTE, RASA_UNAVAILABLE, WITHDRAWN_NOTE
from tests.web.fake_rasa import OUTAGE

PARK = {"applicant_type": "park", "annual_revenue": "120亿元", "advanced_manufacturing_share": "35%"}


# --- /api/eligibility and /api/subsidy ------------------------------------------------------------------


async def test_eligibility_returns_verdict_and_stores_check(client, store: Store):
    response = await client.post("/api/eligibility", json=PARK)
    assert response.status == 200
    data = await response.json()
    assert data["verdict"] == "insufficient_information"
    assert data["verdict_label"] == "信息不足，暂无法判断"
    assert {c["id"] for c in data["criteria"]} >= {"park_revenue", "park_manufacturing_share"}
    rows = store.check_rows()
    assert [(r["source"], r["applicant_type"], r["verdict"]) for r in rows] == [("api", "park", "insufficient_information")]
    assert rows[0]["facts"]["annual_revenue"] == 12_000_000_000.0


async def test_eligibility_bad_json_is_400(client):
    response = await client.post("/api/eligibility", data=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status == 400
    assert await response.json() == {"error": "请求内容不是合法的 JSON。", "field": "input"}


async def test_eligibility_non_object_is_400(client):
    response = await client.post("/api/eligibility", json=[1, 2])
    assert response.status == 400
    assert (await response.json())["field"] == "input"


async def test_eligibility_unknown_field_is_400_with_field(client):
    response = await client.post("/api/eligibility", json={**PARK, "employees": 5})
    assert response.status == 400
    data = await response.json()
    assert data["field"] == "employees"
    assert "无法识别的字段" in data["error"]


async def test_eligibility_impossible_value_is_400_with_field(client, store: Store):
    response = await client.post("/api/eligibility", json={**PARK, "advanced_manufacturing_share": "150%"})
    assert response.status == 400
    data = await response.json()
    assert data["field"] == "advanced_manufacturing_share"
    assert "0% 到 100%" in data["error"]
    assert store.check_rows() == []


async def test_body_over_one_megabyte_is_413(client):
    body = json.dumps({"applicant_type": "park", "pad": "x" * 1_100_000})
    response = await client.post("/api/eligibility", data=body, headers={"Content-Type": "application/json"})
    assert response.status == 413
    assert "1 MB" in (await response.json())["error"]


async def test_subsidy_estimate_and_errors(client):
    response = await client.post("/api/subsidy", json={"project_type": "old_factory", "fixed_asset_investment": "2亿元"})
    assert response.status == 200
    data = await response.json()
    assert data["support_yuan"] == 50_000_000  # 30% of 2亿元 is 6000万元, capped at 5000万元
    assert data["article"] == "第十一条"

    bad = await client.post("/api/subsidy", json={"project_type": "castle", "fixed_asset_investment": "1亿元"})
    assert bad.status == 400 and (await bad.json())["field"] == "project_type"
    unknown = await client.post("/api/subsidy", json={"project_type": "platform", "fixed_asset_investment": 1, "colour": "red"})
    assert unknown.status == 400 and (await unknown.json())["field"] == "colour"
    flag = await client.post(
        "/api/subsidy", json={"project_type": "platform", "fixed_asset_investment": 1, "in_demonstration_park": "yes"}
    )
    assert flag.status == 400 and (await flag.json())["field"] == "in_demonstration_park"
    not_json = await client.post("/api/subsidy", data=b"\xff\xfe", headers={"Content-Type": "application/json"})
    assert not_json.status == 400


async def test_healthz_and_security_headers(client):
    response = await client.get("/healthz")
    assert response.status == 200
    page = await client.get("/")
    assert page.status == 200
    assert "两业融合" in await page.text()
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    static = await client.get("/static/chat.js")
    assert static.status == 200 and "Content-Security-Policy" in static.headers
    assert "innerHTML" not in await static.text()


async def test_unknown_api_path_is_chinese_json_404(client):
    response = await client.get("/api/nothing-here")
    assert response.status == 404
    assert (await response.json())["error"] == "没有找到该页面或接口。"
    wrong_method = await client.get("/api/eligibility")
    assert wrong_method.status == 405
    assert "error" in await wrong_method.json()


# --- /api/chat ------------------------------------------------------------------------------------------


async def test_chat_forwards_to_rasa_and_logs_both_sides(client, received, store: Store):
    response = await client.post("/api/chat", json={"sender": "web-abc", "message": "你好"})
    assert response.status == 200
    data = await response.json()
    assert received == [{"sender": "web-abc", "message": "你好"}]
    [reply] = data["messages"]
    assert reply["text"] == "您说的是：你好"
    assert reply["buttons"] == [{"title": "资格自查", "payload": "/check"}, {"title": "材料清单", "payload": "/materials"}]
    assert data["handoff"] is None
    log = store.messages_for("web-abc")
    assert [(m["role"], m["text"]) for m in log] == [("user", "你好"), ("bot", "您说的是：你好")]
    assert log[1]["payload"]["buttons"] == reply["buttons"]
    assert data["user_message_id"] == log[0]["id"] and reply["id"] == log[1]["id"]


async def test_chat_custom_payload_is_passed_and_logged(client, store: Store):
    response = await client.post("/api/chat", json={"sender": "web-1", "message": "/check", "display": "资格自查"})
    data = await response.json()
    custom = [m["custom"] for m in data["messages"] if "custom" in m]
    assert custom and custom[0]["type"] == "verdict"
    assert custom[0]["verdict"]["verdict_label"]
    log = store.messages_for("web-1")
    assert log[0]["text"] == "资格自查" and log[0]["payload"] == {"sent": "/check"}
    assert any((m["payload"] or {}).get("custom", {}).get("type") == "verdict" for m in log)


async def test_rasa_down_is_502_and_keeps_the_user_message(make_client, store: Store):
    client = await make_client(LIANGYE_RASA_URL="http://127.0.0.1:9")
    response = await client.post("/api/chat", json={"sender": "web-1", "message": "你好"})
    assert response.status == 502
    [logged] = store.messages_for("web-1")
    assert await response.json() == {"error": RASA_UNAVAILABLE, "user_message_id": logged["id"]}
    assert (logged["role"], logged["text"]) == ("user", "你好")


@pytest.mark.parametrize("outage", ["/empty", "/error", "/garbage", "/slow"])  # /slow outlasts the 1 s timeout
async def test_no_answer_is_502_and_the_retried_message_is_logged_once(client, fake_rasa, received, store: Store, outage):
    fake_rasa.app[OUTAGE].command = outage
    body = {"sender": "web-r", "message": "/check", "display": "资格自查"}
    for _ in range(2):  # the first try and one 重试 while Rasa still fails
        failed = await client.post("/api/chat", json=body)
        assert failed.status == 502
        assert (await failed.json())["error"] == "助手服务暂时不可用，请稍后重试。"
    [logged] = store.messages_for("web-r")
    assert (await failed.json())["user_message_id"] == logged["id"]
    fake_rasa.app[OUTAGE].command = ""
    answered = await client.post("/api/chat", json=body)
    assert answered.status == 200
    data = await answered.json()
    assert data["user_message_id"] == logged["id"] and data["messages"]
    log = store.messages_for("web-r")
    assert [(m["role"], m["text"]) for m in log[:2]] == [
        ("user", "资格自查"),
        ("bot", "好的，以下是根据您提供的信息得出的自查结果："),
    ]
    assert [m["role"] for m in log].count("user") == 1
    assert len(received) == 3


async def test_a_new_message_after_an_unanswered_one_is_logged_after_it(client, fake_rasa, store: Store):
    fake_rasa.app[OUTAGE].command = "/empty"
    assert (await client.post("/api/chat", json={"sender": "web-n", "message": "第一句"})).status == 502
    fake_rasa.app[OUTAGE].command = ""
    assert (await client.post("/api/chat", json={"sender": "web-n", "message": "第二句"})).status == 200
    assert (await client.post("/api/chat", json={"sender": "web-n", "message": "第二句"})).status == 200
    log = [(m["role"], m["text"]) for m in store.messages_for("web-n")]
    assert log == [
        ("user", "第一句"),
        ("user", "第二句"),
        ("bot", "您说的是：第二句"),
        ("user", "第二句"),
        ("bot", "您说的是：第二句"),
    ]


async def test_chat_validation(client, received):
    too_long = await client.post("/api/chat", json={"sender": "web-1", "message": "长" * 2001})
    assert too_long.status == 400
    data = await too_long.json()
    assert data["field"] == "message" and "2000" in data["error"]
    assert (await client.post("/api/chat", json={"sender": "web-1", "message": "长" * 2000})).status == 200
    empty = await client.post("/api/chat", json={"sender": "web-1", "message": "   "})
    assert empty.status == 400 and (await empty.json())["field"] == "message"
    for sender in ("", "a" * 65, "bad sender", "<script>", None, 5, "console-alice"):
        bad = await client.post("/api/chat", json={"sender": sender, "message": "hi"})
        assert bad.status == 400, sender
        assert (await bad.json())["field"] == "sender"
    assert (await client.post("/api/chat", data=b"nope")).status == 400
    assert len(received) == 1


async def test_history_and_updates(client, store: Store):
    await client.post("/api/chat", json={"sender": "web-h", "message": "第一句"})
    history = await (await client.get("/api/chat/history", params={"sender": "web-h"})).json()
    assert [(m["role"], m["text"]) for m in history["messages"]] == [("user", "第一句"), ("bot", "您说的是：第一句")]
    last = history["messages"][-1]["id"]
    empty = await (await client.get("/api/chat/updates", params={"sender": "web-h", "after": last})).json()
    assert empty["messages"] == []
    store.add_message("web-h", "staff", "工作人员的消息", staff_user="alice")
    updates = await (await client.get("/api/chat/updates", params={"sender": "web-h", "after": last})).json()
    assert [(m["role"], m["text"], m["staff_user"]) for m in updates["messages"]] == [("staff", "工作人员的消息", "alice")]
    assert (await client.get("/api/chat/updates", params={"sender": "web-h", "after": "x"})).status == 400
    assert (await client.get("/api/chat/history", params={"sender": "../etc"})).status == 400
    other = await (await client.get("/api/chat/history", params={"sender": "web-other"})).json()
    assert other == {"messages": [], "handoff": None}


async def test_open_handoff_routes_messages_to_helpdesk(client, received, store: Store):
    request_id = store.create_handoff("web-ho", "某公司", "张三", "010-1", None, "海淀区", None)
    response = await client.post("/api/chat", json={"sender": "web-ho", "message": "请问什么时候答复？"})
    assert response.status == 200
    data = await response.json()
    assert received == []  # not forwarded to Rasa
    assert data["messages"][0]["text"] == HANDOFF_NOTE
    assert data["handoff"] == {"request_id": request_id, "status": "new"}
    assert [m["role"] for m in store.messages_for("web-ho")] == ["user"]
    await client.post("/api/chat", json={"sender": "web-ho", "message": "请问什么时候答复？"})
    assert [m["role"] for m in store.messages_for("web-ho")] == ["user", "user"]  # staff see each message, even repeated

    store.reply_to_handoff(request_id, "alice", "您好，已收到。")
    again = await (
        await client.post("/api/chat", json={"sender": "web-ho", "message": "好的", "after": data["user_message_id"]})
    ).json()
    assert [m["text"] for m in again["messages"][1:]] == ["您好，已收到。"]
    assert again["handoff"]["status"] == "in_progress"

    store.close_handoff(request_id, "alice", note="已结束")
    after_close = await (await client.post("/api/chat", json={"sender": "web-ho", "message": "你好"})).json()
    assert received == [{"sender": "web-ho", "message": "你好"}]
    assert after_close["handoff"] is None


async def test_bot_opened_handoff_is_reported(client, store: Store):
    data = await (await client.post("/api/chat", json={"sender": "web-bot", "message": "转人工"})).json()
    assert data["messages"][-1]["custom"]["type"] == "handoff"
    request_id = data["messages"][-1]["custom"]["request_id"]
    assert data["handoff"] == {"request_id": request_id, "status": "new"}
    assert store.open_handoff_for("web-bot").id == request_id


async def test_the_user_can_withdraw_an_open_handoff_and_talk_to_the_assistant_again(client, received, store: Store):
    request_id = store.create_handoff("web-back", "某公司", "张三", "010-1", None, "海淀区", None)
    waiting = await (await client.post("/api/chat", json={"sender": "web-back", "message": "还在吗"})).json()
    assert "返回智能助手" in waiting["messages"][0]["text"]
    back = await (await client.post("/api/chat", json={"sender": "web-back", "message": "返回智能助手"})).json()
    assert back["handoff"] is None and back["messages"][0]["text"] == WITHDRAWN_NOTE
    assert received == []  # the command itself is not sent to Rasa
    assert store.get_handoff(request_id).status == "closed"
    assert store.get_handoff(request_id).assigned_to is None  # nobody on the staff closed it
    roles = [(m["role"], m["text"]) for m in store.messages_for("web-back")]
    assert roles[-1] == ("system", WITHDRAWN_NOTE)  # the console sees that the user withdrew
    await client.post("/api/chat", json={"sender": "web-back", "message": "怎么申报"})
    assert received == [{"sender": "web-back", "message": "怎么申报"}]


async def test_only_the_return_command_withdraws_a_handoff(client, received, store: Store):
    store.create_handoff("web-stay", "某公司", "张三", "010-1", None, "海淀区", None)
    for text in ["不用人工了吗？我还有问题", "助手", "返回智能助手的办法是什么"]:
        data = await (await client.post("/api/chat", json={"sender": "web-stay", "message": text})).json()
        assert data["handoff"] is not None, text
    for text in ["取消人工", "不用转人工了", "返回机器人"]:
        store.create_handoff("web-stay", "某公司", "张三", "010-1", None, "海淀区", None)
        data = await (await client.post("/api/chat", json={"sender": "web-stay", "message": text})).json()
        assert data["handoff"] is None, text
    assert received == []

"""The chat page and the console in headless Chromium, against the real web server and the fake Rasa."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import STAFF_PASSWORD, STAFF_USER, Live
from tests.web.fake_rasa import RECEIVED

pytestmark = pytest.mark.browser
DOCS = Path(__file__).resolve().parents[2] / "docs"


def send(page: Page, text: str) -> None:
    page.fill(".chat-input", text)
    page.keyboard.press("Enter")


def login(page: Page, live: Live, password: str = STAFF_PASSWORD) -> None:
    page.goto(f"{live.url}/helpdesk")
    expect(page).to_have_url(re.compile(r"/helpdesk/login"))
    page.fill("input[name=username]", STAFF_USER)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_chat_reply_buttons_and_materials(page: Page, live: Live):
    page.goto(live.url)
    expect(page.locator(".msg.welcome")).to_be_visible()
    send(page, "你好")
    expect(page.locator(".msg-user .bubble").last).to_have_text("你好")
    reply = page.locator(".msg-bot").nth(1)  # after the welcome message
    expect(reply.locator(".bubble")).to_have_text("您说的是：你好")
    expect(reply.locator(".quick-replies button")).to_have_text(["资格自查", "材料清单"])
    reply.get_by_role("button", name="材料清单").click()
    expect(page.locator(".msg-user .bubble").last).to_have_text("材料清单")  # the title, not the payload
    card = page.locator(".materials-card")
    expect(card).to_be_visible()
    expect(card.locator(".mc-progress")).to_have_text(re.compile(r"已准备 0 / \d+ 项"))
    card.locator("input[type=checkbox]").first.check()
    expect(card.locator(".mc-progress")).to_have_text(re.compile(r"已准备 1 / \d+ 项"))
    expect(reply.locator(".quick-replies button").first).to_be_disabled()
    page.reload()
    expect(page.locator(".materials-card input[type=checkbox]").first).to_be_checked()


def test_verdict_card_renders_prints_and_downloads(new_page, live: Live, tmp_path):
    page = new_page(1280, 900)
    page.goto(live.url)
    page.get_by_role("button", name="我想做资格自查").click()
    card = page.locator(".chat-log .verdict-card")
    expect(card).to_be_visible()
    expect(card.locator(".vc-headline")).to_have_text("结论：信息不足，暂无法判断")
    expect(card).to_have_attribute("data-verdict", "insufficient_information")
    rows = card.locator(".vc-table tbody tr")
    expect(rows).to_have_count(11)
    expect(card.locator("tr.st-not_met .vc-label")).to_have_text("现代服务营收占比")
    expect(card.locator("tr.st-not_met .vc-gap")).to_have_text("还差5个百分点")
    expect(card.locator("tr.st-met .mark-char").first).to_have_text("✅")
    expect(card.locator("tr.st-unknown .mark-char").first).to_have_text("❔")
    expect(card.locator(".vc-missing li")).to_have_count(2)
    expect(card.locator("details.vc-notes")).not_to_have_attribute("open", "")
    expect(page.locator(".msg-bot .quick-replies button").last).to_have_text("转人工")

    # print: only a copy of the card is in the print root while printing
    page.evaluate(
        "() => { window.__printed = null; window.print = () => { const root = document.getElementById('print-root');"
        " window.__printed = root ? root.querySelectorAll('.verdict-card').length : 0; }; }"
    )
    card.get_by_role("button", name="打印 / 保存为PDF").click()
    assert page.evaluate("window.__printed") == 1
    with page.expect_download() as info:
        card.get_by_role("button", name="下载 HTML").click()
    download = info.value
    assert download.suggested_filename.endswith(".html")
    saved = tmp_path / "card.html"
    download.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html and ".verdict-card" in html
    assert "结论：信息不足，暂无法判断" in html and "<script" not in html and "打印 / 保存为PDF" not in html

    # screenshots for the docs, desktop and phone: written to docs/ when missing or with LIANGYE_UPDATE_SCREENSHOTS=1
    # (the card shows today's date, so rewriting them on every run would dirty the work tree)
    out = DOCS if os.environ.get("LIANGYE_UPDATE_SCREENSHOTS") == "1" or not (DOCS / "verdict-card.png").exists() else tmp_path
    out.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 2000})
    card.screenshot(path=str(out / "verdict-card.png"))
    phone = new_page(390, 844)
    phone.goto(live.url)
    phone.get_by_role("button", name="我想做资格自查").click()
    phone_card = phone.locator(".chat-log .verdict-card")
    expect(phone_card).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.set_viewport_size({"width": 390, "height": 2600})
    phone_card.screenshot(path=str(out / "verdict-card-phone.png"))


def test_reload_keeps_the_conversation(page: Page, live: Live):
    page.goto(live.url)
    send(page, "第一条消息")
    expect(page.locator(".msg-bot .bubble").last).to_have_text("您说的是：第一条消息")
    send(page, "第二条消息")
    expect(page.locator(".msg-bot .bubble").last).to_have_text("您说的是：第二条消息")
    page.reload()
    expect(page.locator(".msg .bubble")).to_have_text(
        ["第一条消息", "您说的是：第一条消息", "第二条消息", "您说的是：第二条消息"]
    )
    expect(page.locator(".msg.welcome")).to_have_count(0)
    # only the last message's buttons stay usable
    expect(page.locator(".quick-replies button:enabled")).to_have_count(2)


def test_xss_attempts_show_as_text(page: Page, live: Live):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live.url)
    attacks = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script><b>粗体</b>"]
    for attack in attacks:
        send(page, attack)
        expect(page.locator(".msg-bot .bubble").last).to_have_text(f"您说的是：{attack}")
    expect(page.locator(".msg-user .bubble")).to_have_text(attacks)
    assert page.locator(".messages img, .messages script, .messages b").count() == 0
    page.reload()
    expect(page.locator(".msg-user .bubble")).to_have_text(attacks)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator(".messages img, .messages script").count() == 0


def test_rasa_failure_shows_error_and_retry(page: Page, live: Live):
    page.goto(live.url)
    send(page, "/error")
    error = page.locator(".chat-error")
    expect(error).to_be_visible()
    expect(error.locator(".error-text")).to_have_text("助手服务暂时不可用，请稍后重试。")
    expect(page.locator(".msg-user.failed")).to_have_count(1)
    expect(page.locator(".typing")).to_be_hidden()
    sent = len(live.fake.app[RECEIVED])
    error.get_by_role("button", name="重试").click()
    for _ in range(100):  # the retry reaches Rasa again
        if len(live.fake.app[RECEIVED]) > sent:
            break
        page.wait_for_timeout(50)
    assert len(live.fake.app[RECEIVED]) == sent + 1
    expect(page.locator(".msg-user.failed")).to_have_count(1)  # the failed bubble is replaced, not duplicated
    expect(page.locator(".msg-user")).to_have_count(1)
    expect(error).to_be_visible()
    send(page, "恢复了吗")
    expect(page.locator(".msg-bot .bubble").last).to_have_text("您说的是：恢复了吗")
    expect(error).to_be_hidden()
    unanswered = page.locator(".msg-user.failed")  # logged but never answered: it stays, marked
    expect(unanswered.locator("time")).to_have_text("未获回复")
    expect(page.locator(".msg-user .bubble")).to_have_text(["/error", "恢复了吗"])
    page.reload()
    expect(page.locator(".msg-user .bubble")).to_have_text(["/error", "恢复了吗"])  # the log holds it once


def test_too_long_message_is_limited(page: Page, live: Live):
    page.goto(live.url)
    assert page.get_attribute(".chat-input", "maxlength") == "2000"
    page.fill(".chat-input", "长" * 2500)
    assert len(page.input_value(".chat-input")) == 2000


def test_console_requires_login(page: Page, live: Live):
    login(page, live, password="wrong password")
    expect(page.locator(".notice.error")).to_contain_text("用户名或口令不正确")
    page.fill("input[name=username]", STAFF_USER)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{live.url}/helpdesk")
    expect(page.locator("h2").first).to_have_text("咨询请求")
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/helpdesk/login"))
    page.goto(f"{live.url}/helpdesk/stats")
    expect(page).to_have_url(re.compile(r"/helpdesk/login\?next=/helpdesk/stats"))


def test_handoff_answered_in_console_appears_in_chat(new_page, live: Live):
    user = new_page(390, 844)
    user.goto(live.url)
    send(user, "转人工")
    expect(user.locator(".handoff-note")).to_be_visible()
    expect(user.locator(".handoff-banner")).to_be_visible()
    send(user, "请问我们园区什么时候能收到答复？")
    expect(user.locator(".msg-system .bubble").last).to_contain_text("已转给工作人员")

    staff = new_page(1280, 900)
    login(staff, live)
    staff.get_by_role("link", name="测试科技有限公司").first.click()
    expect(staff.locator(".conversation .msg-user .bubble").last).to_have_text("请问我们园区什么时候能收到答复？")
    expect(staff.locator("#verdict-slot .verdict-card")).to_be_visible()
    staff.fill("#reply-text", "您好，我们已收到您的咨询，将在两个工作日内联系您。")
    staff.get_by_role("button", name="发送答复").click()
    expect(staff.locator(".notice.ok")).to_contain_text("答复已发送")

    staff_message = user.locator(".msg-staff")
    expect(staff_message.locator(".bubble")).to_have_text("您好，我们已收到您的咨询，将在两个工作日内联系您。", timeout=15_000)
    expect(staff_message.locator(".who")).to_have_text("工作人员")

    staff.on("dialog", lambda dialog: dialog.accept())
    staff.get_by_role("button", name="关闭请求").click()
    expect(staff.locator(".notice.ok")).to_contain_text("该请求已关闭")
    expect(user.locator(".msg-system .bubble").last).to_contain_text("工作人员已结束本次人工服务", timeout=15_000)
    expect(user.locator(".handoff-banner")).to_be_hidden()


def test_console_assistant_uses_the_same_chat(new_page, live: Live):
    staff = new_page()
    login(staff, live)
    staff.get_by_role("link", name="使用助手").click()
    send(staff, "申报流程")
    expect(staff.locator(".msg-bot .bubble").last).to_have_text("您说的是：申报流程")
    staff.get_by_role("link", name="自查统计").click()
    expect(staff.locator("h2")).to_have_text("资格自查统计")

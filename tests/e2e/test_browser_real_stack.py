"""The chat page and the helpdesk console in headless Chromium against the real stack (web → Rasa → actions).

Each test drives the page like a person: types in the input box, presses 发送 (or Enter) or clicks a
quick-reply button, and waits for the bot's answer. One stack (see conftest.py) serves the whole session.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser import conftest as browser_fixtures

pytestmark = pytest.mark.e2e

# The Chromium fixtures of the fake-Rasa browser tests (launch arguments, fresh contexts, page errors fail the test).
browser = browser_fixtures.browser
new_page = browser_fixtures.new_page
STAFF_USER, STAFF_PASSWORD = browser_fixtures.STAFF_USER, browser_fixtures.STAFF_PASSWORD

DOCS = Path(__file__).resolve().parents[2] / "docs"
REPLY_TIMEOUT = 60_000  # ms: the first message of a session also warms up Rasa's model
POLL_TIMEOUT = 15_000  # ms: the page polls for staff replies every 4 s
FIRST_QUESTION = "年营业收入大约是多少"  # liangye_rules.facts.FACT_SPECS["annual_revenue"].question


@pytest.fixture(scope="module")
def web_url(stack) -> str:
    return f"http://127.0.0.1:{stack.ports['web']}"


def user_items(page: Page) -> Locator:
    return page.locator(".messages > li.msg-user")


def replies_to_last(page: Page, users_before: int) -> Locator:
    """Wait until the message just sent is answered; the answer's items (everything after it)."""
    users = user_items(page)
    expect(users).to_have_count(users_before + 1)
    expect(page.locator(".messages > li.msg-user.pending")).to_have_count(0, timeout=REPLY_TIMEOUT)
    expect(page.locator(".chat-error")).to_be_hidden()
    expect(page.locator(".typing")).to_be_hidden()
    replies = users.last.locator("xpath=following-sibling::li")
    expect(replies.first).to_be_visible()
    return replies


def say(page: Page, text: str, *, enter: bool = False) -> str:
    """Type ``text`` into the input box, send it (button or Enter), return the bot's answer as text."""
    before = user_items(page).count()
    box = page.get_by_role("textbox", name="输入消息")
    box.click()
    box.fill(text)
    if enter:
        box.press("Enter")
    else:
        page.get_by_role("button", name="发送").click()
    expect(user_items(page).last.locator(".bubble")).to_have_text(text)
    return answer_text(replies_to_last(page, before))


def click_reply(page: Page, title: str) -> str:
    """Click the quick-reply button ``title`` of the latest bot message; return the answer as text."""
    before = user_items(page).count()
    page.locator(".quick-replies button:enabled").get_by_text(title, exact=True).click()
    expect(user_items(page).last.locator(".bubble")).to_have_text(title)  # the title is shown, not the payload
    return answer_text(replies_to_last(page, before))


def answer_text(replies: Locator) -> str:
    return "\n".join(replies.locator(".bubble").all_inner_texts())


def open_chat(page: Page, web_url: str) -> None:
    page.goto(web_url)
    expect(page.locator(".msg.welcome")).to_be_visible()


def login(page: Page, web_url: str) -> None:
    page.goto(f"{web_url}/helpdesk")
    expect(page).to_have_url(re.compile(r"/helpdesk/login"))
    page.get_by_label("用户名").fill(STAFF_USER)
    page.get_by_label("口令").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{web_url}/helpdesk")


def test_park_interview_ends_in_a_verdict_card(new_page, web_url, tmp_path):
    page = new_page(1280, 900)
    open_chat(page, web_url)
    assert "申报助手" in say(page, "你好", enter=True)
    assert FIRST_QUESTION in say(page, "我是园区管委会的")
    reply = say(page, "营收120亿，先进制造占35%，现代服务占40%")
    assert "已记录：年营业收入 120亿元" in reply and "已记录：现代服务年营业收入占比 40%" in reply
    assert "每平方米" in reply
    assert "已记录" in (reply := say(page, "每平米2.5万")) and "2.5万元/平方米" in reply
    assert "土地" in say(page, "重点领域企业营收占六成")
    for expected in ("四至", "管理机构", "运营管理机制", "请核对"):
        reply = click_reply(page, "是")
        assert expected in reply, reply
    assert "年营业收入：120亿元" in reply
    expect(page.locator(".quick-replies button:enabled")).to_have_text(["确认，查看结论", "我要修改"])
    reply = click_reply(page, "确认，查看结论")
    assert reply.splitlines()[0] == "结论：符合申报条件"

    card = page.locator(".chat-log .verdict-card")
    expect(card).to_have_count(1)
    expect(card).to_be_visible()
    expect(card).to_have_attribute("data-verdict", "eligible")
    expect(card.locator(".vc-kicker")).to_have_text("资格自查结果 · 示范园区")
    expect(card.locator(".vc-headline")).to_have_text("结论：符合申报条件")
    rows = card.locator(".vc-table tbody tr")
    expect(rows.filter(has=page.locator(".vc-article", has_text=re.compile(r"^第五条（二）$")))).to_have_count(1)
    expect(rows.filter(has=page.locator(".vc-article", has_text=re.compile(r"^第五条（四）$")))).to_have_count(1)
    revenue = rows.filter(has=page.locator(".vc-label", has_text="园区年营业收入"))
    expect(revenue.locator(".vc-article")).to_have_text("第五条（二）")
    expect(revenue.locator(".status-text")).to_have_text("符合")
    expect(card.locator("tr.st-not_met, tr.st-unknown")).to_have_count(0)
    expect(page.locator(".quick-replies button:enabled")).to_contain_text(["材料清单", "转人工"])

    # written to docs/ when missing or with LIANGYE_UPDATE_SCREENSHOTS=1 (the card shows today's date)
    update = os.environ.get("LIANGYE_UPDATE_SCREENSHOTS") == "1" or not (DOCS / "verdict-card.png").exists()
    out = DOCS if update else tmp_path
    page.set_viewport_size({"width": 1280, "height": 2000})
    card.screenshot(path=str(out / "verdict-card.png"))


def test_reload_mid_interview_continues_it(new_page, web_url):
    page = new_page()
    open_chat(page, web_url)
    assert FIRST_QUESTION in say(page, "我是园区管委会的")
    assert "已记录：年营业收入 120亿元" in say(page, "营收120亿，先进制造占35%，现代服务占40%")
    assert "2.5万元/平方米" in say(page, "每平米2.5万")
    shown = page.locator(".messages > li:not(.welcome) .bubble").all_inner_texts()

    page.reload()
    expect(page.locator(".messages > li .bubble")).to_have_text(shown)  # all but the welcome
    expect(page.locator(".msg.welcome")).to_have_count(0)
    expect(user_items(page).locator(".bubble")).to_have_text(
        ["我是园区管委会的", "营收120亿，先进制造占35%，现代服务占40%", "每平米2.5万"]
    )

    reply = say(page, "重点领域企业营收占六成")
    assert "已记录" in reply and "60%" in reply
    assert "土地" in reply and FIRST_QUESTION not in reply


def test_handoff_answered_in_the_console_appears_in_the_chat(new_page, web_url):
    user = new_page(390, 844)
    open_chat(user, web_url)
    assert "同意" in say(user, "转人工")
    assert "单位" in click_reply(user, "同意")
    assert "联系人" in say(user, "北京某某科技有限公司")
    assert "电话" in say(user, "张伟")
    assert "哪个区" in say(user, "13800138000")
    reply = click_reply(user, "海淀区")
    assert "已为您提交转人工请求" in reply
    note = user.locator(".handoff-note")
    expect(note).to_be_visible()
    request_id = re.search(r"#(\d+)", note.inner_text()).group(1)
    expect(user.locator(".handoff-banner")).to_contain_text(f"#{request_id}")

    staff = new_page(1280, 900)
    login(staff, web_url)
    row = staff.locator("table.data tbody tr").filter(has=staff.get_by_role("link", name=f"#{request_id}", exact=True))
    expect(row).to_contain_text("北京某某科技有限公司")
    expect(row).to_contain_text("海淀区")
    row.get_by_role("link", name="北京某某科技有限公司").click()
    expect(staff).to_have_url(f"{web_url}/helpdesk/requests/{request_id}")
    facts = staff.locator("dl.facts")
    expect(facts).to_contain_text("北京某某科技有限公司")
    expect(facts).to_contain_text("张伟")
    expect(facts).to_contain_text("13800138000")
    conversation = staff.locator(".conversation")
    expect(conversation.locator(".msg-user .bubble")).to_have_text(
        ["转人工", "同意", "北京某某科技有限公司", "张伟", "13800138000", "海淀区"]
    )
    expect(conversation.locator(".msg-bot .bubble").last).to_contain_text("已为您提交转人工请求")

    staff.get_by_label(re.compile("答复用户")).fill("您好，我是海淀区发改委的工作人员")
    staff.get_by_role("button", name="发送答复").click()
    expect(staff.locator(".notice.ok")).to_contain_text("答复已发送")

    staff_message = user.locator(".msg-staff")
    expect(staff_message.locator(".bubble")).to_have_text("您好，我是海淀区发改委的工作人员", timeout=POLL_TIMEOUT)
    expect(staff_message.locator(".who")).to_have_text("工作人员")


def test_xss_typed_into_the_real_chat_is_text(new_page, web_url):
    page = new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_chat(page, web_url)
    attack = "<img src=x onerror=alert(1)>"
    say(page, attack)
    expect(user_items(page).locator(".bubble")).to_have_text([attack])
    assert page.locator(".messages img, .messages script").count() == 0
    page.reload()
    expect(user_items(page).locator(".bubble")).to_have_text([attack])
    page.wait_for_timeout(300)
    assert page.locator(".messages img, .messages script").count() == 0
    assert dialogs == []


def test_console_redirects_to_the_login_form(new_page, web_url):
    page = new_page()
    page.goto(f"{web_url}/helpdesk")
    expect(page).to_have_url(re.compile(r"/helpdesk/login"))
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_label("口令")).to_have_attribute("type", "password")
    expect(page.get_by_role("button", name="登录")).to_be_visible()

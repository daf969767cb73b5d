"""The chat API: messages go to Rasa's REST channel, or to the helpdesk while a hand-off is open.

With several Rasa servers (``LIANGYE_RASA_URLS``) each message goes to the next one in turn; they share the
tracker store and Rasa's Redis lock store, so any of them may answer any message of any conversation.

Every message (user, bot, staff, system) is logged as a ChatMessage so a reload, a server restart or
the helpdesk console sees the whole conversation. A message Rasa leaves unanswered (error, timeout, no reply)
is a 502 and stays logged; sent again (the page's 重试), it is not logged twice.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from typing import Any

import aiohttp
from aiohttp import web

from bot.commands import wants_the_bot_back

from .app import HTTP, SETTINGS, STORE, db, json_response, read_json
from .locks import SenderLocks
from .validation import BadRequest, parse_id

log = logging.getLogger(__name__)

SENDER_LOCKS = web.AppKey("sender_locks", SenderLocks)
RASA_TURNS = web.AppKey("rasa_turns", itertools.count)

SENDER_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
CONSOLE_PREFIX = "console-"
MAX_MESSAGE_CHARS = 2000
MAX_DISPLAY_CHARS = 200
RASA_UNAVAILABLE = "助手服务暂时不可用，请稍后重试。"
HANDOFF_NOTE = "您的消息已转给工作人员。工作人员会在这里答复您，请留意本页面。如不再需要人工服务，请发送“返回智能助手”。"
WITHDRAWN_NOTE = "已为您结束人工服务请求，您可以继续向智能助手提问；如需再次联系工作人员，请发送“转人工”。"


class RasaUnavailableError(Exception):
    """Rasa did not answer, answered an error, or answered something that is not its REST format."""


def client_message(message: dict[str, Any]) -> dict[str, Any]:
    """A stored message in the page's format: Rasa REST fields (text, buttons, custom) plus id, role, time."""
    payload = message.get("payload") or {}
    item: dict[str, Any] = {
        "id": message["id"],
        "role": message["role"],
        "text": message["text"],
        "created_at": message["created_at"],
    }
    if payload.get("buttons"):
        item["buttons"] = payload["buttons"]
    if payload.get("custom") is not None:
        item["custom"] = payload["custom"]
    if message["role"] == "staff":
        item["staff_user"] = message.get("staff_user")
    return item


def validate_sender(value: Any, *, allow_console: bool = False) -> str:
    if not isinstance(value, str) or not SENDER_RE.fullmatch(value) or (value.startswith(CONSOLE_PREFIX) and not allow_console):
        raise BadRequest("会话标识无效，请刷新页面后重试。", "sender")
    return value


def parse_after(value: Any) -> int:
    return parse_id(value, "after")


def parse_message(body: Any) -> tuple[str, str | None, int]:
    """``(message, display text or None, after id)`` from a chat request body."""
    if not isinstance(body, dict):
        raise BadRequest('请求应为 JSON 对象，例如 {"sender": "…", "message": "…"}。', "input")
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        raise BadRequest("消息不能为空。", "message")
    message = message.strip()
    if len(message) > MAX_MESSAGE_CHARS:
        raise BadRequest(f"消息过长：最多 {MAX_MESSAGE_CHARS} 个字，当前 {len(message)} 个字。请分几次发送。", "message")
    display = body.get("display")
    if display is not None and (not isinstance(display, str) or not display.strip() or len(display) > MAX_DISPLAY_CHARS):
        raise BadRequest("按钮标题无效。", "display")
    return message, display.strip() if display else None, parse_after(body.get("after"))


def _buttons(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        return []
    return [
        {"title": b["title"], "payload": b["payload"]}
        for b in raw[:20]
        if isinstance(b, dict) and isinstance(b.get("title"), str) and isinstance(b.get("payload"), str)
    ]


def rasa_order(app: web.Application) -> list[str]:
    """Every Rasa server, starting with the next one in turn (round-robin per message)."""
    servers = app[SETTINGS].rasa_servers
    start = next(app[RASA_TURNS]) % len(servers)
    return [*servers[start:], *servers[:start]]


async def post_to_rasa(app: web.Application, sender: str, message: str) -> Any:
    """Post to the next Rasa's REST webhook; one that refuses the connection (nothing was sent) passes the message on.

    Any other failure is final: the message may have reached that server, and sending it again could answer it twice.
    """
    refused: list[str] = []
    for base in rasa_order(app):
        try:
            async with app[HTTP].post(f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": message}) as response:
                if response.status != 200:
                    raise RasaUnavailableError(f"{base}: HTTP {response.status}")
                return await response.json(content_type=None)
        except aiohttp.ClientConnectorError as exc:
            log.warning("Rasa %s refused the connection (%s); trying the next server", base, exc)
            refused.append(base)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise RasaUnavailableError(f"{base}: {exc!r}") from exc
    raise RasaUnavailableError(f"every Rasa server refused the connection: {refused}")


async def forward_to_rasa(app: web.Application, sender: str, message: str) -> list[dict[str, Any]]:
    """Send the message to Rasa; returns its replies as ``{"text", "buttons", "custom"}`` items."""
    data = await post_to_rasa(app, sender, message)
    if not isinstance(data, list):
        raise RasaUnavailableError("reply is not a list")
    replies = []
    for item in data:
        if not isinstance(item, dict):
            continue
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        reply: dict[str, Any] = {"text": text}
        if buttons := _buttons(item.get("buttons")):
            reply["buttons"] = buttons
        if isinstance(item.get("custom"), dict):
            reply["custom"] = item["custom"]
        if text or len(reply) > 1:
            replies.append(reply)
    if not replies:
        raise RasaUnavailableError("no reply (is the action server down?)")
    return replies


def handoff_state(request_row) -> dict[str, Any] | None:
    return {"request_id": request_row.id, "status": request_row.status} if request_row else None


async def exchange(app: web.Application, sender: str, message: str, display: str | None, after: int) -> web.Response:
    """Handle one message after the sender's earlier ones, so each reply follows its question in the log."""
    async with app[SENDER_LOCKS].hold(sender):
        return await _exchange(app, sender, message, display, after)


async def _exchange(app: web.Application, sender: str, message: str, display: str | None, after: int) -> web.Response:
    """Log the user's message, then route it to the helpdesk (open hand-off) or to Rasa; two store calls a message."""
    store = app[STORE]
    handoff, user_id = await db(store.receive_message, sender, display or message, {"sent": message} if display else None)
    if handoff is not None and wants_the_bot_back(message):
        note_id = await db(store.close_handoff, handoff.id, None, WITHDRAWN_NOTE)
        note = {"id": note_id, "role": "system", "text": WITHDRAWN_NOTE}
        return json_response({"messages": [note], "user_message_id": user_id, "handoff": None})
    if handoff is not None:
        staff = [client_message(m) for m in await db(store.messages_for, sender, after) if m["role"] in ("staff", "system")]
        note = {"role": "system", "text": HANDOFF_NOTE, "custom": {"type": "handoff_pending", "request_id": handoff.id}}
        return json_response({"messages": [note, *staff], "user_message_id": user_id, "handoff": handoff_state(handoff)})
    try:
        replies = await forward_to_rasa(app, sender, message)
    except RasaUnavailableError as exc:
        log.warning("Rasa unavailable for %s: %s", sender, exc)
        return json_response({"error": RASA_UNAVAILABLE, "user_message_id": user_id}, status=502)  # the page offers 重试
    logged = [(reply["text"], {k: reply[k] for k in ("buttons", "custom") if k in reply} or None) for reply in replies]
    ids, handoff = await db(store.add_replies, sender, logged)  # a reply may just have opened a hand-off
    out = [{"id": message_id, "role": "bot", **reply} for message_id, reply in zip(ids, replies, strict=True)]
    return json_response({"messages": out, "user_message_id": user_id, "handoff": handoff_state(handoff)})


async def history(app: web.Application, sender: str, after: int = 0) -> web.Response:
    store = app[STORE]
    messages = [client_message(m) for m in await db(store.messages_for, sender, after)]
    handoff = await db(store.open_handoff_for, sender)
    return json_response({"messages": messages, "handoff": handoff_state(handoff)})


async def post_chat(request: web.Request) -> web.Response:
    body = await read_json(request)
    message, display, after = parse_message(body)
    sender = validate_sender(body.get("sender"))
    return await exchange(request.app, sender, message, display, after)


async def get_history(request: web.Request) -> web.Response:
    return await history(request.app, validate_sender(request.query.get("sender")))


async def get_updates(request: web.Request) -> web.Response:
    sender = validate_sender(request.query.get("sender"))
    return await history(request.app, sender, parse_after(request.query.get("after")))


def setup(app: web.Application) -> None:
    app[SENDER_LOCKS] = SenderLocks()
    app[RASA_TURNS] = itertools.count()
    app.router.add_post("/api/chat", post_chat)
    app.router.add_get("/api/chat/history", get_history)
    app.router.add_get("/api/chat/updates", get_updates)

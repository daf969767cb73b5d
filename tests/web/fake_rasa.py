"""A stand-in for Rasa's REST channel (``POST /webhooks/rest/webhook``) with canned replies.

- ``/check`` or text with 自查 → a verdict card (real ``liangye_rules`` output) and buttons
- ``/materials`` or 材料 → a materials checklist
- ``/handoff`` or 转人工 → opens a hand-off request in the database (as the action server would)
- ``/error`` → HTTP 500; ``/garbage`` → a body that is not JSON; ``/slow`` → waits ``slow_seconds``;
  ``/empty`` → ``[]`` (what Rasa answers while the action server is down)
- ``/jitter …`` → waits a random 0–0.2 s, then echoes
- anything else → echoes the message with two buttons

Setting ``app[OUTAGE].command`` to one of the failure commands answers every message that way until it is cleared.

Run it on its own with ``python -m tests.web.fake_rasa --port 5005 [--database-url URL]``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import threading
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.storage import Store, get_engine
from liangye_rules.cli import check
from liangye_rules.process import MATERIALS_DISCLAIMER, materials_for

SAMPLE_FACTS = {
    "applicant_type": "park",
    "key_field": "integrated_circuits",
    "land_legally_obtained": True,
    "boundaries_defined_and_contiguous": True,
    "management_body_qualified": True,
    "operating_mechanism_established": True,
    "annual_revenue": "120亿元",
    "advanced_manufacturing_share": "35%",
    "modern_services_share": "25%",
    "revenue_per_square_meter": "每平米2.5万元",
    "key_field_revenue_share": "60%",
}


@dataclass
class Outage:
    """While ``command`` is set (``/empty``, ``/error``, ``/garbage``, ``/slow``), every message is answered that way."""

    command: str = ""


RECEIVED = web.AppKey("received", list)
DATABASE_URL = web.AppKey("database_url", str)
SLOW_SECONDS = web.AppKey("slow_seconds", float)
OUTAGE = web.AppKey("outage", Outage)
BUTTONS = [{"title": "资格自查", "payload": "/check"}, {"title": "材料清单", "payload": "/materials"}]


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sample_verdict() -> dict:
    """A real verdict: a park that meets every condition but the modern-services share."""
    return check(SAMPLE_FACTS)


def replies_for(app: web.Application, sender: str, message: str) -> list[dict[str, Any]]:
    if message == "/check" or "自查" in message:
        return [
            {"recipient_id": sender, "text": "好的，以下是根据您提供的信息得出的自查结果："},
            {"recipient_id": sender, "custom": {"type": "verdict", "verdict": sample_verdict()}},
            {
                "recipient_id": sender,
                "text": "接下来您可以：",
                "buttons": [{"title": "材料清单", "payload": "/materials"}, {"title": "转人工", "payload": "/handoff"}],
            },
        ]
    if message == "/materials" or "材料" in message:
        items = [m.to_dict() for m in materials_for("park")]
        custom = {"type": "materials", "applicant_type": "park", "items": items, "disclaimer": MATERIALS_DISCLAIMER}
        return [{"recipient_id": sender, "text": "示范园区申报建议准备以下材料：", "custom": custom}]
    if message == "/handoff" or "转人工" in message:
        url = app[DATABASE_URL]
        if not url:
            return [{"recipient_id": sender, "text": "（测试）没有配置数据库，无法转人工。"}]
        request_id = Store(get_engine(url)).create_handoff(
            sender, "测试科技有限公司", "张三", "010-12345678", None, "海淀区", sample_verdict()
        )
        return [
            {"recipient_id": sender, "text": "已为您转接工作人员。"},
            {"recipient_id": sender, "custom": {"type": "handoff", "status": "created", "request_id": request_id}},
        ]
    return [{"recipient_id": sender, "text": f"您说的是：{message}", "buttons": BUTTONS}]


async def webhook(request: web.Request) -> web.Response:
    body = await request.json()
    request.app[RECEIVED].append(body)
    message = body.get("message", "")
    command = request.app[OUTAGE].command or message
    if command == "/error":
        return web.Response(status=500, text="boom")
    if command == "/garbage":
        return web.Response(text="<html>not json</html>")
    if command == "/empty":
        return web.json_response([])
    if command == "/slow":
        await asyncio.sleep(request.app[SLOW_SECONDS])
    if message.startswith("/jitter"):
        await asyncio.sleep(random.uniform(0, 0.2))
    return web.json_response(replies_for(request.app, body.get("sender", ""), message))


async def status(request: web.Request) -> web.Response:
    return web.json_response({"model_file": "fake.tar.gz", "model_id": "fake", "num_active_training_jobs": 0})


async def hello(request: web.Request) -> web.Response:
    return web.Response(text="Hello from fake Rasa")


def create_fake_rasa(database_url: str | None = None, slow_seconds: float = 5.0) -> web.Application:
    app = web.Application()
    app[RECEIVED] = []
    app[DATABASE_URL] = database_url or ""
    app[SLOW_SECONDS] = slow_seconds
    app[OUTAGE] = Outage()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/status", status)
    app.router.add_get("/", hello)
    return app


class FakeRasaThread:
    """The fake served from a background thread (for browser tests); ``url`` once started."""

    def __init__(self, database_url: str | None = None, port: int = 0):
        self.app = create_fake_rasa(database_url)
        self.port = port
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._run, name="fake-rasa", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def start() -> None:
            self._runner = web.AppRunner(self.app, access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", self.port)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]
            self.url = f"http://127.0.0.1:{self.port}"
            self._ready.set()

        self._loop.run_until_complete(start())
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    def start(self) -> FakeRasaThread:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake Rasa did not start")
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def main() -> None:
    parser = argparse.ArgumentParser(description="fake Rasa REST server for tests")
    parser.add_argument("--port", type=int, default=5005)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    web.run_app(create_fake_rasa(args.database_url), host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()

"""``python -m bot.web``: serve the chat page, the API and the console on ``LIANGYE_WEB_PORT``."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from aiohttp import web

from bot.settings import SettingsError, load_settings, log_startup_warnings

from .app import create_app

ACCESS_LOG_FORMAT = '%a "%r" %s %b %Tfs'


async def serve(app: web.Application, port: int) -> None:
    """Serve ``app`` on ``port`` until SIGINT or SIGTERM; raises OSError when the port cannot be bound."""
    runner = web.AppRunner(app, access_log_format=ACCESS_LOG_FORMAT)
    await runner.setup()
    try:
        await web.TCPSite(runner, port=port).start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        print(f"web server on http://localhost:{port}", flush=True)
        await stop.wait()
    finally:
        await runner.cleanup()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"配置有误：{exc}", file=sys.stderr)
        return 2
    log_startup_warnings(settings)
    app = create_app(settings)
    try:
        asyncio.run(serve(app, settings.web_port))
    except OSError as exc:
        print(
            f"无法在端口 {settings.web_port} 上启动网页服务（{exc.strerror or exc}）。请关闭占用该端口的程序，或设置 LIANGYE_WEB_PORT。",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

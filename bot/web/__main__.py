"""``python -m bot.web``: serve the chat page, the API and the console on ``LIANGYE_WEB_PORT``."""

from __future__ import annotations

import logging
import sys

from aiohttp import web

from bot.settings import SettingsError, load_settings, log_startup_warnings

from .app import create_app


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"配置有误：{exc}", file=sys.stderr)
        return 2
    log_startup_warnings(settings)
    app = create_app(settings)
    print(f"web server on http://localhost:{settings.web_port} (Rasa: {settings.rasa_url})", flush=True)
    web.run_app(app, port=settings.web_port, print=None, access_log_format='%a "%r" %s %b %Tfs')
    return 0


if __name__ == "__main__":
    sys.exit(main())

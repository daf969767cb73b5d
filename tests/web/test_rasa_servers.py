"""Several Rasa servers (LIANGYE_RASA_URLS): messages go to each in turn, and past one that refuses connections."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestServer

from bot.settings import SettingsError, load_settings
from bot.web.chat import RASA_UNAVAILABLE
from tests.web.fake_rasa import RECEIVED, create_fake_rasa

DEAD = "http://127.0.0.1:9"  # nothing listens on the discard port


def test_the_servers_come_from_rasa_urls_or_rasa_url():
    settings = load_settings({"LIANGYE_RASA_URLS": " http://a:5005/, http://b:5006 ,", "LIANGYE_RASA_URL": "http://c:1"})
    assert settings.rasa_servers == ("http://a:5005", "http://b:5006")
    assert load_settings({"LIANGYE_RASA_URL": "http://c:1"}).rasa_servers == ("http://c:1",)
    with pytest.raises(SettingsError, match="LIANGYE_RASA_URLS"):
        load_settings({"LIANGYE_RASA_URLS": "rasa-1:5005"})


@pytest.fixture
async def second_rasa(db_url):
    server = TestServer(create_fake_rasa(db_url))
    await server.start_server()
    yield server
    await server.close()


def url(server: TestServer) -> str:
    return str(server.make_url("")).rstrip("/")


async def test_messages_alternate_between_the_servers(make_client, fake_rasa, second_rasa):
    client = await make_client(LIANGYE_RASA_URLS=f"{url(fake_rasa)},{url(second_rasa)}")
    for n in range(4):
        response = await client.post("/api/chat", json={"sender": "web-rr", "message": f"第{n}条"})
        assert response.status == 200
        assert (await response.json())["messages"][0]["text"] == f"您说的是：第{n}条"
    assert [b["message"] for b in fake_rasa.app[RECEIVED]] == ["第0条", "第2条"]
    assert [b["message"] for b in second_rasa.app[RECEIVED]] == ["第1条", "第3条"]


async def test_a_server_that_refuses_connections_is_passed_over(make_client, fake_rasa, received):
    client = await make_client(LIANGYE_RASA_URLS=f"{DEAD},{url(fake_rasa)}")
    for n in range(3):  # whichever server's turn it is, the live one answers
        response = await client.post("/api/chat", json={"sender": "web-dead", "message": f"第{n}条"})
        assert response.status == 200
    assert [b["message"] for b in received] == ["第0条", "第1条", "第2条"]


async def test_every_server_refusing_is_502(make_client):
    client = await make_client(LIANGYE_RASA_URLS=f"{DEAD},http://127.0.0.1:7")
    response = await client.post("/api/chat", json={"sender": "web-none", "message": "你好"})
    assert response.status == 502 and (await response.json())["error"] == RASA_UNAVAILABLE

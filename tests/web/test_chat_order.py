"""One conversation, one message at a time: parallel messages of one sender are answered in turn."""

from __future__ import annotations

import asyncio

from bot.storage import Store
from bot.web.chat import SENDER_LOCKS


async def test_parallel_messages_of_one_sender_alternate_with_their_replies(client, store: Store):
    texts = [f"/jitter {i}" for i in range(8)]  # the fake Rasa answers each after a random delay
    posts = [asyncio.create_task(client.post("/api/chat", json={"sender": "web-par", "message": t})) for t in texts]
    await asyncio.sleep(0.05)
    assert len(client.server.app[SENDER_LOCKS]) == 1  # one entry for the busy sender
    responses = await asyncio.gather(*posts)
    for text, response in zip(texts, responses, strict=True):
        assert response.status == 200
        assert [m["text"] for m in (await response.json())["messages"]] == [f"您说的是：{text}"]
    log = [(m["role"], m["text"]) for m in store.messages_for("web-par")]
    assert [role for role, _ in log] == ["user", "bot"] * 8
    assert all(answer == f"您说的是：{question}" for (_, question), (_, answer) in zip(log[::2], log[1::2], strict=True))
    assert sorted(question for _, question in log[::2]) == texts
    assert len(client.server.app[SENDER_LOCKS]) == 0  # idle senders leave no lock behind


async def test_one_slow_sender_does_not_hold_up_another(client):
    slow = asyncio.create_task(client.post("/api/chat", json={"sender": "web-slow", "message": "/slow"}))
    await asyncio.sleep(0.05)
    fast = asyncio.create_task(client.post("/api/chat", json={"sender": "web-fast", "message": "你好"}))
    done, _ = await asyncio.wait({slow, fast}, return_when=asyncio.FIRST_COMPLETED)
    assert done == {fast}
    assert fast.result().status == 200
    assert (await slow).status == 502  # the fake Rasa's /slow outlasts the 1 s timeout

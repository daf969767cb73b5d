"""The blind sets (tests/e2e/blind/set*.json), run over REST after their first run, as regression sets.

Each set was written from measures.txt alone and run once blind (docs/blind-evaluation.md has the first-run
figures). The driver answers whatever the assistant asks by matching words of its question to the persona's
answer keys, as ../shared/tools/blind_run.py does, but compares the verdict word itself (an expected
符合申报条件 must not match 不符合申报条件). A wrong verdict fails the set outright; the pass rates must stay
at or above the floors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from blind_persona import CONFIRMED, persona_reply

from tests.e2e.conftest import Chat

pytestmark = pytest.mark.e2e
SETS = sorted((Path(__file__).parent / "blind").glob("set*.json"))
FLOORS = {"interviews": 0.85, "questions": 0.8, "out_of_scope": 0.85}
DECLINE = ("服务范围", "只解答", "不能代表", "无法回答", "不属于本办法")


def _say(chat: Chat, text: str) -> str:
    out = chat.say(text)
    lines = [m.get("text") or "" for m in out]
    lines += ["[按钮] " + str(b.get("title", "")) for m in out for b in (m.get("buttons") or [])]
    return "\n".join(lines)


def _interview(port: int, case: dict) -> tuple[str, str]:
    chat = Chat(port)
    transcript = last = ""
    for text in case["opening"]:
        last = _say(chat, text)
        transcript += last + "\n"
    turns, asked = 0, {}
    while not re.search(r"结论[:：]", last) and turns < 40:
        turns += 1
        inject = case.get("inject")
        if inject and turns == inject["after_turns"]:
            last = _say(chat, inject["text"])
            transcript += last + "\n"
            continue
        key, answer = persona_reply(last, case["answers"])
        if answer != CONFIRMED:
            asked[key] = asked.get(key, 0) + 1
            if asked[key] > 3:
                return "stuck", f"asked about {key} more than 3 times"
        last = _say(chat, answer)
        transcript += last + "\n"
    found = re.search(r"结论[:：]\s*(\S+)", transcript)
    if not found:
        return "stuck", f"no 结论 after {turns} turns"
    if not found.group(1).startswith(case["expect"]):
        return "wrong", f"expected {case['expect']}, got {found.group(1)}"
    missing = [w for w in case.get("mentions", []) if w not in transcript]
    return ("stuck", f"verdict does not mention {missing}") if missing else ("ok", "")


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_blind_set(stack, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    port = stack.ports["rasa"]
    misses, wrong, rates = [], [], {}
    results = [(case["name"], *_interview(port, case)) for case in data["interviews"]]
    wrong = [f"{name}: {why}" for name, result, why in results if result == "wrong"]
    misses += [f"interview {name}: {why}" for name, result, why in results if result == "stuck"]
    rates["interviews"] = sum(result == "ok" for _, result, _ in results) / len(results)
    ok = 0
    for question, patterns in data["questions"]:
        answer = _say(Chat(port), question)
        missing = [p for p in patterns if not re.search(p, answer)]
        ok += not missing
        if missing:
            misses.append(f"question {question}: missing {missing}")
    rates["questions"] = ok / len(data["questions"])
    declined = 0
    for question in data["out_of_scope"]:
        said = any(w in _say(Chat(port), question) for w in DECLINE)
        declined += said
        if not said:
            misses.append(f"out of scope {question}: not declined")
    rates["out_of_scope"] = declined / len(data["out_of_scope"])
    print(f"{path.name}: " + "; ".join(f"{k} {v:.1%}" for k, v in rates.items()) + f"; wrong verdicts {len(wrong)}")
    print("\n".join(misses))
    assert not wrong, wrong
    low = {k: v for k, v in rates.items() if v < FLOORS[k]}
    assert not low, (low, misses)

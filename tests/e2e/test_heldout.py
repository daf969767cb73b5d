"""Blind held-out questions (tests/e2e/heldout_questions*.yml, written from measures.txt only) over REST.

Each reply must contain every `must_contain` marker and one of `any_of`; spaces are ignored so that
"5000万元" matches "5000万". The pass rate must stay at or above PASS_RATE; every miss is printed.
"""

from pathlib import Path

import pytest
import yaml

from tests.e2e.conftest import Chat

pytestmark = pytest.mark.e2e
PASS_RATE = 0.95
SETS = sorted(Path(__file__).parent.glob("heldout_questions*.yml"))


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_heldout_questions(stack, path):
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    misses = []
    for item in questions:
        reply = Chat(stack.ports["rasa"]).text(item["q"])
        flat = _squash(reply)
        missing = [m for m in item["must_contain"] if _squash(str(m)) not in flat]
        if item.get("any_of") and not any(_squash(str(a)) in flat for a in item["any_of"]):
            missing.append("any of " + "/".join(map(str, item["any_of"])))
        if missing:
            misses.append(f"[{item['topic']}] {item['q']} → missing {missing}; reply starts: {reply[:80]!r}")
    rate = 1 - len(misses) / len(questions)
    print(f"{path.name}: {len(questions) - len(misses)}/{len(questions)} ({rate:.1%})")
    print("\n".join(misses))
    assert rate >= PASS_RATE, "\n".join(misses)

"""How a blind-set persona answers the assistant (as ../shared/tools/blind_run.py does): the words of the
assistant's last question pick the persona's answer key; a review is confirmed. Used by the regression run of the
blind sets (tests/e2e/test_blind_sets.py) and by the chat benchmark (bench/chat_bench.py)."""

from __future__ import annotations

QUESTION_KEYS = [  # words in the assistant's question -> persona answer key; first match wins
    (("承诺", "新设", "新成立", "新建"), "new_park"),
    (("利润",), "profit"),
    (("增长", "增速"), "growth"),
    (("排名", "市场占有率", "前10", "前十", "占有率"), "rank"),
    (("服务投入", "研发设计", "检验检测"), "service_input"),
    (("先进制造",), "manufacturing"),
    (("现代服务",), "services"),
    (("平方米", "每平", "单位面积", "平米"), "per_sqm"),
    (("称号", "资质", "高新技术", "专精特新", "小巨人"), "titles"),
    (("土地", "四至", "连片", "空间"), "land"),
    (("管理机构", "运营管理", "派出机构", "管理机制"), "management"),
    (("重点领域企业", "重点领域的企业", "占比", "比重"), "key_share"),
    (("领域", "行业", "主营"), "field"),
    (("营业收入", "营收", "收入"), "revenue"),
]
CONFIRM = ("确认无误", "请核对", "是否正确", "对吗")
CONFIRMED = "确认无误"


def _key(text: str) -> str | None:
    return next((key for words, key in QUESTION_KEYS if any(w in text for w in words)), None)


def persona_reply(said: str, answers: dict[str, str]) -> tuple[str | None, str]:
    """The answer key the assistant's last reply asks for (None for a review to confirm) and the persona's answer."""
    lines = [line for line in said.splitlines() if line.strip() and not line.strip().startswith("[按钮]")]
    question = lines[-1] if lines else ""
    if any(word in question for word in CONFIRM):
        return None, CONFIRMED
    key = _key(question) or _key(said[-200:])
    return key, answers.get(key, "是的") if key else "是的"

"""Every interview question answered with sentences, as applicants write, through the real trained stack.

Three conversations per applicant type, each answering every question it is asked with a different sentence
(no bare 是/否, spoken and hedged figures that do not straddle a threshold); each answer must be taken (no
"没有理解", no question asked twice in a row) and the verdict must be the expected one.
"""

import pytest

from tests.e2e.conftest import Chat

pytestmark = pytest.mark.e2e

# words of the assistant's question -> answer key (first match wins), as a person reads the question
QUESTION_WORDS = (
    (("承诺",), "commit"),
    (("新设立", "新设"), "new"),
    (("利润",), "profit"),
    (("增长率",), "growth"),
    (("排第几", "排名"), "rank"),
    (("服务投入",), "service"),
    (("先进制造",), "manufacturing"),
    (("现代服务",), "services"),
    (("每平方米",), "per_m2"),
    (("称号",), "titles"),
    (("土地",), "land"),
    (("四至",), "boundaries"),
    (("管理机构",), "management"),
    (("运营管理机制",), "mechanism"),
    (("对吗",), "field_ok"),
    (("重点领域的企业",), "key_share"),
    (("主营业务",), "field"),
    (("年营业收入",), "revenue"),
)
CONFIRM = "没问题，信息都对，出结论吧"

CONVERSATIONS = [
    (
        "我们是园区管委会，想自查一下示范园区",
        {
            "revenue": "去年园区营收一百二十多个亿",
            "manufacturing": "先进制造大概占三成五",
            "services": "现代服务这块四成左右",
            "per_m2": "每平米一年两万五上下",
            "key_share": "重点领域的企业营收占了六成多",
            "land": "土地都是依法出让取得的，手续齐全",
            "boundaries": "四至很清楚，集中连片",
            "management": "我们是区政府派出的管委会",
            "mechanism": "运营管理机制早就建立了",
        },
        "符合申报条件",
    ),
    (
        "想问下我们园区能不能报示范园区",
        {
            "revenue": "营收大概150个亿",
            "manufacturing": "制造业占四成",
            "services": "服务业占三成五",
            "per_m2": "单位面积产出三万左右",
            "key_share": "重点领域企业差不多七成",
            "land": "用地没问题，都有不动产证",
            "boundaries": "边界明确，是成片的园区",
            "management": "管理机构是在北京注册的国有公司",
            "mechanism": "运营机制挺健全的",
        },
        "符合申报条件",
    ),
    (
        "我们是一个新园区的运营方，想看看能不能报示范园区",
        {
            "revenue": "营收才六十来个亿",
            "new": "园区去年刚设立的",
            "commit": "可以承诺三年内达到条件",
            "key_share": "重点领域企业占比八成以上",
            "land": "土地是依法划拨的，合法合规",
            "boundaries": "四至范围明确，没有飞地",
            "management": "管理方是区里的派出机构",
            "mechanism": "运营管理制度已经建好了",
        },
        "可按新设园区承诺申报",
    ),
    (
        "我们企业想申报领跑型试点企业",
        {
            "revenue": "去年营收十五六个亿",
            "field": "做集成电路设计和封测",
            "field_ok": "对，就是这个领域",
            "service": "服务投入占总投入差不多三成",
        },
        "符合申报条件",
    ),
    (
        "想了解领跑型试点企业我们够不够格",
        {
            "revenue": "营收八个多亿",
            "rank": "细分领域全国排第三",
            "field": "工业软件和云计算服务",
            "field_ok": "是的没错",
            "service": "研发检测这些服务投入占两成五",
        },
        "符合申报条件",
    ),
    (
        "我们公司想报领跑型",
        {
            "revenue": "营收也就七八千万",
            "rank": "全国排名三十名开外",
            "field": "医药研发外包服务",
            "field_ok": "对",
            "service": "服务投入占两成多",
        },
        "不符合申报条件",
    ),
    (
        "我们想申报成长型试点企业",
        {
            "field": "医疗器械研发生产",
            "field_ok": "对的",
            "titles": "我们是国家高新技术企业",
            "growth": "近三年营收平均增长两成五",
            "service": "服务投入占比四成五",
        },
        "符合申报条件",
    ),
    (
        "成长型试点企业，帮我们看看",
        {
            "field": "动力电池回收和节能环保服务",
            "field_ok": "是这个",
            "titles": "去年评上了北京市专精特新中小企业",
            "growth": "营收这几年基本持平",
            "profit": "利润年均增长一成左右",
            "service": "服务投入占一半",
        },
        "符合申报条件",
    ),
    (
        "想报成长型",
        {
            "field": "新能源汽车零部件的智能制造",
            "field_ok": "没错",
            "titles": "国家高新还在申请，没批下来，别的称号也没有",
            "growth": "营收年均增长三成",
            "service": "服务投入四成多",
        },
        "不符合申报条件",
    ),
]


def _key(question: str) -> str | None:
    return next((key for words, key in QUESTION_WORDS if any(w in question for w in words)), None)


@pytest.mark.parametrize(("opening", "answers", "expected"), CONVERSATIONS, ids=[c[0][:12] for c in CONVERSATIONS])
def test_every_question_answered_with_a_sentence(stack, opening, answers, expected):
    chat = Chat(stack.ports["rasa"])
    reply = chat.text(opening)
    asked: list[str] = []
    for _ in range(25):
        if "结论：" in reply:
            break
        assert "没有理解" not in reply, (asked, reply)
        question = reply.strip().splitlines()[-1]
        if "请核对" in reply:
            reply = chat.text(CONFIRM)
            continue
        key = _key(question)
        assert key in answers, (question, asked)
        assert asked[-1:] != [key], f"asked again after {answers[key]!r}: {reply}"
        asked.append(key)
        reply = chat.text(answers[key])
    verdict = next(line for line in reply.splitlines() if line.startswith("结论："))
    assert verdict == f"结论：{expected}", (asked, reply)

"""Which question about the measures a message asks, from its words: the topic words that decide over the classifiers.

Used by the router (bot/nlu/routing.py), the one place that decides what a message means; the actions answer the
intent they are given.
"""

from __future__ import annotations

import re

from liangye_rules.terms import find_term
from liangye_rules.vocabulary import OTHER_REGIONS

# The knowledge intents: each is answered by bot/actions/knowledge.py.
TOPICS = frozenset(
    {
        "ask_term",
        "ask_criteria",
        "ask_support",
        "ask_subsidy",
        "ask_process",
        "ask_materials",
        "ask_obligations",
        "ask_key_fields",
        "ask_article",
        "ask_validity",
    }
)
OUTSIDE_WORDS = "外地|外省|外资|外企"
REGIONS = "|".join(OTHER_REGIONS)

_SUBSIDY_WORDS = re.compile(
    r"补贴|补助|补帖|支持资金|资金支持|能补|补多少|给多少|比例|封顶|上限|几个点|支持多少|多少钱|能拿|拿到|能获得|获得多少|支持金额|支持标准"
)
# Questions whose words name their topic beyond doubt; they win over the NLU's intent.
_STRONG_TOPICS = (
    ("ask_support", re.compile(r"优先推荐|国家级.{0,16}推荐|推荐.{0,6}国家级")),  # 第十六条, before 依据哪条 below
    (
        "ask_validity",
        re.compile(
            r"以谁的解释为准|谁(来|负责)?解释|解释权|口径.{0,8}(分歧|争议|不一致)|制定依据|依据是什么|依据哪|上位(文件|政策)"
        ),
    ),
    ("ask_obligations", re.compile(r"造假|弄虚作假|虚报|假数据|数据.{0,4}假|数据不实|不实")),  # 第十九条, before "公开" below
    # 不低于跟超过有啥区别 / 是>2万还是≥2万: how a threshold is compared (the term 不低于和超过)
    (
        "ask_term",
        re.compile(
            r"不低于.{0,6}(跟|和|与|还是).{0,3}超过|超过.{0,6}(跟|和|与|还是).{0,3}不低于|[>＞].{0,8}还是.{0,3}[≥]|[≥].{0,8}还是.{0,3}[>＞]"
        ),
    ),
    # 第九条, even where 到期, 出让 or 由谁定 is said
    ("ask_support", re.compile(r"增容|弹性年期|弹性规模|(?:用地|土地|地块|增容|建筑).{0,16}(?:续期|拆除)")),
    # 第十二条, even where 找谁 or 手续 is said: 厂房想改成研发办公用途，手续找谁办
    (
        "ask_support",
        re.compile(r"用途转换|用途兼容|改(?:成|为|作)[^，。？?]{0,8}用途|(?:建筑|土地|房屋|厂房)用途|(?:改变|变更|转换)用途"),
    ),
    (
        "ask_criteria",
        re.compile(
            r"(新设|新成立|承诺).{0,12}(几年|多久|多长时间|期限|承诺期)|承诺期"
            r"|(新设|新建|新成立|刚成立|刚建)[^？?]{0,24}(只能等|等[^，。？?]{0,4}年|[三3]年后再)"  # 新建的，指标不够，只能等三年后再报？
        ),
    ),
    (
        "ask_process",
        re.compile(
            r"向谁申报|在哪申报|在哪里申报|哪里申报|去哪申报|到哪申报|递交|递到|受理部门|哪个部门受理|哪个部门申报|认定.{0,4}原则"
            r"|(交|报|递|送)(给|到)(谁|哪)|找谁|怎么.{0,6}(公布|公开)|对外公布|公开发布"
            r"|(形式审查|形审|专家评审|联席会议).{0,8}(看|审|查|什么|啥|哪些|谁|负责|重点)"
            r"|(区里|区级|发改|部门).{0,12}负责(啥|什么|哪些)|所在区.{0,4}报|按属地|属地管理.{0,12}(申报|报)"
        ),
    ),
    (
        "ask_criteria",
        re.compile(
            r"分几类|哪几类|有几类|几种类型|有什么区别|有啥区别|区别是什么|区别在哪|怎么区分|如何区分|咋区分|区分标准"
            r"|(领跑|成长|示范园区|试点企业|试点示范).{0,8}(定义|是指什么|指的是什么)"
            r"|(派出机构|管理机构|运营主体).{0,12}(能不能|能否|可以|可不可以|算不算|能)"
            rf"|({OUTSIDE_WORDS}|分公司|子公司|总部|注册在).{{0,16}}(能|可以|可否|有资格|能不能).{{0,4}}(报|申报|申请)"
            rf"|({REGIONS}).{{0,3}}(企业|公司|集团).{{0,16}}(能|可以|可否|有资格|能不能).{{0,4}}(报|申报|申请)"
        ),
    ),
    (
        "ask_key_fields",
        re.compile(
            r"(算|属于|归|归到|归为|归入|划到|划入|落在|对应|是)(在)?哪(个|一个|类|一类)?(重点)?领域"
            r"|(属于|算|归|在)(八个|八大|重点)领域.{0,4}哪"
        ),
    ),
    (
        "ask_obligations",
        re.compile(
            r"撤销|撤掉|失信|追回|虚假材料|刑事处罚|安全事故|表彰|评价.{0,12}(奖励|表彰)|优秀.{0,10}(奖励|好处|有什么|有啥)|评价优秀|连续两年"
            r"|每年.{0,6}(复核|复审|评价|考核|检查)|一次性的"
        ),
    ),
    ("ask_subsidy", re.compile(r"改造.{0,8}(项目)?.{0,8}(比例|上限|标准|封顶)")),
    # 补贴是按我们自己报的投资额算，还是要人家审定的: the base of the rate (经认定的固定资产投资总额)
    ("ask_subsidy", re.compile(r"(补贴|补助|支持).{0,16}投资.{0,12}(认定|审定|核定|审核|自己报)|(自己报|审定|核定).{0,10}投资")),
    ("ask_support", re.compile(r"宣传推广|会不会被宣传|宣传")),
    ("ask_process", re.compile(r"强制|非报不可|必须(?:要)?申报|一定要申报|不(?:申)?报(?:的话)?会")),  # 第二条: 自愿申报
)


def strong_topic(text: str, entities: list[dict]) -> str | None:
    """The topic a message names beyond doubt by its words, whatever the classifiers thought."""
    names = {e.get("entity") for e in entities}
    if "project_type" in names and _SUBSIDY_WORDS.search(text):
        return "ask_subsidy"
    if "article" in names and re.search(r"讲|说|原文|内容|规定|写", text):
        return "ask_article"
    if names & {"title", "title_mentioned"} and re.search(r"有什么用|有啥用|什么作用|起什么|干什么用|用在哪", text):
        return "ask_term"  # what a title (专精特新, 小巨人, 高企) is for in the application
    for topic, pattern in _STRONG_TOPICS:
        if pattern.search(text):
            return topic
    return None


_TOPIC_WORDS = (
    ("ask_article", re.compile(r"第\s*[0-9一二三四五六七八九十]{1,3}\s*条|原文|条文")),
    ("ask_obligations", re.compile(r"撤销|撤掉|撤了|追回|退回|年度评价|年度自评|统计监测|不合格|失信|安全事故|虚假")),
    ("ask_materials", re.compile(r"材料|证明|清单|申报书")),
    (
        "ask_process",
        re.compile(r"怎么申报|如何申报|向谁|哪里申报|在哪申报|哪个部门|受理|递交|递到|审查|评审|联席会议|流程|程序|原则|分批"),
    ),
    ("ask_validity", re.compile(r"有效|试行期|到期|过期|失效|解释|文号|印发|哪个文件|哪几个部门")),
    ("ask_key_fields", re.compile(r"领域")),
    ("ask_term", re.compile(r"什么意思|是什么|指什么|是啥|怎么理解|啥意思")),
    ("ask_subsidy", re.compile(r"补贴|补助|补多少|资金支持")),
    ("ask_support", re.compile(r"支持政策|好处|优惠|扶持|政策支持|享受")),
    ("ask_criteria", re.compile(r"条件|标准|要求|门槛|几类|够不够|能不能申|能申|能报|符合")),
)


def guess_topic(text: str, entities: list[dict], ranking: list[dict] | None = None) -> str | None:
    """A knowledge topic from the words and entities of a message the classifiers were unsure about."""
    strong = strong_topic(text, entities)
    if strong is not None:
        return strong
    names = {e.get("entity") for e in entities}
    if "article" in names:
        return "ask_article"
    names_a_term = "term" in names or find_term(text) is not None
    for topic, pattern in _TOPIC_WORDS:
        if pattern.search(text) and (topic != "ask_term" or names_a_term):
            return topic
    if names_a_term:
        return "ask_term"
    ranked = [r for r in ranking or [] if r.get("name") in TOPICS]
    if ranked and ranked[0].get("confidence", 0) >= 0.25:
        return ranked[0]["name"]
    return None

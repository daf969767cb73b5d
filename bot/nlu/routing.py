"""The last word on what a message means, after the classifiers: facts first, other programmes out.

- A message that carries interview facts (我们园区去年收入一百一十多个亿……能报吗) is an answer to the
  self-check, whatever question the classifiers heard in it: its intent becomes ``inform``, so every fact
  is recorded and the check starts or continues. A key-field description typed as an answer
  (智能网联汽车零部件制造和测试服务) counts too when the classifiers could not place it.
- A question about another programme's own rules (专精特新中小企业申报需要准备哪些材料) is out of scope,
  even though it names a title that 第六条 lists.

The original intent is kept in the parse data as ``routed_from`` so the actions and the logs can see why.
"""

from __future__ import annotations

import re
from typing import Any

import zhconv
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.commands import says_not_known
from bot.nlu.extract import OURS, normalise
from bot.nlu.questions import is_question
from bot.nlu.topics import TOPICS, guess_topic, strong_topic
from liangye_rules.facts import FACT_SPECS
from liangye_rules.silences import silences_asked
from liangye_rules.terms import find_term
from liangye_rules.thresholds import ALL_THRESHOLDS
from liangye_rules.vocabulary import OTHER_REGIONS, fold_homophones, other_region_named

# Facts a message can carry; key fields and titles are also words of questions, so they count only where
# the classifiers could not place the message.
_FACTS = frozenset(f for f, spec in FACT_SPECS.items() if spec.kind not in ("key_field", "titles")) | {
    "part_amount",  # 先进制造营收48亿: a share, once divided by the revenue
    "floor_area",  # 入驻企业用房面积40万平米: a revenue per m², once the revenue is divided by it
}
_WEAK_FACTS = frozenset({"key_field", "title", "title_absent"})
# Intents that a message with facts is read as an answer instead of.
_OVERRIDDEN = frozenset(
    {"ask_criteria", "out_of_scope", "nlu_fallback", "bot_capabilities", "greet", "ask_key_fields", "ask_term"}
)
_UNPLACED = frozenset({"out_of_scope", "nlu_fallback"})
_STARTS = frozenset({"start_check", "identify_park", "identify_enterprise", "choose_leading", "choose_growth", "unsure_track"})
_INTERVIEW = _STARTS | {"inform", "correct"}
_SHORT_ANSWERS = frozenset({"affirm", "deny", "dont_know"})
# The conversation's controls: never re-read.
_CONTROLS = frozenset({"human_handoff", "stop", "start_over", "goodbye", "thank", "give_contact", "review"})
# Asking for a criterion's threshold: 营收线, 要多少, 多少来着, 各多少, 够不够线.
_HOW_DEFINED = re.compile(
    r"算还是|(?:按|用|以).{1,8}还是.{1,8}算|算术平均|复合增长|几何平均|咋算|怎么算|怎么计算|如何计算|如何算|计算方法|算法|口径|含税|不含税|分母|分子|算哪些|包括哪些|算进去|算不算进|报表"
    r"|建筑面积还是|占地面积还是|还是.{0,4}(建筑|占地)面积|加在一起|加起来算|合起来算|合并算|一起算|平均一下|复合"
)
_ASKS_THRESHOLD = re.compile(r"线|多少|多大|几成|门槛|要求|标准|条件|算不算|够不够|够吗|达标|[>≥<≤]")
_HELD = frozenset({"title", "title_absent"})
# The required value asked (门槛是八还是十, 要多少来着) and a doubt about remembering it, not about one's own figure
_ASKS_REQUIRED = re.compile(r"门槛|要求|标准|线|要多少|多少来着|得多少|需要多少|至少多少")
_OUR_FIGURES = re.compile(r"营收|营业收入|收入|利润|增长|投入|占比|比重|排名|面积|称号|重点领域|先进制造|现代服务")
_FORGOT = re.compile(r"记不清|记不得|不记得|记不住|忘了|搞混|搞不清")
_ASKS_FIELD = re.compile(r"(算不算|属不属于|是不是|属于|算|归|在不在).{0,6}(重点领域|八个领域|八大领域|哪个领域|哪一个领域)")
# Support articles with no rate of their own (第十二条 to 第十六条): a question naming one is about that article
_ARTICLE_OF_ITS_OWN = re.compile(r"(?:第\s*)?(?:十[二三四五六]|1[2-6])\s*条")
# Intents the router never changes: the interview's own and the conversation's controls.
_KEPT = frozenset(
    {
        "inform",
        "correct",
        "affirm",
        "deny",
        "dont_know",
        "review",
        "start_check",
        "identify_park",
        "identify_enterprise",
        "choose_leading",
        "choose_growth",
        "unsure_track",
        "human_handoff",
        "stop",
        "start_over",
        "goodbye",
        "thank",
        "give_contact",
    }
)
_CRITERIA = re.compile(
    r"条件|门槛|要求|标准|得占|要占|才行|就行|才够|够不够|多少才|能不能过|能过|过不过|算不算|达标吗|达不达标|并列|择一|还是"
    r"|哪(?:几|三|两)个|哪些|选一|可否|能否(?:是|为)|可不可以是|能不能是|是否可以|行不行|在哪(?:里|儿)?注册"
)
# Intents of an answer or a check that a question about the conditions, with no facts, is read as instead.
_ANSWERISH = frozenset(
    {"inform", "correct", "identify_park", "identify_enterprise", "choose_leading", "choose_growth", "start_check"}
)
# A check asked for outright (能不能报), which wins over any topic word, and one wished for (想申报), which does not.
_CHECK_ASKED = re.compile(
    r"能不能报|能.{0,2}报.{0,8}吗|能.{0,2}报.{0,12}不\s*[?？]?\s*$|能否申报|能不能申报|可以.{0,2}报.{0,8}吗|能.{0,2}申报.{0,8}吗|报得了|够不够|够吗|够格吗"
    r"|符合.{0,4}条件吗|影响申报|影响.{0,2}报|(?:申报|报).{0,10}(?:有影响|有没有影响|影响大|会不会影响)|有戏|有没有戏|有希望吗|有没有希望|希望大吗|评得上|能评上|选得上|能入选|算达[标表]|达[标表](?:吗|不|没)|够线|过线"
)
_WANTS_CHECK = re.compile(
    r"(?:想|拟|准备|打算|计划)(?:要)?.{0,12}(?:申报|报)|帮.{0,4}(判断|看看|评估|自查|对一下|对照|核对|测一下)|想.{0,8}(?:自查|自测|测一下|测测|测一测)|想测|想看(?:看|一下)?(?:成长型|领跑型|示范园区)|做个?.{0,6}(?:预判|测评|评估|判断)|预判|自查一下|自测一下|可以吗"
)
_IN_UNITS = re.compile(
    r"(?:数|数字|数据|金额|报表|账)[^，。？?]{0,6}(?:都是|全是|是|用|按|以)(?:万元|万|元)|(?:万元|元)(?:为单位|口径|的单位)|单位是(?:万元|元)"
)
# 如果营收10亿能报领跑型吗 / 利润是负数的话还能报吗: a question about the conditions
_SUPPOSING = re.compile(r"\s*(?:如果|假如|要是|假设|万一)|.{2,}的话")
# A shortfall stated without a figure (利润前年是亏的，增长率没法算，还能报吗): a question about the conditions
_SHORTFALL = re.compile(r"达不到|没法算|算不了|算不出|亏损?|不满足|(?<![能是])不符合|没达到|未达到|够不上|(?<!够)不够")
# 天津的两业融合园区政策和北京比哪个好: a comparison with another region's policy is no question about these measures
_REGION_COMPARED = re.compile(
    rf"(?:{'|'.join(OTHER_REGIONS)}).{{0,24}}(?:和|跟|与|同)北京.{{0,6}}(?:比|相比|对比|比较|一样|相同|不同|区别|差别)"
)
_TITLE_KIND = re.compile(r"国家级|市级|省级|区级|一定要|必须|行不行|算不算|可以吗|认不认")
_UNREQUIRED = re.compile(
    r"(注册资本|成立年限|成立时间|员工人数|职工人数|纳税额|资产总额|净资产).{0,10}(要求|限制|门槛|规定|有没有|要多少)"
)
_TERSE_THRESHOLD = re.compile(r"^\s*[^，,。？?]{2,14}?(?:线|门槛|要求|标准)\s*[？?]?\s*$")
_MATERIALS_SECTOR = re.compile(
    r"(?:新|电池|复合|高分子|建筑|包装|金属|化工|半导体|纳米|碳|电子|光伏|医用|生物|磁性|先进)材料|材料(?:制造|生产|研发|加工|行业|产业)"
)
_ESTIMATE_ASKED = re.compile(r"补多少|能补|给多少|多少钱|多少补贴|多少补助|帮.{0,2}算|算算|算一下|估算|测算|估一下|能拿多少")
# The national pilots' access to this programme's support (第三条), not the programme's dates or basis
_NATIONAL_PILOT_SUPPORT = re.compile(r"国家级.{0,10}试点.{0,16}(享受|市级政策|市级.{0,4}支持)")
_ASKS_ABOUT = re.compile(r"支持|补贴|补助|资金|政策|流程|材料|怎么申报|向谁|多久|有效|义务|撤销")
_CHECK_INTENT = {"park": "identify_park", "leading_enterprise": "choose_leading", "growth_enterprise": "choose_growth"}
_OTHER_PROGRAMME = re.compile(
    r"(专精特新|小巨人|高新技术企业|高企|国家高新|瞪羚|独角兽|单项冠军|企业技术中心|绿色工厂|智能工厂|数字化车间|绿色园区)"
    r"[^，。；,.;]{0,12}(?:(申报|认定|评定|申请|复核|复审|评选)[^，。；,.;]{0,10}(材料|条件|流程|标准|要求|门槛|补贴|奖励|时间|多久|怎么|如何)"
    r"|(怎么|如何|怎样)(申请|申报|认定|评定|办理)"
    r"|第几批|哪一批|(什么时候|啥时候|几月份?|何时)[^，。；,.;]{0,6}(申报|认定|评定|申请|开始|受理|截止))"
)
_OTHER_REWARD = re.compile(
    r"(专精特新|小巨人|高新技术企业|高企|国家高新|瞪羚|独角兽|单项冠军)[^，。；,.;]{0,12}(有什么|有哪些|能拿|能得|给多少|有没有)"
    r"[^，。；,.;]{0,4}(奖励|奖补|补贴|资助|扶持资金)"
    r"|(专精特新|小巨人|高新技术企业|高企|国家高新)[^，。；,.;]{0,16}(奖励|奖补|补贴|资助|扶持资金)[^，。；,.;]{0,4}(有多少|多少|怎么申请)"
)
# 能推荐几家做数字化转型咨询的服务商吗: a request for vendors, not 第十六条's recommendation
_COUNTS_AS = re.compile(r"能当|当作|算不算|认不认|认可|等同|能用|可以用|顶用")
_VENDORS = re.compile(
    r"推荐[^，。；,.;]{0,12}(服务商|供应商|咨询公司|咨询机构|中介|代理|律所|会计师事务所|厂家)"
    r"|(?:推荐|有没有|有啥|有什么)[^。？?]{0,10}(?:贷款产品|信贷产品|信用贷|理财产品|保险产品)"
)
# Other schemes with their own rules, named even where this programme's words appear (第三条, 第十六条 only refer to them).
_OTHER_SCHEME = re.compile(
    r"高精尖产业发展资金|高精尖资金|国家级两业融合试点.{0,12}(怎么评|评选|评审|评分|指标|门槛|条件是|标准)"
    r"|国家发展改革委.{0,12}(评|选).{0,12}(指标|门槛|标准|条件)"
    r"|(?:国家发改委|国家发展改革委|国家级)的?两业融合试点.{0,16}(?:申报书|模板|材料|怎么报|怎么申报|下载|条件|流程|什么时候|何时|开始申报|截止)"
    r"|加计扣除|增值税|所得税|纳税人|出让(?:最低|底)价|最低价标准|出让金|税率|退税|个税|社保|公积金|税收优惠|减税|免税|税收减免|税费减免"
    r"|研发费用[^。？?]{0,8}占[^。？?]{0,8}销售收入"
    r"|离职|辞退|劳动合同|劳动仲裁|加班费|扣[^，。？?]{0,8}工资|拖欠工资|年假"
    r"|老旧小区|棚户区|综合整治|区级配套|区里配套|区级奖励|区级的?奖励|区级补贴|地价|租金多少"
    r"|(?:帮我|帮忙|替我|给我)(?:写|起草|撰写|做)一?[份个篇]?.{0,8}(?:方案|报告|文章|总结|计划|PPT)"
    r"|服务业扩大开放|自贸试验区|自贸区|综合保税区|综保区"
    r"|出让最高年限|最高出让年限|使用权.{0,4}最高年限|北交所(?![^，。？?]{0,12}储备库).{0,10}(?:上市)?.{0,10}(?:要求|条件|门槛|标准|净利润|市值)|注册地.{0,10}(?:迁|搬|变更)|工商变更|标杆企业"
)
# Other authorities' procedures (环评审批, reporting an accident, credit repair), asked without this programme's words
_OTHER_PROCEDURE = re.compile(
    r"(?:环境影响评价|环评|安评|能评|消防验收|施工许可|规划许可)[^，。？?]{0,16}(?:审批|批复|哪个部门|谁批|怎么办|流程)"
    r"|事故[^，。？?]{0,12}(?:向哪|哪个部门|哪些部门|怎么报告|如何报告|上报)|信用修复"
    r"|失信[^，。？?]{0,10}(?:修复|消除|移出)[^，。？?]{0,8}(?:怎么|如何|多久|流程|几年)"
)
# Another title's own rules (高企认定的研发费用比例, 科技型中小企业评价入库), asked without this programme's words
_OTHER_TITLE_RULES = re.compile(
    r"(?:高新技术企业|高企|科技型中小企业|创新型中小企业|瞪羚企业|专精特新)[^。？?，,]{0,4}(?:认定|评价|入库|评定)"
    r"[^。？?]{0,24}(?:比例|要求|条件|标准|指标|怎么|如何|流程|操作|材料)"
    # 国家级专精特新小巨人企业今年申报截止是哪天: that title's own application round
    r"|(?:高新技术企业|高企|小巨人|专精特新)[^。？?，,]{0,8}(?:申报|认定|评审|申请)[^。？?，,]{0,6}(?:截止|时间|批次|几月|哪天|什么时候|窗口)"
)
_ABOUT_OUR_STATUS = re.compile(r"称号|撤销|申报|认定|年度评价|综合评价|评价结果|试点|示范")
_ASKS_ABOUT_TOPIC = re.compile(r"政策|支持|补贴|补助|条件|材料|流程|申报|介绍|说明|讲讲|解释|原文|第[一二三四五六七八九十]+条")
# Asking for a person (the robot is one only when talked to, not when made: 做机器人制造)
_ASKS_PERSON = re.compile(
    r"人工|真人|工作人员|客服|坐席|热线|电话|微信|当面|线下|现场|专人|对接人|负责人|同志|老师|找人|找个人|叫.{0,2}人|换人|有人|来人|让人"
    r"|跟人|和人|的人|人来|联系|投诉|(?:跟|和|与|你这|你个)机器人|机器人(?:说|答|回|听)"
)
_CERTIFICATE_VALID = re.compile(
    r"(?:证书|资质|称号|认定)[^，,。；;]{0,6}(?:有效期内|在有效期|还有效|仍有效|没过期|未过期|没到期|未到期)"
)
_LINE_OF_BUSINESS = re.compile(
    r"开发|制造|生产|服务|管理|运营|加工|销售|研发|设计|物流|贸易|批发|零售|施工|建筑|物业|餐饮|咨询|租赁|养殖|种植"
)
# A figure said alone, as the answer to the question asked (百分之十七八吧, 大概三成左右, 25亿)
_BARE_FIGURE = re.compile(
    r"(?:大概|大约|约|差不多|估计|应该)?(?:是|有)?(?:百分之)?[\d.一二两三四五六七八九十百千]+(?:~[\d.]+)?"
    r"(?:%|％|成|亿|万|个亿|个点|万元|亿元)?(?:左右|上下|出头|多)?(?:吧|啊|呢|的样子)?"
)
# 北交所's own listing rules; 第十四条 (试点企业纳入北交所上市储备库) is ours.
_OTHER_LISTING = re.compile(r"北交所.{0,4}上市.{0,8}(财务|门槛|条件|标准|要求|指标|规则)")
# Money from other city funds for the same project (第三条: not supported again)
_OTHER_FUNDS = re.compile(
    r"其他市级|市级财政|高精尖资金|(?:拿|获得?|享受|申请)过.{0,12}(?:资金|补助|补贴|支持|奖励)|已获.{0,10}(?:资金|补助|补贴|支持)|重复支持"
)
# Whether a track needs one of 第六条（二）1's titles: 领跑型要不要有高新证书
_TITLE_NEEDED = re.compile(r"要不要|需不需要|需要|必须|得有|一定要|要求|要什么|什么称号|哪些称号|哪几个称号|哪三个")
# A description of the business typed as the answer to the key-field question (主营是住宅房地产开发)
_DESCRIBES_BUSINESS = re.compile(
    r"^\s*(?:我们|公司|企业|集团)?(?:的)?(?:主营|主业|主要做|主要从事|主要经营|主要业务|业务是|做的是|从事|做(?![不得到完好]))"
)
# Small talk the assistant is not for (你好呀，今天过得怎么样): declined politely with what it can do
_CHITCHAT = re.compile(r"过得怎么样|过得好吗|心情|天气|吃饭了|吃了吗|讲个笑话|你多大|你几岁|你是男|你是女|你喜欢|周末|无聊")
# 成长型服务投入比重, 领跑型第六条（一）1，营收和排名是且还是或: a track and a criterion, nothing about the applicant
_TERSE_CRITERION = re.compile(
    r"^\s*(?:示范园区|园区|领跑型|成长型)(?:试点企业|企业)?[的，,\s]*"
    r"(?:第[一二三四五六七八九十]+条\S{0,8}[，,]?\s*)?(?:[\u4e00-\u9fff]{1,3}的)?(?:[一二两三四五六七八九几]+[类个项种])?"
    r"(?:营收|营业收入|收入|服务投入|增长|增速|利润|称号|资质|排名|市场占有率|占比|比重|指标|口径|条件|门槛|要求|标准)"
    r"(?!.*(?:我们|我司|咱们|想报|想申报|帮我|能不能报|能报吗))"
)
_OWN = re.compile(rf"{OURS.pattern}|正好|刚好|恰好|卡在|经审计")  # the applicant's own figure, not a quote
_FIGURE_WORDS = re.compile(r"占比|比例|比重|数字|数据|多少|营收|收入|排名|增长|投入")
_PILOT_ENTERPRISE = re.compile(r"试点企业|领跑型|成长型")
_DIRECT_MONEY = re.compile(r"补贴|补助|奖励|奖金|现金|给钱|拿钱|一笔钱|多少钱|资金")
_TERSE_DEFINED = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,14}(?:口径|定义|怎么算)(?:[，,：:]|$)")
_RECOMMENDED = re.compile(r"推荐|优先")  # 第十六条: recommendation to the national pilots is this programme's support
_THIS_PROGRAMME = re.compile(
    r"两业|融合|试点|示范|本办法|这个办法|成长型|领跑型|京发改|第[一二三四五六七八九十]+条|(?<!\d)\d{1,2}条"
)


def _figures(entities: list[dict]) -> list[dict]:
    """The facts given as figures (every fact but the yes/no conditions)."""
    return [e for e in entities if e.get("entity") in FACT_SPECS and FACT_SPECS[e["entity"]].kind != "bool"]


def _quotes_thresholds(entities: list[dict]) -> bool:
    """Whether every figure in the message is a threshold of the measures for its fact (营收10亿, 前10, 20%)."""
    figures = _figures(entities)

    def quoted(entity: dict) -> bool:
        value = entity.get("value")
        if isinstance(value, dict) and value.get("range", [None])[0] == 1:  # 前10: the top ten
            value = value["range"][1]
        return any(th.fact == entity["entity"] and value == th.value for th in ALL_THRESHOLDS)

    return bool(figures) and all(quoted(e) for e in figures)


def _topic(intent: str | None, text: str, entities: list[dict], names: set, ranking: list[dict], asks_check: bool) -> str | None:
    """The question the message asks, where its words decide over the classifiers (None: no such decision)."""
    if intent in _CONTROLS:
        return None
    if "track_switch" in names and not is_question(text) and intent not in _KEPT:
        return "inform"  # 算了看了下条件，领跑型够不着，改报成长型吧: a switch of track is an answer, whatever else it names
    own_facts = bool(_figures(entities)) and (not _quotes_thresholds(entities) or bool(_OWN.search(text)))
    asks_own_case = asks_check and bool(names & (_FACTS | _HELD))
    last = re.split(r"[，,。；;！!]", text.rstrip("，,。；;！! "))[-1]
    ends_not_known = says_not_known(last) and not is_question(last)  # ……口径没拆过，说不上来，不知道。: an answer
    if intent in TOPICS and ends_not_known and not is_question(text) and not names & _FACTS:
        return "dont_know"  # 高新证书到期了……所以现在说不准有没有有效称号。: not knowing, said with its reasons
    if (
        is_question(text)
        and "silence" in names
        and not (asks_own_case or own_facts or ends_not_known)
        and (intent != "out_of_scope" or any(s.own_terms for s in silences_asked(text)))
    ):
        # 园区营收一百亿是企业加起来还是运营公司自己的？: a detail the text leaves open (liangye_rules.silences)
        if _HOW_DEFINED.search(text) and find_term(text) is not None:
            return "ask_term"  # 用建筑面积算还是土地面积算: the term's entry says how it is defined and what is left open
        topic = intent if intent in TOPICS else guess_topic(text, entities, ranking) or "ask_criteria"
        if topic == "ask_subsidy" and "amount" not in names:  # 第十条支持比例，有无封顶: answered, not estimated
            return "ask_article" if "article" in names else "ask_support"
        return topic
    first = re.match(r"[^。！!？?]*[。！!？?]?", text.strip()).group(0)  # the first sentence, with its stop
    if (
        names & _FACTS
        and "correction" not in names
        and is_question(first)
        and not asks_check
        and _HOW_DEFINED.search(first)
        and find_term(text) is not None
    ):
        return "ask_term"  # 近三年平均增长率是每年平均一下还是复合算？我们23年涨了五成…: how the figure is defined
    if is_question(text) and not asks_check and names & _FACTS and _quotes_thresholds(entities) and not _OWN.search(text):
        return "ask_criteria"  # 领跑型，营收10亿和细分前10是或的关系吧: the thresholds themselves, quoted
    if names & _FACTS and (intent in _OVERRIDDEN or not is_question(text)):
        return None  # facts first: the message is an answer (see route)
    if names & _HELD and not is_question(text) and intent in _UNPLACED:
        return "inform"  # 我们是中关村高新技术企业，国家高新还没评下来，也没有专精特新: titles, said as an answer
    opening = re.split(r"[，,。；;！!？?]", text.strip())[0]
    if (
        is_question(opening)
        and _ASKS_REQUIRED.search(opening)
        and _OUR_FIGURES.search(opening)
        and (not says_not_known(text) or _FORGOT.search(text))
        and not (asks_check or names & (_FACTS | _HELD))
    ):
        return "ask_criteria"  # 利润增长率的门槛是百分之八还是百分之十，我记不清了: the threshold asked, then a doubt
    if intent in TOPICS and says_not_known(text) and _FIGURE_WORDS.search(text) and not is_question(last):
        return "dont_know"  # 哪些企业算重点领域我们没细分过，这个占比真说不上来: the figure is not known
    if (
        is_question(opening)
        and _HOW_DEFINED.search(opening)
        and find_term(opening) is not None
        and not asks_check
        and strong_topic(text, entities) in (None, "ask_term")
    ):
        return "ask_term"  # 近三年平均增长率是算术平均还是复合增长率，财务这边不知道咋算: how it is computed
    if says_not_known(text) and intent not in TOPICS:
        return None  # 占总投入多少我真不知道: an answer that the figure is not known, not a question
    asserts_facts = bool(names & (_FACTS | _HELD))
    how_defined = _HOW_DEFINED.search(text) and len(text) > 14  # 领跑型 市场占有率口径 is the criterion, tersely
    terse = _TERSE_CRITERION.match(text) and not (asserts_facts or asks_check or how_defined)
    if (intent in _STARTS or intent == "nlu_fallback") and terse:
        return "ask_criteria"  # 成长型服务投入比重 / 成长型称号三选一: a helpdesk officer's terse question, no check
    if "title_mentioned" in names and "applicant_type" in names and is_question(text) and _TITLE_NEEDED.search(text):
        return "ask_criteria"  # 领跑型要不要有高新证书？: whether the track's conditions include a title
    if "title_mentioned" in names and is_question(text) and _TITLE_KIND.search(text) and not asserts_facts:
        return "ask_criteria"  # 小巨人一定要国家级的吗？市级的专精特新行不行: which titles 第六条（二）1 lists
    if _UNREQUIRED.search(text) and is_question(text):
        return "ask_criteria"  # 成长型对注册资本有要求么: a requirement the conditions do not contain
    if _TERSE_DEFINED.match(text) and not asserts_facts:  # 服务投入口径，六条 / 细分行业排名口径：全国还是全市
        return "ask_term" if find_term(text) is not None else "ask_criteria"
    if "fact_named" in names and _TERSE_THRESHOLD.match(text) and not asserts_facts:
        return "ask_criteria"  # 重点领域企业营收占比线: a helpdesk officer's terse question about a threshold
    if "unlisted_title" in names and is_question(text) and not names & _FACTS and not asks_check:
        return "ask_criteria"  # 中关村高新算不算成长型要的称号？: 第六条（二）1 lists three titles
    strong = strong_topic(text, entities)
    if strong is not None and (intent in TOPICS or intent in _UNPLACED or (intent in _STARTS and not asserts_facts)):
        return strong  # 试点企业分几类？ looks like the start of a check; 造假会怎样 like chit-chat
    share_asked = _ASKS_REQUIRED.search(text) and any(
        e.get("entity") == "fact_named" and e.get("value") == "key_field_revenue_share" for e in entities
    )  # 主营属于八个重点领域的企业营收占比要求多少: 第五条（五）'s threshold, not a field to find
    if is_question(text) and _ASKS_FIELD.search(text) and not asserts_facts and not asks_check and not share_asked:
        return "ask_key_fields"  # 我们做新能源电池回收的，算不算重点领域: which field the business is in
    named_fact = "fact_named" in names and not asserts_facts
    if named_fact and is_question(text) and _HOW_DEFINED.search(text) and find_term(text) is not None:
        return "ask_term"  # 单位面积营收咋算，按建筑面积还是占地面积？: how the figure is defined (the text is silent)
    if named_fact and is_question(text) and _ASKS_THRESHOLD.search(text) and not asks_check:
        return "ask_criteria"  # 领跑型 营收线？ / 利润增长率要多少来着: a criterion's threshold, not an answer
    if "article" in names and not asserts_facts and (intent in _ANSWERISH or intent in _UNPLACED):
        return "ask_article"  # 第五条第五项 重点领域企业营收占比: a helpdesk officer's reference to the text
    if asks_check and names & (_FACTS | _HELD) and (intent not in _KEPT or intent in _SHORT_ANSWERS):
        return "inform"  # 朝阳一家充换电企业，国家高新，想报成长型。: facts and a check wished for
    types = {e.get("value") for e in entities if e.get("entity") == "applicant_type"}
    enterprise_only = (types and "park" not in types) or (_PILOT_ENTERPRISE.search(text) and "园区" not in text)
    asks_money = is_question(text) and _DIRECT_MONEY.search(text) and (intent in TOPICS or intent in _UNPLACED)
    if asks_money and "project_type" not in names and enterprise_only:
        return "ask_support"  # 评上试点企业以后直接奖励一笔钱吗: no project money for enterprises (第十三条–第十六条)
    if intent == "nlu_fallback" and _DESCRIBES_BUSINESS.search(text) and not is_question(text):
        return "inform"  # 我们主业是商业地产开发和物业管理，跟制造业基本不沾边: the business, said as an answer
    if intent in ("nlu_fallback", "out_of_scope") and asks_check and len(types) == 1:
        return _CHECK_INTENT[types.pop()]  # 公司拟申报领跑型试点企业，想请您帮着做个初步自查: a check on one track
    if intent == "nlu_fallback" and names & {"percent", "amount"} and not is_question(text):
        return "inform"  # 醫藥健康領域的企業營收佔八成以上: a figure said as an answer, whatever field it names
    if intent == "nlu_fallback":
        top = [r.get("name") for r in ranking if r.get("name") != "nlu_fallback"][:2]
        if top and (top[0] in _STARTS or (len(top) == 2 and set(top) <= _INTERVIEW)):
            return top[0]  # unsure, but between ways of starting or answering the check
        return guess_topic(text, entities, ranking)
    if intent in _SHORT_ANSWERS and is_question(text) and len(text) >= 8:
        return guess_topic(text, entities, ranking)  # 不低于跟超过有啥区别，等于那个数算不算数？ is no yes or no
    if intent == "ask_term" and "term" not in names and find_term(text) is None:
        other = guess_topic(text, entities, ranking)
        return other if other not in (None, "ask_term") else None
    return None


def route(intent: str | None, text: str, entities: list[dict], ranking: list[dict] | None = None) -> str | None:
    """The intent the message should have instead of ``intent``, or None to keep it."""
    text = fold_homophones(zhconv.convert(text, "zh-cn"))  # 小規模納稅人增值稅: the patterns are written in simplified characters
    names = {e.get("entity") for e in entities}
    if (
        intent == "human_handoff"
        and not _ASKS_PERSON.search(text)
        and (_LINE_OF_BUSINESS.search(text) or names & (_FACTS | _WEAK_FACTS))
        and not is_question(text)
    ):
        return "inform"  # 做机器人制造，也给工厂做智能化改造服务: a line of business; no one asked for a person
    if intent == "ask_validity" and "title" in names and _CERTIFICATE_VALID.search(text):
        return "inform"  # 我们是国家高新技术企业，证书还在有效期，这个行吗: a title held, not 第二十条's trial period
    if (_OTHER_PROGRAMME.search(text) or _OTHER_REWARD.search(text) or _OTHER_LISTING.search(text)) and not (
        _THIS_PROGRAMME.search(text)
    ):
        return "out_of_scope" if intent != "out_of_scope" else None
    if "project_type" in names and "amount" in names and _ESTIMATE_ASKED.search(text) and not _OTHER_SCHEME.search(text):
        return "ask_subsidy" if intent != "ask_subsidy" else None  # 配套基础设施改造投了一个亿两千万，能补多少钱
    if _REGION_COMPARED.search(text):
        return "out_of_scope" if intent != "out_of_scope" else None
    if _NATIONAL_PILOT_SUPPORT.search(text) and is_question(text):
        return "ask_support" if intent != "ask_support" else None  # 国家级试点能否享受市级政策: 第三条
    if _OTHER_FUNDS.search(text) and _THIS_PROGRAMME.search(text) and is_question(text):
        return "ask_support" if intent != "ask_support" else None  # 拿过高精尖资金，两业融合还能再支持吗: 第三条
    if _OTHER_TITLE_RULES.search(text) and not _THIS_PROGRAMME.search(text):
        return "out_of_scope" if intent != "out_of_scope" else None  # 科技型中小企业评价入库怎么操作
    if _OTHER_PROCEDURE.search(text) and not _THIS_PROGRAMME.search(text) and not _ABOUT_OUR_STATUS.search(text):
        return "out_of_scope" if intent != "out_of_scope" else None  # 一般生产安全事故向哪个部门报告
    if _VENDORS.search(text):
        return "out_of_scope" if intent != "out_of_scope" else None
    if _CHITCHAT.search(text) and intent in ("nlu_fallback", "greet", "out_of_scope", "bot_capabilities"):
        return "out_of_scope" if intent != "out_of_scope" else None
    if _OTHER_SCHEME.search(text) and not _RECOMMENDED.search(text):
        return "out_of_scope" if intent != "out_of_scope" else None  # 高精尖资金, 国家级试点's own selection rules
    # 河北省的专精特新能当北京市专精特新用吗: whether another place's title counts for 第六条（二）1 (not its rewards)
    another_title = names & {"unlisted_title", "title_mentioned"} and _COUNTS_AS.search(text)
    if intent not in _KEPT and other_region_named(normalise(text)) and not names & _FACTS and not another_title:
        return "out_of_scope" if intent != "out_of_scope" else None  # 江苏省两业融合试点: another region's programme
    asks_check = not _SUPPOSING.match(text) and (
        _CHECK_ASKED.search(text) or (_WANTS_CHECK.search(text) and not _ASKS_ABOUT.search(text))
    )
    types = [e.get("value") for e in entities if e.get("entity") == "applicant_type"]
    if asks_check and is_question(text) and _SHORTFALL.search(text) and not names & (_FACTS | _HELD) and intent not in _CONTROLS:
        return "ask_criteria" if intent != "ask_criteria" else None  # 新设园区达不到第五条指标能否申报
    if _IN_UNITS.search(text) and is_question(text) and len(set(types)) == 1 and not names & _FACTS:
        return _CHECK_INTENT[types[0]]  # 园区财务给的数都是万元，直接报给你行吗: yes, the check takes figures in 万元
    articles = [e.get("value") for e in entities if e.get("entity") == "article"]
    if intent == "ask_criteria" and articles and all(isinstance(a, int) and 9 <= a <= 16 for a in articles):
        return "ask_support"  # 第九条对土地取得方式有何要求？划拨地行不行？: a support article's own conditions
    if "article" in names and intent in ("ask_subsidy", "ask_support") and _ARTICLE_OF_ITS_OWN.search(text):
        return "ask_article"  # 15条强链补链奖励从哪个资金出: one article's own support, not the project rates
    if (
        intent in _SHORT_ANSWERS | _UNPLACED
        and asks_check
        and _CHECK_ASKED.search(text)
        and len(set(types)) == 1
        and not names & _FACTS
    ):
        return _CHECK_INTENT[types[0]]  # 老板让我问问成长型能不能报，有些情况不太清楚: a check asked for, not an answer
    if (
        intent in _UNPLACED | {"ask_materials"}
        and "key_field" in names
        and _MATERIALS_SECTOR.search(text)
        and not is_question(text)
    ):
        return "inform"  # 新能源电池材料制造。: a line of business, not a question about application materials
    if (
        (
            (intent == "out_of_scope" and len(text) <= 24)
            or (intent in TOPICS and "key_field" in names)
            or (intent == "ask_key_fields" and re.search(r"主营|我们|我司|公司", text))
        )
        and not is_question(text)
        and not asks_check
        and _LINE_OF_BUSINESS.search(text)
        and not re.match(r"\s*(?:帮|我要|我想|请|推荐|给我|麻烦)", text)
        and not _ASKS_ABOUT_TOPIC.search(text)
    ):
        return "inform"  # 房地产开发 商品住宅和物业管理: a line of business said as an answer, whatever field it is in
    first, *rest = re.split(r"[，,。；;\s]+", text.strip(), maxsplit=1)
    if rest and _BARE_FIGURE.fullmatch(first) and is_question(rest[0]) and intent not in _CONTROLS:
        return "inform" if intent != "inform" else None  # 百分之十七八吧 这个包括买软件的钱吗: the answer, then a doubt
    topic = _topic(intent, text, entities, names, ranking or [], bool(asks_check))
    if topic is not None:
        return topic if topic != intent else None
    if (
        intent in _ANSWERISH
        and not names & (_FACTS | _HELD | _WEAK_FACTS)
        and is_question(text)
        and _CRITERIA.search(text)
        and not asks_check
        and not says_not_known(text)
    ):
        return "ask_criteria"  # 先进制造跟现代服务是不是都得占三成以上？: a question about the conditions, not an answer
    if intent in _ANSWERISH and is_question(text) and not names & (_FACTS | _HELD) and (strong := strong_topic(text, entities)):
        return strong  # 园区是新建的，指标都不够，是不是只能等三年后再报？: a question whose words name its topic
    if intent in _ANSWERISH and _SUPPOSING.match(text) and is_question(text) and not names & (_FACTS | _HELD):
        return "ask_criteria"  # 利润是负数的话成长型还能报吗: the conditions, for a case supposed
    if intent in _KEPT:
        return None
    if intent in (_UNPLACED | {"ask_key_fields"}) and names & {"percent", "amount"} and not is_question(text):
        return "inform"  # 八成都是医药健康的企业: a figure said as an answer, whatever field it names
    if (
        intent in (_UNPLACED | {"ask_term", "ask_key_fields", "bot_capabilities"})
        and _DESCRIBES_BUSINESS.search(text)
        and not is_question(text)
    ):
        return "inform"  # 主营是住宅房地产开发和物业管理: the answer to the key-field question, whatever the field
    if names & _FACTS and (intent in _OVERRIDDEN or not is_question(text)):
        return "inform"
    if names & _HELD and not is_question(text):
        return "inform"  # 有高新证书。 / 国家级专精特新“小巨人”企业。: a title held, said as an answer
    if intent in _UNPLACED and names & _WEAK_FACTS and not is_question(text):
        return "inform"
    if names & (_FACTS | _HELD) and asks_check:
        return "inform"  # 我们是新设的园区…想按新设园区承诺的方式申报，可以吗: facts and a check asked for
    if len(set(types)) == 1 and asks_check:
        return _CHECK_INTENT[types[0]]  # 想申报示范园区，请帮忙判断一下: a check, not a question about support
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class MessageRouter(GraphComponent):
    """Runs after the classifiers and the fallback: applies ``route`` to every message."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageRouter:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            ranking = message.get(INTENT_RANKING_KEY) or []
            routed = route(intent, message.get(TEXT) or "", message.get(ENTITIES) or [], ranking)
            if routed is None:
                continue
            message.set(INTENT, {"name": routed, "confidence": 1.0}, add_to_output=True)
            rest = [r for r in ranking if r.get("name") != routed]
            message.set(INTENT_RANKING_KEY, [{"name": routed, "confidence": 1.0}, *rest], add_to_output=True)
            message.set("routed_from", intent, add_to_output=True)
        return messages

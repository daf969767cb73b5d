"""The router after the classifiers (bot.nlu.routing): facts first, other programmes' own rules out of scope."""

import pytest

from bot.nlu.extract import extract
from bot.nlu.routing import route


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("您好，我们园区去年收入一百一十多个亿，制造业三成多，想问问能申报示范园区吗", "ask_criteria", "inform"),
        ("示范园区那个营收门槛是一百亿吧？我们园区去年九十七八个亿，还能报吗", "ask_criteria", "inform"),
        ("我们营收12亿，服务投入占25%，能报领跑型吗", "out_of_scope", "inform"),
        ("智能网联汽车零部件制造和测试服务", "out_of_scope", "inform"),
        ("土地手续齐全，四至也清楚", "nlu_fallback", "inform"),
        ("专精特新中小企业申报需要准备哪些材料？", "ask_materials", "out_of_scope"),
        ("国家级专精特新小巨人企业的认定条件是什么？", "ask_term", "out_of_scope"),
        ("高新技术企业认定要什么条件", "ask_criteria", "out_of_scope"),
        ("国家级专精特新小巨人企业在北京有什么奖励？", "ask_term", "out_of_scope"),
        ("江苏省两业融合试点能给多少资金支持？", "ask_subsidy", "out_of_scope"),
        ("北京市高精尖产业发展资金的智能化改造项目最高能补多少", "ask_subsidy", "out_of_scope"),
        ("国家级两业融合试点区域是怎么评选的，评分标准是啥", "ask_criteria", "out_of_scope"),
        ("有高新证书。", "ask_materials", "inform"),
        ("国家级专精特新“小巨人”企业。", "ask_term", "inform"),
        ("想申报示范园区，请帮忙判断一下", "ask_support", "identify_park"),
        ("主营是住宅房地产开发和物业管理", "out_of_scope", "inform"),
        ("八成都是医药健康的企业", "ask_key_fields", "inform"),
        ("领跑型，营收10亿和细分前10是或的关系吧", "inform", "ask_criteria"),
        (
            "领跑型服务投入比重要20%，研发设计、检验检测、数字化运营管理、品牌建设这几项是加在一起算吗",
            "choose_leading",
            "ask_term",
        ),
        ("近三年平均增长率是把每年增长率平均一下，还是按复合增长算？我们2023年涨了五成，2024年才涨了5%", "inform", "ask_term"),
        ("哪些企业算八大重点领域我们没细分过，这个占比真说不上来", "ask_key_fields", "dont_know"),
        ("已获其他市级财政资金的项目，两业融合还给钱不", "ask_term", "ask_support"),
        ("研发费用加计扣除现在是按100%还是120%？", "nlu_fallback", "out_of_scope"),
        ("小规模纳税人增值税减按1%还执行吗？", "out_of_scope", None),
        ("国家发改委两业融合试点的申报书模板在哪里下载？", "ask_materials", "out_of_scope"),
        ("你好呀，今天过得怎么样？", "nlu_fallback", "out_of_scope"),
        ("北京市专精特新中小企业怎么申请，要准备什么材料？", "ask_materials", "out_of_scope"),
        ("九成以上都是新能源汽车相关的重点领域企业", "nlu_fallback", "inform"),
        ("领跑型要不要有高新证书或者专精特新啊？", "ask_materials", "ask_criteria"),
        ("利润是负数的话成长型还能报吗，我们还在亏", "choose_growth", "ask_criteria"),
        ("我们那个项目之前拿过高精尖资金的补助了，还能在两业融合这边再申请支持吗", "out_of_scope", "ask_support"),
        ("公示期间要是有人提异议，会怎么处理", "ask_process", None),
        ("园区营收一百亿，是园区里企业加起来的营收，还是园区运营公司自己的营收啊？", "inform", "ask_criteria"),
    ],
)
def test_messages_are_routed(text, intent, expected):
    assert route(intent, text, extract(text).entities()) == expected


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("示范园区要满足哪些条件", "ask_criteria"),  # no facts: the criteria answer
        ("营收要10亿以上才能报吗", "ask_criteria"),  # a requirement quoted, not a fact
        ("如果营收10亿能报领跑型吗", "ask_criteria"),  # supposed, not asserted
        ("集成电路属于重点领域吗", "ask_key_fields"),  # a question about a field
        ("老旧厂房改造投资2亿能补多少", "ask_subsidy"),  # a subsidy question keeps its intent
        ("成长型要求的专精特新是市级的还是国家级的", "ask_criteria"),  # about this programme's title list
        ("我们营收12亿", "inform"),  # already an answer
        ("认定以后能优先推荐申报国家级两业融合试点吗", "ask_support"),  # 第十六条
        ("我们是国家高新，申报需要什么材料？", "ask_materials"),  # a fact and a question: the question is answered
        ("示范园区能拿哪些支持，想申报示范园区", "ask_support"),  # asks about support
    ],
)
def test_messages_that_keep_their_intent(text, intent):
    assert route(intent, text, extract(text).entities()) is None


def test_a_question_about_the_conditions_read_as_an_answer_is_a_question():
    text = "先进制造跟现代服务是不是都得占三成以上？还是加起来三成就行"
    assert route("inform", text, extract(text).entities()) == "ask_criteria"


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("请问领跑型试点企业的条件，我们够吗？", "choose_leading", None),  # a check asked for: the check goes on
        ("成长型试点 高企还在申请中 能先报吗", "ask_criteria", "inform"),
        ("我们是房山新设的产业园区，想按新设园区承诺的方式申报示范园区，可以吗？", "ask_process", "inform"),
        ("听说示范园区有支持政策，想问问我们这种制造业为主的园区能不能报", "ask_support", "identify_park"),
    ],
)
def test_a_check_asked_for_starts_one(text, intent, expected):
    assert route(intent, text, extract(text).entities()) == expected


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        (
            "您好，我公司是市属国有控股企业，主营轨道交通装备制造，拟申报领跑型试点企业，烦请指导。",
            "ask_support",
            "choose_leading",
        ),
        ("主业是商业地产开发和物业管理，制造业务基本没有", "ask_term", "inform"),
        ("请问成长型要求营收平均增长率不低于20%，我们正好20%算不算？", "ask_criteria", "inform"),
        ("成长型服务投入比重", "choose_growth", "ask_criteria"),
        ("成长型称号三选一", "choose_growth", "ask_criteria"),
        ("领跑型第六条（一）1，营收和排名是且还是或", "choose_leading", "ask_criteria"),
        ("成长型，我们营收增长30%", "choose_growth", None),
        ("京津冀产业转移到河北有哪些税收优惠？", "ask_support", "out_of_scope"),
        ("第九条增容部分出让到期后", "inform", "ask_article"),
        ("算了看了下条件，领跑型够不着，改报成长型吧，我们是国家级小巨人", "nlu_fallback", "inform"),
        ("朝阳一家新能源汽车充换电运营企业，国家高新，想报成长型。", "nlu_fallback", "inform"),
        ("7号文的制定依据？", "ask_article", "ask_validity"),
        ("我们项目拿过高精尖资金 还能申请园区第十条的支持吗", "out_of_scope", "ask_support"),
        ("成长型企业申报 我们有创新型中小企业和河北省专精特新 算吗", "out_of_scope", "ask_criteria"),
        ("老旧小区综合整治 北京每平米补贴多少", "ask_subsidy", "out_of_scope"),
        ("经开区对两业融合试点企业有没有区级配套奖励 奖多少", "ask_support", "out_of_scope"),
        ("北京市绿色工厂认定的评价标准有哪些？", "ask_criteria", "out_of_scope"),
        ("天津的专精特新企业有奖励吗", "ask_support", "out_of_scope"),
        ("海淀区工业用地基准地价是多少", "ask_subsidy", "out_of_scope"),
        ("帮我写一份园区招商方案", "identify_park", "out_of_scope"),
        ("服务投入这块我们财务算了下占总投入三成五左右，不到四成。这个总投入是按当年的吗？", "ask_term", "inform"),
    ],
)
def test_session_three_routing_classes(text, intent, expected):
    assert route(intent, text, extract(text).entities()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "哎呀不对，我看错报表了，十一个亿是集团合并口径，申报主体自己去年只有九亿三，93000万元",
        "dbq刚跟财务对了下口径，22%是把外购的软件许可也算进去了，按办法说的那几类服务投入只有18%，以这个为准",
    ],
)
def test_a_correction_naming_how_a_figure_is_counted_stays_a_correction(text):
    assert route("correct", text, extract(text).entities()) is None
    assert route("inform", text, extract(text).entities()) is None


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("成长型试点企业，我们营收增长不算快，但利润涨得还行，有戏吗", "nlu_fallback", "choose_growth"),
        ("老板让我问问成长型试点企业能不能报，我是财务，有些情况不太清楚", "dont_know", "choose_growth"),
        ("请问示范园区需要满足什么？我们园区去年营业收入合计1520000万元", "ask_criteria", "inform"),
        ("园区营收一百亿是企业加起来还是运营公司自己的？", "inform", "ask_criteria"),
        ("15条强链补链奖励从哪个资金出", "ask_subsidy", "ask_article"),
        ("服务投入比重里的总投入，包不包括买设备的钱？分母不知道咋算", "dont_know", "ask_term"),
        ("我们利润前年是亏的，利润增长率没法算，那还能报成长型吗", "choose_growth", "ask_criteria"),
        ("新设园区达不到第五条指标能否申报", "identify_park", "ask_criteria"),
        ("单位面积营收刚好两万块一平，这个算达表不", "dont_know", "inform"),
        ("老厂房改造项目去年拿过市里高精尖资金的支持了，同一个项目还能按11条再申请30%吗", "ask_subsidy", "ask_support"),
        ("园区里企业的平均单位面积营收，是用建筑面积算还是土地面积算啊", "ask_support", "ask_term"),
        ("我们是河北省的专精特新企业，北京的还没评，这样行吗", "ask_term", "ask_criteria"),
        ("国家级两业融合试点企业能否享受市级政策，依据哪条", "ask_validity", "ask_support"),
        ("园区管理机构可否为管委会", "identify_park", "ask_criteria"),
        ("成长型的服务投入是要百分之四十还是二十啊，我看网上说法不一样", "correct", "ask_criteria"),
        ("近三年平均增长率是算术平均还是复合增长率，财务这边不知道咋算", "dont_know", "ask_term"),
        ("园区土地有两块不挨着，中间隔条河，这算集中连片么", "inform", "ask_criteria"),
        ("我们做新能源电池回收的，算不算重点领域", "ask_key_fields", None),
        ("国家发展改革委的国家级两业融合试点今年什么时候开始申报？", "ask_process", "out_of_scope"),
        ("园区的管理机构要在哪注册？区政府派出机构行不行", "identify_park", "ask_criteria"),
        ("领跑型认可的排名", "choose_leading", "ask_criteria"),
        ("园区里老旧厂房改造投了八千万，能补多少钱，帮忙算算", "dont_know", "ask_subsidy"),
        ("我们企业没有入驻任何园区，能申报成长型试点企业吗", "choose_growth", "ask_criteria"),
        ("工业用地的出让底价怎么定", "ask_criteria", "out_of_scope"),
        ("小規模納稅人增值稅怎麼交", "ask_criteria", "out_of_scope"),
        ("園區的地分成三塊，互相隔著好幾公里，這樣報示範園區有影響嗎", "ask_process", "inform"),
        ("假如园区营收刚好一百亿，够不够线", "nlu_fallback", "ask_criteria"),
        ("专精特新一定要北京市级的吗？区级的行不行", "ask_support", "ask_criteria"),
        ("领跑型对注册资本有没有要求", "out_of_scope", "ask_criteria"),
        ("服务投入占比线", "ask_key_fields", "ask_criteria"),
        ("河北的两业融合政策跟北京相比怎么样", "ask_support", "out_of_scope"),
        ("公司注册地迁到朝阳要办什么手续", "ask_process", "out_of_scope"),
        ("北交所上市的财务门槛是什么", "ask_criteria", "out_of_scope"),
        ("集成电路封装材料研发和生产", "nlu_fallback", "inform"),
        ("北京积分落户的分数线是多少？", "out_of_scope", None),
        ("利潤增長率的門檻是百分之八還是十，記不清了", "ask_criteria", None),
        ("工业用地出让最高年限是多少年", "ask_subsidy", "out_of_scope"),
        ("請問領跑型要什麼稱號？國家高新可以嗎", "ask_criteria", None),
        ("服务投入的门槛是两成还是四成，我记不清了", "dont_know", "ask_criteria"),
        ("营收是多少我也不清楚", "dont_know", None),
    ],
)
def test_session_four_routing_classes(text, intent, expected):
    assert route(intent, text, extract(text).entities()) == expected


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("我们是成长型的话，认定后能直接拿到补贴钱吗？", "ask_subsidy", "ask_support"),
        ("第十条支持比例，有无封顶", "ask_subsidy", "ask_article"),
        ("北京市专精特新中小企业今年第几批开始申报，要什么材料？", "ask_process", "out_of_scope"),
        ("示范园区里的厂房想改成研发办公用途，手续找谁办？", "ask_process", "ask_support"),
        ("天津滨海新区对两业融合项目有啥扶持政策？", "ask_support", "out_of_scope"),
        ("补贴是按我们自己报的投资额算，还是要人家审定的？", "ask_process", "ask_subsidy"),
        ("入驻企业哪些算那八个重点领域我们还没梳理过，占比多少真不知道", "ask_key_fields", "dont_know"),
        ("单位面积年营收我们刚好两万整，应该没问题吧？", "inform", None),
        ("领跑和成长怎么区分，定义", "unsure_track", "ask_criteria"),
        ("评上试点企业以后是不是直接奖励一笔钱？大概多少", "ask_process", "ask_support"),
        ("这个是强制要求申报的吗？不报会不会有影响？", "ask_obligations", "ask_process"),
        ("廊坊那边有没有类似的园区改造补贴政策", "ask_subsidy", "out_of_scope"),
        ("国家级专精特新小巨人今年第几批，啥时候截止", "ask_process", "out_of_scope"),
        ("说实话四至范围还没定下来，几个片区分散在三个镇，不连片", "ask_process", "inform"),
        ("先进制造占比跟现代服务占比是加起来够60%就行，还是要各自都30%以上啊", "inform", "ask_criteria"),
        ("客户的高新证书2022年底到期了，今年有没有重新认定上我还没核实，所以现在说不准有没有有效称号。", "dont_know", None),
    ],
)
def test_session_five_routing_classes(text, intent, expected):
    assert route(intent, text, extract(text).entities()) == expected


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("服务投入占总投入多少，他们财务没拆过这个口径，说不上来，不知道。", "ask_term", "dont_know"),
        ("我们这个认定是一次性的，还是拿到以后每年都得复核啊", "ask_process", "ask_obligations"),
        ("示範園區到底是個啥定義", "ask_term", "ask_criteria"),
        ("第19条撤销情形几类", "ask_article", "ask_obligations"),
        ("做工业机器人视觉系统", "bot_capabilities", "inform"),
        ("我先把数报给你，你看卡线算不算：园区营收正好100亿，先进制造30%整，现代服务也是30%整。", "ask_criteria", "inform"),
        ("更正一下：11亿是集团合并口径，我们拿来申报的这个主体单体报表只有8.7亿", "correct", None),
        ("河北省的专精特新中小企业能当北京市专精特新用吗", "out_of_scope", None),
        ("能推荐几家做数字化转型咨询的服务商吗？", "ask_support", "out_of_scope"),
        ("国家级专精特新小巨人企业的中央财政奖补资金有多少？", "ask_criteria", "out_of_scope"),
        ("服务投入口径，六条", "inform", "ask_term"),
        ("细分行业排名口径：全国还是全市", "ask_materials", "ask_criteria"),
        ("近三年平均增长率按算术平均还是复合", "ask_criteria", "ask_term"),
        ("优先推荐国家级试点依据哪条", "ask_validity", "ask_support"),
        ("共性技术服务平台固投1.5亿，按第十条测算", "ask_article", "ask_subsidy"),
        ("上海市两业融合试点的申报条件跟北京一样吗？", "ask_criteria", "out_of_scope"),
    ],
)
def test_session_five_second_pair_routing_classes(text, intent, expected):
    assert route(intent, text, extract(text).entities()) == expected


def test_a_business_described_when_the_classifiers_are_unsure_is_an_answer():
    text = "我们主业是商业地产开发和物业管理，跟制造业基本不沾边"
    ranking = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "ask_key_fields", "confidence": 0.34}]
    assert route("nlu_fallback", text, extract(text).entities(), ranking) == "inform"


def test_a_figure_not_known_with_how_it_is_counted_stays_an_answer():
    text = "集团合并报表的营收我这边拿不到，说不准多少"
    assert route("dont_know", text, extract(text).entities()) is None


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("您好，公司拟申报北京市两业融合领跑型试点企业，想请您帮着做个初步自查。", "nlu_fallback", "choose_leading"),
        ("我们是昌平的能源科技融合园，财务给的数都是万元，我直接报给你行吗？", "ask_process", "identify_park"),
        ("企业总投入怎么算口径？包不包括买设备的钱？", "out_of_scope", "ask_criteria"),
        ("新设园区承诺了三年，到时候没达到会怎样", "nlu_fallback", "ask_criteria"),
        ("园区分成两块，中间隔着村子不挨着，能申报示范园区吗？", "identify_park", "ask_criteria"),
        ("第九条对土地取得方式有何要求？划拨地行不行？", "ask_criteria", "ask_support"),
        ("园区管理公司注册在天津可以吗", "out_of_scope", "inform"),
        ("建设项目环境影响评价报告书由哪个部门审批？", "ask_process", "out_of_scope"),
        ("企业发生一般生产安全事故应当向哪个部门报告？", "ask_obligations", "out_of_scope"),
        ("企业失信记录怎么进行信用修复，多久能消除？", "ask_obligations", "out_of_scope"),
        ("失信记录修复以后还能申报吗", "ask_obligations", None),
        ("出了一般安全事故会被撤销称号吗", "ask_obligations", None),
        ("示范园区里拿到的工业用地，续期还是拆除由谁定？", "ask_process", "ask_support"),
        ("员工离职不交接工作，可以扣他最后一个月工资吗？", "ask_support", "out_of_scope"),
        ("我们园区是新建的，指标现在都不够，是不是只能等三年后再报？", "nlu_fallback", "ask_criteria"),
        ("我们园区是新建的，指标现在都不够，是不是只能等三年后再报？", "inform", "ask_criteria"),
        ("领跑型 市场占有率口径", "choose_leading", "ask_criteria"),
        ("科技型中小企业评价入库怎么操作", "ask_criteria", "out_of_scope"),
        ("石景山区发改，替辖区一个数字经济和智能制造园区做个示范园区预判。", "out_of_scope", "identify_park"),
        ("醫藥健康領域的企業營收佔八成以上", "nlu_fallback", "inform"),
        (
            "客户的高新证书2022年底到期了，今年有没有重新认定上我还没核实，专精特新和小巨人也没查过，所以现在说不准有没有有效称号。",
            "ask_validity",
            "dont_know",
        ),
        ("我们有中关村高新技术企业认定，这个算不算成长型要求的那个称号？", "ask_criteria", None),
        ("成长型服务投入比重", "nlu_fallback", "ask_criteria"),
        ("房地产开发 商品住宅和物业管理", "out_of_scope", "inform"),
        ("氢能储运装备和加氢运维服务，属于推进新能源和节能环保与相关产业绿色融合。", "ask_support", "inform"),
        ("介绍一下高端装备与服务业融合的支持政策", "ask_support", None),
        (
            "我是房山一家氢能储运装备企业的财务主管，想看成长型试点企业，营收增速不高但利润涨得稳。",
            "ask_support",
            "choose_growth",
        ),
        (
            "我是朝阳东坝数字消费与时尚制造园企业服务部的，想做示范园区自测，重点领域那个比例我们算得比较细。",
            "ask_key_fields",
            "identify_park",
        ),
        (
            "服务投入占总投入的比重我们没法给：研发设计和检验检测的钱能拆出来，但“企业总投入”的口径财务还没定，不知道比例是多少。",
            "ask_term",
            "dont_know",
        ),
        ("百分之十七八吧 这个包括买软件的钱吗", "ask_key_fields", "inform"),
        ("投资5000万，能补多少", "ask_subsidy", None),
        ("国家高新技术企业认定，研发费用占销售收入的比例要求是多少？", "ask_criteria", "out_of_scope"),
        ("有没有推荐的科技型企业信用贷款产品？利率多少？", "ask_support", "out_of_scope"),
        (
            "您好，我是大兴一家医疗器械企业负责和审计对接的，想测成长型，我们的增长率和服务投入都正好卡在线上。",
            "ask_term",
            "choose_growth",
        ),
        ("補貼是一次性撥付嗎？大概什麼時候到賬？", "out_of_scope", "ask_support"),
        ("成长型三类称号", "choose_growth", "ask_criteria"),
    ],
)
def test_session_six_routing_classes(text, intent, expected):
    assert route(intent, text, extract(text).entities()) == expected


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("做机器人制造，也给工厂做智能化改造服务。", "human_handoff", "inform"),
        ("主营工业机器人本体生产", "human_handoff", "inform"),
        ("跟机器人说不明白，我们做装备制造的，找个人吧", "human_handoff", None),
        ("帮我联系区里做制造业服务的同志", "human_handoff", None),
        ("我们是国家高新技术企业，证书还在有效期，这个行吗？", "ask_validity", "inform"),
        ("这个办法现在还在有效期吗？", "ask_validity", None),
        ("我们主营是商业地产开发和物业租赁，不属于什么制造业", "ask_key_fields", "inform"),
        ("园区要求主营属于八个重点领域的企业营收占比多少？", "ask_criteria", None),
        ("我们做储能电池回收的，属于重点领域吗？", "ask_criteria", "ask_key_fields"),
    ],
)
def test_session_seven_routing_classes(text, intent, expected):
    assert route(intent, text, extract(text).entities()) == expected

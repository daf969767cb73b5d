"""Details applicants ask about that the measures leave open.

Each entry names the detail, quotes what the text does say about it (with the article) and is recognised by the
words of a question about it. The assistant adds the entry to whatever it answers, so a question such as
"认定以后多久能拿到资金" is told plainly that the text is silent and who decides, instead of getting only the
general process. Nothing here is policy: it records where the policy is silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .process import INTERPRETING_AUTHORITY, RECEIVING_AUTHORITY


@dataclass(frozen=True)
class Silence:
    """A detail the measures do not settle: what the text says nearby, and the words of a question about it."""

    detail: str  # what is not settled, as a noun phrase
    says: str  # what the text does say, with its article
    asks: re.Pattern[str]

    def note(self) -> str:
        return (
            f"{self.says}办法没有明确规定{self.detail}，"
            f"请以{INTERPRETING_AUTHORITY}的解释和{RECEIVING_AUTHORITY}的申报通知为准，也可以直接向他们咨询。"
        )


SILENCES: tuple[Silence, ...] = (
    Silence(
        "市场占有率排名由谁出具、用什么材料证明",
        "第六条（一）1 只写“细分行业市场占有率全国前10名”，",
        re.compile(
            r"(排名|排行|占有率|前10|前十).{0,24}(证明|谁出|谁认|谁说了算|认可|认不认|算数|算不算数|依据|来源|出具|协会|第三方)"
        ),
    ),
    Silence(
        "“园区年营业收入”按园区内企业合计还是园区运营主体自身计算，以及是否含税等统计口径",
        "第五条（二）只写“园区年营业收入不低于 100 亿元”，",
        re.compile(
            r"(园区.{0,6}(营收|营业收入|收入)).{0,30}(加起来|合计|汇总|运营公司自己|管委会自己|自己的|含税|税收|加上)"
            r"|(加起来|合计|汇总).{0,10}还是.{0,12}(运营公司|管委会|自己)"
            r"|(算进|计入|算入|要不要算|算不算).{0,6}园区.{0,4}(营收|营业收入|收入)"
            r"|园区.{0,4}(营收|营业收入|收入).{0,30}(算进|计入|算入|要不要算|口径)"
        ),
    ),
    Silence(
        "公示期间有异议时的处理程序",
        "第八条（四）规定公示 5 个工作日，“公示期满无异议的单位确定为正式试点示范单位”，",
        re.compile(r"公示.{0,16}(异议|投诉|举报|反对|不同意见|有意见)|(异议|投诉|举报).{0,12}公示"),
    ),
    Silence(
        "专项信贷的利率优惠幅度、贷款额度和贴息",
        "第十四条只写“加强专项信贷支持，鼓励银行等金融机构面向市级两业融合试点示范开发专项金融产品”，",
        re.compile(r"(专项信贷|信贷支持|专项金融|金融产品|第十四条|14条).{0,20}(利率|利息|额度|贴息|优惠多少|能贷|贷多少|担保)"),
    ),
    Silence(
        "支持资金的拨付时间和拨付方式",
        "第九条至第十六条规定了支持方式和比例，第八条规定了认定程序，",
        re.compile(
            r"(多久|多长时间|什么时候|何时|几个月|哪年).{0,10}(拿到|领到).{0,4}(钱|资金|补助|补贴|奖励|支持)"
            r"|(多久|多长时间|什么时候|何时|几个月).{0,10}(到账|拨付|发放|兑现|给钱)"
            r"|(资金|钱|补助|补贴|奖励|款).{0,8}(多久|多长时间|什么时候|何时)"
            r"|(一次性|分几年|分期|分批|分年度).{0,6}(给|拨|发|支付|兑现)|(补贴|资金|补助|支持).{0,10}(一次性|分期|分几年|分批)"
        ),
    ),
    Silence(
        "新设园区到期没有达到承诺时的后果",
        "第五条只写新设园区“预计并承诺未来 3 年可达到示范园区申报条件的也可申报”；第十八条对评价不合格的试点示范实行动态管理，",
        re.compile(r"承诺.{0,24}(没达到|未达到|达不到|没做到|做不到|没完成|完不成|没实现|失败|追责|怎么办|会怎样|会怎么样|后果)"),
    ),
    Silence(
        "示范园区内的企业能否同时申报试点企业，以及同一单位能否同时申报两类",
        "第五条和第六条分别规定了示范园区和试点企业的条件，",
        re.compile(
            r"同时申报|同时报|都报|两个都|一起报|重复申报|园区.{0,12}企业.{0,10}(也能|还能|能不能|可不可以|可以).{0,4}(申报|报)"
        ),
    ),
    Silence(
        "产业强链补链协同奖励的标准和金额",
        "第十五条只写“可通过北京市高精尖产业发展资金给予产业强链补链协同奖励”，",
        re.compile(r"(强链补链|协同奖励|第十五条|15条).{0,20}(标准|多少|金额|比例|上限|怎么算|怎么奖|奖多少)"),
    ),
    Silence(
        "称号被撤销以后能否再次申报",
        "第十八条、第十九条规定了撤销称号的情形，",
        re.compile(r"撤销?.{0,14}(再申报|重新申报|再报|还能报|还能申报|还能再|再次申报)"),
    ),
    Silence(
        "因第十九条被撤销称号时已获资金是否追回",
        "第十八条只对“连续两年评价结果不合格且不能按时完成整改要求”的情形规定“追回已支持的市政府固定资产投资补助资金”；"
        "第十九条规定撤销称号并公开发布，",
        re.compile(r"(撤|判刑|刑事|造假|虚假|失信).{0,20}(退回|退还|追回|返还|收回|要退|退钱|还钱)"),
    ),
    Silence(
        "年度评价和综合评价由哪个机构承担、用什么方式评价（例如是否现场核查）、费用由谁负担",
        "第十七条写明开展统计监测和年度评价，“适时组织第三方机构开展试点示范建设综合评价”，",
        re.compile(
            r"(年度评价|综合评价|评价|第三方).{0,16}(费用|收费|出钱|付钱|谁出|谁付|谁承担|谁来评|谁评|现场|核查|检查|怎么评|方式)"
        ),
    ),
    Silence(
        "“配套基础设施改造”的具体范围",
        "第十一条只写对“产业园区内配套基础设施改造项目”按经认定的固定资产投资总额 30%的比例给予支持，",
        re.compile(r"配套基础设施.{0,20}(是什么|啥意思|什么意思|包括|包含|算不算|指什么|指的是|哪些|范围)"),
    ),
    Silence(
        "“新设园区”的认定标准（例如成立多长时间以内算新设）",
        "第五条只写“两业融合特征鲜明、对融合发展带动作用明显的新设园区，预计并承诺未来 3 年可达到示范园区申报条件的也可申报”，",
        re.compile(r"新设.{0,14}(几年|多久|多长时间|怎么算|怎么界定|指什么|是指|定义|标准|算新设|算不算新)"),
    ),
    Silence(
        "非故意的填报错误是否属于“提供虚假材料或数据”",
        "第十九条（一）规定“在申请认定和年度评价中提供虚假材料或数据”的撤销称号，",
        re.compile(r"(填错|写错|报错|笔误|不小心|无意|非故意|不是故意|失误).{0,24}(虚假|撤销|造假|撤)"),
    ),
    Silence(
        "第十条项目支持金额的上限",
        "第十条只写“按照经认定的固定资产投资总额 30%的比例给予支持”，没有写最高金额（第十一条写有“最高不超过 5000万元”）；",
        re.compile(r"(第十条|10条|共性技术|一站式|数字基础设施|服务平台).{0,40}(上限|封顶|最多|最高|顶格)"),
    ),
    Silence(
        "试点企业是否必须位于示范园区内",
        "第六条规定的试点企业条件中没有关于所在园区的要求，",
        re.compile(r"试点企业.{0,12}(必须|一定要|需要|得|要不要|是不是).{0,6}(在|位于|入驻).{0,4}(示范)?园区"),
    ),
    Silence(
        "称号证书到期、重新认定期间是否算作已获得称号",
        "第六条（二）1 要求获得国家高新技术企业等三个称号之一，",
        re.compile(r"(证书|称号|资质|认定).{0,12}(到期|过期|失效|复审|重新认定|续期)"),
    ),
    Silence(
        "失信记录已经移出或修复后能否申报",
        "第十九条（三）规定“单位或法定代表人存在司法、行政机关认定的失信行为”的撤销称号，",
        re.compile(r"失信.{0,24}(移出|移除|撤销|修复|解除|已经出来|不在了|删除)"),
    ),
)


def silences_asked(question: str) -> list[Silence]:
    """The details left open by the measures that ``question`` asks about."""
    return [s for s in SILENCES if s.asks.search(question)]

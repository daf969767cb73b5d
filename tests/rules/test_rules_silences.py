"""Where the measures are silent: every quotation is in the text, and questions about the detail find it."""

from __future__ import annotations

import re

import pytest

from liangye_rules.articles import all_articles
from liangye_rules.silences import SILENCES, silences_asked

TEXT = re.sub(r"\s", "", "".join(a.text for a in all_articles().values()))


@pytest.mark.parametrize("silence", SILENCES, ids=lambda s: s.detail[:12])
def test_every_quotation_is_in_the_measures(silence):
    assert re.search(r"第[一二三四五六七八九十]+条", silence.says)
    for quote in re.findall(r"“([^”]+)”", silence.says):
        assert re.sub(r"\s", "", quote) in TEXT, quote


@pytest.mark.parametrize(
    ("question", "detail"),
    [
        ("排名用什么证明？行业协会的榜单认不认", "市场占有率排名"),
        ("园区收入是入驻企业加起来还是运营公司自己的", "园区年营业收入"),
        ("公示的时候被人投诉了怎么办", "公示期间有异议"),
        ("专项信贷利率能低多少", "专项信贷"),
        ("第十四条说的专项信贷，利率能优惠多少", "专项信贷"),
        ("补贴什么时候能到账", "拨付时间"),
        ("认定以后多久能拿到资金", "拨付时间"),
        ("承诺三年达标，到期做不到会怎么样", "承诺"),
        ("园区和园区里的企业能同时申报吗", "同时申报"),
        ("强链补链奖励标准是多少", "强链补链"),
        ("称号撤销以后还能再申报吗", "再次申报"),
        ("因为造假被撤了，钱要退回吗", "追回"),
        ("综合评价的第三方费用谁出", "费用"),
        ("配套基础设施包括道路吗", "配套基础设施"),
        ("第三方机构评价会不会来现场核查", "现场核查"),
        ("国家高新证书今年年底到期，重新认定还没下来，还能报吗", "证书到期"),
        ("法人代表之前被列为失信被执行人，后来已经移出了，还能申报吗", "失信记录"),
        ("新设园区那个新设，是指成立几年以内的园区啊", "新设园区"),
        ("数据不小心填错了，不是故意的，算不算虚假材料", "填报错误"),
        ("今年什么时候开始申报？截止日期是哪天", "申报时间"),
        ("一年受理几次，错过了要等明年吗", "受理批次"),
        ("这个总投入包不包括买设备的钱啊", "企业总投入"),
        ("拿了试点企业称号，银行贷款有贴息吗", "专项信贷"),
        ("园区营收按哪一年的数据算，去年的还是近三年平均", "哪一个年度"),
        ("园区里一家企业出了重大事故，园区的称号会受影响吗", "入驻企业"),
        ("计划单列的毕业生一年给几个名额", "计划单列"),
        ("公司不在任何园区里，可以申报领跑型吗", "位于示范园区内"),
        ("项目拿过区财政的钱，算不算重复支持", "区级"),
        ("区里给我们的项目补过钱，还能再申请市里这个办法的支持吗", "区级"),
        ("园区土地有两块不挨着，中间隔条河，这算集中连片么", "集中连片"),
        ("龙头企业头一回在京津冀采购配套企业的产品，奖励具体是多少钱", "强链补链"),
        ("龙头企业头一回买河北配套企业的产品，奖励能给多少钱啊", "强链补链"),
        ("近三年是哪三年，今年报是算23到25年还是24到26年", "哪三个年度"),
        ("营收增速看哪几年？今年还没过完", "哪三个年度"),
        ("营收是看去年一年的还是几年平均的", "哪一个年度"),
        ("利润是按净利润算还是利润总额", "净利润还是利润总额"),
        ("前年利润是亏的，利润增长率根本没法算", "亏损"),
        ("试行期满了，我们已经拿到的称号还算数吗，年度评价还要做吗", "试行期满"),
        ("申报要不要交评审费？", "收费"),
        ("第十一条说的经认定的固定资产投资，是谁来认定啊", "经认定的固定资产投资总额"),
        ("细分行业全国前十是看谁家的排名啊，有没有指定的机构？", "市场占有率排名"),
    ],
)
def test_questions_about_a_silent_detail_find_it(question, detail):
    assert [s.detail for s in silences_asked(question) if detail in s.detail], question


@pytest.mark.parametrize(
    "question",
    [
        "园区营收要多少",
        "申报流程是什么",
        "第十一条支持比例是多少",
        "领跑型的条件",
        "怎么转人工",
        "试行期到什么时候结束",
        "近三年利润平均增长率要多少",
        "利润增长率门槛是多少",
    ],
)
def test_questions_the_text_answers_find_none(question):
    assert silences_asked(question) == []


def test_the_note_says_who_decides():
    note = SILENCES[0].note()
    assert "没有明确规定" in note and "市发展改革委" in note and "区发展改革部门" in note


@pytest.mark.parametrize(
    "note", ["MINOR_ACCIDENT_NOTE", "ONE_BAD_YEAR_NOTE", "REVOCATION_18_NOTE", "ARTICLE_9_LAND_NOTE", "INSIDE_PARK_NOTE"]
)
def test_every_quotation_in_the_reading_notes_is_in_the_measures(note):
    from liangye_rules import process, support

    text = getattr(process, note, None) or getattr(support, note)
    quotes = re.findall(r"“([^”]+)”", text)
    assert quotes and re.search(r"第[一二三四五六七八九十]+条", text)
    for quote in quotes:
        assert re.sub(r"\s", "", quote) in TEXT, quote


@pytest.mark.parametrize(
    "question",
    ["比如员工培训费 算不算服务投入", "百分之十七八吧 这个包括买软件的钱吗", "服务投入包不包括外包生产的费用"],
)
def test_what_counts_as_service_input_is_left_open(question):
    assert [s.detail for s in silences_asked(question)] == ["哪些支出算作服务投入（例如软件购置、员工培训等列举以外的支出）"]


def test_whether_a_parks_enterprises_become_pilots_is_left_open():
    asked = [s.detail for s in silences_asked("园区评上示范园区了 园区里的企业是不是自动就是试点企业")]
    assert asked == ["示范园区内的企业能否同时申报试点企业，以及同一单位能否同时申报两类"]

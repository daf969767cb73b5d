"""Whole conversations over Rasa's REST channel, in natural Chinese, against the trained model."""

import pytest
from sqlalchemy import create_engine, text

pytestmark = pytest.mark.e2e


def test_a_park_is_eligible(chat):
    assert "申报助手" in chat.text("你好")
    reply = chat.text("我是园区管委会的，想看看能不能申报示范园区")
    assert "年营业收入" in reply
    reply = chat.text("营收120亿，先进制造占35%，现代服务占40%")
    assert "已记录：年营业收入 120亿元" in reply and "已记录：现代服务年营业收入占比 40%" in reply
    assert "每平方米" in reply
    assert "2.5万元/平方米" in chat.text("每平米2.5万")
    assert "土地" in chat.text("重点领域企业营收占六成")
    for _ in range(4):
        reply = chat.text("是的")
    assert "请核对" in reply and "年营业收入：120亿元" in reply
    reply = chat.text("确认")
    assert reply.splitlines()[0] == "结论：符合申报条件"
    assert "第五条（四）" in reply and "区发展改革部门" in reply


def test_a_park_short_of_revenue_hears_the_gap_and_the_new_park_route(chat):
    chat.text("我们是产业园区的运营公司")
    reply = chat.text("园区年营收88亿，先进制造32%，现代服务35%，单位面积营收3万元每平方米，重点领域企业占70%")
    assert "按常规条件第五条（二）“园区年营业收入”未达到" in reply and "新设立" in reply  # the route still open, asked first
    reply = chat.text("不是，园区开了十几年了")
    assert "已可以判断不符合示范园区的申报条件" in reply and "请核对" in reply
    reply = chat.text("确认")
    assert reply.startswith("结论：不符合申报条件")
    assert "还差12亿元" in reply


def test_a_leading_enterprise_with_dont_know_and_a_correction(chat):
    reply = chat.text("我们是一家做集成电路设计的企业，想申报领跑型")
    assert "集成电路" in reply and "对吗" in reply
    assert "年营业收入" in chat.text("对")
    assert "排第几" in chat.text("大概8个亿")
    reply = chat.text("不清楚")
    assert "服务投入" in reply
    reply = chat.text("服务投入占比25%")
    assert "请核对" in reply
    reply = chat.text("刚才说错了，营收是15亿")
    assert "已更正：年营业收入 15亿元（原为8亿元）" in reply and "请核对" in reply
    reply = chat.text("确认无误")
    assert reply.startswith("结论：符合申报条件")


def test_a_growth_enterprise_from_yearly_figures(chat):
    chat.text("我们想报成长型试点企业")
    reply = chat.text("主要做医疗器械研发生产")
    assert "医药健康" in reply
    assert "称号" in chat.text("是的")
    assert "增长率" in chat.text("我们是国家高新技术企业")
    reply = chat.text("2021到2024年营收分别是1亿、1.3亿、1.6亿、2亿")
    assert "已记录" in reply and "服务投入" in reply
    chat.text("45%")
    reply = chat.text("确认")
    assert reply.startswith("结论：符合申报条件")
    assert "复合年均增长率" in reply


def test_a_company_unsure_of_its_track(chat):
    reply = chat.text("我们是企业，不知道该报哪一类")
    assert "年营业收入" in reply
    reply = chat.text("20亿")
    assert "主营业务" in reply
    reply = chat.text("做工业软件和云计算服务")
    assert "新一代信息技术" in reply
    chat.text("是的")
    reply = chat.text("25%")
    assert "请核对" in reply
    reply = chat.text("确认")
    assert reply.startswith("结论：符合申报条件") and "最适合的申报类型：领跑型试点企业" in reply


def test_a_side_question_in_the_middle_then_restart(chat):
    chat.text("我想申报示范园区")
    reply = chat.text("什么是四至？")
    assert "四个方向的边界" in reply and "我们继续" in reply and "年营业收入" in reply
    reply = chat.text("什么是专精特新")
    assert "专精特新" in reply and "我们继续" in reply
    assert "已记录：年营业收入 100亿元" in chat.text("100亿")
    assert "已清空" in chat.text("重新开始")


def test_subsidy_estimate(chat):
    reply = chat.text("我们园区老旧厂房改造投资2亿，能补多少？")
    assert "5000万元" in reply and "第十一条" in reply and "30%" in reply


def test_out_of_scope_is_polite(chat):
    reply = chat.text("今天北京天气怎么样")
    assert "服务范围" in reply


def test_hand_off_with_a_wrong_then_a_right_phone(chat, stack):
    assert "同意" in chat.text("转人工")
    assert "单位" in chat.text("同意")
    assert "联系人" in chat.text("北京某某科技有限公司")
    assert "电话" in chat.text("张伟")
    assert "格式不对" in chat.text("12345")
    assert "哪个区" in chat.text("13800138000")
    reply = chat.text("在海淀")  # a short district name, as people answer
    assert "已为您提交转人工请求" in reply and "海淀区" in reply
    engine = create_engine(stack.env["LIANGYE_DATABASE_URL"], future=True)
    with engine.connect() as connection:
        row = connection.execute(
            text("select company, contact_person, phone, district from handoff_requests where sender_id = :s"),
            {"s": chat.sender},
        ).one()
    assert tuple(row) == ("北京某某科技有限公司", "张伟", "13800138000", "海淀区")

"""Article 20 (第二十条): the measures apply from the day of issue, as a trial of two years."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

ARTICLE = "第二十条"
ISSUED_ON = date(2023, 7, 3)
TRIAL_YEARS = 2
# Two years counted from 2023-07-03 inclusive end on 2025-07-02.
TRIAL_LAST_DAY = date(ISSUED_ON.year + TRIAL_YEARS, ISSUED_ON.month, ISSUED_ON.day) - timedelta(days=1)
INTERPRETER = "市发展改革委"


@dataclass(frozen=True)
class Validity:
    """Whether the measures are in their trial period on a date, with a plain Chinese explanation."""

    as_of: date
    state: str  # "not_yet" | "in_trial" | "expired"
    message: str

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "state": self.state,
            "message": self.message,
            "article": ARTICLE,
            "trial_start": ISSUED_ON.isoformat(),
            "trial_last_day": TRIAL_LAST_DAY.isoformat(),
        }


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def validity_on(as_of: date) -> Validity:
    """The trial-period status of the measures on ``as_of``."""
    span = f"本办法自{_cn(ISSUED_ON)}印发之日起实施，试行期{TRIAL_YEARS}年（按字面推算至{_cn(TRIAL_LAST_DAY)}）"
    if as_of < ISSUED_ON:
        return Validity(as_of, "not_yet", f"{span}；按您给出的日期（{_cn(as_of)}），办法尚未实施。")
    if as_of <= TRIAL_LAST_DAY:
        return Validity(as_of, "in_trial", f"{span}；{_cn(as_of)}仍在试行期内。")
    return Validity(
        as_of,
        "expired",
        f"{span}；截至{_cn(as_of)}，试行期已经届满。以下判断仍按该办法的条件给出，"
        f"但办法是否延期或已有新的规定，请向{INTERPRETER}（负责解释本办法）或所在区发展改革部门确认。",
    )


# The measures set no term for a designation itself; it is kept or withdrawn by the yearly evaluation.
DESIGNATION_TERM = (
    "办法没有规定试点示范称号本身的有效期。称号实行动态管理（第十八条）：依据年度监测评价结果，"
    "连续两年评价结果不合格且不能按时完成整改要求的，撤销称号并追回已支持的市政府固定资产投资补助资金；"
    "出现第十九条所列情形的，也撤销称号并公开发布。办法试行期满后称号如何处理，办法没有写明，请以市发展改革委的解释为准。"
)

"""The result types of an eligibility check: one result per criterion, the missing facts, the verdict."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .ranges import Range

VERDICT_LABELS = {
    "eligible": "符合申报条件",
    "not_eligible": "不符合申报条件",
    "insufficient_information": "信息不足，暂无法判断",
    "eligible_with_commitment": "可按新设园区承诺申报",
}
STATUS_LABELS = {"met": "符合", "not_met": "不符合", "unknown": "待确认"}


@dataclass(frozen=True)
class CriterionResult:
    """How one condition of the measures fares for the facts given."""

    id: str
    article: str
    label: str
    status: str  # met | not_met | unknown
    required: str
    actual: str | None
    gap: str | None
    explanation: str
    quote: str
    needs: tuple[str, ...] = ()  # facts that would settle an unknown status, in the order to ask
    alternatives: bool = False  # True when any one of ``needs`` is enough ("A or B")
    waivable_by_commitment: bool = False
    required_value: float | None = None
    actual_value: float | None = None
    gap_value: float | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["needs"] = list(self.needs)
        return data


@dataclass(frozen=True)
class MissingFact:
    """A fact still needed for a definitive verdict, with the question to ask and where to find it."""

    fact: str
    label: str
    article: str
    question: str
    hint: str
    alternative_to: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        data = asdict(self)
        data["alternative_to"] = list(self.alternative_to)
        return data


@dataclass(frozen=True)
class ReviewItem:
    """A qualitative condition that the expert review (第八条（二）) assesses; never guessed here."""

    article: str
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Verdict:
    """The outcome for one applicant type on one date."""

    applicant_type: str
    verdict: str
    criteria: tuple[CriterionResult, ...]
    missing: tuple[MissingFact, ...]
    notes: tuple[str, ...]
    expert_review: tuple[ReviewItem, ...]
    validity: dict
    rules_version: str
    as_of: str
    facts: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The Chinese verdict label, e.g. 符合申报条件."""
        return VERDICT_LABELS[self.verdict]

    def to_dict(self) -> dict:
        """The JSON form used by the CLI, the web API and the stored record."""
        return {
            "applicant_type": self.applicant_type,
            "verdict": self.verdict,
            "verdict_label": self.label,
            "criteria": [c.to_dict() for c in self.criteria],
            "missing": [m.to_dict() for m in self.missing],
            "notes": list(self.notes),
            "expert_review": [r.to_dict() for r in self.expert_review],
            "validity": self.validity,
            "rules_version": self.rules_version,
            "as_of": self.as_of,
            "facts": {k: v.to_dict() if isinstance(v, Range) else v for k, v in self.facts.items()},
        }

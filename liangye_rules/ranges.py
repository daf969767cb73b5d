"""A figure known only within bounds: 十五六个亿, 三成多, 不到8%, 三十名开外.

People often give a range or a hedge instead of a figure. A range that lies wholly on one side of a threshold
decides it as surely as an exact figure; one that straddles it does not, and the applicant is asked again.
Bounds are in canonical units (yuan, percent, rank); ``None`` means unbounded on that side.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Range:
    """``low``–``high`` (either may be open or missing) and the words the user said."""

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False
    said: str = ""

    def __post_init__(self) -> None:
        if self.low is None and self.high is None:
            raise ValueError("a range needs at least one bound")
        for bound in (self.low, self.high):
            if bound is not None and not math.isfinite(bound):
                raise ValueError("range bounds must be finite")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("the lower bound is above the upper bound")

    def _ends(self) -> tuple[float, float]:
        """The smallest and largest values the range admits (open ends moved inwards by a hair)."""
        low = -math.inf if self.low is None else self.low + (_hair(self.low) if self.low_open else 0.0)
        high = math.inf if self.high is None else self.high - (_hair(self.high) if self.high_open else 0.0)
        return low, high

    def decide(self, holds: Callable[[float], bool]) -> bool | None:
        """True when every value in the range meets a monotone condition, False when none does, else None."""
        low, high = self._ends()
        at_low, at_high = holds(low), holds(high)
        if at_low and at_high:
            return True
        if not at_low and not at_high:
            return False
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept in slots and accepted by the API: ``{"range": [low, high], "open": [..], "said": ..}``."""
        return {"range": [self.low, self.high], "open": [self.low_open, self.high_open], "said": self.said}

    def describe(self, fmt: Callable[[float], str]) -> str:
        """``15亿元–16亿元`` / ``超过30%`` / ``不到8%``, with the words said when they differ."""
        if self.low is not None and self.high is not None:
            text = f"{fmt(self.low)}–{fmt(self.high)}"
        elif self.low is not None:
            text = ("超过" if self.low_open else "不低于") + fmt(self.low)
        else:
            text = ("不到" if self.high_open else "不超过") + fmt(self.high)  # type: ignore[arg-type]
        return f"{text}（您说“{self.said}”）" if self.said else text


def _hair(value: float) -> float:
    return max(abs(value), 1.0) * 1e-9


def is_range(value: Any) -> bool:
    """Whether ``value`` is a Range or its JSON form."""
    return isinstance(value, Range) or (isinstance(value, dict) and "range" in value)


def range_from(value: Any, convert: Callable[[Any], float]) -> Range:
    """A Range from a Range or its JSON form, each bound passed through ``convert`` (the fact's validator).

    Raises ValueError (with a plain Chinese message) on a malformed range.
    """
    if isinstance(value, Range):
        value = value.to_dict()
    bounds = value.get("range")
    opens = value.get("open", [False, False])
    said = value.get("said", "")
    if not (isinstance(bounds, list | tuple) and len(bounds) == 2 and isinstance(opens, list | tuple) and len(opens) == 2):
        raise ValueError('范围应写成 {"range": [下限, 上限]}，没有的一侧写 null。')
    if not all(isinstance(o, bool) for o in opens) or not isinstance(said, str):
        raise ValueError("范围的 open 应为两个 true/false，said 应为文字。")
    low, high = (None if b is None else convert(b) for b in bounds)
    try:
        return Range(low, high, opens[0], opens[1], said[:60])
    except ValueError as exc:
        raise ValueError("范围的下限不能高于上限，且至少要有一侧的界限。") from exc

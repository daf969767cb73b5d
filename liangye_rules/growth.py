"""Average growth over 近三年 (第六条（二）2) from four yearly figures.

The measures do not say how the average is computed, so both readings are computed: the arithmetic
mean of the three year-on-year rates, and the compound (geometric) annual rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class GrowthReadings:
    """Both readings in percent; ``None`` where a reading is undefined (a base year at or below zero)."""

    yearly: tuple[float | None, ...]
    mean: float | None
    compound: float | None


def yearly_rates(history: list[float]) -> tuple[float | None, ...]:
    """Year-on-year growth in percent for consecutive figures; None where the previous year is ≤ 0."""
    return tuple((current / previous - 1) * 100 if previous > 0 else None for previous, current in pairwise(history))


def growth_readings(history: list[float]) -> GrowthReadings:
    """The mean of yearly rates and the compound rate over ``len(history) - 1`` years."""
    rates = yearly_rates(history)
    mean = sum(rates) / len(rates) if rates and all(r is not None for r in rates) else None  # type: ignore[arg-type]
    first, last = history[0], history[-1]
    years = len(history) - 1
    compound = ((last / first) ** (1 / years) - 1) * 100 if first > 0 and last >= 0 and years > 0 else None
    return GrowthReadings(rates, mean, compound)

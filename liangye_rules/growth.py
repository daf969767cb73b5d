"""Average growth over 近三年 (第六条（二）2) from four yearly figures.

The measures do not say how the average is computed, so both readings are computed: the arithmetic
mean of the three year-on-year rates, and the compound (geometric) annual rate. A year in between may be
missing (``None``: 2022年七千万，2025年一亿六); then only the compound rate is known, and the mean of the yearly
rates is never below it (AM–GM on the growth factors).
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


def yearly_rates(history: list[float | None]) -> tuple[float | None, ...]:
    """Year-on-year growth in percent for consecutive figures; None where the previous year is ≤ 0 or missing."""
    return tuple(
        (current / previous - 1) * 100 if previous is not None and current is not None and previous > 0 else None
        for previous, current in pairwise(history)
    )


def missing_years(history: list[float | None]) -> bool:
    """Whether a year between the first and the last is missing (only the compound rate can be computed)."""
    return any(v is None for v in history)


def index_of_rates(rates: list[float]) -> list[float]:
    """Yearly rates in percent (30, 10, 20) as a history of index values from 100, for ``growth_readings``."""
    index = [100.0]
    for rate in rates:
        index.append(index[-1] * (1 + rate / 100))
    return index


def growth_readings(history: list[float | None]) -> GrowthReadings:
    """The mean of yearly rates and the compound rate over ``len(history) - 1`` years."""
    rates = yearly_rates(history)
    mean = sum(rates) / len(rates) if rates and all(r is not None for r in rates) else None  # type: ignore[arg-type]
    first, last = history[0], history[-1]
    years = len(history) - 1
    defined = first is not None and last is not None and first > 0 and last >= 0 and years > 0
    compound = ((last / first) ** (1 / years) - 1) * 100 if defined else None
    return GrowthReadings(rates, mean, compound)

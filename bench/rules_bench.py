"""Benchmark of the eligibility check: parse_facts() + evaluate() over varied inputs per applicant type.

Run from the repository root:

    .venv/bin/python bench/rules_bench.py [--per-type 3000] [--repeat 3] [--seed 7]

Inputs mix numbers and Chinese text (``120亿元``, ``百分之三十五``, ``第3名``), values on and around every
threshold, unknown facts, the new-park route and yearly growth histories, so every branch of the rules is
exercised. Prints checks per second and mean microseconds per check; the best of ``--repeat`` runs counts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from liangye_rules.evaluate import evaluate
from liangye_rules.facts import TITLES, parse_facts
from liangye_rules.key_fields import key_field_ids

BUDGET_US = 1000.0  # the requirement: well under 1 ms per check
KEY_FIELDS = [*key_field_ids(), "none"]
_TENS_CN = {10: "十", 20: "二十", 30: "三十", 40: "四十", 50: "五十", 60: "六十", 70: "七十", 80: "八十", 90: "九十"}


def _maybe(rng: random.Random, value: Any, unknown: float = 0.15) -> Any:
    return None if rng.random() < unknown else value


def _amount(rng: random.Random, threshold: float) -> Any:
    yuan = rng.choice([threshold, threshold * 0.999, threshold * 1.001, rng.uniform(0, 3 * threshold)])
    form = rng.randrange(4)
    if form == 0:
        return yuan
    if form == 1:
        return f"{yuan / 1e8:.4g}亿元"
    if form == 2:
        return f"大概{yuan / 1e4:.6g}万"
    return f"{yuan:.6g}"


def _percent(rng: random.Random, threshold: float, high: float = 100.0) -> Any:
    value = min(high, rng.choice([threshold, threshold - 0.01, threshold + 0.01, rng.uniform(0, high)]))
    form = rng.randrange(4)
    if form == 0:
        return round(value, 2)
    if form == 1:
        return f"{value:.2f}%"
    if form == 2 and value in _TENS_CN:
        return f"百分之{_TENS_CN[value]}"
    return f"{value:.1f}"


def _park(rng: random.Random) -> dict[str, Any]:
    manufacturing = rng.uniform(0, 70)
    services = rng.uniform(0, 100 - manufacturing)
    return {
        "applicant_type": "park",
        "as_of": rng.choice(["2024-01-01", "2025-07-02", "2025-07-03"]),
        "land_legally_obtained": _maybe(rng, rng.random() < 0.9),
        "boundaries_defined_and_contiguous": _maybe(rng, rng.random() < 0.9),
        "management_body_qualified": _maybe(rng, rng.random() < 0.9),
        "operating_mechanism_established": _maybe(rng, rng.random() < 0.9),
        "key_field": _maybe(rng, rng.choice(KEY_FIELDS)),
        "annual_revenue": _maybe(rng, _amount(rng, 100e8)),
        "advanced_manufacturing_share": _maybe(rng, round(manufacturing, 2)),
        "modern_services_share": _maybe(rng, f"{services:.2f}%"),
        "revenue_per_square_meter": _maybe(rng, rng.choice([20000, 19999, 20001, f"每平米{rng.uniform(0.5, 5):.2f}万元"])),
        "key_field_revenue_share": _maybe(rng, _percent(rng, 50)),
        "newly_established": _maybe(rng, rng.random() < 0.3, unknown=0.5),
        "commits_within_3_years": _maybe(rng, rng.random() < 0.7, unknown=0.5),
    }


def _leading(rng: random.Random) -> dict[str, Any]:
    return {
        "applicant_type": "leading_enterprise",
        "as_of": "2024-06-01",
        "key_field": _maybe(rng, rng.choice(KEY_FIELDS)),
        "annual_revenue": _maybe(rng, _amount(rng, 10e8)),
        "national_market_share_rank": _maybe(rng, rng.choice([rng.randint(1, 30), f"第{rng.randint(1, 30)}名"]), unknown=0.4),
        "service_input_share": _maybe(rng, _percent(rng, 20)),
    }


def _history(rng: random.Random, allow_loss: bool) -> list[float]:
    value = rng.uniform(1e6, 1e9)
    years = [value]
    for _ in range(3):
        value *= rng.uniform(0.7, 1.6)
        years.append(value)
    if allow_loss and rng.random() < 0.1:
        years[rng.randrange(4)] *= -1
    return [round(v, 2) for v in years]


def _growth(rng: random.Random) -> dict[str, Any]:
    data: dict[str, Any] = {
        "applicant_type": "growth_enterprise",
        "as_of": "2024-06-01",
        "key_field": _maybe(rng, rng.choice(KEY_FIELDS)),
        "titles": _maybe(rng, rng.sample(list(TITLES), rng.randint(0, 3))),
        "service_input_share": _maybe(rng, _percent(rng, 40)),
    }
    if rng.random() < 0.5:
        data["avg_revenue_growth"] = _maybe(rng, _percent(rng, 20, high=80))
        data["avg_profit_growth"] = _maybe(rng, rng.choice([_percent(rng, 8, high=40), "下降5%", "-3%"]))
    else:
        data["revenue_history"] = _history(rng, allow_loss=False)
        data["profit_history"] = _maybe(rng, _history(rng, allow_loss=True), unknown=0.3)
    return data


MAKERS = {"park": _park, "leading_enterprise": _leading, "growth_enterprise": _growth}


def _time(inputs: list[dict[str, Any]], repeat: int) -> tuple[float, float, Counter]:
    """Best wall and CPU time over ``repeat`` runs of parse_facts + evaluate on every input, and the verdicts."""
    verdicts: Counter = Counter()
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        verdicts.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        for data in inputs:
            verdicts[evaluate(parse_facts(data)).verdict] += 1
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_wall, best_cpu, verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=3000, help="inputs per applicant type (default 3000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per type; the best counts (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    evaluate(parse_facts({"applicant_type": "park"}))  # warm caches (the article text is parsed once)
    print(f"liangye_rules benchmark: parse_facts + evaluate, {args.per_type} inputs per type, best of {args.repeat}")
    print("(wall = elapsed time; cpu = process CPU time, less sensitive to other load on the machine)")
    print(f"{'applicant type':<20}{'checks/s':>10}{'mean µs':>9}{'cpu µs':>8}  verdicts")
    total_wall = total_cpu = 0.0
    total_checks = 0
    worst_us = 0.0
    for kind, make in MAKERS.items():
        inputs = [make(rng) for _ in range(args.per_type)]
        wall, cpu, verdicts = _time(inputs, args.repeat)
        mean_us = wall / len(inputs) * 1e6
        worst_us = max(worst_us, mean_us)
        total_wall += wall
        total_cpu += cpu
        total_checks += len(inputs)
        spread = ", ".join(f"{v}={n}" for v, n in sorted(verdicts.items()))
        print(f"{kind:<20}{len(inputs) / wall:>10,.0f}{mean_us:>9.1f}{cpu / len(inputs) * 1e6:>8.1f}  {spread}")
    print(
        f"{'all':<20}{total_checks / total_wall:>10,.0f}{total_wall / total_checks * 1e6:>9.1f}{total_cpu / total_checks * 1e6:>8.1f}"
    )
    verdict = "OK" if worst_us < BUDGET_US else "TOO SLOW"
    print(f"{verdict}: slowest type averages {worst_us:.1f} µs per check, wall time (budget {BUDGET_US:.0f} µs)")
    return 0 if worst_us < BUDGET_US else 1


if __name__ == "__main__":
    sys.exit(main())

"""Shared inputs and accessors for the liangye_rules tests (a uniquely named module, importable from every test)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from liangye_rules.cli import check

__all__ = [
    "AS_OF",
    "BASES",
    "GROWTH_OK",
    "LEADING_OK",
    "PARK_OK",
    "REPO",
    "check",
    "criterion",
    "missing_facts",
    "statuses",
    "with_",
]

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2024-01-01"  # inside the trial period, so the validity note is stable

PARK_OK: dict[str, Any] = {
    "applicant_type": "park",
    "as_of": AS_OF,
    "land_legally_obtained": True,
    "boundaries_defined_and_contiguous": True,
    "management_body_qualified": True,
    "operating_mechanism_established": True,
    "key_field": "integrated_circuits",
    "annual_revenue": "120亿元",
    "advanced_manufacturing_share": "35%",
    "modern_services_share": "40%",
    "revenue_per_square_meter": "2.5万元",
    "key_field_revenue_share": "60%",
}
LEADING_OK: dict[str, Any] = {
    "applicant_type": "leading_enterprise",
    "as_of": AS_OF,
    "key_field": "pharma_health",
    "annual_revenue": "12亿元",
    "national_market_share_rank": 3,
    "service_input_share": 25,
}
GROWTH_OK: dict[str, Any] = {
    "applicant_type": "growth_enterprise",
    "as_of": AS_OF,
    "key_field": "new_generation_it",
    "titles": ["national_high_tech"],
    "avg_revenue_growth": 25,
    "avg_profit_growth": 10,
    "service_input_share": 45,
}
BASES = {"park": PARK_OK, "leading_enterprise": LEADING_OK, "growth_enterprise": GROWTH_OK}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of ``base`` with ``changes``; a value of ``...`` removes the field (the fact becomes unknown)."""
    data = dict(base)
    for name, value in changes.items():
        if value is ...:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def criterion(result: dict, cid: str) -> dict:
    """The criterion ``cid`` of a check() result; fails the test when it is absent."""
    found = [c for c in result["criteria"] if c["id"] == cid]
    assert len(found) == 1, f"criterion {cid} not in {[c['id'] for c in result['criteria']]}"
    return found[0]


def statuses(result: dict) -> dict[str, str]:
    return {c["id"]: c["status"] for c in result["criteria"]}


def missing_facts(result: dict) -> list[str]:
    return [m["fact"] for m in result["missing"]]

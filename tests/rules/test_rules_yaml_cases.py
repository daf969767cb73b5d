"""Runs the OpenFisca-style YAML cases in tests/rules/cases/*.yml through the CLI's check()."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from liangye_rules.cli import check

CASES_DIR = Path(__file__).parent / "cases"
STATUSES = {"met", "not_met", "unknown"}
VERDICTS = {"eligible", "not_eligible", "insufficient_information", "eligible_with_commitment"}
CRITERION_KEYS = {"status", "article", "gap", "actual", "required"}
EXPECTED_KEYS = {"verdict", "criteria", "missing", "notes_contain"}


def _load() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text("utf-8"))
        for case in document["cases"]:
            cases.append((f"{path.stem}: {case['name']}", case))
    return cases


CASES = _load()


def test_there_are_enough_cases_and_names_are_unique():
    names = [name for name, _ in CASES]
    assert len(names) >= 60
    assert len(set(names)) == len(names)


def test_case_files_are_well_formed():
    for name, case in CASES:
        assert set(case) == {"name", "input", "expected"}, name
        expected = case["expected"]
        assert set(expected) <= EXPECTED_KEYS, name
        assert expected["verdict"] in VERDICTS, name
        assert expected.get("criteria"), f"{name}: no per-criterion expectation"
        for cid, want in expected["criteria"].items():
            want = want if isinstance(want, dict) else {"status": want}
            assert set(want) <= CRITERION_KEYS and want["status"] in STATUSES, f"{name}: {cid}"
        json.dumps(case["input"])  # the input is plain JSON, exactly what the CLI reads


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_case(name: str, case: dict[str, Any]):
    data = json.loads(json.dumps(case["input"], ensure_ascii=False))
    result = check(data)
    expected = case["expected"]
    assert result["verdict"] == expected["verdict"], result
    by_id = {c["id"]: c for c in result["criteria"]}
    for cid, want in expected["criteria"].items():
        want = want if isinstance(want, dict) else {"status": want}
        assert cid in by_id, f"criterion {cid} missing; got {list(by_id)}"
        for key, value in want.items():
            assert by_id[cid][key] == value, f"{cid}.{key}: {by_id[cid][key]!r} != {value!r}"
    if "missing" in expected:
        assert [m["fact"] for m in result["missing"]] == expected["missing"]
    if result["verdict"] != "insufficient_information":
        assert result["missing"] == []
    for text in expected.get("notes_contain", []):
        assert any(text in note for note in result["notes"]), f"no note contains {text!r}: {result['notes']}"

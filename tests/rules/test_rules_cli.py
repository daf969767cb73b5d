"""The command line, run as a subprocess exactly as users and the other services run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rules_helpers import GROWTH_OK, LEADING_OK, PARK_OK, REPO, with_

PYTHON = REPO / ".venv" / "bin" / "python"
if not PYTHON.exists():  # pragma: no cover - the project venv is the documented interpreter
    PYTHON = Path(sys.executable)


def run(args: list[str], stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PYTHON), "-m", "liangye_rules", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=60,
    )


CRITERION_KEYS = {"id", "article", "status", "required", "actual", "gap", "explanation"}


@pytest.mark.parametrize(
    ("data", "verdict"),
    [
        (PARK_OK, "eligible"),
        (with_(LEADING_OK, annual_revenue="9亿", national_market_share_rank=11), "not_eligible"),
        (with_(GROWTH_OK, titles=...), "insufficient_information"),
    ],
)
def test_check_valid_input(data, verdict):
    proc = run(["check"], json.dumps(data, ensure_ascii=False))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    result = json.loads(proc.stdout)
    assert {"verdict", "criteria", "missing", "notes", "rules_version"} <= set(result)
    assert result["verdict"] == verdict
    assert result["criteria"]
    for c in result["criteria"]:
        assert set(c) >= CRITERION_KEYS
        assert c["status"] in {"met", "not_met", "unknown"}
        assert c["article"].startswith("第")
    assert result["rules_version"] == "2023-7号/1.0.0"
    assert isinstance(result["missing"], list) and isinstance(result["notes"], list)
    if verdict == "insufficient_information":
        assert [m["fact"] for m in result["missing"]] == ["titles"]


def test_check_gap_reaches_the_json():
    proc = run(["check"], json.dumps(with_(PARK_OK, annual_revenue="88亿", newly_established=False), ensure_ascii=False))
    assert proc.returncode == 0
    result = json.loads(proc.stdout)
    revenue = next(c for c in result["criteria"] if c["id"] == "park_revenue")
    assert (revenue["status"], revenue["article"], revenue["gap"]) == ("not_met", "第五条（二）", "还差12亿元")
    assert result["verdict"] == "not_eligible"


@pytest.mark.parametrize(
    ("stdin", "field"),
    [
        ('{"applicant_type": "park",', "input"),
        ("not json at all", "input"),
        ('["park"]', "input"),
        ('"park"', "input"),
        ('{"applicant_type": "park", "revenue": 1}', "revenue"),
        ('{"applicant_type": "park", "land_legally_obtained": "true"}', "land_legally_obtained"),
        ('{"applicant_type": "leading_enterprise", "national_market_share_rank": 3.5}', "national_market_share_rank"),
        ('{"applicant_type": "growth_enterprise", "titles": "little_giant"}', "titles"),
        ('{"applicant_type": "growth_enterprise", "titles": ["olympic_champion"]}', "titles"),
        ('{"applicant_type": "park", "key_field": "real_estate"}', "key_field"),
        ('{"applicant_type": "park", "annual_revenue": "-3亿"}', "annual_revenue"),
        ('{"applicant_type": "park", "key_field_revenue_share": 150}', "key_field_revenue_share"),
        ('{"applicant_type": "park", "advanced_manufacturing_share": 80, "modern_services_share": 30}', "modern_services_share"),
        ('{"applicant_type": ["park"]}', "applicant_type"),
        ("{}", "applicant_type"),
    ],
)
def test_check_bad_input_exits_2_with_a_chinese_message_naming_the_field(stdin, field):
    proc = run(["check"], stdin)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"输入有误（{field}）：")
    assert "Traceback" not in proc.stderr


def test_check_text_output():
    proc = run(["check", "--text"], json.dumps(PARK_OK, ensure_ascii=False))
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("结论：")
    assert lines[0] == "结论：符合申报条件"
    assert "（申报类型：示范园区）" in lines


def test_check_text_output_for_bad_input_still_exits_2():
    proc = run(["check", "--text"], '{"applicant_type": "park", "annual_revenue": "很多"}')
    assert proc.returncode == 2
    assert "annual_revenue" in proc.stderr


def test_subsidy_valid_input():
    data = {
        "project_type": "old_factory",
        "fixed_asset_investment": "3亿元",
        "in_demonstration_park": True,
        "other_municipal_funding": False,
    }
    proc = run(["subsidy"], json.dumps(data, ensure_ascii=False))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["support_yuan"] == 5e7
    assert result["uncapped_yuan"] == pytest.approx(9e7)
    assert result["article"] == "第十一条"
    assert isinstance(result["notes"], list) and result["notes"]


@pytest.mark.parametrize(
    ("stdin", "field"),
    [
        ('{"project_type": "platform"}', "fixed_asset_investment"),
        ('{"project_type": "stadium", "fixed_asset_investment": 1}', "project_type"),
        ('{"project_type": "platform", "fixed_asset_investment": 1, "in_demonstration_park": "yes"}', "in_demonstration_park"),
        ("[1, 2]", "input"),
        ("{", "input"),
    ],
)
def test_subsidy_bad_input(stdin, field):
    proc = run(["subsidy"], stdin)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"输入有误（{field}）：")


def test_unknown_command_is_a_usage_error():
    proc = run(["eligibility"], "{}")
    assert proc.returncode == 2
    assert "usage" in proc.stderr

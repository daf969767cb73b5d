"""Command line: ``python -m liangye_rules check`` and ``python -m liangye_rules subsidy``.

Each reads one JSON object on stdin and prints JSON on stdout (exit 0); bad input gives a Chinese
message on stderr naming the field, and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from .evaluate import evaluate
from .facts import InputError, parse_facts
from .render import render_verdict
from .support import SubsidyInputError, estimate_subsidy, parse_subsidy_request

EXIT_BAD_INPUT = 2
MAX_INPUT_BYTES = 1_000_000


def check(data: Any) -> dict:
    """The verdict for one CLI/API eligibility input, as JSON-ready data."""
    return evaluate(parse_facts(data)).to_dict()


def subsidy(data: Any) -> dict:
    """The subsidy estimate for one CLI/API subsidy input, as JSON-ready data."""
    return estimate_subsidy(**parse_subsidy_request(data)).to_dict()


def _read_json(stream) -> Any:
    raw = stream.read(MAX_INPUT_BYTES + 1)
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError("input", "输入过大（超过 1 MB）。")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError("input", f"输入不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）。") from exc


def _run(handler: Callable[[Any], dict], text: bool) -> int:
    try:
        data = _read_json(sys.stdin)
        if text:
            print(render_verdict(evaluate(parse_facts(data))))
            return 0
        result = handler(data)
    except (InputError, SubsidyInputError) as exc:
        print(f"输入有误（{exc.field}）：{exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m liangye_rules", description="两业融合示范园区和试点企业认定条件自查（京发改规〔2023〕7号）"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check_parser = sub.add_parser("check", help="资格自查：从标准输入读取 JSON，输出 JSON 结论")
    check_parser.add_argument("--text", action="store_true", help="输出中文文字结论而不是 JSON")
    sub.add_parser("subsidy", help="补助估算：从标准输入读取 JSON，输出 JSON 估算")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _run(check, args.text)
    return _run(subsidy, False)

"""Check a `rasa test nlu --cross-validation` intent report and write it as Markdown (results/nlu-report.md).

The product targets are macro-F1 ≥ 0.95 and every intent ≥ 0.9 (issue 3); the report says whether they are met.
The check fails (exit 1) below the regression floors: the best the current data has reached, less a margin,
so that a change that makes the NLU worse cannot land.
"""

import json
import sys
from datetime import date
from pathlib import Path

MACRO_TARGET = 0.95
INTENT_TARGET = 0.9
MACRO_FLOOR = 0.945
INTENT_FLOOR = 0.87


def main(report_path: str, folds: str, out_path: str) -> int:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    intents = {
        k: v
        for k, v in report.items()
        if isinstance(v, dict) and "f1-score" in v and k not in ("macro avg", "weighted avg", "micro avg")
    }
    macro = report["macro avg"]["f1-score"]
    weak = {k: round(v["f1-score"], 3) for k, v in intents.items() if v["f1-score"] < INTENT_FLOOR}
    below_target = {k: round(v["f1-score"], 3) for k, v in intents.items() if v["f1-score"] < INTENT_TARGET}
    lowest = min(v["f1-score"] for v in intents.values())
    met = macro >= MACRO_TARGET and not below_target
    rows = "\n".join(
        f"| {name} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1-score']:.3f} | {v['support']} |"
        for name, v in sorted(intents.items(), key=lambda kv: kv[1]["f1-score"])
    )
    doc = (
        f"# NLU cross-validation\n\nWritten by `make nlu-report` (scripts/check_nlu_report.py) on {date.today().isoformat()}: "
        f"`rasa test nlu --cross-validation --folds {folds}` over data/nlu.\n\n"
        f"- intent macro-F1: **{macro:.4f}** (target ≥ {MACRO_TARGET}; regression floor {MACRO_FLOOR})\n"
        f"- lowest intent F1: **{lowest:.4f}** (target ≥ {INTENT_TARGET} for every intent; floor {INTENT_FLOOR})\n"
        f"- targets {'met' if met else 'NOT met'}; intents below {INTENT_TARGET}: {', '.join(below_target) or 'none'}\n"
        f"- intents: {len(intents)}, examples: {sum(v['support'] for v in intents.values())}\n\n"
        "| intent | precision | recall | F1 | examples |\n|---|---|---|---|---|\n" + rows + "\n"
    )
    Path(out_path).write_text(doc, encoding="utf-8")
    print(
        f"intent macro-F1 {macro:.4f} (target {MACRO_TARGET}); lowest intent {lowest:.4f}; below target: {below_target or 'none'}"
    )
    if macro < MACRO_FLOOR or weak:
        print("错误：NLU 交叉验证未达标。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))

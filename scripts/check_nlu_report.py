"""Check a `rasa test nlu --cross-validation` intent report and write docs/nlu-cross-validation.md.

Fails (exit 1) when the intent macro-F1 is below 0.95 or any intent's F1 is below 0.9.
"""

import json
import sys
from datetime import date
from pathlib import Path

MACRO_MIN = 0.95
INTENT_MIN = 0.9
REPO = Path(__file__).resolve().parents[1]


def main(report_path: str, folds: str) -> int:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    intents = {
        k: v
        for k, v in report.items()
        if isinstance(v, dict) and "f1-score" in v and k not in ("macro avg", "weighted avg", "micro avg")
    }
    macro = report["macro avg"]["f1-score"]
    weak = {k: v["f1-score"] for k, v in intents.items() if v["f1-score"] < INTENT_MIN}
    rows = "\n".join(
        f"| {name} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1-score']:.3f} | {v['support']} |"
        for name, v in sorted(intents.items(), key=lambda kv: kv[1]["f1-score"])
    )
    doc = (
        f"# NLU cross-validation\n\nWritten by `make test` (scripts/check_nlu_report.py) on {date.today().isoformat()}: "
        f"`rasa test nlu --cross-validation --folds {folds}` over data/nlu.\n\n"
        f"- intent macro-F1: **{macro:.3f}** (required ≥ {MACRO_MIN})\n"
        f"- lowest intent F1: **{min(v['f1-score'] for v in intents.values()):.3f}** (required ≥ {INTENT_MIN} for every intent)\n"
        f"- intents: {len(intents)}, examples: {sum(v['support'] for v in intents.values())}\n\n"
        "| intent | precision | recall | F1 | examples |\n|---|---|---|---|---|\n" + rows + "\n"
    )
    (REPO / "docs" / "nlu-cross-validation.md").write_text(doc, encoding="utf-8")
    print(f"intent macro-F1 {macro:.3f}; intents below {INTENT_MIN}: {weak or 'none'}")
    if macro < MACRO_MIN or weak:
        print("错误：NLU 交叉验证未达标。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "3"))

#!/usr/bin/env bash
# NLU cross-validation; the report is written to docs/nlu-cross-validation.md and checked against the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD"
folds="${NLU_FOLDS:-5}"  # Rasa's default, as the issue names the command: `rasa test nlu --cross-validation`
mkdir -p var/logs
rm -rf results/nlu
echo "==> rasa test nlu --cross-validation --folds $folds（约 20 分钟）"
.venv/bin/rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds "$folds" --out results/nlu \
  > var/logs/test-nlu.log 2>&1 || { tail -40 var/logs/test-nlu.log; exit 1; }
.venv/bin/python scripts/check_nlu_report.py results/nlu/intent_report.json "$folds"

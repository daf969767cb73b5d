#!/usr/bin/env bash
# `make nlu-report`: NLU cross-validation (in-distribution figure; the blind sets are what users see).
# The report goes to results/nlu-report.md, never into a tracked file; it fails below the regression floors.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD"
folds="${NLU_FOLDS:-5}"  # Rasa's default
mkdir -p var/logs
rm -rf results/nlu
echo "==> rasa test nlu --cross-validation --folds $folds（约 20 分钟）"
.venv/bin/rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds "$folds" --out results/nlu \
  > var/logs/test-nlu.log 2>&1 || { tail -40 var/logs/test-nlu.log; exit 1; }
.venv/bin/python scripts/check_nlu_report.py results/nlu/intent_report.json "$folds" results/nlu-report.md

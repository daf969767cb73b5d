#!/usr/bin/env bash
# Validate the training data and run the dialogue test stories against a real action server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD"
mkdir -p var/logs results
echo "==> rasa data validate"
.venv/bin/rasa data validate --fail-on-warnings > var/logs/validate.log 2>&1 || { tail -30 var/logs/validate.log; exit 1; }
if grep -q "UserWarning" var/logs/validate.log; then
  grep "UserWarning" var/logs/validate.log; echo "错误：训练数据校验有警告。" >&2; exit 1
fi
port=$(.venv/bin/python scripts/free_port.py)
export LIANGYE_ACTION_URL="http://localhost:$port/webhook"
export LIANGYE_TRACKER_DB="$PWD/var/test-tracker.db"
export LIANGYE_DATABASE_URL="sqlite:///$PWD/var/test-stories.db"
.venv/bin/rasa run actions --actions bot.actions -p "$port" > var/logs/test-actions.log 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$port/health" > /dev/null && break
  sleep 1
done
echo "==> rasa test core (tests/test_stories.yml)"
rm -rf results/core
.venv/bin/rasa test core --stories tests/test_stories.yml --model models/liangye.tar.gz --endpoints endpoints.yml \
  --out results/core --fail-on-prediction-errors > var/logs/test-core.log 2>&1 || {
  tail -60 var/logs/test-core.log; echo "错误：对话测试故事失败（详见 var/logs/test-core.log 和 results/core）。" >&2; exit 1; }
stories=$(grep -c '^- story:' tests/test_stories.yml)
failed=$(grep -c '^- story:' results/core/failed_test_stories.yml 2>/dev/null || true)
echo "stories: $((stories - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]

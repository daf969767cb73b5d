#!/usr/bin/env bash
# `make test`: every stage in order, stopping at the first failure; prints each stage's time at the end.
# Training (skipped when its inputs are unchanged) runs in the background while the unit and browser tests run.
# The trained model and the running stack are then shared: one pytest session starts actions, Rasa and the web
# server once and runs the dialogue stories, the REST conversations, the held-out and blind sets and the browser tests;
# tests/e2e/test_scaled.py starts the scale-out profile (PostgreSQL, Redis, two Rasa servers) once for its own tests.
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD"
mkdir -p var/logs
timings=()
total_start=$(date +%s)
train_pid=""

report() {
  echo
  echo "==> make test 各阶段用时"
  for line in "${timings[@]}"; do echo "    $line"; done
  echo "    合计 $(( $(date +%s) - total_start )) 秒"
}

fail() {  # fail NAME RC
  [ -n "$train_pid" ] && kill -- -"$train_pid" 2>/dev/null
  report
  echo "错误：阶段 $1 失败（退出码 $2）。" >&2
  exit "$2"
}

record() {  # record NAME START RC [NOTE]
  timings+=("$(printf '%-8s %4d 秒  %s%s' "$1" $(( $(date +%s) - $2 )) "$([ "$3" -eq 0 ] && echo 通过 || echo 失败)" "${4:-}")")
}

stage() {  # stage NAME COMMAND...
  local name=$1; shift
  local start
  start=$(date +%s)
  echo "==> [$name] $*"
  "$@"
  local rc=$?
  record "$name" "$start" "$rc"
  [ "$rc" -eq 0 ] || fail "$name" "$rc"
}

stage lint make --no-print-directory lint
train_start=$(date +%s)
echo "==> [train] scripts/train.sh（后台进行，日志 var/logs/train-stage.log）"
setsid scripts/train.sh > var/logs/train-stage.log 2>&1 &
train_pid=$!
stage unit scripts/pytest.sh tests -m "not e2e and not browser" -n 2 --dist loadfile
stage browser scripts/pytest.sh tests/browser -m browser
wait "$train_pid"
rc=$?
train_pid=""
cat var/logs/train-stage.log
record train "$train_start" "$rc" "（与 unit、browser 同时进行）"
[ "$rc" -eq 0 ] || fail train "$rc"
stage stack scripts/pytest.sh tests/e2e -m e2e
report

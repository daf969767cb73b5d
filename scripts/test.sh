#!/usr/bin/env bash
# `make test`: every stage in order, stopping at the first failure; prints each stage's time at the end.
# The trained model and the running stack are shared: one pytest session starts actions, Rasa and the web
# server once and runs the dialogue stories, the REST conversations, the held-out sets and the browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD"
timings=()
total_start=$(date +%s)

report() {
  echo
  echo "==> make test 各阶段用时"
  for line in "${timings[@]}"; do echo "    $line"; done
  echo "    合计 $(( $(date +%s) - total_start )) 秒"
}

stage() {  # stage NAME COMMAND...
  local name=$1; shift
  local start=$(date +%s)
  echo "==> [$name] $*"
  "$@"
  local rc=$?
  timings+=("$(printf '%-8s %4d 秒  %s' "$name" $(( $(date +%s) - start )) "$([ $rc -eq 0 ] && echo 通过 || echo 失败)")")
  if [ $rc -ne 0 ]; then
    report
    echo "错误：阶段 $name 失败（退出码 $rc）。" >&2
    exit $rc
  fi
}

stage lint make --no-print-directory lint
stage unit scripts/pytest.sh tests -m "not e2e and not browser" -n 2 --dist loadfile
stage browser scripts/pytest.sh tests/browser -m browser
stage train scripts/train.sh
stage stack scripts/pytest.sh tests/e2e -m e2e
report

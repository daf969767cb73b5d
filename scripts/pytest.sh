#!/usr/bin/env bash
# Run pytest; "no tests collected" (exit 5) counts as a failure, never as success.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "错误：没有收集到任何测试（pytest 退出码 5），按失败处理。" >&2
  exit 1
fi
exit "$rc"

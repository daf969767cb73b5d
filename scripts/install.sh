#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the pinned requirements; a no-op when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)
stamp=.venv/.installed
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
python310=$(scripts/find_python.sh)
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)'; then
  echo "==> 创建虚拟环境 .venv（$python310）"
  rm -rf .venv
  "$python310" -m venv .venv
fi
echo "==> 安装依赖（首次约 3 分钟，约 2.7 GB）"
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -r requirements-dev.txt
echo "$want" > "$stamp"
echo "==> 依赖安装完成"

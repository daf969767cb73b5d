#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter, or explain how to get one and fail.
set -euo pipefail
for candidate in "${PYTHON310:-}" python3.10 "$HOME/.pyenv/versions/3.10.13/bin/python3.10" /root/.pyenv/versions/3.10.13/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null || true)
  [ -n "$path" ] || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
cat >&2 <<'MSG'
错误：找不到 Python 3.10。Rasa Open Source 3.6 只能在 Python 3.10 上运行（3.11 及以上不支持）。
Error: Python 3.10 not found. Rasa 3.6 needs Python 3.10 (it does not run on 3.11+).
Install it (e.g. `pyenv install 3.10.13`) or point PYTHON310 at a python3.10 binary, then run the command again.
MSG
exit 1

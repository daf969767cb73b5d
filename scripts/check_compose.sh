#!/usr/bin/env bash
# Validate docker-compose.yml against the Compose schema (no Docker engine needed), and check that it
# starts the same commands as scripts/run.py, fails clearly when a required secret is missing, and is closed
# by default (only web publishes a port; the others are on the internal network only).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose > /dev/null; then
  echo "错误：未找到 docker-compose（scripts/install_system.sh 会安装 Debian 的 docker-compose 包）。" >&2
  exit 1
fi
POSTGRES_PASSWORD=check LIANGYE_HELPDESK_USERS=check:hash LIANGYE_SESSION_SECRET=check \
  docker-compose -f docker-compose.yml config -q
if env -u POSTGRES_PASSWORD docker-compose -f docker-compose.yml config -q 2> /dev/null; then
  echo "错误：docker-compose.yml 在缺少 POSTGRES_PASSWORD 时仍然通过，应当报错。" >&2
  exit 1
fi
rendered=$(POSTGRES_PASSWORD=check LIANGYE_HELPDESK_USERS=check:hash LIANGYE_SESSION_SECRET=check \
  docker-compose -f docker-compose.yml config)
for expected in "bot.actions" "credentials.yml" "bot.web" "LIANGYE_MODE: production"; do
  grep -q -- "$expected" <<< "$rendered" || { echo "错误：docker-compose.yml 缺少 $expected" >&2; exit 1; }
done
.venv/bin/python - "$rendered" <<'PY' || exit 1
import sys

import yaml

config = yaml.safe_load(sys.argv[1])
published = sorted(name for name, service in config["services"].items() if service.get("ports"))
outside = sorted(n for n, s in config["services"].items() if n != "web" and set(s.get("networks") or {"default": None}) - {"backend"})
if published != ["web"] or outside or not config["networks"]["backend"].get("internal"):
    sys.exit(f"错误：docker-compose.yml 应只有 web 发布端口（实际：{published}），其他服务只在内部网络 backend 上（不符合：{outside}）。")
PY
echo "docker-compose.yml: valid"

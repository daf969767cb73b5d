#!/usr/bin/env bash
# Validate docker-compose.yml against the Compose schema (no Docker engine needed), and check that it
# starts the same commands as scripts/run.py and fails clearly when a required secret is missing.
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
echo "docker-compose.yml: valid"

#!/usr/bin/env bash
# Validate docker-compose.yml against the Compose schema (no Docker engine needed), and check that it
# starts the same commands as scripts/run.py, fails clearly when a required secret is missing, is closed
# by default (only web publishes a port; the others are on the internal network only), and is the scale-out
# deployment: PostgreSQL and Redis, several Rasa and action servers, a health check on every service, no SQLite.
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
for expected in "bot.actions" "bot.rasa_server" "credentials.yml" "endpoints-scaled.yml" "bot.web" "LIANGYE_MODE: production"; do
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
services = config["services"]
images = {name: service.get("image", "") for name, service in services.items()}
if not images.get("db", "").startswith("postgres:15") or not images.get("redis", "").startswith("redis:7"):
    sys.exit(f"错误：docker-compose.yml 应有 db（postgres:15）和 redis（redis:7）服务（实际：{images}）。")
single = sorted(n for n in ("actions", "rasa") if services[n].get("deploy", {}).get("replicas", 1) < 2)
unchecked = sorted(n for n, s in services.items() if not s.get("healthcheck"))
if single or unchecked:
    sys.exit(f"错误：actions 和 rasa 应至少各有 2 个副本（不符合：{single}），每个服务都应有健康检查（缺少：{unchecked}）。")
sqlite = sorted(
    name
    for name, service in services.items()
    if "sqlite" in str(service).lower()
    or "LIANGYE_TRACKER_DB" in (service.get("environment") or {})
    or not (service.get("environment") or {}).get("LIANGYE_DATABASE_URL", "postgresql").startswith("postgresql")
)
if sqlite or "endpoints-scaled.yml" not in services["rasa"]["command"]:
    sys.exit(f"错误：docker-compose.yml 不应使用 SQLite（{sqlite}），rasa 应使用 endpoints-scaled.yml。")
PY
echo "docker-compose.yml: valid"

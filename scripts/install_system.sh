#!/usr/bin/env bash
# System packages the tests need: Chromium and a CJK font for browser tests, PostgreSQL for database tests,
# PostgreSQL and Redis for the scale-out profile (make run-scaled and its tests).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v redis-server > /dev/null || need+=(redis-server)
command -v docker-compose > /dev/null || need+=(docker-compose)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || need+=(fonts-wqy-microhei)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "需要安装系统软件包：${need[*]}（请以 root 运行或手动安装）" >&2
    exit 1
  fi
  echo "==> 安装系统软件包：${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# liangye-assistant: `make run` starts everything, `make test` proves it.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
export PYTHONPATH := $(CURDIR)

.PHONY: help install lint unit browser train e2e nlu-report test run run-scaled bench

help:
	@echo "make run    安装（首次）、按需训练，并启动全部服务（聊天页面 http://localhost:8080）"
	@echo "make run-scaled  扩展部署：本地 PostgreSQL、Redis、两个 Rasa 和网页服务（见 README）"
	@echo "make test   代码检查和全部测试（单元、浏览器、对话故事、端到端、盲测回归集），约 10 分钟"
	@echo "其他：make install | lint | unit | browser | train | e2e | nlu-report（交叉验证，约 20 分钟）| bench"

install:
	@scripts/install.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	scripts/check_compose.sh

# Unit tests run on both cores (pytest-xdist); each file's tests stay on one worker (shared module fixtures).
unit: install
	scripts/pytest.sh tests -m "not e2e and not browser" -n 2 --dist loadfile

# Playwright's sync API keeps an event loop running for its session, so the browser tests get their own run.
browser: install
	scripts/pytest.sh tests/browser -m browser

train: install
	@scripts/train.sh

# One stack (actions, Rasa, web) for the dialogue stories, REST conversations, held-out sets and browser tests;
# the scale-out tests (tests/e2e/test_scaled.py) start their own (PostgreSQL, Redis, two Rasa servers).
e2e: train
	scripts/pytest.sh tests/e2e -m e2e

# Cross-validation measures our own data's shape (in-distribution); it is not part of `make test`.
nlu-report: install
	scripts/nlu_report.sh

test: install
	@scripts/test.sh

# The rules' speed, then the chat against a stock Rasa moodbot (trained once into var/bench; about 4 minutes).
bench: install
	$(PY) bench/rules_bench.py
	$(PY) bench/chat_bench.py

run: install train
	$(PY) scripts/run.py

# The scale-out profile without Docker: local PostgreSQL 15 and Redis under var/scaled, two Rasa servers (README).
run-scaled: install train
	$(PY) scripts/run.py --scaled

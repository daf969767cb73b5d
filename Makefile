# liangye-assistant: `make run` starts everything, `make test` proves it.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
export PYTHONPATH := $(CURDIR)

.PHONY: help install lint unit train rasa-test e2e nlu test run bench

help:
	@echo "make run    安装（首次）、按需训练，并启动全部服务（聊天页面 http://localhost:8080）"
	@echo "make test   代码检查和全部测试（单元、对话故事、浏览器端到端、NLU 交叉验证）"
	@echo "其他：make install | lint | unit | train | rasa-test | e2e | nlu | bench"

install:
	@scripts/install.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	scripts/check_compose.sh

# Playwright's sync API keeps an event loop running for its session, so the browser tests get their own run.
unit: install
	scripts/pytest.sh tests -m "not e2e and not browser"
	scripts/pytest.sh tests/browser -m browser

train: install
	@scripts/train.sh

rasa-test: train
	scripts/rasa_test.sh

e2e: train
	scripts/pytest.sh tests -m e2e

nlu: install
	scripts/nlu_crossval.sh

test: lint unit rasa-test e2e nlu

bench: install
	$(PY) bench/rules_bench.py

run: install train
	$(PY) scripts/run.py

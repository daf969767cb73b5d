# liangye-assistant: `make run` starts everything, `make test` proves it.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
export PYTHONPATH := $(CURDIR)

.PHONY: help install lint test test-unit run bench

help:
	@echo "make run    安装（首次）、按需训练并启动全部服务"
	@echo "make test   代码检查和全部测试"
	@echo "make install / lint / test-unit / bench"

install:
	@scripts/install.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test-unit: install
	scripts/pytest.sh tests

test: lint test-unit

bench: install
	$(PY) bench/rules_bench.py

run: install
	$(PY) -m liangye_rules --help

PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
DATA ?= ../shared/data

.PHONY: help run setup demo-data test lint bench

help: ## 列出可用命令
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: ## 安装系统与 Python 依赖，建库并导入演示数据（可重复运行）
	bash scripts/bootstrap.sh all
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py setup_demo --data $(DATA)
	$(PY) manage.py collectstatic --noinput -v0

run: setup ## 一条命令：安装、导入真实演示数据并在 http://$(HOST):$(PORT) 运行站点
	@echo "==> 站点: http://$(HOST):$(PORT)/    管理后台: http://$(HOST):$(PORT)/admin/"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: ## 运行全部测试
	bash scripts/bootstrap.sh all
	$(PY) -m pytest

lint: ## ruff 检查
	$(PY) -m ruff check .

bench: ## 运行基准测试并打印结果
	$(PY) bench/import_bench.py
	$(PY) bench/standards_bench.py --rows 300
	$(PY) bench/search_relevance.py
	$(PY) bench/search_latency.py
	$(PY) bench/print_bench.py
	$(PY) bench/print_more_bench.py

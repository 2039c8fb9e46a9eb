#!/usr/bin/env bash
# Set-up steps shared by `make run` and `make test`. Idempotent and quick when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

system_packages() {
  local wanted missing=()
  wanted=$(grep -v '^\s*#' scripts/apt-packages.txt | grep -v '^\s*$')
  for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "==> 安装系统软件包: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "!! 缺少系统软件包（需要 root 安装）: ${missing[*]}"
    echo "   sudo apt-get install ${missing[*]}"
  fi
}

python_env() {
  local py=${PYTHON:-python3.11}
  command -v "$py" >/dev/null || py=python3
  if [ ! -x .venv/bin/python ]; then
    echo "==> 创建虚拟环境 .venv"
    "$py" -m venv .venv
  fi
  local stamp=.venv/.installed-lock
  if [ ! -f "$stamp" ] || ! cmp -s requirements.lock "$stamp"; then
    echo "==> 安装 Python 依赖（requirements.lock）"
    if [ "${INSTALLER:-}" != "pip" ] && command -v uv >/dev/null; then
      uv pip install -q --python .venv/bin/python -r requirements.lock
    else
      .venv/bin/python -m pip install -q --upgrade pip
      .venv/bin/python -m pip install -q -r requirements.lock
    fi
    cp requirements.lock "$stamp"
  fi
}

case "${1:-all}" in
  system) system_packages ;;
  python) python_env ;;
  all) system_packages; python_env ;;
  *) echo "usage: $0 [system|python|all]"; exit 2 ;;
esac

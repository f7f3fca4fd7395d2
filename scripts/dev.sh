#!/usr/bin/env bash
# Set-up and the two everyday jobs, on a fresh machine or an existing checkout.
#   scripts/dev.sh demo   install, then run the main job (batch over the embedded sample corpus)
#   scripts/dev.sh test   install, then run the test suite, the type checks and the table checks
#   scripts/dev.sh setup  install only
# Installs into .venv/ beside this checkout; re-running skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv

system_packages() {
  # PyICU compiles against ICU: it needs libicu-dev and pkg-config.
  if pkg-config --exists icu-uc 2>/dev/null; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config >/dev/null
  else
    echo "PyICU needs ICU's headers: install libicu-dev and pkg-config (e.g. sudo apt-get install libicu-dev pkg-config)" >&2
    exit 1
  fi
}

setup() {
  local stamp="$VENV/.rasm-installed"
  local want
  want=$(sha256sum pyproject.toml setup.py | sha256sum | cut -c1-16)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  system_packages
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  # The CPU build of torch first, pinned: a loose torch requirement pulls gigabytes of CUDA.
  "$VENV/bin/pip" install -q 'torch==2.13.0'
  "$VENV/bin/pip" install -q -e '.[all,dev]'
  echo "$want" > "$stamp"
}

case "${1:-}" in
  setup) setup ;;
  demo)
    setup
    "$VENV/bin/rasm" batch --sample --out out/sample.jsonl
    ;;
  test)
    setup
    "$VENV/bin/python" -m pytest "${@:2}"
    "$VENV/bin/python" -m mypy
    ;;
  *) echo "usage: scripts/dev.sh demo|test|setup" >&2; exit 2 ;;
esac

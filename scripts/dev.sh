#!/usr/bin/env bash
# Set-up and the two everyday jobs, on a fresh machine or an existing checkout.
#   scripts/dev.sh demo   install what the demo needs (the core + rasm[batch]), then run the main
#                         job: batch over the embedded sample corpus
#   scripts/dev.sh test   install what the tests need (every extra + dev), then run the test
#                         suite and the type checks
#   scripts/dev.sh setup  install what the tests need, nothing else
# Installs into .venv/ beside this checkout, then compiles the built-in tables once (so that no
# command pays for it at run time); re-running skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
DEMO_EXTRAS=batch
TEST_EXTRAS=all,dev

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

install() {  # $1: the extras, comma-separated
  local extras=$1 stamp="$VENV/.rasm-installed" hash
  hash=$(sha256sum pyproject.toml setup.py | sha256sum | cut -c1-16)
  # The stamp holds the hash and the extras installed; the test set covers the demo's.
  if [ -f "$stamp" ]; then
    local have
    have=$(cat "$stamp")
    if [ "$have" = "$hash $extras" ] || [ "$have" = "$hash $TEST_EXTRAS" ]; then return; fi
  fi
  system_packages
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip
  if [[ ",$extras," == *",all,"* ]]; then
    # The CPU build of torch first, pinned: a loose torch requirement pulls gigabytes of CUDA.
    "$VENV/bin/pip" install -q 'torch==2.13.0'
  fi
  "$VENV/bin/pip" install -q -e ".[$extras]"
  echo "$hash $extras" > "$stamp"
}

compile_tables() {
  # Once per table version (the compiled form is stamped with the tables' hash): a no-op after.
  "$VENV/bin/python" -c "import rasm; rasm.builtin_gazetteer()"
}

case "${1:-}" in
  setup) install "$TEST_EXTRAS"; compile_tables ;;
  demo)
    install "$DEMO_EXTRAS"
    compile_tables
    "$VENV/bin/rasm" batch --sample --out out/sample.jsonl
    ;;
  test)
    install "$TEST_EXTRAS"
    compile_tables
    "$VENV/bin/python" -m pytest "${@:2}"
    "$VENV/bin/python" -m mypy
    ;;
  *) echo "usage: scripts/dev.sh demo|test|setup" >&2; exit 2 ;;
esac

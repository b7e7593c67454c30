# Shared by tests/run and tests/bench: the cache, and installing what the
# suite needs (idempotent: only what is missing is installed).
# shellcheck shell=bash

CACHE="${BANGCHIM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bangchim}"
export BANGCHIM_CACHE_DIR="$CACHE"
# One target directory for the workspace, kept across clones of the repo.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Each stage says how long the one before it took.
STAGE_START=$SECONDS
STAGE_NAME=""
step() {
  if [ -n "$STAGE_NAME" ]; then
    printf '   (%s: %d s)\n' "$STAGE_NAME" $((SECONDS - STAGE_START))
  fi
  STAGE_NAME="$*"
  STAGE_START=$SECONDS
  printf '\n== %s\n' "$*"
}
finish_stages() { step "done in $SECONDS s"; }

install_wasm_target() {
  # bangchim's build script adds it too; the wasm lint step needs it first.
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}

install_pagefind() {
  # What the browser benchmark measures bangchim against.
  if [ "$("$CACHE/tools/node_modules/.bin/pagefind" --version 2>/dev/null | awk '{print $2}')" != "1.6.0" ]; then
    npm install --prefix "$CACHE/tools" --no-audit --no-fund --no-save --loglevel=error pagefind@1.6.0
  fi
}

install_browser() {
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
}

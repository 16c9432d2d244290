#!/usr/bin/env bash
# End-to-end tests: drive the real app window via tauri-driver + WebKitWebDriver
# inside a throwaway X server (xvfb-run) and D-Bus session.
#
# usage: tests/e2e/run.sh <absolute path to app binary> [test files...]
#   default test files: tests/e2e/*.test.mjs
# env:   OPNAMEWIJS_E2E_ARTIFACTS  where screenshots go (default target/e2e-artifacts)
#        OPNAMEWIJS_E2E_KEEP_TMP=1 keep the per-run temp dir (HOME, XDG dirs, data dirs)
# Exit code = result of `node --test`.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 <absolute path to app binary> [test files...]" >&2
  exit 2
fi
APP=$1
shift
case "$APP" in
  /*) ;;
  *) APP="$PWD/$APP" ;;
esac
if [[ ! -x "$APP" ]]; then
  echo "e2e: app binary '$APP' does not exist or is not executable" >&2
  exit 2
fi

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"

for tool in xvfb-run dbus-run-session node curl; do
  command -v "$tool" >/dev/null || { echo "e2e: '$tool' not found in PATH" >&2; exit 2; }
done

# Resolve absolute artifacts dir before HOME changes.
ARTIFACTS=${OPNAMEWIJS_E2E_ARTIFACTS:-target/e2e-artifacts}
case "$ARTIFACTS" in
  /*) ;;
  *) ARTIFACTS="$REPO_ROOT/$ARTIFACTS" ;;
esac
mkdir -p "$ARTIFACTS"
export OPNAMEWIJS_E2E_ARTIFACTS="$ARTIFACTS"

# Remember where tauri-driver is (PATH or the real ~/.cargo/bin) before HOME changes.
TAURI_DRIVER_BIN=${TAURI_DRIVER_BIN:-$(command -v tauri-driver || true)}
if [[ -z "$TAURI_DRIVER_BIN" && -x "$HOME/.cargo/bin/tauri-driver" ]]; then
  TAURI_DRIVER_BIN="$HOME/.cargo/bin/tauri-driver"
fi
if [[ -z "$TAURI_DRIVER_BIN" ]]; then
  echo "e2e: tauri-driver not found (install with: cargo install tauri-driver --locked)" >&2
  exit 2
fi
export TAURI_DRIVER_BIN

# Fresh, isolated home and XDG dirs per run.
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/opnamewijs-e2e-run.XXXXXX")
cleanup() {
  if [[ -n "${OPNAMEWIJS_E2E_KEEP_TMP:-}" ]]; then
    echo "e2e: kept temp dir (HOME, XDG dirs, test data dirs): $E2E_TMP" >&2
  else
    rm -rf "$E2E_TMP"
  fi
}
trap cleanup EXIT
mkdir -p "$E2E_TMP"/{home,data,config,cache,runtime}
chmod 700 "$E2E_TMP/runtime"
export HOME="$E2E_TMP/home"
export XDG_DATA_HOME="$E2E_TMP/data"
export XDG_CONFIG_HOME="$E2E_TMP/config"
export XDG_CACHE_HOME="$E2E_TMP/cache"
export XDG_RUNTIME_DIR="$E2E_TMP/runtime"
export E2E_TMP
export WEBKIT_DISABLE_DMABUF_RENDERER=1
export WEBKIT_DISABLE_COMPOSITING_MODE=${WEBKIT_DISABLE_COMPOSITING_MODE:-1}
export NO_AT_BRIDGE=1
export GDK_BACKEND=x11
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY

set +e
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- bash "$REPO_ROOT/tests/e2e/inner.sh" "$APP" "$@"
rc=$?
set -e
exit $rc

#!/usr/bin/env bash
# Runs inside xvfb-run + dbus-run-session (see run.sh); not meant to be called directly.
# usage: inner.sh <app binary> [test files...]
set -uo pipefail

APP=$1
shift
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"
E2E_TMP=${E2E_TMP:-$(mktemp -d)}
PORT=${TAURI_DRIVER_PORT:-4444}
NATIVE_PORT=${TAURI_DRIVER_NATIVE_PORT:-4445}

# Marks every process this script starts (keyring daemon, tauri-driver, apps, node, and
# whatever they spawn) so they can all be found and ended on exit, even re-parented ones.
export OPNAMEWIJS_E2E_RUN_ID="$E2E_TMP:$$"

DRIVER_PID=
descendants() {
  local c
  for c in $(pgrep -P "$1" 2>/dev/null); do
    descendants "$c"
    echo "$c"
  done
}
stop_driver() {
  [[ -z "$DRIVER_PID" ]] && return 0
  # Collect the whole tree first (tauri-driver -> WebKitWebDriver -> app ...),
  # since killing a parent re-parents its children out of reach.
  local pids
  pids="$(descendants "$DRIVER_PID") $DRIVER_PID"
  kill -TERM $pids 2>/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 $pids 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL $pids 2>/dev/null
  return 0
}
# Pids of processes carrying this run's marker (except this shell).
run_procs() {
  local f pid
  for f in /proc/[0-9]*/environ; do
    pid=${f#/proc/}
    pid=${pid%/environ}
    [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
    grep -qzxF "OPNAMEWIJS_E2E_RUN_ID=$OPNAMEWIJS_E2E_RUN_ID" "$f" 2>/dev/null && echo "$pid"
  done
}
stop_leftovers() {
  local pids
  pids=$(run_procs)
  [[ -z "$pids" ]] && return 0
  kill -TERM $pids 2>/dev/null
  sleep 0.5
  pids=$(run_procs)
  [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null
  return 0
}
on_exit() {
  stop_driver
  stop_leftovers
}
trap on_exit EXIT

# Secret Service (gnome-keyring) on this D-Bus session, login keyring unlocked.
if command -v gnome-keyring-daemon >/dev/null; then
  if kr_out=$(printf '%s' pw | gnome-keyring-daemon --unlock --components=secrets 2>"$E2E_TMP/gnome-keyring.log"); then
    while IFS= read -r line; do
      [[ "$line" =~ ^[A-Z_]+=.* ]] && export "${line?}"
    done <<<"$kr_out"
  else
    echo "e2e: warning: gnome-keyring-daemon --unlock failed:" >&2
    cat "$E2E_TMP/gnome-keyring.log" >&2
  fi
fi

# WebKitWebDriver wrapper: --replace-on-new-session so a session leaked by a
# crashed test file does not block the next one. exec keeps the pid, so
# tauri-driver still kills it on shutdown.
NATIVE=${WEBKIT_WEBDRIVER:-$(command -v WebKitWebDriver || echo /usr/bin/WebKitWebDriver)}
cat >"$E2E_TMP/WebKitWebDriver" <<WRAP
#!/bin/sh
exec '$NATIVE' --replace-on-new-session "\$@"
WRAP
chmod +x "$E2E_TMP/WebKitWebDriver"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$PORT" "$NATIVE_PORT"; do
  if port_busy "$p"; then
    echo "e2e: port $p is already in use (another tauri-driver/WebKitWebDriver running?)." >&2
    echo "e2e: stop it or set TAURI_DRIVER_PORT / TAURI_DRIVER_NATIVE_PORT." >&2
    exit 1
  fi
done

DRIVER_LOG="$OPNAMEWIJS_E2E_ARTIFACTS/tauri-driver.log"
"$TAURI_DRIVER_BIN" --port "$PORT" --native-port "$NATIVE_PORT" \
  --native-driver "$E2E_TMP/WebKitWebDriver" >"$DRIVER_LOG" 2>&1 &
DRIVER_PID=$!


ready=
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/status" >/dev/null 2>&1; then
    ready=1
    break
  fi
  if ! kill -0 "$DRIVER_PID" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
if [[ -n "$ready" ]] && ! kill -0 "$DRIVER_PID" 2>/dev/null; then
  ready=
fi
if [[ -z "$ready" ]]; then
  echo "e2e: tauri-driver did not become ready on port $PORT within 30 s; log:" >&2
  cat "$DRIVER_LOG" >&2
  exit 1
fi

if [[ $# -gt 0 ]]; then
  TESTS=("$@")
else
  shopt -s nullglob
  TESTS=(tests/e2e/*.test.mjs)
  shopt -u nullglob
fi
if [[ ${#TESTS[@]} -eq 0 ]]; then
  echo "e2e: no test files (tests/e2e/*.test.mjs)" >&2
  exit 1
fi

OPNAMEWIJS_APP="$APP" TAURI_DRIVER_URL="http://127.0.0.1:$PORT" \
  node --test --test-concurrency=1 "${TESTS[@]}"
rc=$?
if [[ $rc -ne 0 ]]; then
  echo "e2e: tests failed (rc=$rc); screenshots and tauri-driver.log in $OPNAMEWIJS_E2E_ARTIFACTS" >&2
fi
exit $rc

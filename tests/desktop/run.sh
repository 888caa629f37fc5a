#!/usr/bin/env bash
# Desktop GUI tests: runs postil-desktop under a virtual X server (xvfb-run, Mesa llvmpipe),
# lets it draw a few frames, and checks what it wrote (tests/desktop/check.mjs).
#   run.sh first-screen BIN ARTIFACTS_DIR      screenshot of the demo project
#   run.sh open-args    BIN ARTIFACTS_DIR TXT  open a text file given as argument
#   run.sh open-broken  BIN ARTIFACTS_DIR      a broken project file: reported, no crash
#   run.sh open-import  BIN ARTIFACTS_DIR JSONL an interchange file: the Import dialog opens
set -euo pipefail
what=$1 bin=$2 artifacts=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The app keeps settings and an autosave in the XDG dirs: never the user's, and never shared
# between tests (a restored autosave would change what the next test sees).
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
mkdir -p "$artifacts"

run() { # xvfb-run -a picks a free display; the screen is bigger than the window
    xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" "$bin" --frames 5 "$@"
}

case "$what" in
first-screen)
    out="$artifacts/desktop-first-screen.png"
    rm -f "$out"
    run --screenshot "$out"
    node "$here/check.mjs" screenshot "$out"
    ;;
open-args)
    txt=$4
    run --screenshot "$artifacts/desktop-imported-text.png" --dump-project "$tmp/project.json" "$txt"
    node "$here/check.mjs" screenshot "$artifacts/desktop-imported-text.png"
    node "$here/check.mjs" imported "$tmp/project.json" "$txt"
    ;;
open-broken)
    printf '{"format": "postil-project", "documents": [ {"id": 1} ' > "$tmp/broken.json"
    run --screenshot "$artifacts/desktop-problems.png" --dump-project "$tmp/project.json" "$tmp/broken.json"
    node "$here/check.mjs" screenshot "$artifacts/desktop-problems.png"
    node "$here/check.mjs" unchanged "$tmp/project.json"
    ;;
open-import)
    # An interchange file (JSONL) named on the command line: the Import dialog opens with it,
    # and nothing is added until its Import button is pressed.
    jsonl=$4
    run --screenshot "$artifacts/desktop-open-import.png" --dump-project "$tmp/project.json" "$jsonl"
    node "$here/check.mjs" screenshot "$artifacts/desktop-open-import.png"
    node "$here/check.mjs" unchanged "$tmp/project.json"
    node "$here/check.mjs" import-open "$XDG_CONFIG_HOME/postil/settings.json"
    ;;
autosave)
    # A text opened on the command line is a change: the project (no path yet) must reach
    # $XDG_DATA_HOME/postil/autosave.json within about a second, and the next start restores it.
    txt=$4
    auto="$XDG_DATA_HOME/postil/autosave.json"
    # Own session, so the app, xvfb-run and Xvfb can be stopped together (kill -- -pid).
    setsid xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" "$bin" "$txt" > /dev/null 2>&1 &
    pid=$!
    start=$(date +%s%N)
    for _ in $(seq 1 100); do [ -s "$auto" ] && break; sleep 0.1; done
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    kill -- -"$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [ -s "$auto" ] || { echo "no autosave after ${ms} ms" >&2; exit 1; }
    echo "autosave written ${ms} ms after start (window creation included)"
    run --dump-project "$tmp/restored.json" --screenshot "$artifacts/desktop-autosave-restored.png"
    node "$here/check.mjs" imported "$tmp/restored.json" "$txt"
    node "$here/check.mjs" same-project "$tmp/restored.json" "$auto"
    ;;
*)
    echo "usage: run.sh first-screen|open-args|open-broken|open-import|autosave BIN ARTIFACTS [TXT]" >&2
    exit 2
    ;;
esac

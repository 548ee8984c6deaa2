#!/usr/bin/env bash
# Smoke-test a built Linux bundle with no network at all (a fresh network namespace when
# the system allows one): --version, doctor --json, say to a WAV, transcribe that WAV, a
# question only the intent classifier reads (its corpus is bundled), and the window on a
# virtual screen saved as a screenshot.
#
# Usage: packaging/linux/smoke_test.sh [BUNDLE_DIR]   (default build/dist/nargis)
# Models come from $NARGIS_MODELS_DIR (the bundle ships none).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUNDLE=${1:-build/dist/nargis}
BIN="$BUNDLE/nargis"
OUT=${SMOKE_OUT:-build/smoke}
rm -rf "$OUT" && mkdir -p "$OUT/home"
export NARGIS_HOME="$OUT/home"
OFFLINE=()
if unshare -rn true 2>/dev/null; then OFFLINE=(unshare -rn); fi
echo "smoke: offline via ${OFFLINE[*]:-(no namespace available: plain run)}"
run() { "${OFFLINE[@]}" "$BIN" "$@"; }

run --version | tee "$OUT/version.txt"
grep -q "nargis" "$OUT/version.txt"
run doctor --json > "$OUT/doctor.json" || true  # doctor exits 1 when it finds problems
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("doctor: ok JSON with", len(d), "sections")' "$OUT/doctor.json"
run say "Add a task to water the plants tomorrow." --out "$OUT/say.wav"
test -s "$OUT/say.wav"
run transcribe "$OUT/say.wav" --json > "$OUT/transcript.json"
python3 - "$OUT/transcript.json" <<'PY'
import json, sys
text = json.load(open(sys.argv[1]))["text"].lower()
print("transcript:", text)
assert "water" in text and "plants" in text, text
PY
# a wording no grammar rule reads: the bundled intent corpus must be there to answer it
run ask "start a 25 minute focus session" > /dev/null
run ask "how much time remains on the clock" --json > "$OUT/ask.json"
python3 - "$OUT/ask.json" <<'PY'
import json, sys
turn = json.load(open(sys.argv[1]))
print("ask:", turn["intent"], "-", turn["reply"])
assert turn["intent"] == "focus.status", turn
PY
# a new task no rule or clause names: the bundled name model must be there to pick its words
run ask "yo stick sort out the garage door on there for saturday, fr" --json > "$OUT/name.json"
python3 - "$OUT/name.json" <<'PY'
import json, sys
turn = json.load(open(sys.argv[1]))
print("ask:", turn["intent"], "-", turn["reply"])
assert turn["intent"] == "task.add" and "sort out the garage door" in turn["reply"], turn
PY
SHOT="$OUT/window.png"
NARGIS_SCREENSHOT="$SHOT" xvfb-run -a -s "-screen 0 1280x800x24" "${OFFLINE[@]}" "$BIN" app
test -s "$SHOT"
echo "smoke: window screenshot $SHOT"
echo "smoke: all checks passed"

#!/usr/bin/env bash
# Build FrontDesk's one-folder program (packaging/) and test the program itself,
# not the Python package: on a fresh data folder it opens offscreen in Chinese,
# builds the demo school and closes by itself; its command line checks a learner
# in and writes a certificate PDF whose fonts must all be embedded.
#
#   .ci/frozen_smoke.sh            (from .ci/run, or by hand in a clone)
#
# Works in a fresh clone, as root or not, with no venv active: it uses .venv
# (made when missing) with the [build] extra. Everything else goes to a temp
# folder that is removed at the end. Exit 0 when all is well.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
say() { echo "[frozen] $*"; }
die() { echo "[frozen] FAILED: $*" >&2; exit 1; }

command -v pdffonts >/dev/null 2>&1 || die "pdffonts (poppler-utils) is needed"
TMP=$(mktemp -d /tmp/frontdesk-frozen.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q -e ".[build]"

started=$(date +%s)
packaging/build_linux.sh "$TMP/dist" "$TMP/work" >"$TMP/build.log" 2>&1 \
  || { tail -n 40 "$TMP/build.log" >&2; die "the build failed"; }
built=$(date +%s)
APP="$TMP/dist/FrontDesk"
FD="$APP/frontdesk"
say "built in $((built - started)) s: $(du -sh "$APP" | cut -f1), $(find "$APP" -type f | wc -l) files"

# A fresh desk: home, data and settings in the temp folder; no source tree in sight.
export HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/data" XDG_CONFIG_HOME="$TMP/home/config" \
  XDG_CACHE_HOME="$TMP/home/cache" XDG_RUNTIME_DIR="$TMP/home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen
unset FRONTDESK_DB PYTHONPATH PYTHONHOME VIRTUAL_ENV
DATA="$XDG_DATA_HOME/FrontDesk"
cd "$TMP"

"$FD" --version >"$TMP/version.txt" || die "frontdesk --version exited $?"
grep -q "^FrontDesk [0-9]" "$TMP/version.txt" || die "no version in: $(cat "$TMP/version.txt")"
grep -qF "$DATA" "$TMP/version.txt" || die "--version does not name the data folder $DATA"
say "$(head -n 1 "$TMP/version.txt")"

# The windows, in Chinese, on the demo school (built on first use), for a few seconds.
t0=$(date +%s.%N)
FRONTDESK_QUIT_AFTER_S=6 timeout 300 "$FD" --lang zh_CN --demo >"$TMP/gui.out" 2>"$TMP/gui.err" \
  || { cat "$TMP/gui.err" >&2; die "the windows exited $?"; }
t1=$(date +%s.%N)
if grep -q "Traceback" "$TMP/gui.err" "$TMP/gui.out"; then
  cat "$TMP/gui.err" >&2; die "a traceback while the windows were open"
fi
DB="$DATA/demo-school.sqlite3"
[ -s "$DB" ] || die "no demo school at $DB"
say "windows opened in Chinese on a new demo school and closed cleanly ($(python3 -c "print(f'{$t1 - $t0:.1f}')") s with 6 s open)"

# The command line of the same program: a paper sign-in sheet typed in afterwards. A
# learner seated on a lesson of the last days who is not marked as come checks in
# at its start: a late entry, with its reason (an arrival in the future is refused).
read -r CODE AT < <(python3 - "$DB" <<'PY'
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "select l.code, les.starts_at from enrollment e join learner l on l.id = e.learner_id"
    " join lesson les on les.course_id = e.course_id"
    " where e.status = 'enrolled' and les.cancelled = 0 and les.ends_at < datetime('now')"
    " and les.starts_at > datetime('now', '-6 days') and not exists (select 1 from attendance a"
    " where a.lesson_id = les.id and a.learner_id = l.id and a.voided_at is null"
    " and a.status in ('present', 'late'))"
    " order by les.starts_at desc limit 1").fetchone()
print(row[0], row[1].replace(" ", "T")[:19] + "+00:00")
PY
)
TOKEN=$("$FD" --db "$DB" token --learner "$CODE") || die "token for $CODE exited $?"
"$FD" --db "$DB" --lang zh_CN checkin "$TOKEN" --at "$AT" --late-reason "纸质签到表" \
  >"$TMP/checkin.txt" 2>&1 || die "checkin exited $?: $(cat "$TMP/checkin.txt")"
grep -qE "签到成功|已签到" "$TMP/checkin.txt" || die "checkin said: $(cat "$TMP/checkin.txt")"
say "checkin: $(cat "$TMP/checkin.txt")"

# A certificate PDF of a finished course, every font embedded; the signing key is
# made on first use, with the passphrase given on standard input.
COURSE=$(python3 - "$DB" <<'PY'
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "select c.code from course c join lesson les on les.course_id = c.id"
    " group by c.id having max(les.ends_at) < datetime('now') order by c.code limit 1").fetchone()
print(row[0])
PY
)
echo "desk smoke passphrase 2026" | "$FD" --db "$DB" certificates --course "$COURSE" \
  --all-eligible --out "$TMP/certificates.pdf" --passphrase-stdin >"$TMP/certificates.txt" 2>&1 \
  || die "certificates exited $?: $(tail -n 3 "$TMP/certificates.txt")"
[ -s "$TMP/certificates.pdf" ] || die "no certificate PDF"
pdffonts "$TMP/certificates.pdf" >"$TMP/fonts.txt"
python3 - "$TMP/fonts.txt" <<'PY' || { cat "$TMP/fonts.txt" >&2; die "a font is not embedded"; }
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
dashes = lines[1].split(" ")
start = sum(len(d) + 1 for d in dashes[:3])  # columns: name, type, encoding, emb, ...
fonts = [line for line in lines[2:] if line.strip()]
bad = [line for line in fonts if line[start:start + 3] != "yes"]
sys.exit(1 if bad or not fonts else 0)
PY
say "certificates: $(grep -c . "$TMP/fonts.txt" | awk '{print $1 - 2}') fonts, all embedded"

# Each run leaves its log in the data folder: the starts, the store, no error.
LOG="$DATA/logs/frontdesk.log"
[ -s "$LOG" ] || die "no log at $LOG"
grep -q "started (windows)" "$LOG" || die "the log does not show the windows' start"
grep -q "started (checkin)" "$LOG" || die "the log does not show the checkin run"
grep -q "store opened" "$LOG" || die "the log does not show the store opened"
if grep -q " ERROR " "$LOG"; then cat "$LOG" >&2; die "errors in the log"; fi
shown=$(grep -o "windows shown [0-9]* ms" "$LOG" | head -n 1) || die "the log has no start-up time"
say "log: $(wc -l <"$LOG") lines, no errors; first start on the new demo school: $shown"
say "all well: build $((built - started)) s, tests $(( $(date +%s) - built )) s"

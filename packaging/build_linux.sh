#!/usr/bin/env bash
# Build FrontDesk's one-folder program on Linux.
#
#   packaging/build_linux.sh [DIST_DIR] [WORK_DIR]
#
# Uses .venv (created with the [build] extra when missing). The program is
# DIST_DIR/FrontDesk/frontdesk (default dist/FrontDesk/frontdesk); copy the
# whole FrontDesk folder to a desk PC, and packaging/frontdesk.desktop to
# ~/.local/share/applications (edit its Exec= and Icon= paths).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST=${1:-$ROOT/dist}
WORK=${2:-$ROOT/build}
cd "$ROOT"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  .venv/bin/pip install -q -e ".[build]"
fi
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/frontdesk.spec
cp packaging/frontdesk.desktop packaging/frontdesk.png "$DIST/FrontDesk/"
echo "built: $DIST/FrontDesk/frontdesk ($(du -sh "$DIST/FrontDesk" | cut -f1))"

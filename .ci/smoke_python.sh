#!/usr/bin/env bash
# Install FrontDesk on every supported Python found here and start it.
#
#   .ci/smoke_python.sh              # 3.11 3.12 3.13
#   .ci/smoke_python.sh 3.13         # just one
#
# For each version: a clean venv in a temporary folder, `pip install .` (not
# editable) from a clean copy of the checkout, then .ci/smoke_app.py: the
# demo school, every page of the windows shown once offscreen, a certificate
# PDF written and printed to a file, and the Qt soak test. Pythons come from
# pyenv (${PYENV_ROOT:-~/.pyenv}/versions/3.X.*, the newest patch release),
# else from `python3.X` on PATH. A version that is not there is reported and
# skipped; one that fails to install or start fails the run.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -gt 0 ]; then versions=("$@"); else versions=(3.11 3.12 3.13); fi
pyenv_versions=${PYENV_ROOT:-$HOME/.pyenv}/versions
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
unset VIRTUAL_ENV PYTHONHOME PYTHONPATH

work=$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A clean copy of the checkout (tracked files and new ones, not ignored ones):
# no build/ or egg-info left over from earlier builds can slip into the wheel.
src=$work/src
mkdir -p "$src"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard \
     | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
     | tar --null -T - -cf -) | tar -xf - -C "$src"
else
  tar -C "$repo" --exclude=.venv --exclude=build --exclude='*.egg-info' -cf - . | tar -xf - -C "$src"
fi

find_python() {  # the interpreter for version $1, or nothing
  local found
  found=$(ls -d "$pyenv_versions/$1".* 2>/dev/null | grep -E "/$1\.[0-9]+$" | sort -V | tail -n 1)
  if [ -n "$found" ] && [ -x "$found/bin/python$1" ]; then
    echo "$found/bin/python$1"
  else
    command -v "python$1" 2>/dev/null || true
  fi
}

results=()
failed=0
for version in "${versions[@]}"; do
  python=$(find_python "$version")
  if [ -z "$python" ]; then
    echo "== Python $version: not found (pyenv or PATH) — skipped"
    results+=("$version  skipped: not installed here")
    continue
  fi
  echo "== Python $version: $python"
  venv=$work/venv-$version
  log=$work/pip-$version.log
  started=$SECONDS
  if ! { "$python" -m venv "$venv" && (cd "$src" && "$venv/bin/python" -m pip install . ) ; } \
       >"$log" 2>&1; then
    grep -v "^WARNING: Location 'file:" "$log" | tail -n 40
    echo "== Python $version: pip install . FAILED"
    results+=("$version  FAILED to install")
    failed=1
    continue
  fi
  installed=$((SECONDS - started))
  echo "   venv + pip install . : ${installed} s"
  home=$work/home-$version
  mkdir -p "$home/config" "$home/data" "$home/run" "$work/run-$version"
  chmod 700 "$home/run"
  started=$SECONDS
  # The app's settings, store and backups stay in the temporary folder.
  if (cd "$work/run-$version" && env QT_QPA_PLATFORM=offscreen \
        XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" \
        "$venv/bin/python" "$repo/.ci/smoke_app.py" --repo "$repo" --work "$work/run-$version") \
        2> >(grep -v -E "^qt\.multimedia|Couldn't (load|resolve) (pipewire|va)" >&2); then
    outcome=ok
  else
    outcome=FAILED
    failed=1
  fi
  ran=$((SECONDS - started))
  pyside=$("$venv/bin/python" -c 'import PySide6; print(PySide6.__version__)' 2>/dev/null)
  echo "== Python $version: $outcome (install ${installed} s, smoke ${ran} s)"
  results+=("$version  $outcome  $("$python" -c 'import platform; print(platform.python_version())')  PySide6 ${pyside:-?}  install ${installed} s  smoke ${ran} s")
  rm -rf "$venv"
done

echo "== FrontDesk on each Python:"
printf '   %s\n' "${results[@]}"
exit $failed

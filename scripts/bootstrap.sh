#!/usr/bin/env bash
# Shared by scripts/wizard and scripts/test: make sure .venv exists and holds this project.
# Re-installs only when pyproject.toml changed since the last install, so repeat runs are fast.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TRUTHOUND_READINESS_VENV:-$REPO/.venv}"
EXTRAS="${1:-}"
PYTHON="${PYTHON:-python3}"

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "truthound-readiness needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
  exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
STAMP="$VENV/.installed${EXTRAS:+-$EXTRAS}"
if [ ! -f "$STAMP" ] || [ "$REPO/pyproject.toml" -nt "$STAMP" ]; then
  SPEC="$REPO"
  [ -n "$EXTRAS" ] && SPEC="$REPO[$EXTRAS]"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$SPEC" 2>&1 \
    | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -c "import wizard" && touch "$STAMP"
fi

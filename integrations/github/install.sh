#!/usr/bin/env bash
# The install step of action.yml: the wizard in a private venv under $RUNNER_TEMP, so neither it
# nor its dependencies mix with the pipeline runtime the gate probes.
#
#   WIZARD_PYTHON       interpreter that makes the venv (3.11+; default python3)
#   INPUT_VERSION       '' installs the action's own checkout ($GITHUB_ACTION_PATH), else that
#                       version of truthound-readiness from the package index
#   GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_OUTPUT  set by the runner
# Outputs: bin (the truthound-readiness executable) and python (the venv's interpreter).
set -euo pipefail

python="${WIZARD_PYTHON:-python3}"
temp="${RUNNER_TEMP:?RUNNER_TEMP is not set}"
outputs="${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  found="$("$python" -V 2>&1 || echo 'not found')"
  echo "::error title=truthound-readiness::the wizard needs Python 3.11 or newer, and '$python' is $found. Run actions/setup-python first, or set the input setup-python: true."
  exit 2
fi
venv="$temp/truthound-readiness-venv"
"$python" -m venv "$venv"
if [[ -n "${INPUT_VERSION:-}" ]]; then
  spec="truthound-readiness==${INPUT_VERSION}"
else
  spec="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
fi
echo "::group::pip install $spec"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$spec"
echo "::endgroup::"
"$venv/bin/truthound-readiness" --version
{
  echo "bin=$venv/bin/truthound-readiness"
  echo "python=$venv/bin/python"
} >> "$outputs"

#!/usr/bin/env python3
"""The gate step of action.yml: ``truthound-readiness check`` on every review file the inputs
name, the Markdown report appended to the job summary, one SARIF log for code scanning, step
outputs, and the gate's exit code (2 bad input, else 1 not ready, else 0).

Standard library only, run by the wizard's own interpreter. Everything comes from the
environment GitHub sets (and a test sets the same way):

  GITHUB_WORKSPACE       the checkout; review globs and SARIF locations are relative to it
  GITHUB_STEP_SUMMARY    file the Markdown is appended to (unset: printed instead)
  GITHUB_OUTPUT          file the step outputs are appended to (unset: not written)
  RUNNER_TEMP            where the SARIF log and the whole summary go by default
  READINESS_BIN          the wizard's command line (default: truthound-readiness)
  INPUT_REVIEWS          review files or globs, separated by spaces or newlines
  INPUT_PROBE            true|false: check --probe (default true)
  INPUT_PYTHON           the interpreter to probe: check --python
  INPUT_REQUIRE_SIGNOFF  true|false: check --require-signoff (default true)
  INPUT_SIGNOFF_ROLES    roles for --require-signoff, space separated (default: none named)
  INPUT_ALLOWED_SIGNERS  check --allowed-signers
  INPUT_POLICY           check --policy (passed only when set)
  INPUT_SARIF_FILE       where the SARIF log goes ('false': none)
  INPUT_FAIL_ON_NOT_READY true|false: exit 1 when not ready (default true)
  INPUT_TODAY            check --today (reproducible runs)

A composite action's steps get no INPUT_* variables from the runner on their own: action.yml
passes each input through ``env:``, never by pasting it into the script's text.
"""

from __future__ import annotations

import glob
import json
import os
import shlex
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

TOOL = "truthound-readiness"
SUMMARY_LIMIT = 1024 * 1024  # GitHub keeps at most 1 MiB of summary per step
TRUE, FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}


class UsageError(Exception):
    """An input that cannot be used; the step fails with exit 2 and an annotation."""


def env(name: str, default: str = "") -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def flag(name: str, default: bool) -> bool:
    value = env(name, "true" if default else "false").lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise UsageError(f"{name} is {value!r}; write true or false.")


def _escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def annotate(level: str, message: str, file: str | None = None) -> None:
    """A workflow command GitHub shows on the run and, with ``file``, on the file."""
    where = f" file={_escape(file, property_value=True)}," if file else " "
    print(f"::{level}{where}title={TOOL}::{_escape(message)}", flush=True)


def set_outputs(values: dict[str, str]) -> None:
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as out:
        for name, value in values.items():
            if "\n" in value:
                # The heredoc form, with a delimiter no line of the value can be.
                delimiter = f"ghadelimiter_{uuid.uuid4()}"
                out.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")
            else:
                out.write(f"{name}={value}\n")


def find_reviews(workspace: Path, spec: str) -> list[str]:
    found: list[str] = []
    for pattern in spec.split():
        matches = sorted(glob.glob(pattern, root_dir=workspace, recursive=True))
        if not matches:
            raise UsageError(f"no review file matches {pattern!r} in {workspace}")
        found += [m for m in (Path(m).as_posix() for m in matches) if m not in found]
    return found


def check_command(review: str, sarif: Path | None) -> list[str]:
    args = ["check", review, "--format", "md"]
    if sarif is not None:
        args += ["--report", f"sarif={sarif}"]
    if flag("INPUT_PROBE", True):
        args.append("--probe")
        if env("INPUT_PYTHON"):
            args += ["--python", env("INPUT_PYTHON")]
    for option, name in (
        ("--allowed-signers", "INPUT_ALLOWED_SIGNERS"),
        ("--policy", "INPUT_POLICY"),
        ("--today", "INPUT_TODAY"),
    ):
        if env(name):
            args += [option, env(name)]
    if flag("INPUT_REQUIRE_SIGNOFF", True):
        args += ["--require-signoff", *env("INPUT_SIGNOFF_ROLES").split()]  # last: takes roles
    return args


def merge_sarif(logs: list[dict[str, Any]]) -> dict[str, Any]:
    """One run for every review: code scanning refuses several runs of one tool and category
    in an upload. Rules are merged by id and each result's ``ruleIndex`` follows its rule."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    driver: dict[str, Any] = {"name": TOOL}
    for log in logs:
        for run in log.get("runs", []):
            this = run.get("tool", {}).get("driver", {})
            driver = {key: value for key, value in this.items() if key != "rules"} or driver
            for rule in this.get("rules", []):
                if rule["id"] not in index:
                    index[rule["id"]] = len(rules)
                    rules.append(rule)
            for result in run.get("results", []):
                results.append({**result, "ruleIndex": index[result["ruleId"]]})
    return {
        "$schema": logs[0].get("$schema", "") if logs else "",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {**driver, "rules": rules}}, "results": results}],
    }


def _section(review: str, done: subprocess.CompletedProcess[str]) -> str:
    if done.returncode == 2 or not done.stdout.strip():
        first = (done.stderr.strip().splitlines() or ["no report"])[0]
        annotate("error", f"{review}: bad input (exit {done.returncode}): {first}", review)
        heading = f"## ⚠️ `{review}`: bad input (exit {done.returncode})"
        return f"{heading}\n\n```text\n{done.stderr.strip()}\n```\n"
    if done.returncode == 1:
        annotate("error", f"{review} is not ready; the job summary says why.", review)
    return f"<!-- {TOOL}: {review} -->\n{done.stdout.rstrip()}\n"


def _write_summary(summary: str, whole: Path) -> None:
    whole.write_text(summary, encoding="utf-8")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        print(summary)
        return
    body = summary.encode("utf-8")
    if len(body) > SUMMARY_LIMIT:
        note = (
            f"\n\n> The report was cut at GitHub's limit of {SUMMARY_LIMIT} bytes per step; "
            f"the whole report is `{whole}` (output `summary-file`).\n"
        ).encode()
        body = body[: SUMMARY_LIMIT - len(note) - 1].decode("utf-8", "ignore").encode() + note
    with open(target, "a", encoding="utf-8") as out:
        out.write(body.decode("utf-8") + "\n")


def main() -> int:
    workspace = Path(env("GITHUB_WORKSPACE", os.getcwd())).resolve()
    temp = Path(env("RUNNER_TEMP", str(workspace)))
    command = shlex.split(env("READINESS_BIN", TOOL))
    try:
        reviews = find_reviews(workspace, env("INPUT_REVIEWS", "readiness-review.toml"))
        sarif_target = env("INPUT_SARIF_FILE", str(temp / f"{TOOL}.sarif"))
        want_sarif = sarif_target.lower() != "false"
        fail_on_not_ready = flag("INPUT_FAIL_ON_NOT_READY", True)
        commands = [
            check_command(review, temp / f"{TOOL}-{n}.sarif" if want_sarif else None)
            for n, review in enumerate(reviews)
        ]
    except UsageError as error:
        annotate("error", str(error))
        set_outputs({"ready": "false", "exit-code": "2"})
        return 2
    sections, logs, codes = [], [], []
    for review, args in zip(reviews, commands, strict=True):
        print(f"::group::{shlex.join([*command, *args])}", flush=True)
        done = subprocess.run([*command, *args], cwd=workspace, capture_output=True, text=True)
        print(done.stdout, end="")
        print(done.stderr, end="", file=sys.stderr)
        print("::endgroup::", flush=True)
        codes.append(done.returncode)
        sections.append(_section(review, done))
        report = next((a.partition("=")[2] for a in args if a.startswith("sarif=")), "")
        if report and Path(report).is_file():
            logs.append(json.loads(Path(report).read_text(encoding="utf-8")))
    summary_file = temp / f"{TOOL}-summary.md"
    _write_summary("\n---\n\n".join(sections), summary_file)
    sarif_file = ""
    if want_sarif and logs:
        Path(sarif_target).parent.mkdir(parents=True, exist_ok=True)
        Path(sarif_target).write_text(json.dumps(merge_sarif(logs), indent=2) + "\n")
        sarif_file = sarif_target
    worst = 2 if 2 in codes or any(c not in (0, 1) for c in codes) else max(codes, default=0)
    set_outputs(
        {
            "ready": "true" if worst == 0 else "false",
            "exit-code": str(worst),
            "reviews": "\n".join(reviews),
            "sarif-file": sarif_file,
            "summary-file": str(summary_file),
        }
    )
    return 0 if worst == 1 and not fail_on_not_ready else worst


if __name__ == "__main__":
    sys.exit(main())

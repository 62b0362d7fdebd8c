"""action.yml's gate script run the way the runner runs it: a process whose environment holds
GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP and the INPUT_* variables the
action maps from its inputs, driving the real wizard."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest
import yaml

from tests.signoff.builders import TODAY, ready_review
from wizard.core.review.store import create_review
from wizard.core.signoff.signoffs import create_signoff

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "integrations" / "github" / "readiness_action.py"
SCHEMA = json.loads((REPO_ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


def parse_outputs(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT as the runner reads it: name=value lines and name<<DELIMITER blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, delimiter = line.split("<<", 1)
            body = []
            for inner in lines:
                if inner == delimiter:
                    break
                body.append(inner)
            outputs[name] = "\n".join(body)
        else:
            name, _, value = line.partition("=")
            outputs[name] = value
    return outputs


class Runner:
    def __init__(self, tmp_path: Path) -> None:
        self.workspace = tmp_path / "workspace"
        self.temp = tmp_path / "runner-temp"
        self.summary = tmp_path / "step-summary.md"
        self.output = tmp_path / "github-output"
        for folder in (self.workspace, self.temp):
            folder.mkdir()
        self.summary.write_text("## An earlier step\n", encoding="utf-8")
        self.output.write_text("", encoding="utf-8")
        subprocess.run(["git", "init", "-q", str(self.workspace)], check=True)

    def review(self, relative: str, *, ready: bool, signed: bool = True) -> Path:
        review = ready_review() if ready else ready_review(**{"secrets.none_committed": "no"})
        if signed:
            create_signoff(review, reviewer="Bo", role="approver", decision="approve", today=TODAY)
        path = self.workspace / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        create_review(path, review)
        return path

    def run(self, **inputs: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(self.output),
            "RUNNER_TEMP": str(self.temp),
            "READINESS_BIN": f"{sys.executable} -m wizard",
            "INPUT_TODAY": TODAY.isoformat(),
            **{f"INPUT_{name.upper()}": value for name, value in inputs.items()},
        }
        return subprocess.run(
            [sys.executable, str(SCRIPT)],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    def outputs(self) -> dict[str, str]:
        return parse_outputs(self.output.read_text(encoding="utf-8"))


@pytest.fixture
def gh(tmp_path: Path) -> Runner:
    return Runner(tmp_path)


def test_two_reviews_give_the_summary_the_outputs_and_one_sarif_run(gh: Runner) -> None:
    gh.review("services/shop/readiness-review.toml", ready=True)
    gh.review("services/billing/readiness-review.toml", ready=False)
    done = gh.run(
        reviews="services/*/readiness-review.toml", probe="false", signoff_roles="approver"
    )
    assert done.returncode == 1, done.stdout + done.stderr
    summary = gh.summary.read_text(encoding="utf-8")
    assert summary.startswith("## An earlier step\n")  # appended, never replaced
    assert summary.count("# Readiness review: Shop orders") == 2
    assert "**Decision: ✅ READY**" in summary and "**Decision: ❌ NOT READY**" in summary
    assert "::error file=services/billing/readiness-review.toml," in done.stdout
    outputs = gh.outputs()
    assert outputs["ready"] == "false" and outputs["exit-code"] == "1"
    assert outputs["reviews"].splitlines() == [
        "services/billing/readiness-review.toml",
        "services/shop/readiness-review.toml",
    ]
    assert Path(outputs["summary-file"]).read_text(encoding="utf-8") in summary
    log = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(SCHEMA)
    validator(SCHEMA, format_checker=validator.FORMAT_CHECKER).validate(log)
    assert len(log["runs"]) == 1  # code scanning takes one run per tool and category
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "services/billing/readiness-review.toml"
    }
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_a_ready_portfolio_passes_with_an_empty_sarif_log(gh: Runner) -> None:
    gh.review("readiness-review.toml", ready=True)
    done = gh.run(probe="false")
    assert done.returncode == 0, done.stdout + done.stderr
    outputs = gh.outputs()
    assert outputs["ready"] == "true" and outputs["exit-code"] == "0"
    # An upload with no results is what closes the alerts of an earlier run.
    assert json.loads(Path(outputs["sarif-file"]).read_text())["runs"][0]["results"] == []


def test_probe_and_soft_failure(gh: Runner) -> None:
    gh.review("readiness-review.toml", ready=True)
    done = gh.run(fail_on_not_ready="false", sarif_file="false", python=sys.executable)
    # The wizard's own interpreter has no truthound-orchestration: the fresh probe is not ready.
    assert done.returncode == 0, done.stdout + done.stderr
    assert "--probe --python" in done.stdout
    assert gh.outputs()["ready"] == "false" and gh.outputs()["sarif-file"] == ""
    assert "Probe: " in gh.summary.read_text(encoding="utf-8")


def test_bad_input_fails_with_exit_2_and_an_annotation(gh: Runner) -> None:
    done = gh.run(reviews="nowhere/*.toml")
    assert (
        done.returncode == 2 and "::error title=truthound-readiness::no review file" in done.stdout
    )
    broken = gh.workspace / "readiness-review.toml"
    broken.write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    done = gh.run(probe="false", require_signoff="maybe")
    assert done.returncode == 2 and "INPUT_REQUIRE_SIGNOFF is 'maybe'" in done.stdout
    done = gh.run(probe="false")
    assert done.returncode == 2
    assert "bad input (exit 2)" in gh.summary.read_text(encoding="utf-8")
    assert gh.outputs()["exit-code"] == "2"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readiness_action", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_summary_over_githubs_limit_is_cut_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = _load_script()
    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    whole = tmp_path / "whole.md"
    script._write_summary("| row | ✅ |\n" * 200_000, whole)
    written = target.read_bytes()
    assert len(written) <= script.SUMMARY_LIMIT
    assert b"cut at GitHub's limit" in written and str(whole).encode() in written
    assert len(whole.read_bytes()) > script.SUMMARY_LIMIT


def test_action_yml_passes_every_input_the_script_reads() -> None:
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    gate = next(step for step in action["runs"]["steps"] if step.get("id") == "gate")
    passed = {name for name in gate["env"] if name.startswith("INPUT_")}
    read = set(re.findall(r'"(INPUT_[A-Z_]+)"', SCRIPT.read_text(encoding="utf-8")))
    assert read - {"INPUT_TODAY"} == passed
    for name, value in gate["env"].items():
        if name.startswith("INPUT_"):
            key = name.removeprefix("INPUT_").lower().replace("_", "-")
            assert value == f"${{{{ inputs.{key} }}}}" and key in action["inputs"]
    # Inputs reach the scripts only through env:, never spliced into the shell text.
    assert all("inputs." not in step.get("run", "") for step in action["runs"]["steps"])

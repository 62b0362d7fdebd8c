"""The GitLab CI template: its inputs rendered as GitLab renders them, its job script run under
``bash -eo pipefail`` (as the runner runs it) with the real wizard on real review files."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from tests.signoff.builders import TODAY, ready_review
from wizard.core.review.store import create_review
from wizard.core.signoff.signoffs import create_signoff

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = REPO_ROOT / "integrations" / "gitlab" / "truthound-readiness.gitlab-ci.yml"
SCHEMA = json.loads((REPO_ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


def _text(value: object) -> str:
    # A boolean input renders as GitLab writes it: true / false.
    return str(value).lower() if isinstance(value, bool) else str(value)


def rendered(**inputs: str) -> dict[str, Any]:
    """The job after GitLab's input interpolation: defaults from the spec, then ``inputs``."""
    header, _, body = TEMPLATE.read_text(encoding="utf-8").partition("\n---\n")
    spec = yaml.safe_load(header)["spec"]["inputs"]
    values = {name: _text(entry.get("default", "")) for name, entry in spec.items()}
    values.update(inputs)
    unknown = set(re.findall(r"\$\[\[ inputs\.([a-z-]+) \]\]", body)) - set(values)
    assert not unknown, f"the job uses undeclared inputs {unknown}"
    text = re.sub(r"\$\[\[ inputs\.([a-z-]+) \]\]", lambda m: values[m.group(1)], body)
    jobs = yaml.safe_load(text)
    assert list(jobs) == [values["job-name"]]
    job: dict[str, Any] = jobs[values["job-name"]]
    return job


def run_job(job: dict[str, Any], project: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    wrapper = tmp_path / "trr"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m wizard "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    variables = {
        name: str(value).replace("$CI_PROJECT_DIR", str(project))
        for name, value in job["variables"].items()
    }
    env = {**os.environ, **variables, "CI_PROJECT_DIR": str(project), "TRR_BIN": str(wrapper)}
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", "\n".join(job["script"])],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_job_gates_every_review_and_keeps_junit_markdown_and_sarif(tmp_path: Path) -> None:
    project = tmp_path / "project"
    signed = ready_review()
    create_signoff(signed, reviewer="Bo", role="approver", decision="approve", today=TODAY)
    (project / "shop").mkdir(parents=True)
    create_review(project / "shop" / "readiness-review.toml", signed)
    create_review(project / "billing.readiness.toml", ready_review(**{"rules.owned": "no"}))
    job = rendered(reviews="shop/readiness-review.toml *.readiness.toml", probe="false")
    assert job["artifacts"]["reports"]["junit"] == "readiness-reports/*.junit.xml"
    assert job["artifacts"]["when"] == "always"
    # The job runs with the inputs' values; --today keeps the sign-off and waivers reproducible.
    job["script"] = [job["script"][0].replace("set -- check", f"set -- check --today {TODAY}", 1)]
    done = run_job(job, project, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "shop/readiness-review.toml: exit 0" in done.stdout
    assert "billing.readiness.toml: exit 1" in done.stdout
    reports = project / "readiness-reports"
    for name in ("shop_readiness-review.toml", "billing.readiness.toml"):
        suite = ET.parse(reports / f"{name}.junit.xml").getroot()
        assert len(suite.findall(".//testcase")) >= 9
        log = json.loads((reports / f"{name}.sarif").read_text(encoding="utf-8"))
        validator = jsonschema.validators.validator_for(SCHEMA)
        validator(SCHEMA, format_checker=validator.FORMAT_CHECKER).validate(log)
    combined = (reports / "readiness.md").read_text(encoding="utf-8")
    assert combined.count("# Readiness review:") == 2
    failures = (
        ET.parse(reports / "billing.readiness.toml.junit.xml").getroot().findall(".//failure")
    )
    assert failures


def test_a_pattern_that_matches_nothing_is_bad_input(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    done = run_job(rendered(reviews="missing/*.toml"), project, tmp_path)
    assert done.returncode == 2
    assert "no review file matches 'missing/*.toml'" in done.stderr

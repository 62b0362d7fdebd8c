"""The probe script run by real interpreters: fake venvs, other Pythons, and its own redaction."""

from __future__ import annotations

import ast
import importlib.util
import itertools
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.target_venv import pyenv_python
from wizard.core.evaluation.support import host_verdicts
from wizard.core.evidence.probe import (
    TARGET_SCRIPT,
    PreflightInputs,
    probe_environment,
    take_snapshot,
)
from wizard.core.evidence.probe.environment import reported_distributions
from wizard.core.evidence.probe.runner import LOADER_SCRIPT, RULES_SCRIPT, SMOKE_SCRIPT
from wizard.core.safety.credentials import redact

FakeVenv = Callable[..., str]


def load_script_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("probe_target_script", TARGET_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_imports_nothing_but_the_standard_library() -> None:
    tree = ast.parse(TARGET_SCRIPT.read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    outside = {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names}
    # The only non-stdlib imports are the library under test, imported lazily in the target.
    assert outside == {"common.engines", "common.runtime"}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import runpy, sys; runpy.run_path({str(TARGET_SCRIPT)!r}); "
            "print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in {'wizard', 'common', 'pydantic'}))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == "[]"


URI_SAMPLES = [
    "postgresql://u:secret@h/db",
    "postgresql://user:p%40ss@db.internal:5432/analytics?sslmode=require",
    "snowflake://svc:Tr0ub4dor&3@acct/db/schema",
    "s3://bucket/key.parquet",
    "https://h/x.csv",
    "mysql://:onlypass@h/db",
    "redis://default:abc@cache:6379/0 and kafka://k:zz@broker:9092",
    "jdbc:postgresql://u:pw@h/db",
    "see postgresql://u:secret@h/db, then http://x:y@z/",
    "no uri here at all",
    "a://b:c@d",
    "ftp://anonymous@h/file",
]


@pytest.mark.parametrize("text", URI_SAMPLES)
def test_script_redaction_matches_the_wizard_for_uris(text: str) -> None:
    script = load_script_module()
    assert script.redact_uri_passwords(text) == redact(text)


def test_script_redaction_matches_on_generated_uris() -> None:
    script = load_script_module()
    schemes = ["postgresql", "s3", "http", "x+y.z-w"]
    users = ["", "u", "svc.account"]
    passwords = ["secret", "p@ss", "a:b", "x y", "s/ash", "%2F"]
    hosts = ["h", "h:5432", "h/db?x=1"]
    for scheme, user, password, host in itertools.product(schemes, users, passwords, hosts):
        text = f"{scheme}://{user}:{password}@{host}"
        assert script.redact_uri_passwords(text) == redact(text), text


def test_script_answers_json_with_versions_from_metadata(fake_venv: FakeVenv) -> None:
    python = fake_venv({"apache-airflow": "2.6.0", "great_expectations": "1.5.0", "other": "9"})
    done = subprocess.run(
        [python, str(TARGET_SCRIPT)],
        input=json.dumps({"packages": reported_distributions()}),
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(done.stdout)
    assert answer["packages"] == {"apache-airflow": "2.6.0", "great-expectations": "1.5.0"}
    assert answer["python"]["executable"] == python


@pytest.mark.parametrize(
    ("packages", "verdict"),
    [
        ({"apache-airflow": "2.6.0"}, "minimum"),
        ({"apache-airflow": "2.9.3"}, "in-range"),
        ({"apache-airflow": "2.5.0"}, "unsupported"),
    ],
)
def test_probe_of_fake_airflow_venvs_on_311(
    fake_venv: FakeVenv, packages: dict[str, str], verdict: str
) -> None:
    python = fake_venv(packages, pyenv_python("3.11"))
    facts = probe_environment(python, timeout=30)
    assert facts.python_version.startswith("3.11.")
    [airflow] = host_verdicts(facts.packages, facts.python_version, "airflow")
    assert (airflow.version, airflow.verdict) == (packages["apache-airflow"], verdict)


def test_probe_of_dbt_core_111_is_unsupported(fake_venv: FakeVenv) -> None:
    python = fake_venv({"dbt-core": "1.11.1", "dbt-postgres": "1.10.0"})
    snapshot = take_snapshot(python, None, timeout=30, host="dbt")
    [dbt] = snapshot.hosts
    assert (dbt.name, dbt.version, dbt.verdict) == ("dbt", "1.11.1", "unsupported")
    assert snapshot.preflight is None


def test_probe_on_primary_python_312(fake_venv: FakeVenv) -> None:
    python312 = pyenv_python("3.12")
    if python312 is None:
        pytest.skip("no CPython 3.12 on this machine")
    python = fake_venv({"apache-airflow": "3.2.0", "apache-airflow-core": "3.2.0"}, python312)
    snapshot = take_snapshot(python, None, timeout=30, host="airflow")
    assert [(v.name, v.verdict) for v in snapshot.hosts] == [("airflow", "primary")]


@pytest.mark.parametrize("version", ["3.10", "3.8"])
def test_old_interpreters_still_answer_and_are_unsupported(
    fake_venv: FakeVenv, version: str
) -> None:
    base = pyenv_python(version)
    if base is None:
        pytest.skip(f"no CPython {version} on this machine")
    python = fake_venv({"prefect": "3.6.29"}, base)
    snapshot = take_snapshot(python, PreflightInputs(host="prefect"), timeout=30)
    assert snapshot.environment is not None
    assert snapshot.environment.python_version.startswith(version)
    [prefect] = snapshot.hosts
    assert prefect.verdict == "unsupported" and "below 3.11" in prefect.reason


def test_missing_truthound_orchestration_never_fakes_a_pass(fake_venv: FakeVenv) -> None:
    python = fake_venv({"prefect": "3.6.29", "truthound": "3.2.0"})
    snapshot = take_snapshot(python, PreflightInputs(host="prefect"), timeout=30)
    preflight = snapshot.preflight
    assert preflight is not None
    assert preflight.ran is False and preflight.compatible is None
    assert f"{python} -m pip install truthound-orchestration" in (preflight.error or "")
    assert all(check.origin == "wizard" for check in preflight.checks)


def test_broken_truthound_orchestration_install_is_reported(fake_venv: FakeVenv) -> None:
    # Metadata without the code: the import fails inside the target, which must not crash it.
    python = fake_venv({"truthound-orchestration": "3.0.3", "truthound": "3.2.0"})
    snapshot = take_snapshot(python, PreflightInputs(host="airflow"), timeout=30)
    assert snapshot.preflight is not None and snapshot.preflight.ran is False
    assert "importing common.engines failed: ModuleNotFoundError" in (
        snapshot.preflight.error or ""
    )


@pytest.mark.parametrize(
    "script", [SMOKE_SCRIPT, RULES_SCRIPT, LOADER_SCRIPT], ids=lambda s: s.stem
)
def test_every_target_side_script_stands_alone(script: Path) -> None:
    """Run as a file by an interpreter without the wizard: module-level imports are stdlib only
    (libraries are imported inside functions, in the target), and any request gets JSON back."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    top_level = {
        alias.name.split(".")[0]
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert top_level <= set(sys.stdlib_module_names), top_level
    done = subprocess.run(
        [sys.executable, str(script)], input="{}", capture_output=True, text=True, timeout=60
    )
    answer = json.loads(done.stdout)
    assert answer["protocol"] == 1 and "ran" in answer

"""Each piece of knowledge has one home: hosts, engines and question ids live in kb/ only.

A seventh host is added here the way a maintainer would: one entry in a copy of hosts.toml,
read through TRUTHOUND_READINESS_KB_DIR, and the real CLI then creates, answers, scans, probes,
checks and exports a review for it with no code change.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

from tests.support.target_venv import make_fake_venv
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.registry import KB_DIR_VARIABLE, engines, hosts

REPO = Path(__file__).resolve().parents[2]
KB = REPO / "wizard" / "core" / "kb"
# The project scan's host-specific rules may name hosts: they are those hosts' own rules.
HOST_RULE_MODULES = {
    "wizard/core/evidence/scan/layout.py",
    "wizard/core/evidence/scan/host_rules.py",
    "wizard/core/evidence/scan/python_rules.py",
    "wizard/core/evidence/scan/settings_catalog.py",
    "wizard/core/evidence/scan/settings_python.py",
}


def _string_constants(path: Path) -> list[tuple[int, str]]:
    """Every string literal in a module except docstrings (prose may mention a host)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _modules() -> list[Path]:
    return sorted((REPO / "wizard").rglob("*.py"))


def test_no_module_names_a_host_outside_the_registry_and_the_host_rules() -> None:
    names: set[str] = set()
    for entry in hosts():
        names |= {entry.id, entry.label, *entry.distributions, f"truthound_{entry.id}"}
    found = [
        f"{path.relative_to(REPO)}:{line}: {value!r}"
        for path in _modules()
        if str(path.relative_to(REPO)) not in HOST_RULE_MODULES
        for line, value in _string_constants(path)
        if value in names
    ]
    assert found == []


def test_no_module_spells_an_engine_outside_the_registry() -> None:
    names = {entry.id for entry in engines()} - {"truthound"}  # also the runtime's own name
    names |= {entry.label for entry in engines()} - {"Truthound"}
    found = [
        f"{path.relative_to(REPO)}:{line}: {value!r}"
        for path in _modules()
        for line, value in _string_constants(path)
        if value in names
    ]
    assert found == []


def test_question_ids_are_spelled_only_in_kb_ids() -> None:
    question_ids = {question.id for question in load_knowledge().questions}
    found = [
        f"{path.relative_to(REPO)}:{line}: {value!r}"
        for path in _modules()
        if path != KB / "ids.py"
        for line, value in _string_constants(path)
        if value in question_ids
    ]
    assert found == []


LUIGI = """
[[host]]
id = "luigi"
label = "Luigi"
distributions = ["luigi"]
credential = "connection"
secret_surface = "luigi.cfg sections filled from environment variables"
layout = { expected = "a luigi.cfg beside tasks importing luigi", files = ["luigi.cfg"], \
folders = [], imports = ["luigi"] }

[host.support]
doc = "docs/luigi/index.md"
install = "pip install luigi"
minimum = { version = "3.5.0", python = "3.11" }
primary = { version = "3.6.0", python = "3.12" }

[[host.choice]]
question = "secrets.backend"
value = "luigi_env"
label = "luigi.cfg values from the environment"
reason = "Credentials reach luigi.cfg from the environment."

[[host.choice]]
question = "results.surface"
value = "luigi_target"
label = "A Luigi target the downstream task requires"
reason = "Readers depend on the task's output target."
"""


def test_a_seventh_host_is_one_data_entry(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(KB, kb, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with (kb / "hosts.toml").open("a", encoding="utf-8") as handle:
        handle.write(LUIGI)
    env = {**os.environ, KB_DIR_VARIABLE: str(kb), "TRUTHOUND_READINESS_USER": "ana"}

    def cli(*args: str, ok: tuple[int, ...] = (0,)) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "wizard", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        assert done.returncode in ok, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        return done.stdout

    cli("new", "r.toml", "--host", "luigi", "--title", "Nightly on Luigi")
    asked = json.loads(cli("questions", "--host", "luigi", "--format", "json"))
    backend = next(q for q in asked["questions"] if q["id"] == "secrets.backend")
    assert backend["choices"][0]["value"] == "luigi_env"
    first = next(q for q in asked["questions"] if q["id"] == "quickstart.local_run")
    assert "Luigi" in first["prompt"]
    cli("answer", "r.toml", "--set", "secrets.backend=luigi_env", "--set", "source.kind=sql")

    project = tmp_path / "pipeline"
    project.mkdir()
    (project / "luigi.cfg").write_text("[core]\nlogging_conf_file = logging.ini\n")
    (project / "tasks.py").write_text("import luigi\n\n\nclass Orders(luigi.Task):\n    pass\n")
    scanned = json.loads(cli("scan", str(project), "--host", "luigi", "--json"))
    assert "luigi" in scanned["hosts"] and scanned["layout_mismatch"] is None

    target = make_fake_venv(tmp_path / "venv", {"luigi": "3.6.0"})
    probed = json.loads(cli("probe", "--python", str(target), "--host", "luigi", "--json", ok=(1,)))
    verdict = next(v for v in probed["hosts"] if v["name"] == "luigi")
    assert verdict["version"] == "3.6.0" and verdict["verdict"] in ("primary", "in-range")

    report = json.loads(cli("check", "r.toml", "--format", "json", ok=(1,)))
    assert report["host"] == "luigi" and report["ready"] is False
    exported = json.loads(cli("export", "r.toml", "--format", "json"))
    schema = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from wizard.core.exports.jsonexport import schema_text; print(schema_text())",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
    )
    assert "luigi" in schema["properties"]["host"]["enum"]
    jsonschema.Draft202012Validator(schema).validate(exported)

"""The headless core stays headless, and the knowledge base stays consistent with the code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.core.fresh_interpreter import modules_within, run_fresh
from wizard.core.evaluation.rules import RULE_NAMES
from wizard.core.kb.knowledge import load_knowledge

REPO = Path(__file__).resolve().parents[2]
FRONT_ENDS = ("textual", "questionary", "prompt_toolkit", "rich", "wizard.tui", "wizard.prompt")


def test_importing_the_whole_core_loads_no_front_end() -> None:
    core_modules = sorted(
        "wizard.core." + ".".join(path.relative_to(REPO / "wizard" / "core").with_suffix("").parts)
        for path in (REPO / "wizard" / "core").rglob("*.py")
        if path.name != "__init__.py" and path.name != "target_script.py"
    )
    script = (
        "import importlib, json, sys\n"
        f"for name in {core_modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = json.loads(result.stdout)
    leaked = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FRONT_ENDS)]
    assert leaked == []
    assert "wizard.core.evaluation.evaluate" in loaded


def test_the_check_command_does_not_load_textual() -> None:
    script = (
        "import sys, json\n"
        "from wizard.cli import main\n"
        "main._load_commands()\n"
        "print(json.dumps([m for m in sys.modules if m.startswith(('textual', 'questionary'))]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert json.loads(result.stdout) == []


# Heavy packages each command path must not import: the scan's (detect-secrets with requests,
# YAML), the front ends', and for the commands that need no review model, pydantic's.
NEVER_FOR_CHECK = ("detect_secrets", "requests", "yaml", "textual", "questionary", "libcst")
NEVER_FOR_HELP = (*NEVER_FOR_CHECK, "pydantic", "packaging", "wizard.cli.commands.check")


def _modules_after(args: list[str], tmp_path: Path) -> list[str]:
    """What a fresh interpreter has imported once ``main(args)`` returns."""
    return run_fresh(args, tmp_path)[1]


def test_version_help_and_check_import_only_what_they_use(tmp_path: Path) -> None:
    from wizard.core.review.store import create_review, new_review

    review = tmp_path / "readiness-review.toml"
    create_review(review, new_review("diet", "airflow", "truthound"))
    for args in (["--version"], ["--help"]):
        assert modules_within(_modules_after(args, tmp_path), NEVER_FOR_HELP) == [], args
    checked = _modules_after(["check", str(review)], tmp_path)
    assert "wizard.core.evaluation.evaluate" in checked  # it did evaluate
    assert modules_within(checked, NEVER_FOR_CHECK) == []
    # dataclasses (with inspect, ast, dis and tokenize) is ~18 ms: records stand in for it.
    assert modules_within(checked, ("dataclasses", "inspect")) == []
    # Text output needs no renderer and no scan code.
    assert (
        modules_within(checked, ("wizard.core.exports.html", "wizard.core.evidence.scan.project"))
        == []
    )
    questions = _modules_after(["questions", "--format", "json"], tmp_path)
    assert modules_within(questions, ("pydantic", *NEVER_FOR_CHECK)) == []


def test_answering_screens_every_value_but_imports_detect_secrets_only_when_needed(
    tmp_path: Path,
) -> None:
    from wizard.core.review.store import create_review, load_review, new_review

    review = tmp_path / "readiness-review.toml"
    create_review(review, new_review("diet", "airflow", "truthound"))
    answered = _modules_after(
        ["answer", str(review), "runtime.python_version", "3.11.7", "--by", "ops"], tmp_path
    )
    assert load_review(review).review.answers["runtime.python_version"].value == "3.11.7"
    assert modules_within(answered, ("detect_secrets", "requests", "pydantic", "dataclasses")) == []
    # A note only detect-secrets' keyword plugin recognises still reaches it, and is refused.
    secret = "db_" + "password" + ' = "' + "Zq8v" + "Lw3xRt9k" + '"'
    other = tmp_path / "other-review.toml"
    create_review(other, new_review("diet", "airflow", "truthound"))
    refused = _modules_after(
        ["answer", str(other), "runtime.python_version", "3.11.7", "--note", secret], tmp_path
    )
    assert "detect_secrets" in refused
    assert "runtime.python_version" not in load_review(other).review.answers


def test_import_linter_contracts_hold() -> None:
    # import-linter is a dev dependency, installed beside the interpreter running the tests.
    binary = str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([binary], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_named_rule_in_the_knowledge_base_exists() -> None:
    named = {q.rule for q in load_knowledge().questions if q.rule}
    assert named <= RULE_NAMES
    assert RULE_NAMES - named == set(), "a rule nobody names is dead code"


def test_ids_are_the_stable_ones() -> None:
    kb = load_knowledge()
    assert [s.id for s in kb.steps] == [
        "quickstart",
        "engine",
        "preflight",
        "secrets",
        "consumers",
        "alerting",
    ]
    assert [layer.id for layer in kb.layers] == [
        "host",
        "runtime",
        "source",
        "engine",
        "results",
        "operations",
    ]
    assert [i.id for i in kb.items] == [
        "host-tuple",
        "rule-vocabulary",
        "source-resolution",
        "preflight-gate",
        "result-consumers",
        "secrets",
        "fail-semantics",
        "resilience",
        "observability",
    ]


def test_every_item_is_fed_by_at_least_one_question_and_every_step_asks_something() -> None:
    kb = load_knowledge()
    for item in kb.items:
        assert kb.questions_feeding(item.id), item.id
    for step in kb.steps:
        assert kb.questions_for_step(step.id), step.id


def test_no_module_is_a_god_module() -> None:
    oversized = [
        (str(path.relative_to(REPO)), lines)
        for path in (REPO / "wizard").rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > 300
    ]
    assert oversized == []

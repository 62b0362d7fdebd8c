"""Python of 3.12 and 3.13 syntax is read by the scan even when the wizard runs on 3.11."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.scan.corpus_build import CORPUS
from tests.scan.projects import SampleProject
from wizard.core.evidence.scan import scan_project
from wizard.core.evidence.scan.parsing import flatten

_NEWER = """from airflow.decorators import task

type Rows = list[dict[str, object]]


class Batch[T = int]:
    size: T


def first[T](items: list[T]) -> T | None:
    return items[0] if items else None


label = f"{"orders"}: {
    len([])
}"


@task(retries=3)
def load() -> Rows:
    return []
"""


def test_newer_syntax_is_parsed_with_lines_in_place(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "airflow")
    project.write("dags/newer.py", _NEWER)
    scan = scan_project(tmp_path)
    assert not [note for note in scan.notes if "not valid Python" in note], scan.notes
    assert [(f.line, f.kind) for f in scan.settings] == [(19, "retries")]
    assert "airflow" in scan.hosts_detected


def test_code_no_grammar_accepts_is_still_noted(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "airflow")
    project.write("dags/broken.py", "def broken(:\n    pass\n")
    notes = scan_project(tmp_path).notes
    assert any(note.startswith("dags/broken.py line 1: not valid Python") for note in notes)


def test_flatten_lists_what_ast_walk_lists_in_the_same_order() -> None:
    sources = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.py"))]
    sources.append("def f(a, *b, c=1, **d):\n    return [x async for x in y if x] or {1: (2, 3)}\n")
    compared = 0
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # the 3.12 corpus files; their lowered trees go through the same walk
        assert flatten(tree) == list(ast.walk(tree))
        compared += 1
    assert compared > 5

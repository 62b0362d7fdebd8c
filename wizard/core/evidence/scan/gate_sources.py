"""Project code that undermines the preflight gate or names an observability backend.

* ``with_source(...)``: a source attached to the runtime context is recorded but never checked
  by ``run_preflight`` (no ``source_resolution`` check, ``resolved_source`` null). Flagged when
  it reaches a ``run_preflight`` call (directly or through a name bound to it) or when it is the
  only source of a call that could have taken ``data=`` / ``data_path=`` / ``sql=``.
* An observability backend written in code (``observability={"backend": ...}``,
  ``ObservabilityConfig(backend=...)``, or YAML ``observability: {backend: ...}``): reported
  as observability evidence, and flagged when the shared runtime does not know the name (the
  choices of the backend question are the library's own values), because ``run_preflight``
  then raises instead of reporting a failed check.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

import yaml

from wizard.core.evidence.scan.parsing import (
    ParsedProject,
    call_name,
    node_line,
    scalar_string,
    string_constant,
    walk_pairs,
)
from wizard.core.kb import ids
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.observations import SettingFinding

GATE_ITEM = "preflight-gate"
OBSERVABILITY_ITEM = "observability"
_SOURCE_KEYWORDS = frozenset({"data", "data_path", "sql", "source_factory"})
_PREFLIGHT_CALLS = frozenset({"run_preflight"})
_WITH_SOURCE = "with_source"


def gate_findings(parsed: ParsedProject) -> Iterator[SettingFinding]:
    for file, _tree in parsed.python_files():
        nodes = parsed.nodes(file.path)
        if any(isinstance(node, ast.Attribute) and node.attr == _WITH_SOURCE for node in nodes):
            yield from _with_source(file.path, nodes)
        yield from _python_backends(file.path, nodes)
    for file, docs in parsed.yaml_files():
        for doc in docs:
            yield from _yaml_backends(file.path, doc)


def _is_with_source(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and call_name(node) == _WITH_SOURCE


def _bound_names(nodes: list[ast.AST]) -> set[str]:
    """Names assigned an expression that calls ``with_source`` (``ctx = base.with_source(...)``)."""
    bound: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Assign) and any(_is_with_source(n) for n in ast.walk(node.value)):
            bound |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return bound


def _carries_with_source(node: ast.AST, bound: set[str]) -> bool:
    return any(
        _is_with_source(inner) or (isinstance(inner, ast.Name) and inner.id in bound)
        for inner in ast.walk(node)
    )


def _with_source(path: str, nodes: list[ast.AST]) -> Iterator[SettingFinding]:
    bound = _bound_names(nodes)
    # Everything inside a run_preflight(...) call is judged as part of that gate, once.
    inside_gate = {
        id(inner)
        for node in nodes
        if isinstance(node, ast.Call) and call_name(node) in _PREFLIGHT_CALLS
        for inner in ast.walk(node)
        if inner is not node
    }
    for node in nodes:
        if not isinstance(node, ast.Call) or _is_with_source(node) or id(node) in inside_gate:
            continue
        keywords = {keyword.arg for keyword in node.keywords if keyword.arg}
        if call_name(node) in _PREFLIGHT_CALLS:
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            if any(_carries_with_source(argument, bound) for argument in arguments):
                yield _finding(
                    path,
                    node.lineno,
                    "run_preflight checks no source attached with with_source(): the gate "
                    "passes without a source_resolution check. Pass the source as data=, "
                    "data_path= or sql= to run_preflight.",
                )
            continue
        context = next((k.value for k in node.keywords if k.arg == "runtime_context"), None)
        if (
            context is not None
            and not keywords & _SOURCE_KEYWORDS
            and _carries_with_source(context, bound)
        ):
            yield _finding(
                path,
                node.lineno,
                f"{call_name(node)} gets its only source through with_source(), which no "
                "preflight checks; pass the source as data=, data_path= or sql= so the gate "
                "sees the same input the task reads.",
            )


def _finding(path: str, line: int, why: str) -> SettingFinding:
    return SettingFinding(
        file=path,
        line=line,
        kind=_WITH_SOURCE,
        value="with_source(...)",
        item=GATE_ITEM,
        misleading=why,
        rule="with-source-unchecked",
    )


def known_backends() -> tuple[str, ...]:
    question = load_knowledge().question(ids.OBS_BACKEND)
    return tuple(choice.value for choice in question.choices) if question else ()


def _backend(path: str, line: int, name: str) -> SettingFinding:
    known = known_backends()
    finding = SettingFinding(
        file=path,
        line=line,
        kind="observability.backend",
        value=name,
        item=OBSERVABILITY_ITEM,
        rule="observability-backend",
    )
    if name.strip().lower() not in known:
        finding.misleading = (
            f"{name!r} is not an observability backend the shared runtime knows "
            f"({', '.join(known)}); run_preflight raises ValueError instead of reporting a "
            "check, and the task fails the same way."
        )
    return finding


def _python_backends(path: str, nodes: list[ast.AST]) -> Iterator[SettingFinding]:
    for node in nodes:
        if isinstance(node, ast.Call) and call_name(node) == "ObservabilityConfig":
            for keyword in node.keywords:
                name = string_constant(keyword.value) if keyword.arg == "backend" else None
                if name is not None:
                    yield _backend(path, keyword.value.lineno, name)
        elif isinstance(node, ast.keyword) and node.arg == "observability":
            yield from _dict_backend(path, node.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if string_constant(key) == "observability":
                    yield from _dict_backend(path, value)


def _dict_backend(path: str, value: ast.AST) -> Iterator[SettingFinding]:
    if not isinstance(value, ast.Dict):
        return
    for key, item in zip(value.keys, value.values, strict=True):
        name = string_constant(item) if string_constant(key) == "backend" else None
        if name is not None:
            yield _backend(path, item.lineno, name)


def _yaml_backends(path: str, doc: yaml.Node) -> Iterator[SettingFinding]:
    for keys, key, value in walk_pairs(doc):
        if key.value == "backend" and len(keys) >= 2 and keys[-2] == "observability":
            name = scalar_string(value)
            if name is not None:
                yield _backend(path, node_line(value), name)

"""Where the project writes rule definitions: each list with its file, line and engine.

The rule check (``wizard.core.evidence.probe.rule_check``) judges what this finds with the
target's own validator. Found here:

* Python: a literal list passed as ``rules=`` to any call (operators, tasks, assets, blocks,
  configs) or held under a ``"rules"`` key of a dict literal, directly or through a module-level
  name; the engine is the ``engine_name=`` / ``engine=`` string of the same call or dict.
* YAML (Kestra flows, Mage pipeline and block configs): a ``rules:`` sequence, with a sibling
  ``engine_name:`` / ``engine:``; inline Python ``script:`` blocks are read like Python files,
  their lines counted from the block's start in the YAML file.
* dbt: ``rules`` of a ``truthound_check`` test (under ``arguments:`` on dbt >= 1.10), which use
  the `check` vocabulary.

A rules value the scan cannot evaluate (built at run time) or a file that does not parse is
listed as not inspected, never silently skipped.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from wizard.core.evidence.scan.parsing import ParsedProject, node_line, string_constant, walk_pairs
from wizard.core.review.observations import RuleSource

_ENGINE_KEYS = ("engine_name", "engine")
# The dbt generic test that carries rule lists; its rules use dbt's `check` names.
_CHECK_TEST = "truthound_check"


@dataclass
class RuleSources:
    sources: list[RuleSource] = field(default_factory=list)
    not_inspected: list[str] = field(default_factory=list)
    files_read: int = 0


def find_rule_sources(parsed: ParsedProject) -> RuleSources:
    found = RuleSources()
    for file, tree in parsed.python_files():
        found.files_read += 1
        if "rules" in file.text:  # most files hold none; skip their trees
            _python(found, file.path, tree, parsed.nodes(file.path), 0)
    for file, docs in parsed.yaml_files():
        found.files_read += 1
        for doc in docs:
            _yaml(found, file.path, doc)
    found.not_inspected += sorted(
        path for path in parsed.unparsed if path.endswith((".py", ".yml", ".yaml"))
    )
    return found


def _literal(node: ast.AST) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None


def _module_lists(tree: ast.Module) -> dict[str, ast.AST]:
    """Module-level ``NAME = [...]`` bindings, so ``rules=USER_RULES`` can be followed."""
    names: dict[str, ast.AST] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.List):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = statement.value
    return names


def _engine_of(pairs: Iterator[tuple[str | None, ast.AST]]) -> str | None:
    for key, value in pairs:
        if key in _ENGINE_KEYS and (name := string_constant(value)) is not None:
            return name
    return None


def _python(
    found: RuleSources, path: str, tree: ast.Module, nodes: list[ast.AST], offset: int
) -> None:
    names = _module_lists(tree)
    for node in nodes:
        if isinstance(node, ast.Call):
            pairs = [(keyword.arg, keyword.value) for keyword in node.keywords]
        elif isinstance(node, ast.Dict):
            pairs = [
                (string_constant(key), value)
                for key, value in zip(node.keys, node.values, strict=True)
            ]
        else:
            continue
        value: ast.AST | None = next((value for key, value in pairs if key == "rules"), None)
        if value is None:
            continue
        if isinstance(value, ast.Name) and value.id in names:
            value = names[value.id]
        line = node.lineno + offset
        readable, rules = _literal(value)
        if not readable or not isinstance(rules, list):
            if not (isinstance(value, ast.Constant) and value.value is None):
                found.not_inspected.append(f"{path}:{line} (rules built at run time)")
            continue
        lines = [
            getattr(item, "lineno", node.lineno) + offset for item in getattr(value, "elts", [])
        ]
        found.sources.append(
            RuleSource(
                file=path,
                line=line,
                engine=_engine_of(iter(pairs)),
                rules=rules,
                lines=lines if len(lines) == len(rules) else [line] * len(rules),
            )
        )


def _mapping_engine(mapping: yaml.Node) -> str | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key, value in mapping.value:
        if getattr(key, "value", None) in _ENGINE_KEYS and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return None


def _yaml(found: RuleSources, path: str, doc: yaml.Node) -> None:
    parents: dict[int, yaml.Node] = {}
    for node in _mappings(doc):
        for _, value in node.value:
            parents[id(value)] = node
    for keys, key, value in walk_pairs(doc):
        if key.value == "script" and isinstance(value, yaml.ScalarNode):
            _inline_script(found, path, value)
        if key.value != "rules" or not isinstance(value, yaml.SequenceNode):
            continue
        vocabulary: Literal["type", "check"] = (
            "check" if any(part.endswith(_CHECK_TEST) for part in keys) else "type"
        )
        rules = yaml.safe_load(yaml.serialize(value)) or []
        found.sources.append(
            RuleSource(
                file=path,
                line=node_line(key),
                vocabulary=vocabulary,
                engine=_mapping_engine(parents.get(id(value), value)),
                rules=rules,
                lines=[node_line(item) for item in value.value],
            )
        )


def _mappings(node: yaml.Node) -> Iterator[yaml.MappingNode]:
    if isinstance(node, yaml.MappingNode):
        yield node
        for _, value in node.value:
            yield from _mappings(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _mappings(item)


def _inline_script(found: RuleSources, path: str, script: yaml.ScalarNode) -> None:
    """A Python block inside YAML (a Kestra script task): rules read with YAML-file lines."""
    if "rules" not in script.value:
        return
    try:
        tree = ast.parse(script.value)
    except (SyntaxError, ValueError):
        found.not_inspected.append(f"{path}:{node_line(script)} (inline script does not parse)")
        return
    # A block scalar (| or >) starts on the line after its indicator.
    offset = script.start_mark.line + (1 if script.style in ("|", ">") else 0)
    _python(found, path, tree, list(ast.walk(tree)), offset)

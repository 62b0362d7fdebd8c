"""Settings evidence in Python files: keyword arguments of calls and decorators, dict literals
(``default_args``, tags), SLA / retry objects and strict / lenient presets, read from ``ast``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from wizard.core.evidence.scan.misleading import FileContext, misleading_note
from wizard.core.evidence.scan.parsing import (
    ParsedProject,
    SourceSlicer,
    call_name,
    string_constant,
)
from wizard.core.evidence.scan.settings_catalog import (
    BARE_DECORATORS,
    FAIL_SEMANTICS,
    PRESET_NAME,
    RESILIENCE,
    SETTING_KEYS,
    SEVERITY_ENUMS,
    TIMEOUT_CALLEE_SUFFIXES,
    call_setting,
    is_sla_callee,
)
from wizard.core.review.observations import SettingFinding
from wizard.core.safety.credentials import redact

_MAX_VALUE = 80


def short_value(text: str) -> str:
    """Source text on one line, capped, with anything credential-like masked."""
    flat = " ".join(text.split())
    if len(flat) > _MAX_VALUE:
        flat = flat[: _MAX_VALUE - 3] + "..."
    return redact(flat)


def python_settings(parsed: ParsedProject) -> Iterator[SettingFinding]:
    for file, _tree in parsed.python_files():
        modules = parsed.imports(file.path)
        context = FileContext(
            mage=bool(modules & {"truthound_mage", "mage_ai"}),
            prefect=bool(modules & {"prefect", "truthound_prefect"})
            or any(
                isinstance(node, ast.Call) and call_name(node) == "create_quality_flow"
                for node in parsed.nodes(file.path)
            ),
        )
        visitor = _FileVisitor(file.path, SourceSlicer(file.text), context)
        yield from visitor.findings(parsed.nodes(file.path))


class _FileVisitor:
    def __init__(self, path: str, slicer: SourceSlicer, context: FileContext) -> None:
        self.path = path
        self.slicer = slicer
        self.context = context

    def findings(self, nodes: list[ast.AST]) -> Iterator[SettingFinding]:
        for node in nodes:
            if isinstance(node, ast.Call):
                yield from self._call(node)
            elif isinstance(node, ast.Dict):
                yield from self._dict(node)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in SEVERITY_ENUMS
            ):
                text = f"{node.value.id}.{node.attr}"
                yield self._finding(node.lineno, node.value.id, text, FAIL_SEMANTICS, "fail-flag")
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                if PRESET_NAME.match(node.id):
                    yield self._finding(
                        node.lineno, node.id, node.id, FAIL_SEMANTICS, "fail-preset"
                    )
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    if isinstance(decorator, ast.Name) and decorator.id in BARE_DECORATORS:
                        item, rule = call_setting(decorator.id) or (RESILIENCE, "retry")
                        yield self._finding(
                            decorator.lineno, decorator.id, f"@{decorator.id}", item, rule
                        )

    def _call(self, call: ast.Call) -> Iterator[SettingFinding]:
        callee = call_name(call)
        whole = call_setting(callee)
        if whole is not None:
            item, rule = whole
            yield self._finding(call.lineno, callee, self.slicer.segment(call), item, rule)
        if is_sla_callee(callee):
            return  # the SLA object itself was reported; its ratios are computed soundly
        for keyword in call.keywords:
            if keyword.arg is None:
                continue
            entry = SETTING_KEYS.get(keyword.arg)
            if (
                entry is None
                and keyword.arg == "timeout"
                and callee.endswith(TIMEOUT_CALLEE_SUFFIXES)
            ):
                entry = (RESILIENCE, "timeout")
            if entry is None:
                continue
            if isinstance(keyword.value, ast.Call) and call_setting(call_name(keyword.value)):
                continue  # retry_policy=RetryPolicy(...): the call reports itself, once
            yield self._keyed(keyword.lineno, keyword.arg, keyword.value, callee, entry)

    def _dict(self, node: ast.Dict) -> Iterator[SettingFinding]:
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            key = string_constant(key_node)
            if key is None or key not in SETTING_KEYS or key_node is None:
                continue
            yield self._keyed(key_node.lineno, key, value_node, "", SETTING_KEYS[key])

    def _keyed(
        self, line: int, kind: str, value_node: ast.AST, callee: str, entry: tuple[str, str]
    ) -> SettingFinding:
        item, rule = entry
        value = self.slicer.segment(value_node)
        finding = self._finding(line, kind, value, item, rule)
        flagged = misleading_note(kind, callee, finding.value, self.context)
        if flagged is not None:
            finding.rule, finding.misleading = flagged
        return finding

    def _finding(self, line: int, kind: str, value: str, item: str, rule: str) -> SettingFinding:
        return SettingFinding(
            file=self.path, line=line, kind=kind, value=short_value(value), item=item, rule=rule
        )

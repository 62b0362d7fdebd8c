"""Credential rules for Python files, read from the syntax tree (never grepped).

Prefect ``Secret(value="...")`` and blocks built from literals, Airflow ``Connection(...)``
literals and ``AIRFLOW_CONN_*`` values set in code, credential-named keyword arguments and dict
entries holding a literal, and passwords inside connection URIs held in string constants.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from wizard.core.evidence.scan.files import ProjectFile
from wizard.core.evidence.scan.host_rules import (
    RULE_AIRFLOW_CONN_ENV,
    conn_has_credential,
    uri_password_hits,
)
from wizard.core.evidence.scan.parsing import ParsedProject, call_name, string_constant
from wizard.core.evidence.scan.secret_values import (
    PRIORITY_GENERIC,
    RawSecret,
    is_placeholder,
    is_secret_key,
    is_templated,
    keyed,
    locate_line,
    looks_like_secret_value,
)

RULE_PREFECT_SECRET = "prefect-secret-literal"
RULE_PREFECT_BLOCK = "prefect-block-literal"
RULE_AIRFLOW_CONNECTION = "airflow-connection-literal"
RULE_PYTHON_LITERAL = "python-secret-literal"

_PREFECT_MODULES = frozenset({"prefect", "truthound_prefect"})
_CONNECTION_KEYWORDS = frozenset({"conn_id", "conn_type", "uri", "login", "password", "host"})
_CONN_PREFIX = "AIRFLOW_CONN_"


def python_secret_rules(parsed: ParsedProject) -> Iterator[RawSecret]:
    for file, _tree in parsed.python_files():
        modules = parsed.imports(file.path)
        uses_prefect = any(
            name in _PREFECT_MODULES or name.startswith("prefect_") for name in modules
        )
        for node in parsed.nodes(file.path):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield from uri_password_hits(file, node.value, node.lineno)
            elif isinstance(node, ast.Call):
                yield from _call_rules(file, node, uses_prefect=uses_prefect)
            elif isinstance(node, ast.Dict):
                yield from _dict_literals(file, node)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                yield from _assigned_conn_literals(file, node)


def _literal(node: ast.AST | None) -> str | None:
    """A string literal, also when wrapped as ``SecretStr("...")``; None for anything computed."""
    if isinstance(node, ast.Call) and call_name(node) == "SecretStr" and len(node.args) == 1:
        node = node.args[0]
    value = string_constant(node)
    if value is None or is_placeholder(value) or is_templated(value):
        return None
    return value


def _at(file: ProjectFile, node: ast.AST, value: str) -> int:
    start = getattr(node, "lineno", 1)
    return locate_line(file, start, value, getattr(node, "end_lineno", start))


def _call_rules(file: ProjectFile, call: ast.Call, *, uses_prefect: bool) -> Iterator[RawSecret]:
    name = call_name(call)
    if name == "Secret":
        candidates = [kw.value for kw in call.keywords if kw.arg == "value"] + call.args[:1]
        for candidate in candidates:
            value = _literal(candidate)
            if value is not None:
                yield keyed(
                    "Secret(value)",
                    value,
                    RULE_PREFECT_SECRET,
                    file.path,
                    _at(file, candidate, value),
                )
        return
    if name == "Connection" and any(kw.arg in _CONNECTION_KEYWORDS for kw in call.keywords):
        for keyword in call.keywords:
            value = _literal(keyword.value)
            if value is None:
                continue
            if keyword.arg == "password" or (keyword.arg == "uri" and "://" in value):
                yield keyed(
                    f"Connection({keyword.arg})",
                    value,
                    RULE_AIRFLOW_CONNECTION,
                    file.path,
                    _at(file, keyword.value, value),
                )
        return
    for keyword in call.keywords:
        value = _literal(keyword.value)
        if value is None or keyword.arg is None:
            continue
        if keyword.arg.startswith(_CONN_PREFIX):
            if not conn_has_credential(value):
                continue
            yield keyed(
                keyword.arg,
                value,
                RULE_AIRFLOW_CONN_ENV,
                file.path,
                _at(file, keyword.value, value),
            )
        elif is_secret_key(keyword.arg):
            # In Prefect code a credential keyword builds a block; elsewhere it is still a literal.
            where = _at(file, keyword.value, value)
            label = f"{name}({keyword.arg})"
            if uses_prefect:
                yield keyed(label, value, RULE_PREFECT_BLOCK, file.path, where)
            elif looks_like_secret_value(value):
                yield keyed(
                    label, value, RULE_PYTHON_LITERAL, file.path, where, priority=PRIORITY_GENERIC
                )
    # os.environ.setdefault("AIRFLOW_CONN_X", "uri"), monkeypatch.setenv(...), os.putenv(...)
    if len(call.args) >= 2:
        key = string_constant(call.args[0])
        value = _literal(call.args[1])
        if (
            key
            and key.startswith(_CONN_PREFIX)
            and value is not None
            and conn_has_credential(value)
        ):
            yield keyed(
                key, value, RULE_AIRFLOW_CONN_ENV, file.path, _at(file, call.args[1], value)
            )


def _dict_literals(file: ProjectFile, node: ast.Dict) -> Iterator[RawSecret]:
    for key_node, value_node in zip(node.keys, node.values, strict=True):
        key = string_constant(key_node)
        value = _literal(value_node)
        if not key or value is None:
            continue
        if key.startswith(_CONN_PREFIX):
            if conn_has_credential(value):
                where = _at(file, value_node, value)
                yield keyed(key, value, RULE_AIRFLOW_CONN_ENV, file.path, where)
        elif is_secret_key(key) and looks_like_secret_value(value):
            where = _at(file, value_node, value)
            yield keyed(
                key, value, RULE_PYTHON_LITERAL, file.path, where, priority=PRIORITY_GENERIC
            )


def _assigned_conn_literals(
    file: ProjectFile, node: ast.Assign | ast.AnnAssign
) -> Iterator[RawSecret]:
    value = _literal(node.value)
    if value is None:
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        key: str | None = None
        if isinstance(target, ast.Name):
            key = target.id
        elif isinstance(target, ast.Attribute):
            key = target.attr
        elif isinstance(target, ast.Subscript):
            key = string_constant(target.slice)  # os.environ["AIRFLOW_CONN_X"] = "..."
        assert node.value is not None
        if key and key.startswith(_CONN_PREFIX):
            if conn_has_credential(value):
                where = _at(file, node.value, value)
                yield keyed(key, value, RULE_AIRFLOW_CONN_ENV, file.path, where)
        elif key and is_secret_key(key) and looks_like_secret_value(value):
            # API_TOKEN = "..." at module level, or a credential-named attribute / constant.
            where = _at(file, node.value, value)
            yield keyed(
                key, value, RULE_PYTHON_LITERAL, file.path, where, priority=PRIORITY_GENERIC
            )

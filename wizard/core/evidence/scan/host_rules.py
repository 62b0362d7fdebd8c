"""Host-specific credential rules for YAML files (dbt profiles, Mage io_config, Kestra flows).

These cover what a generic scanner cannot know: which file is a dbt profile, which value
forms each host resolves at run time (``env_var(...)``, ``mage_secret_var``, ``{{ secret() }}``)
and where Airflow connection definitions hide in compose / Kubernetes YAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from wizard.core.evidence.scan.files import ProjectFile
from wizard.core.evidence.scan.parsing import (
    ParsedProject,
    mapping_keys,
    node_line,
    scalar_string,
    walk_pairs,
    walk_scalars,
)
from wizard.core.evidence.scan.secret_values import (
    PRIORITY_FORMAT,
    RawSecret,
    is_placeholder,
    is_secret_key,
    is_templated,
    keyed,
    locate_line,
    redacted_text,
)
from wizard.core.safety.credentials import find_credentials

RULE_DBT_PROFILE = "dbt-profile-literal"
RULE_DBT_ENV_DEFAULT = "dbt-env-var-default"
RULE_MAGE_IO_CONFIG = "mage-io-config-literal"
RULE_KESTRA_LITERAL = "kestra-literal-secret"
RULE_AIRFLOW_CONN_ENV = "airflow-conn-env-literal"
RULE_URI_PASSWORD = "uri-password"

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_DBT_ENV_DEFAULT = re.compile(r"env_var\(\s*(['\"])[^'\"]*\1\s*,\s*(['\"])(?P<default>[^'\"]*)\2")
_MAGE_RESOLVED = re.compile(r"\{\{.*\b(env_var|\w*secret_var)\s*\(.*\}\}", re.DOTALL)
# One per line of a scalar: a compose list item, or a line of a multi-line `env: |` block.
_AIRFLOW_CONN_ITEM = re.compile(
    r"^\s*(?:export\s+)?(?P<key>AIRFLOW_CONN_[A-Za-z0-9_]+)=(?P<value>\S.*?)\s*$", re.MULTILINE
)
# A connection's credential: URI userinfo password, or a credential-named field / parameter.
_CONN_CREDENTIAL = re.compile(
    r"://[^\s:/@]*:[^\s@/]+@|(?i:passw(or)?d|secret|token|api[_-]?key|private[_-]?key)"
    r"[\"']?\s*[:=]\s*[\"']?[^\s\"',&}{]{4,}"
)


def conn_has_credential(value: str) -> bool:
    """An ``AIRFLOW_CONN_*`` value with no password or token in it (``fs://``, a bare host)
    names a connection without holding a credential."""
    return bool(_CONN_CREDENTIAL.search(value))


def yaml_secret_rules(parsed: ParsedProject) -> Iterator[RawSecret]:
    for file, docs in parsed.yaml_files():
        for doc in docs:
            if file.name in {"profiles.yml", "profiles.yaml"}:
                yield from _dbt_profile(file, doc)
            if file.name in {"io_config.yaml", "io_config.yml"}:
                yield from _mage_io_config(file, doc)
            if {"id", "namespace", "tasks"} <= mapping_keys(doc):
                yield from _kestra_flow(file, doc)
            yield from _airflow_conn_yaml(file, doc)
            yield from _uri_passwords_yaml(file, doc)


def _literal_pairs(
    doc: yaml.Node, also: tuple[str, ...] = ()
) -> Iterator[tuple[str, str, yaml.Node]]:
    """(key, string value, value node) for secret-like keys holding a string scalar."""
    for path, _key, value_node in walk_pairs(doc):
        key = path[-1]
        if not (is_secret_key(key) or key in also) or not isinstance(value_node, yaml.ScalarNode):
            continue
        if value_node.tag != _STR_TAG and not (key in also and value_node.tag == _INT_TAG):
            continue  # numbers and booleans are settings, not credentials (bar dbt's `pass`)
        value = scalar_string(value_node)
        # dbt's env_var('X', 'default') is templated, but its default is a literal to check.
        if value is None or (is_placeholder(value, key) and "env_var(" not in value):
            continue
        yield key, value, value_node


def _dbt_profile(file: ProjectFile, doc: yaml.Node) -> Iterator[RawSecret]:
    for key, value, node in _literal_pairs(doc, also=("pass", "password")):
        line = locate_line(file, node_line(node), value, node.end_mark.line + 1)
        if "env_var(" not in value:
            yield keyed(key, value, RULE_DBT_PROFILE, file.path, line)
            continue
        default = _DBT_ENV_DEFAULT.search(value)
        if default and default.group("default") and not is_placeholder(default.group("default")):
            yield keyed(key, default.group("default"), RULE_DBT_ENV_DEFAULT, file.path, line)


def _mage_io_config(file: ProjectFile, doc: yaml.Node) -> Iterator[RawSecret]:
    for key, value, node in _literal_pairs(doc):
        if _MAGE_RESOLVED.search(value):
            continue
        line = locate_line(file, node_line(node), value, node.end_mark.line + 1)
        yield keyed(key, value, RULE_MAGE_IO_CONFIG, file.path, line)


def _kestra_flow(file: ProjectFile, doc: yaml.Node) -> Iterator[RawSecret]:
    for key, value, node in _literal_pairs(doc):
        if is_templated(value):
            continue  # {{ secret('X') }}, {{ envs.x }}, {{ kv('x') }} resolve in Kestra
        line = locate_line(file, node_line(node), value, node.end_mark.line + 1)
        yield keyed(key, value, RULE_KESTRA_LITERAL, file.path, line)


def _airflow_conn_yaml(file: ProjectFile, doc: yaml.Node) -> Iterator[RawSecret]:
    """``AIRFLOW_CONN_X: uri``, ``- AIRFLOW_CONN_X=uri``, ``{name: AIRFLOW_CONN_X, value: uri}``."""
    for path, key_node, value_node in walk_pairs(doc):
        key = path[-1]
        if key.startswith("AIRFLOW_CONN_"):
            value = scalar_string(value_node)
            if value is not None and not _is_runtime_value(value) and conn_has_credential(value):
                line = locate_line(file, node_line(key_node), value, value_node.end_mark.line + 1)
                yield keyed(key, value, RULE_AIRFLOW_CONN_ENV, file.path, line)
        elif key == "name" and str(getattr(value_node, "value", "")).startswith("AIRFLOW_CONN_"):
            yield from _k8s_env_entry(file, doc, value_node)
    for scalar in walk_scalars(doc):
        text = str(scalar.value)
        if "AIRFLOW_CONN_" not in text:
            continue
        for item in _AIRFLOW_CONN_ITEM.finditer(text):
            value = item.group("value")
            if _is_runtime_value(value) or not conn_has_credential(value):
                continue
            start = node_line(scalar) + text.count("\n", 0, item.start())
            line = locate_line(file, start, value, scalar.end_mark.line + 1)
            yield keyed(item.group("key"), value, RULE_AIRFLOW_CONN_ENV, file.path, line)


def _k8s_env_entry(file: ProjectFile, doc: yaml.Node, name_node: yaml.Node) -> Iterator[RawSecret]:
    # Kubernetes env lists: find the mapping that holds this name node and read its `value`.
    for _path, _key, value_node in walk_pairs(doc):
        if not isinstance(value_node, yaml.SequenceNode):
            continue
        for entry in value_node.value:
            if not isinstance(entry, yaml.MappingNode):
                continue
            pairs = {str(k.value): v for k, v in entry.value if isinstance(k, yaml.ScalarNode)}
            if pairs.get("name") is not name_node:
                continue
            value = scalar_string(pairs["value"]) if "value" in pairs else None
            if value is not None and not _is_runtime_value(value) and conn_has_credential(value):
                line = locate_line(file, node_line(pairs["value"]), value)
                yield keyed(str(name_node.value), value, RULE_AIRFLOW_CONN_ENV, file.path, line)
            return


def _uri_passwords_yaml(file: ProjectFile, doc: yaml.Node) -> Iterator[RawSecret]:
    for scalar in walk_scalars(doc):
        yield from uri_password_hits(file, str(scalar.value), node_line(scalar))


def uri_password_hits(file: ProjectFile, text: str, start_line: int) -> Iterator[RawSecret]:
    """Passwords in ``scheme://user:password@host`` inside one string value or text line."""
    if "://" not in text:
        return
    for hit in find_credentials(text):
        if hit.kind != "password-in-uri":
            continue
        password = text[hit.start : hit.end]
        if is_placeholder(password) or _is_runtime_value(password) or "{" in password:
            continue
        # Start at the line of the URI itself, not the string's first line (a comment or
        # another URI above it may hold the same characters).
        offset = text.count("\n", 0, hit.start)
        line = locate_line(file, start_line + offset, password, start_line + text.count("\n") + 1)
        uri_line = text.splitlines()[text.count("\n", 0, hit.start)] if "\n" in text else text
        yield RawSecret(
            file=file.path,
            line=line,
            rule=RULE_URI_PASSWORD,
            kind=RULE_URI_PASSWORD,
            value=password,
            redacted=redacted_text(uri_line, password, fallback="scheme://user:***@host"),
            priority=PRIORITY_FORMAT,
        )


def _is_runtime_value(value: str) -> bool:
    """Resolved when the job runs: env references, templates, command substitution."""
    stripped = value.strip()
    return is_placeholder(stripped) or is_templated(stripped) or stripped.startswith("$")

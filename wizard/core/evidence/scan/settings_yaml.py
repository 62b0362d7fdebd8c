"""Settings evidence in YAML: dbt test severities and profile knobs, Kestra flow retry / timeout
/ concurrency / errors, Mage pipeline retry and notification config, and the generic knobs
(retries, fail_on_error, warning_threshold, ...) wherever they appear.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from wizard.core.evidence.scan.files import ProjectFile
from wizard.core.evidence.scan.misleading import FileContext, misleading_note
from wizard.core.evidence.scan.parsing import (
    NULL_TAG,
    KeyPath,
    ParsedProject,
    mapping_keys,
    node_line,
    node_source,
    walk_pairs,
)
from wizard.core.evidence.scan.settings_catalog import (
    DBT_KEYS,
    DBT_PROFILE_KEYS,
    KESTRA_KEYS,
    MAGE_KEYS,
    SETTING_KEYS,
)
from wizard.core.evidence.scan.settings_python import short_value
from wizard.core.review.observations import SettingFinding

_PROFILE_NAMES = frozenset({"profiles.yml", "profiles.yaml"})
_MAGE_NAMES = frozenset({"metadata.yaml", "io_config.yaml", "io_config.yml"})
# Keys reported as a whole block; their nested keys would only repeat them.
_CONTAINERS = frozenset(
    {"retry", "errors", "concurrency", "retry_config", "notification_config", "observability"}
)

Table = dict[str, tuple[str, str]]
# Free-form labels and tags name things ("sla: miss"); they set nothing.
_LABELS = frozenset({"labels", "tags", "annotations"})


def yaml_settings(parsed: ParsedProject) -> Iterator[SettingFinding]:
    dbt_roots = list(parsed.dbt_roots) or [
        file.path[: -len("dbt_project.yml")]
        for file in parsed.files
        if file.name == "dbt_project.yml"
    ]
    for file, docs in parsed.yaml_files():
        in_dbt = any(file.path.startswith(root) for root in dbt_roots)
        for doc in docs:
            tables = _tables_for(file, doc, in_dbt=in_dbt)
            if _runs_containers(file) and KESTRA_KEYS not in tables:
                continue  # a healthcheck's retries or a CI job's timeout is not the pipeline's
            yield from _document(file, doc, tables)


def _runs_containers(file: ProjectFile) -> bool:
    """Docker Compose, Kubernetes-style manifests and CI files configure machines, not tasks."""
    name, path = file.name, file.path
    if name.startswith(("docker-compose", "compose.")) or name == ".gitlab-ci.yml":
        return True
    return path.startswith((".github/", ".gitlab/", ".circleci/", ".buildkite/", "k8s/", "helm/"))


def _is_default(node: yaml.Node) -> bool:
    """``null``, ``~``, empty strings, ``{}`` and ``[]``: a template's default, set by nobody."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag == NULL_TAG or node.value == ""
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.value


def _tables_for(file: ProjectFile, doc: yaml.Node, *, in_dbt: bool) -> list[Table]:
    tables: list[Table] = []
    if {"id", "namespace", "tasks"} <= mapping_keys(doc):
        tables.append(KESTRA_KEYS)
    if file.name in _MAGE_NAMES:
        tables.append(MAGE_KEYS)
    if in_dbt:
        tables.append(DBT_KEYS)
    if file.name in _PROFILE_NAMES:
        tables.append(DBT_PROFILE_KEYS)
    tables.append(SETTING_KEYS)
    return tables


def _document(file: ProjectFile, doc: yaml.Node, tables: list[Table]) -> Iterator[SettingFinding]:
    covered: list[KeyPath] = []
    for path, key_node, value_node in walk_pairs(doc):
        if any(path[: len(prefix)] == prefix for prefix in covered):
            continue
        key = path[-1]
        entry = next((table[key] for table in tables if key in table), None)
        if entry is None or _is_default(value_node) or _LABELS & set(path[:-1]):
            continue
        item, rule = entry
        if key in _CONTAINERS:
            covered.append(path)
        finding = SettingFinding(
            file=file.path,
            line=node_line(key_node),
            kind=key,
            value=_value_text(file, value_node),
            item=item,
            rule=rule,
        )
        flagged = misleading_note(key, "", finding.value, FileContext())
        if flagged is not None:
            finding.rule, finding.misleading = flagged
        yield finding


def _value_text(file: ProjectFile, node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return f"{len(node.value)} item(s): " + short_value(node_source(file, node))
    return short_value(node_source(file, node))

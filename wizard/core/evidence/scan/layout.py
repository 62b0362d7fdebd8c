"""Which orchestration hosts the folder looks like, and what made it look that way.

Detection uses project markers only (files, imports, YAML shapes). Importable ``truthound_<host>``
modules prove nothing about an installed host (the base wheel ships all six), but a project file
that *imports* one is a deliberate choice of that host, so it counts here.
"""

from __future__ import annotations

import ast
from collections import defaultdict

import yaml

from wizard.core.evidence.scan.parsing import (
    ParsedProject,
    call_name,
    mapping_keys,
    scalar_string,
    walk_pairs,
)
from wizard.core.kb.registry import host, host_ids, hosts
from wizard.core.review.observations import ProjectScan


def _import_hosts() -> dict[str, str]:
    """Top-level module name -> the host whose import it marks (from the host registry)."""
    return {module: entry.id for entry in hosts() for module in entry.layout.imports}


_MAGE_BLOCK_DIRS = frozenset(
    {"data_loaders", "transformers", "data_exporters", "custom", "sensors", "conditionals"}
)


def detect_hosts(parsed: ParsedProject) -> dict[str, list[str]]:
    """Host id → human-readable markers, only for hosts with at least one marker."""
    signals: dict[str, list[str]] = defaultdict(list)
    importers: dict[str, list[str]] = defaultdict(list)
    top_dirs: set[str] = set()
    import_hosts = _import_hosts()
    for file in parsed.files:
        parts = file.path.split("/")
        top_dirs.update(parts[:-1])
        _file_markers(file.path, parts, signals)
    for file, _tree in parsed.python_files():
        for module in parsed.imports(file.path):
            marked = import_hosts.get(module)
            if marked:
                importers[marked].append(file.path)
        if _builds_definitions(parsed.nodes(file.path)):
            signals["dagster"].append(f"{file.path} builds Definitions(...)")
    for marked, paths in importers.items():
        unique = sorted(set(paths))
        shown = ", ".join(unique[:3]) + (" …" if len(unique) > 3 else "")
        signals[marked].append(f"{len(unique)} Python file(s) import it ({shown})")
    for entry in hosts():
        for folder in entry.layout.folders:
            if folder in top_dirs:
                signals[entry.id].append(f"a {folder}/ folder")
    if signals.get("_mage_metadata") and top_dirs & _MAGE_BLOCK_DIRS:
        folders = ", ".join(sorted(top_dirs & _MAGE_BLOCK_DIRS))
        signals["mage"].append(f"metadata.yaml with block folders ({folders})")
    signals.pop("_mage_metadata", None)
    for file, docs in parsed.yaml_files():
        if file.name in {"packages.yml", "dependencies.yml"} and _names_truthound(docs):
            signals["dbt"].append(f"{file.path} names the truthound/truthound package")
        if any({"id", "namespace", "tasks"} <= mapping_keys(doc) for doc in docs):
            signals["kestra"].append(f"{file.path} is a flow (id, namespace, tasks)")
    return {found: signals[found] for found in host_ids() if signals.get(found)}


def _file_markers(path: str, parts: list[str], signals: dict[str, list[str]]) -> None:
    name = parts[-1]
    for entry in hosts():
        if name in entry.layout.files:
            signals[entry.id].append(path)
            return
    if name in {"profiles.yml", "profiles.yaml"}:
        signals["dbt"].append(f"{path} (dbt profiles)")
    elif name == "metadata.yaml":
        signals["_mage_metadata"].append(path)


def _names_truthound(docs: list[yaml.Node]) -> bool:
    return any(
        path[-1] == "package" and scalar_string(value) == "truthound/truthound"
        for doc in docs
        for path, _key, value in walk_pairs(doc)
    )


def _builds_definitions(nodes: list[ast.AST]) -> bool:
    return any(isinstance(node, ast.Call) and call_name(node) == "Definitions" for node in nodes)


def layout_mismatch(scan: ProjectScan, chosen_host: str) -> str | None:
    """A one-paragraph explanation when the folder does not look like ``chosen_host``."""
    chosen = chosen_host.lower()
    if chosen in scan.hosts_detected:
        return None
    entry = host(chosen)
    label, expected = entry.label, entry.layout.expected
    if scan.hosts_detected:
        seen = "; ".join(
            f"{host(other).label}: {', '.join(scan.host_signals.get(other, [])[:2])}"
            for other in scan.hosts_detected
        )
        looks_like = f"It looks like {seen}."
    else:
        looks_like = f"No orchestration host was recognised in {scan.files_scanned} file(s)."
    return (
        f"The folder {scan.root} does not look like {entry.article_label} project: it has no "
        f"{expected}. "
        f"{looks_like} Point the scan at the folder that holds the {label} pipeline code, "
        "or change the host answer if the review is about another host."
    )

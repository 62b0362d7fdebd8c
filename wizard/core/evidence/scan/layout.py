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
from wizard.core.review.observations import ProjectScan

HOSTS: tuple[str, ...] = ("airflow", "dagster", "prefect", "dbt", "mage", "kestra")

HOST_LABELS = {
    "airflow": "Airflow",
    "dagster": "Dagster",
    "prefect": "Prefect",
    "dbt": "dbt",
    "mage": "Mage",
    "kestra": "Kestra",
}

# What each host's folder is expected to contain, for the mismatch explanation.
EXPECTED_MARKERS = {
    "airflow": "a dags/ folder or Python files importing airflow / truthound_airflow",
    "dagster": "Python files importing dagster / truthound_dagster or building Definitions(...)",
    "prefect": "prefect.yaml or Python flows importing prefect / truthound_prefect",
    "dbt": "dbt_project.yml (with packages.yml naming truthound/truthound, profiles.yml)",
    "mage": "io_config.yaml, or metadata.yaml next to block folders (data_loaders/, transformers/)",
    "kestra": "flow YAML files with id, namespace and tasks",
}

_IMPORT_HOSTS = {
    "airflow": "airflow",
    "truthound_airflow": "airflow",
    "dagster": "dagster",
    "truthound_dagster": "dagster",
    "prefect": "prefect",
    "truthound_prefect": "prefect",
    "mage_ai": "mage",
    "truthound_mage": "mage",
    "kestra": "kestra",
    "truthound_kestra": "kestra",
    "truthound_dbt": "dbt",
}
_MAGE_BLOCK_DIRS = frozenset(
    {"data_loaders", "transformers", "data_exporters", "custom", "sensors", "conditionals"}
)


def detect_hosts(parsed: ParsedProject) -> dict[str, list[str]]:
    """Host id → human-readable markers, only for hosts with at least one marker."""
    signals: dict[str, list[str]] = defaultdict(list)
    importers: dict[str, list[str]] = defaultdict(list)
    top_dirs: set[str] = set()
    for file in parsed.files:
        parts = file.path.split("/")
        top_dirs.update(parts[:-1])
        _file_markers(file.path, parts, signals)
    for file, _tree in parsed.python_files():
        for module in parsed.imports(file.path):
            host = _IMPORT_HOSTS.get(module)
            if host:
                importers[host].append(file.path)
        if _builds_definitions(parsed.nodes(file.path)):
            signals["dagster"].append(f"{file.path} builds Definitions(...)")
    for host, paths in importers.items():
        unique = sorted(set(paths))
        shown = ", ".join(unique[:3]) + (" …" if len(unique) > 3 else "")
        signals[host].append(f"{len(unique)} Python file(s) import it ({shown})")
    if "dags" in top_dirs:
        signals["airflow"].append("a dags/ folder")
    if signals.get("_mage_metadata") and top_dirs & _MAGE_BLOCK_DIRS:
        folders = ", ".join(sorted(top_dirs & _MAGE_BLOCK_DIRS))
        signals["mage"].append(f"metadata.yaml with block folders ({folders})")
    signals.pop("_mage_metadata", None)
    for file, docs in parsed.yaml_files():
        if file.name in {"packages.yml", "dependencies.yml"} and _names_truthound(docs):
            signals["dbt"].append(f"{file.path} names the truthound/truthound package")
        if any({"id", "namespace", "tasks"} <= mapping_keys(doc) for doc in docs):
            signals["kestra"].append(f"{file.path} is a flow (id, namespace, tasks)")
    return {host: signals[host] for host in HOSTS if signals.get(host)}


def _file_markers(path: str, parts: list[str], signals: dict[str, list[str]]) -> None:
    name = parts[-1]
    if name == "dbt_project.yml":
        signals["dbt"].append(path)
    elif name in {"profiles.yml", "profiles.yaml"}:
        signals["dbt"].append(f"{path} (dbt profiles)")
    elif name in {"prefect.yaml", "prefect.yml"}:
        signals["prefect"].append(path)
    elif name in {"io_config.yaml", "io_config.yml"}:
        signals["mage"].append(path)
    elif name == "metadata.yaml":
        signals["_mage_metadata"].append(path)
    elif name in {"dagster.yaml", "workspace.yaml"}:
        signals["dagster"].append(path)


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
    host = chosen_host.lower()
    if host in scan.hosts_detected:
        return None
    label = HOST_LABELS.get(host, chosen_host)
    expected = EXPECTED_MARKERS.get(host, "the host's usual project files")
    article = "an" if label[:1].upper() in "AEIOU" else "a"
    if scan.hosts_detected:
        seen = "; ".join(
            f"{HOST_LABELS.get(other, other)}: {', '.join(scan.host_signals.get(other, [])[:2])}"
            for other in scan.hosts_detected
        )
        looks_like = f"It looks like {seen}."
    else:
        looks_like = f"No orchestration host was recognised in {scan.files_scanned} file(s)."
    return (
        f"The folder {scan.root} does not look like {article} {label} project: it has no "
        f"{expected}. "
        f"{looks_like} Point the scan at the folder that holds the {label} pipeline code, "
        "or change the host answer if the review is about another host."
    )

"""Which orchestration hosts the folder looks like, and what made it look that way.

Detection uses project markers only (files, imports, YAML shapes). Importable ``truthound_<host>``
modules prove nothing about an installed host (the base wheel ships all six), but a project file
that *imports* one is a deliberate choice of that host, so it counts here.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass

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


@dataclass(frozen=True)
class LayoutFacts:
    """What one file says about the host (computed where the file is parsed, kept instead of
    its tree): host ids its imports mark, and the YAML / Python shapes that are markers."""

    path: str
    imported_hosts: tuple[str, ...] = ()
    builds_definitions: bool = False
    kestra_flow: bool = False
    names_truthound: bool = False
    mage_image: bool = False


def file_facts(parsed: ParsedProject) -> list[LayoutFacts]:
    import_hosts = _import_hosts()
    facts: list[LayoutFacts] = []
    for file in parsed.files:
        docs = parsed.yaml_docs.get(file.path, [])
        facts.append(
            LayoutFacts(
                path=file.path,
                imported_hosts=tuple(
                    sorted(
                        {import_hosts[m] for m in parsed.imports(file.path) if m in import_hosts}
                    )
                ),
                builds_definitions=_builds_definitions(parsed.nodes(file.path)),
                kestra_flow=any({"id", "namespace", "tasks"} <= mapping_keys(doc) for doc in docs),
                names_truthound=file.name in {"packages.yml", "dependencies.yml"}
                and _names_truthound(docs),
                mage_image=_is_compose(file.name) and "mageai/mageai" in file.text,
            )
        )
    return facts


def _is_compose(name: str) -> bool:
    return name.startswith(("docker-compose", "compose")) and name.endswith((".yml", ".yaml"))


def _is_ci_path(path: str) -> bool:
    # A workflow named prefect.yml runs CI; it is no more a Prefect marker than its name says.
    return path.startswith((".github/", ".gitlab/", ".circleci/", ".buildkite/")) or (
        path.rsplit("/", 1)[-1] in {".gitlab-ci.yml", "azure-pipelines.yml", "Jenkinsfile"}
    )


def detect_hosts(facts: list[LayoutFacts]) -> dict[str, list[str]]:
    """Host id -> human-readable markers, only for hosts with at least one marker.

    Markers are weighed, not just counted: a lone ``profiles.yml`` inside a Mage project is
    Mage's dbt integration (``dbt/profiles.yml`` of ``mage init``), not a dbt project; CI files
    are never markers; a compose file running the Mage image marks a Mage deployment repo.
    """
    signals: dict[str, list[str]] = defaultdict(list)
    importers: dict[str, list[str]] = defaultdict(list)
    top_dirs: set[str] = set()
    profiles: list[str] = []
    for fact in facts:
        path = fact.path
        if _is_ci_path(path):
            continue
        parts = path.split("/")
        top_dirs.update(parts[:-1])
        profiles += _file_markers(path, parts, signals)
        for marked in fact.imported_hosts:
            importers[marked].append(path)
        if fact.builds_definitions:
            signals["dagster"].append(f"{path} builds Definitions(...)")
        if fact.names_truthound:
            signals["dbt"].append(f"{path} names the truthound/truthound package")
        if fact.kestra_flow:
            signals["kestra"].append(f"{path} is a flow (id, namespace, tasks)")
        if fact.mage_image:
            signals["mage"].append(f"{path} runs the Mage image (mageai/mageai)")
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
    if profiles and not (signals.get("mage") and not signals.get("dbt")):
        signals["dbt"] += [f"{path} (dbt profiles)" for path in profiles]
    return {found: signals[found] for found in host_ids() if signals.get(found)}


def _file_markers(path: str, parts: list[str], signals: dict[str, list[str]]) -> list[str]:
    """Record the file-name markers of ``path``; returns it when it is a dbt profile, which
    only counts once the other markers are known."""
    name = parts[-1]
    for entry in hosts():
        if name in entry.layout.files:
            signals[entry.id].append(path)
            return []
    if name in {"profiles.yml", "profiles.yaml"}:
        return [path]
    if name == "metadata.yaml":
        signals["_mage_metadata"].append(path)
    return []


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
        # The folder is not named: this note is stored in the review, and where a clone sits
        # on one machine is not part of what the scan found (the scan command prints it).
        f"The scanned folder does not look like {entry.article_label} project: {label} "
        f"projects have {expected}, and none was found. "
        f"{looks_like} Point the scan at the folder that holds the {label} pipeline code, "
        "or change the host answer if the review is about another host."
    )

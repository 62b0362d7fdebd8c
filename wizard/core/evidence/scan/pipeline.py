"""Scan files one at a time, on every core: read, parse, run every rule, keep only findings.

No parse tree outlives its file, so memory stays flat however large the project; the results
(findings, rule lists, layout facts) are small. Projects past a few hundred files are split into
chunks across a process pool with one worker per core; smaller ones run in this process, where
starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from wizard.core.evidence.scan.detector import SecretDetector
from wizard.core.evidence.scan.files import ProjectFile, read_project_file
from wizard.core.evidence.scan.gate_sources import gate_findings
from wizard.core.evidence.scan.layout import LayoutFacts, file_facts
from wizard.core.evidence.scan.parsing import parse_project
from wizard.core.evidence.scan.rule_sources import RuleSources, find_rule_sources
from wizard.core.evidence.scan.secret_values import RawSecret
from wizard.core.evidence.scan.secrets import file_secrets
from wizard.core.evidence.scan.settings_python import python_settings
from wizard.core.evidence.scan.settings_yaml import yaml_settings
from wizard.core.review.observations import SettingFinding

# Below this many files one process is faster than starting a pool.
POOL_THRESHOLD = 400
_CHUNK = 64


@dataclass
class FileResult:
    path: str
    skipped: str | None = None
    secrets: list[RawSecret] = field(default_factory=list)
    # The source line of each secret hit, for inline allowances.
    secret_lines: dict[int, str] = field(default_factory=dict)
    settings: list[SettingFinding] = field(default_factory=list)
    rules: RuleSources = field(default_factory=RuleSources)
    layout: list[LayoutFacts] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def analyse_file(
    file: ProjectFile, detector: SecretDetector, dbt_roots: tuple[str, ...]
) -> FileResult:
    """Every rule on one file."""
    parsed = parse_project([file], dbt_roots=dbt_roots)
    secrets = file_secrets(parsed, detector)
    return FileResult(
        path=file.path,
        secrets=secrets,
        secret_lines={hit.line: file.line(hit.line) for hit in secrets},
        settings=[*python_settings(parsed), *yaml_settings(parsed), *gate_findings(parsed)],
        rules=find_rule_sources(parsed),
        layout=file_facts(parsed),
        notes=parsed.notes,
    )


def _analyse_paths(
    root: Path, dbt_roots: tuple[str, ...], paths: list[str], detector: SecretDetector
) -> list[FileResult]:
    results: list[FileResult] = []
    for relative in paths:
        file = read_project_file(root, relative)
        if isinstance(file, str):
            results.append(FileResult(path=relative, skipped=file or None))
        else:
            results.append(analyse_file(file, detector, dbt_roots))
    return results


_WORKER_DETECTOR: SecretDetector | None = None


def _worker_init() -> None:
    # A pool worker keeps detect-secrets' settings for its whole life (it scans nothing else).
    global _WORKER_DETECTOR
    _WORKER_DETECTOR = SecretDetector().__enter__()


def _worker_chunk(root: Path, dbt_roots: tuple[str, ...], paths: list[str]) -> list[FileResult]:
    assert _WORKER_DETECTOR is not None
    return _analyse_paths(root, dbt_roots, paths, _WORKER_DETECTOR)


def analyse_project(
    root: Path, paths: list[str], *, workers: int | None = None
) -> Iterator[FileResult]:
    """Results for every path, in order; a process pool past ``POOL_THRESHOLD`` files."""
    dbt_roots = tuple(
        path[: -len("dbt_project.yml")]
        for path in paths
        if path == "dbt_project.yml" or path.endswith("/dbt_project.yml")
    )
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(paths) < POOL_THRESHOLD:
        with SecretDetector() as detector:
            yield from _analyse_paths(root, dbt_roots, paths, detector)
        return
    chunks = [paths[start : start + _CHUNK] for start in range(0, len(paths), _CHUNK)]
    task = partial(_worker_chunk, root, dbt_roots)
    done = 0
    try:
        with ProcessPoolExecutor(count, mp_context=_context(), initializer=_worker_init) as pool:
            for results in pool.map(task, chunks):
                done += 1
                yield from results
    except (BrokenProcessPool, RuntimeError, OSError):
        # No pool here (a frozen or unguarded __main__, no /dev/shm): scan the rest in-process.
        with SecretDetector() as detector:
            for chunk in chunks[done:]:
                yield from _analyse_paths(root, dbt_roots, chunk, detector)


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheapest (workers inherit the loaded scan), but forking a process with other
    # threads running is unsafe (the TUI scans from a worker thread): then forkserver, whose
    # server imports the scan once and forks each worker from that clean state.
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context

"""Scan files one at a time, on every core: read, parse, run every rule, keep only findings.

No parse tree outlives its file, so memory stays flat however large the project; the results
(findings, rule lists, layout facts) are small. Projects past a few hundred files are split into
chunks shared by this process and a pool of one worker per other core; smaller ones run in this
process alone, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
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
# Files per chunk, and chunks queued per worker: this process looks at the pool only between
# its own chunks, so a worker needs enough queued work to outlast one of them (with three of
# 32 files, also when this process is slowed by other load), and little enough that no chunk
# waits long behind a worker at the end.
_CHUNK = 32
_QUEUED = 3


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
    """Results for every path, in order; past ``POOL_THRESHOLD`` files this process and
    ``workers - 1`` pool workers share the chunks."""
    dbt_roots = tuple(
        path[: -len("dbt_project.yml")]
        for path in paths
        if path == "dbt_project.yml" or path.endswith("/dbt_project.yml")
    )
    count = workers if workers is not None else (os.cpu_count() or 1)
    with SecretDetector() as detector:
        if count <= 1 or len(paths) < POOL_THRESHOLD:
            yield from _analyse_paths(root, dbt_roots, paths, detector)
            return
        chunks = [paths[start : start + _CHUNK] for start in range(0, len(paths), _CHUNK)]
        yield from _shared(_Job(root, dbt_roots, chunks, detector), count - 1)


@dataclass
class _Job:
    root: Path
    dbt_roots: tuple[str, ...]
    chunks: list[list[str]]
    detector: SecretDetector
    done: dict[int, list[FileResult]] = field(default_factory=dict)

    def run_here(self, index: int) -> None:
        self.done[index] = _analyse_paths(
            self.root, self.dbt_roots, self.chunks[index], self.detector
        )


def _shared(job: _Job, helpers: int) -> Iterator[FileResult]:
    """This process scans chunks itself while ``helpers`` workers scan others.

    One worker per core would leave this process idle, waiting, yet holding as much memory as a
    worker (its pages are counted again in every forked child): working here instead saves a
    whole process's memory for the same use of the cores. Chunks are handed out one at a time,
    a few queued per worker, so a worker slowed by other load on the machine takes fewer; results
    are yielded in path order as soon as every earlier chunk is done.
    """
    given = emitted = 0
    pending: dict[Future[list[FileResult]], int] = {}
    task = partial(_worker_chunk, job.root, job.dbt_roots)
    try:
        with ProcessPoolExecutor(helpers, mp_context=_context(), initializer=_worker_init) as pool:
            while emitted < len(job.chunks):
                while given < len(job.chunks) and len(pending) < _QUEUED * helpers:
                    pending[pool.submit(task, job.chunks[given])] = given
                    given += 1
                for future in [future for future in pending if future.done()]:
                    job.done[pending.pop(future)] = future.result()
                if emitted not in job.done:
                    if given < len(job.chunks):
                        job.run_here(given)
                        given += 1
                    elif pending:
                        wait(pending, return_when=FIRST_COMPLETED)
                while emitted in job.done:
                    yield from job.done.pop(emitted)
                    emitted += 1
    except (BrokenProcessPool, RuntimeError, OSError):
        # No pool here (a frozen or unguarded __main__, no /dev/shm, a worker killed): this
        # process scans every chunk not yet yielded.
        for index in range(emitted, len(job.chunks)):
            if index not in job.done:
                job.run_here(index)
            yield from job.done.pop(index)


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheapest (workers inherit the loaded scan), but forking a process with other
    # threads running is unsafe (the TUI scans from a worker thread): then forkserver, whose
    # server imports the scan once and forks each worker from that clean state.
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context

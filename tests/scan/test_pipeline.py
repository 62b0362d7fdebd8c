"""The scan gives the same result however its files are shared out.

This process and the pool workers split the files into chunks; results must come back complete
and in path order whatever the number of workers, and the same when no pool can start or a
worker dies half-way (this process then scans what is left).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.scan.corpus_build import materialise, project_names
from wizard.core.evidence.scan import pipeline, scan_project

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_scan.py"


def _generated(into: Path, files: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_scan", _BENCH)
    assert spec is not None and spec.loader is not None
    bench = sys.modules.setdefault("bench_scan", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(bench)  # registered first: its dataclass looks itself up
    into.mkdir()
    bench.generate(into, files)
    return into


def _scan(root: Path, workers: int) -> dict[str, Any]:
    return scan_project(root, workers=workers).model_dump()


def _die_in_worker(*_: object) -> list[pipeline.FileResult]:
    os._exit(3)  # a worker killed mid-scan (out of memory, a signal)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every project through the pool, in many chunks, so order and completeness are tested.
    monkeypatch.setattr(pipeline, "POOL_THRESHOLD", 0)
    monkeypatch.setattr(pipeline, "_CHUNK", 3)


def test_a_large_project_scans_the_same_with_any_number_of_workers(tmp_path: Path) -> None:
    root = _generated(tmp_path / "generated", 900)
    alone = _scan(root, 1)
    assert alone["files_scanned"] == 900 and alone["secrets"]
    assert _scan(root, 2) == alone
    assert _scan(root, 3) == alone


@pytest.mark.usefixtures("small_chunks")
def test_every_corpus_project_scans_the_same_through_the_pool(tmp_path: Path) -> None:
    for name in project_names():
        root = materialise(name, tmp_path).root
        alone = _scan(root, 1)
        assert _scan(root, 2) == alone, name
        assert _scan(root, 3) == alone, name


@pytest.mark.usefixtures("small_chunks")
def test_without_a_pool_this_process_scans_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = materialise("airflow_astro", tmp_path).root
    alone = _scan(root, 1)

    def no_pool(*_: object, **__: object) -> None:
        raise OSError("no /dev/shm")

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", no_pool)
    assert _scan(root, 2) == alone


@pytest.mark.usefixtures("small_chunks")
def test_a_worker_that_dies_loses_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = materialise("kestra_flows", tmp_path).root
    alone = _scan(root, 1)
    monkeypatch.setattr(pipeline, "_worker_chunk", _die_in_worker)
    assert _scan(root, 2) == alone

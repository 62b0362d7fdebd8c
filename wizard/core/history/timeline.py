"""Readiness over time: each review's committed versions, evaluated, and the portfolio's trend.

Each committed version is evaluated as of its own commit day, so a waiver that has expired
since still counted then: the chart shows what the gate would have said at the time. The
work tree's current state (committed or not) is the last point of every line.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wizard.core.history.git import Version, committed_versions
from wizard.core.history.portfolio import READ_ERRORS, PortfolioEntry, read_review, summarise_review
from wizard.core.kb.reporting import load_reporting

DEFAULT_DEPTH = 24
# Below this many versions a process pool costs more than it saves.
PARALLEL_FROM = 400


@dataclass(frozen=True)
class HistoryPoint:
    """The review as one version (a commit, or the work tree) left it."""

    at: datetime
    commit: str  # "" for the work tree
    ready: bool
    level: str
    passing: int


def _point(entry: PortfolioEntry, at: datetime, commit: str) -> HistoryPoint:
    return HistoryPoint(at, commit, entry.ready, entry.level, entry.passing)


def _committed_points(jobs: list[tuple[Path, list[Version]]]) -> list[list[HistoryPoint]]:
    """Each review's committed versions evaluated, oldest first (runs in a worker process)."""
    lines: list[list[HistoryPoint]] = []
    for path, versions in jobs:
        points: list[HistoryPoint] = []
        for version in reversed(versions):
            try:
                review = read_review(path, version.data)
            except READ_ERRORS:
                continue  # a broken commit is a gap in the line, not a failure of the page
            fact = summarise_review(path, review, version.at.date(), current_file=False)
            points.append(_point(fact, version.at, version.commit))
        lines.append(points)
    return lines


def _evaluate_all(jobs: list[tuple[Path, list[Version]]]) -> list[list[HistoryPoint]]:
    """Parsing and evaluating thousands of versions is the slow part: spread it over cores."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or sum(len(versions) for _, versions in jobs) < PARALLEL_FROM:
        return _committed_points(jobs)
    size = max(1, len(jobs) // (workers * 4))
    chunks = [jobs[start : start + size] for start in range(0, len(jobs), size)]
    with ProcessPoolExecutor(workers) as pool:
        return [line for lines in pool.map(_committed_points, chunks) for line in lines]


def review_histories(
    entries: Sequence[PortfolioEntry], now: datetime, *, depth: int = DEFAULT_DEPTH
) -> dict[Path, list[HistoryPoint]]:
    """Oldest first, per readable review: its last ``depth`` commits, then the work tree."""
    readable = [entry for entry in entries if entry.error is None]
    versions = committed_versions([entry.path for entry in readable], limit=depth)
    jobs = [(entry.path, versions.get(entry.path, [])) for entry in readable]
    histories: dict[Path, list[HistoryPoint]] = {}
    for entry, points in zip(readable, _evaluate_all(jobs), strict=True):
        last = points[-1].at if points else now
        points.append(_point(entry, max(now, last), ""))
        histories[entry.path] = points
    return histories


@dataclass(frozen=True)
class TrendPoint:
    """The portfolio at one moment: reviews that existed then, by level and readiness."""

    at: datetime
    reviews: int
    ready: int
    levels: dict[str, int]


def portfolio_trend(
    histories: Iterable[Sequence[HistoryPoint]], *, samples: int = 40
) -> list[TrendPoint]:
    """``samples`` evenly spaced moments from the first commit to now, each review counted at
    its latest version at or before that moment (a review not yet committed is not counted)."""
    lines = [list(points) for points in histories if points]
    if not lines:
        return []
    start = min(points[0].at for points in lines)
    end = max(points[-1].at for points in lines)
    span = (end - start).total_seconds()
    moments = (
        [start]
        if span <= 0
        else [
            datetime.fromtimestamp(start.timestamp() + span * k / (samples - 1), tz=UTC)
            for k in range(samples)
        ]
    )
    stamps = [[point.at.timestamp() for point in points] for points in lines]
    level_ids = [level.id for level in load_reporting().levels]
    trend: list[TrendPoint] = []
    for moment in moments:
        levels = dict.fromkeys(level_ids, 0)
        reviews = ready = 0
        for points, times in zip(lines, stamps, strict=True):
            index = bisect.bisect_right(times, moment.timestamp()) - 1
            if index < 0:
                continue
            reviews += 1
            ready += points[index].ready
            levels[points[index].level] = levels.get(points[index].level, 0) + 1
        trend.append(TrendPoint(moment, reviews, ready, levels))
    return trend

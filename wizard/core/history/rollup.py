"""The portfolio rolled up for a dashboard: by team and host, what fails most, what expires.

Plain data built from ``PortfolioEntry`` values and their histories; the HTML and Markdown pages
(``dashboard_html``, ``dashboard_md``) only render it, so they cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from wizard.core.history.portfolio import PortfolioEntry, find_review_files, summarise_file
from wizard.core.history.timeline import (
    HistoryPoint,
    TrendPoint,
    portfolio_trend,
    review_histories,
)
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.reporting import load_reporting

NO_OWNER = "(no owner)"
EXPIRY_WINDOW_DAYS = 30


@dataclass
class Group:
    """Reviews sharing a team or a host."""

    name: str
    reviews: int = 0
    ready: int = 0
    levels: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class ExpiringWaiver:
    path: Path
    title: str
    item: str
    owner: str
    expires: date
    days_left: int
    reason: str


@dataclass(frozen=True)
class StaleSignoff:
    path: Path
    title: str
    owner: str
    signoff: str


@dataclass
class PortfolioView:
    today: date
    entries: list[PortfolioEntry]
    histories: dict[Path, list[HistoryPoint]]
    trend: list[TrendPoint]
    teams: list[Group]
    hosts: list[Group]
    failing_items: list[tuple[str, str, int, int]]  # id, title, failing, not passing
    expiring: list[ExpiringWaiver]
    stale: list[StaleSignoff]

    @property
    def readable(self) -> list[PortfolioEntry]:
        return [entry for entry in self.entries if entry.error is None]

    def team_of(self, entry: PortfolioEntry) -> str:
        return entry.owner or NO_OWNER


def _groups(entries: Sequence[PortfolioEntry], key: str) -> list[Group]:
    groups: dict[str, Group] = {}
    for entry in entries:
        name = (entry.owner or NO_OWNER) if key == "owner" else entry.host
        group = groups.setdefault(name, Group(name))
        group.reviews += 1
        group.ready += entry.ready
        group.levels[entry.level] += 1
    # Most reviews first; the unowned group last, where it reads as a to-do.
    return sorted(groups.values(), key=lambda g: (g.name == NO_OWNER, -g.reviews, g.name))


def _failing_items(entries: Sequence[PortfolioEntry]) -> list[tuple[str, str, int, int]]:
    failing = Counter(item for entry in entries for item in entry.failing)
    unresolved = Counter(
        item for entry in entries for item in [*entry.failing, *entry.open, *entry.warn]
    )
    rows = [
        (item.id, item.title, failing[item.id], unresolved[item.id])
        for item in load_knowledge().items
    ]
    return sorted((row for row in rows if row[3]), key=lambda row: (-row[2], -row[3], row[0]))


def _expiring(entries: Sequence[PortfolioEntry], today: date) -> list[ExpiringWaiver]:
    found = [
        ExpiringWaiver(
            entry.path,
            entry.title,
            waiver.item,
            waiver.owner,
            waiver.expires,
            (waiver.expires - today).days,
            waiver.reason,
        )
        for entry in entries
        for waiver in entry.waivers
        if 0 <= (waiver.expires - today).days <= EXPIRY_WINDOW_DAYS
    ]
    return sorted(found, key=lambda w: (w.expires, str(w.path), w.item))


def build_view(
    paths: Sequence[Path],
    today: date,
    *,
    history: bool = True,
    depth: int = 24,
    policy_path: Path | None = None,
    allowed_signers: Path | None = None,
    problems: list[str] | None = None,
) -> PortfolioView:
    """Everything the dashboard shows, for the reviews under ``paths`` as of ``today``.

    ``history`` reads each review's git history (one ``git log`` and one ``git cat-file`` per
    repository); without it every review has only its current point.
    """
    entries = [
        summarise_file(path, today, policy_path=policy_path, allowed_signers=allowed_signers)
        for path in find_review_files(paths, problems)
    ]
    readable = [entry for entry in entries if entry.error is None]
    now = datetime.combine(today, time(23, 59, 59), tzinfo=UTC)
    if history:
        histories = review_histories(readable, now, depth=depth)
    else:
        histories = {
            entry.path: [HistoryPoint(now, "", entry.ready, entry.level, entry.passing)]
            for entry in readable
        }
    stale = [
        StaleSignoff(entry.path, entry.title, entry.owner or NO_OWNER, label)
        for entry in readable
        for label in entry.stale_signoffs
    ]
    return PortfolioView(
        today=today,
        entries=entries,
        histories=histories,
        trend=portfolio_trend(histories.values()),
        teams=_groups(readable, "owner"),
        hosts=_groups(readable, "host"),
        failing_items=_failing_items(readable),
        expiring=_expiring(readable, today),
        stale=stale,
    )


def level_titles() -> list[tuple[str, str]]:
    return [(level.id, level.title) for level in load_reporting().levels]

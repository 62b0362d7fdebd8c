"""``status --format md``: the portfolio for a CI step summary or a pull-request comment.

The same roll-ups as the HTML page, as GitHub-flavoured Markdown; the trend is a line of block
characters (the share of reviews that were ready), which every Markdown viewer shows.
"""

from __future__ import annotations

from wizard.core.history.rollup import Group, PortfolioView, level_titles
from wizard.core.safety.markup import code, text

BLOCKS = "▁▂▃▄▅▆▇█"
REVIEW_ROWS = 200  # a step summary holds at most 1 MiB; the rest is counted, not listed


def _spark(shares: list[float]) -> str:
    return "".join(BLOCKS[min(int(share * len(BLOCKS)), len(BLOCKS) - 1)] for share in shares)


def _groups(title: str, groups: list[Group], levels: list[tuple[str, str]]) -> list[str]:
    head = " | ".join(name for _, name in levels)
    lines = [f"### {title}", "", f"| {title.split()[-1].title()} | Reviews | Ready | {head} |"]
    lines.append("| --- | ---: | ---: |" + " ---: |" * len(levels))
    for group in groups:
        counts = " | ".join(str(group.levels.get(level, 0)) for level, _ in levels)
        lines.append(f"| {text(group.name)} | {group.reviews} | {group.ready} | {counts} |")
    return [*lines, ""]


def render_dashboard_md(view: PortfolioView) -> str:
    levels = level_titles()
    readable = view.readable
    ready = sum(entry.ready for entry in readable)
    tally = ", ".join(
        f"{sum(1 for e in readable if e.level == level)} {title.lower()}" for level, title in levels
    )
    lines = [
        "## Readiness portfolio",
        "",
        f"As of {view.today.isoformat()}: **{len(readable)} reviews, {ready} ready** ({tally})"
        + (
            f"; {len(view.entries) - len(readable)} unreadable"
            if len(view.entries) > len(readable)
            else ""
        ),
        "",
    ]
    if len(view.trend) > 1:
        shares = [point.ready / point.reviews if point.reviews else 0.0 for point in view.trend]
        lines += [
            f"Ready over time, {view.trend[0].at.date()} → {view.trend[-1].at.date()}: "
            f"`{_spark(shares)}` ({shares[0]:.0%} → {shares[-1]:.0%})",
            "",
        ]
    lines += _groups("Readiness by team", view.teams, levels)
    lines += _groups("Readiness by host", view.hosts, levels)
    lines += ["### Items failing most", ""]
    if view.failing_items:
        lines += ["| Item | Failing | Not passing (fail, open, warn) |", "| --- | ---: | ---: |"]
        lines += [
            f"| {text(title)} ({code(item)}) | {failing} | {unresolved} |"
            for item, title, failing, unresolved in view.failing_items
        ]
    else:
        lines.append("Every item passes or is waived everywhere.")
    lines += ["", f"### Waivers expiring in the next 30 days ({len(view.expiring)})", ""]
    if view.expiring:
        lines += ["| Expires | Review | Item | Owner |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {w.expires.isoformat()} ({w.days_left} d) | {code(w.path)} | {code(w.item)} | "
            f"{text(w.owner)} |"
            for w in view.expiring
        ]
    else:
        lines.append("None.")
    lines += ["", f"### Stale sign-offs ({len(view.stale)})", ""]
    if view.stale:
        lines += ["| Review | Team | Sign-off |", "| --- | --- | --- |"]
        lines += [f"| {code(s.path)} | {text(s.owner)} | {text(s.signoff)} |" for s in view.stale]
    else:
        lines.append("None.")
    lines += ["", "### Reviews below the top level", ""]
    top = levels[-1][0]
    below = sorted((e for e in readable if e.level != top), key=lambda e: (e.level, str(e.path)))
    titles = dict(levels)
    if below:
        lines += ["| Review | Team | Level | Next level needs |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {code(e.path)} | {text(view.team_of(e))} | {text(titles.get(e.level, e.level))} | "
            f"{text('; '.join(e.level_missing[:3]))} |"
            for e in below[:REVIEW_ROWS]
        ]
        if len(below) > REVIEW_ROWS:
            lines += ["", f"… and {len(below) - REVIEW_ROWS} more (see `status --format html`)."]
    else:
        lines.append("None: every review is at the top level.")
    unreadable = [e for e in view.entries if e.error is not None]
    if unreadable:
        lines += ["", "### Unreadable files", ""]
        lines += [f"- {code(e.path)}: {text(e.error)}" for e in unreadable]
    return "\n".join(lines) + "\n"

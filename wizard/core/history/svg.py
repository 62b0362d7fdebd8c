"""Small inline SVG charts for the dashboard, drawn here so the page needs nothing from outside.

Every chart has a ``<title>`` (read by screen readers and shown as a tooltip) and fixed,
small dimensions, so a page with a thousand sparklines stays light.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from wizard.core.history.timeline import HistoryPoint, TrendPoint

# Floor red, top green, anything between amber and blue: readable on white, distinct in grey.
_PALETTE = ("#b3261e", "#c77700", "#1f6feb", "#6f42c1", "#1a7f37")


def level_colours(level_ids: Sequence[str]) -> dict[str, str]:
    """A colour per level: the floor red, the top green, the ones between from the palette."""
    if len(level_ids) == 1:
        return {level_ids[0]: _PALETTE[-1]}
    middle = _PALETTE[1:-1]
    last = len(level_ids) - 1
    return {
        level: _PALETTE[0]
        if index == 0
        else _PALETTE[-1]
        if index == last
        else middle[(index - 1) % len(middle)]
        for index, level in enumerate(level_ids)
    }


def _svg(width: int, height: int, title: str, body: str, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img"{klass}><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def sparkline(
    points: Sequence[HistoryPoint], colours: Mapping[str, str], *, items: int, label: str
) -> str:
    """Passing items per version over time; the last dot in the colour of the current level."""
    width, height, pad = 120, 24, 3
    if not points:
        return _svg(width, height, f"{label}: no history", "")
    first, last = points[0].at.timestamp(), points[-1].at.timestamp()
    span = (last - first) or 1.0

    def xy(point: HistoryPoint) -> tuple[float, float]:
        x = pad + (width - 2 * pad) * ((point.at.timestamp() - first) / span if last > first else 1)
        y = height - pad - (height - 2 * pad) * point.passing / max(items, 1)
        return round(x, 1), round(y, 1)

    coords = [xy(point) for point in points]
    line = " ".join(f"{x},{y}" for x, y in coords)
    end_x, end_y = coords[-1]
    body = (
        f'<polyline points="{line}" fill="none" stroke="#57606a" stroke-width="1.5"/>'
        f'<circle cx="{end_x}" cy="{end_y}" r="3" '
        f'fill="{colours.get(points[-1].level, "#57606a")}"/>'
    )
    versions = len(points) - 1
    title = (
        f"{label}: {points[-1].passing} of {items} items pass now; {versions} committed "
        f"version(s) since {points[0].at.date().isoformat()}"
    )
    return _svg(width, height, title, body, "spark")


def stacked_bar(
    counts: Mapping[str, int], colours: Mapping[str, str], total: int, label: str
) -> str:
    """One horizontal bar split by level."""
    width, height = 160, 14
    x = 0.0
    body = ""
    for level, colour in colours.items():
        share = counts.get(level, 0) / total * width if total else 0
        if share:
            body += (
                f'<rect x="{x:.1f}" y="0" width="{share:.1f}" height="{height}" fill="{colour}"/>'
            )
        x += share
    parts = ", ".join(f"{counts.get(level, 0)} {level}" for level in colours)
    return _svg(width, height, f"{label}: {parts}", body, "bar")


def meter(value: int, maximum: int, label: str) -> str:
    width, height = 160, 12
    share = value / maximum * width if maximum else 0
    body = (
        f'<rect width="{width}" height="{height}" fill="#eaeef2"/>'
        f'<rect width="{share:.1f}" height="{height}" fill="#b3261e"/>'
    )
    return _svg(width, height, label, body, "bar")


def trend_chart(trend: Sequence[TrendPoint], colours: Mapping[str, str]) -> str:
    """Reviews per level over time, stacked (the floor at the bottom)."""
    width, height, left, bottom, top = 1240, 220, 44, 26, 10
    if not trend:
        return _svg(width, height, "portfolio trend: no reviews", "")
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max(max(point.reviews for point in trend), 1)
    times = [point.at.timestamp() for point in trend]
    span = (times[-1] - times[0]) or 1.0

    def x(index: int) -> float:
        return left + plot_w * ((times[index] - times[0]) / span if len(trend) > 1 else 1)

    def y(value: float) -> float:
        return top + plot_h * (1 - value / peak)

    body = ""
    for step in range(5):
        value = peak * step / 4
        body += (
            f'<line x1="{left}" x2="{width - 10}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#d0d7de" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value:.0f}</text>'
        )
    below = [0.0] * len(trend)
    for level, colour in colours.items():
        above = [below[i] + trend[i].levels.get(level, 0) for i in range(len(trend))]
        upper = " ".join(f"{x(i):.1f},{y(above[i]):.1f}" for i in range(len(trend)))
        lower = " ".join(f"{x(i):.1f},{y(below[i]):.1f}" for i in reversed(range(len(trend))))
        body += f'<polygon points="{upper} {lower}" fill="{colour}" fill-opacity="0.85"/>'
        below = above
    ready = " ".join(f"{x(i):.1f},{y(point.ready):.1f}" for i, point in enumerate(trend))
    body += (
        f'<polyline points="{ready}" fill="none" stroke="#24292f" stroke-width="2" '
        'stroke-dasharray="5 3"/>'
    )
    for index, anchor in ((0, "start"), (len(trend) // 2, "middle"), (len(trend) - 1, "end")):
        body += (
            f'<text x="{x(index):.1f}" y="{height - 8}" text-anchor="{anchor}">'
            f"{trend[index].at.date().isoformat()}</text>"
        )
    end = trend[-1]
    title = (
        f"Portfolio trend from {trend[0].at.date()} to {end.at.date()}: now {end.reviews} "
        f"reviews, {end.ready} ready; "
        + ", ".join(f"{end.levels.get(level, 0)} {level}" for level in colours)
    )
    return _svg(width, height, title, body, "trend")

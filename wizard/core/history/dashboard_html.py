"""``status --format html``: the portfolio as one self-contained page.

No script, no font, no image, no stylesheet from anywhere: styles are inline and every chart is
inline SVG from ``svg``; a Content-Security-Policy meta tag makes a browser refuse anything else.
The page leads with the roll-ups (levels, trend, teams, hosts, failing items, expiring waivers,
stale sign-offs) and folds each team's reviews into a ``<details>`` block, so a thousand reviews
stay readable without a filter script.
"""

from __future__ import annotations

from html import escape

from wizard import __version__
from wizard.core.history.rollup import Group, PortfolioView, level_titles
from wizard.core.history.svg import level_colours, meter, sparkline, stacked_bar, trend_chart
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.safety.terminal import block

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:1320px;margin:0 auto;padding:16px 24px 40px}
h1{font-size:24px;margin:8px 0 2px}
h2{font-size:17px;margin:0 0 8px}
.meta{color:#57606a;margin:0 0 16px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:26px}
.card span{color:#57606a}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:14px 16px;
  margin-bottom:16px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.grid>section{margin:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:3px 8px;
  border-bottom:1px solid #eaeef2;vertical-align:middle}
th{font-weight:600;color:#57606a;position:sticky;top:0;background:#fff}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{max-height:22em;overflow:auto}
.lvl{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-size:12px;
  font-weight:600}
details{border-top:1px solid #eaeef2;padding:4px 0}
summary{cursor:pointer;padding:4px 0}
summary svg{vertical-align:middle;margin-left:8px}
.legend span{display:inline-block;margin-right:14px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
svg text{font:11px system-ui,sans-serif;fill:#57606a}
.muted{color:#57606a}
code{font-size:12px}
"""


def _e(value: object) -> str:
    return escape(block(str(value)))


def _level_tag(level: str, colours: dict[str, str], titles: dict[str, str]) -> str:
    colour = colours.get(level, "#57606a")
    return f'<span class="lvl" style="background:{colour}">{_e(titles.get(level, level))}</span>'


def _group_table(title: str, groups: list[Group], colours: dict[str, str]) -> str:
    rows = "".join(
        f"<tr><td>{_e(group.name)}</td><td class=n>{group.reviews}</td><td class=n>{group.ready}"
        f"</td><td>{stacked_bar(group.levels, colours, group.reviews, group.name)}</td></tr>"
        for group in groups
    )
    return (
        f"<section><h2>{title}</h2><div class=scroll><table><tr><th>{title.split()[-1].title()}"
        f"</th><th>Reviews</th><th>Ready</th><th>Levels</th></tr>{rows}</table></div></section>"
    )


def _failing(view: PortfolioView) -> str:
    if not view.failing_items:
        everywhere = "Every item passes or is waived everywhere."
        return f"<section><h2>Items failing most</h2><p>{everywhere}</p></section>"
    peak = max(row[3] for row in view.failing_items)
    rows = "".join(
        f"<tr><td>{_e(title)} <code>{_e(item)}</code></td><td class=n>{failing}</td>"
        f"<td class=n>{unresolved}</td><td>{meter(unresolved, peak, f'{item}: {unresolved}')}"
        "</td></tr>"
        for item, title, failing, unresolved in view.failing_items
    )
    return (
        "<section><h2>Items failing most</h2><table><tr><th>Item</th><th>Failing</th>"
        f"<th>Not passing (fail, open, warn)</th><th></th></tr>{rows}</table></section>"
    )


def _expiring(view: PortfolioView) -> str:
    rows = "".join(
        f"<tr><td>{w.expires.isoformat()}</td><td class=n>{w.days_left}</td><td>{_e(w.title)}"
        f"<br><code>{_e(w.path)}</code></td><td><code>{_e(w.item)}</code></td><td>{_e(w.owner)}"
        f"</td><td>{_e(w.reason)}</td></tr>"
        for w in view.expiring
    )
    body = (
        f"<div class=scroll><table><tr><th>Expires</th><th>Days</th><th>Review</th><th>Item</th>"
        f"<th>Owner</th><th>Reason</th></tr>{rows}</table></div>"
        if rows
        else "<p>None.</p>"
    )
    heading = f"Waivers expiring in the next 30 days ({len(view.expiring)})"
    return f"<section><h2>{heading}</h2>{body}</section>"


def _stale(view: PortfolioView) -> str:
    rows = "".join(
        f"<tr><td>{_e(s.title)}<br><code>{_e(s.path)}</code></td><td>{_e(s.owner)}</td>"
        f"<td>{_e(s.signoff)}</td></tr>"
        for s in view.stale
    )
    body = (
        f"<div class=scroll><table><tr><th>Review</th><th>Team</th><th>Sign-off</th></tr>{rows}"
        "</table></div>"
        if rows
        else "<p>None.</p>"
    )
    return f"<section><h2>Stale sign-offs ({len(view.stale)})</h2>{body}</section>"


def _reviews(view: PortfolioView, colours: dict[str, str], titles: dict[str, str]) -> str:
    items = len(load_knowledge().items)
    blocks = []
    for group in view.teams:
        members = [e for e in view.readable if view.team_of(e) == group.name]
        rows = "".join(
            f"<tr><td>{_e(e.title)}<br><code>{_e(e.path)}</code></td><td>{_e(e.host)}</td>"
            f"<td>{_level_tag(e.level, colours, titles)}</td>"
            f"<td class=muted>{_e('; '.join(e.level_missing[:3]) or '—')}</td>"
            f"<td>{_e(e.signoff_summary)}</td>"
            f"<td>{sparkline(view.histories.get(e.path, []), colours, items=items, label=e.title)}"
            "</td></tr>"
            for e in sorted(members, key=lambda e: (e.level, str(e.path)))
        )
        bar = stacked_bar(group.levels, colours, group.reviews, group.name)
        blocks.append(
            f"<details><summary><b>{_e(group.name)}</b> — {group.reviews} review(s), "
            f"{group.ready} ready{bar}</summary><table><tr><th>Review</th><th>Host</th>"
            "<th>Level</th><th>Next level needs</th><th>Sign-off</th><th>Passing items over "
            f"git history</th></tr>{rows}</table></details>"
        )
    return f"<section><h2>Reviews by team</h2>{''.join(blocks) or '<p>None found.</p>'}</section>"


def render_dashboard_html(view: PortfolioView) -> str:
    titles = dict(level_titles())
    colours = level_colours(list(titles))
    readable = view.readable
    counts = {level: sum(1 for e in readable if e.level == level) for level in titles}
    unreadable = [e for e in view.entries if e.error is not None]
    cards = f"<div class=card><b>{len(readable)}</b><span>reviews</span></div>"
    cards += f"<div class=card><b>{sum(e.ready for e in readable)}</b><span>ready</span></div>"
    cards += "".join(
        f'<div class=card style="border-top:4px solid {colours[level]}"><b>{counts[level]}</b>'
        f"<span>{_e(titles[level])}</span></div>"
        for level in titles
    )
    legend = (
        "".join(
            f'<span><i style="background:{colours[level]}"></i>{_e(titles[level])}</span>'
            for level in titles
        )
        + "<span>- - ready</span>"
    )
    broken = "".join(f"<li><code>{_e(e.path)}</code>: {_e(e.error)}</li>" for e in unreadable)
    parts = [
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>",
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name=viewport content="width=device-width, initial-scale=1">',
        f"<title>Readiness portfolio — {len(readable)} reviews</title><style>{STYLE}</style>",
        "</head><body><main><h1>Readiness portfolio</h1>",
        f"<p class=meta>As of {view.today.isoformat()} · {len(view.teams)} team(s) · "
        f"{len(view.hosts)} host(s) · {len(unreadable)} unreadable file(s)</p>",
        f"<div class=cards>{cards}</div>",
        f"<section><h2>Trend</h2>{trend_chart(view.trend, colours)}<p class=legend>{legend}</p>"
        "</section>",
        '<div class=grid style="margin-bottom:16px">',
        _group_table("Readiness by team", view.teams, colours),
        _group_table("Readiness by host", view.hosts, colours),
        "</div>",
        _failing(view),
        '<div class=grid style="margin-bottom:16px">',
        _expiring(view),
        _stale(view),
        "</div>",
        _reviews(view, colours, titles),
        f"<section><h2>Unreadable files</h2><ul>{broken}</ul></section>" if broken else "",
        f"<p class=muted>truthound-readiness {__version__} · knowledge base "
        f"{load_knowledge().version}</p></main></body></html>\n",
    ]
    return "\n".join(parts)

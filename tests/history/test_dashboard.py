"""The portfolio dashboard (``status --format html|md``) over a real git repository with history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.core.builders import ready_review
from wizard.core.history import git as history_git
from wizard.core.history.portfolio import summarise_file
from wizard.core.history.timeline import review_histories
from wizard.core.review.model import Review, Waiver
from wizard.core.review.store import review_to_toml
from wizard.core.signoff.signoffs import create_signoff

TODAY = date(2026, 11, 28)
START = datetime(2026, 10, 1, 12, tzinfo=UTC)
SECRET = "Dash-Planted-Pw-93"


def commit(repo: Path, message: str, when: datetime) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when.isoformat(),
        "GIT_COMMITTER_DATE": when.isoformat(),
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)


def write(path: Path, review: Review) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(review_to_toml(review), encoding="utf-8")


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    """Three reviews of two teams over four commits, plus one unreadable file.

    payments/orders: not ready, then ready, then approved (production), then an edit makes the
    approval stale. payments/refunds: rules nobody owns and a committed credential throughout,
    the credential waived (until 10 days from today) and resilience too (40 days).
    search/index (no owner at first): ready from the start.
    """
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    orders = repo / "payments" / "orders" / "readiness-review.toml"
    refunds = repo / "payments" / "refunds.readiness.toml"
    index = repo / "search" / "index" / "readiness-review.toml"

    first = ready_review(**{"results.tested": None})
    first.owner = "payments"
    write(orders, first)
    leaky = ready_review(**{"secrets.none_committed": "no", "rules.owned": "no"})
    leaky.owner = "payments"
    write(refunds, leaky)
    write(index, ready_review())
    commit(repo, "first reviews", START)

    ready = ready_review()
    ready.owner = "payments"
    write(orders, ready)
    commit(repo, "orders answered", START + timedelta(days=14))

    create_signoff(ready, reviewer="Bo", role="approver", decision="approve", today=TODAY)
    write(orders, ready)
    soon, later = TODAY + timedelta(days=10), TODAY + timedelta(days=40)
    leaky.waivers = [
        Waiver(item="secrets", reason="rotation booked", owner="sam", expires=soon),
        Waiver(item="resilience", reason="retries next quarter", owner="sam", expires=later),
    ]
    write(refunds, leaky)
    commit(repo, "approved", START + timedelta(days=28))

    ready.title = "Orders (renamed after the approval)"
    write(orders, ready)
    owned = ready_review()
    owned.owner = "search"
    write(index, owned)
    (repo / "broken" / "readiness-review.toml").parent.mkdir()
    (repo / "broken" / "readiness-review.toml").write_text("schema_version = 1\ntitle = 'x\n")
    (repo / "payments" / "notes.py").write_text(f'DSN = "postgresql://a:{SECRET}@h/d"\n')
    commit(repo, "rename", START + timedelta(days=42))
    return repo


def status(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", "status", ".", "--today", TODAY.isoformat(), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


class _References(HTMLParser):
    """Everything in a page that would make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.tags: set[str] = set()
        self.csp = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.csp = values.get("content") or ""
        for name in ("src", "srcset", "data", "poster", "background"):
            if values.get(name):
                self.fetches.append(f"{tag} {name}={values[name]}")
        if tag == "link" and values.get("href"):
            self.fetches.append(f"link href={values['href']}")


def test_the_html_dashboard_is_one_self_contained_page_with_every_roll_up(
    portfolio: Path,
) -> None:
    done = status(portfolio, "--format", "html")
    # The broken review is listed on the page and named on stderr; exit 2 says one was unreadable.
    assert done.returncode == 2 and "could not be read" in done.stderr, done.stderr
    page = done.stdout
    parser = _References()
    parser.feed(page)
    assert parser.fetches == [] and "script" not in parser.tags
    assert "default-src 'none'" in parser.csp
    assert "url(" not in page and "@import" not in page
    svgs = [chunk.split("</svg>")[0] + "</svg>" for chunk in page.split("<svg")[1:]]
    for svg in svgs:
        ET.fromstring("<svg" + svg)  # every chart is well-formed SVG
    titles = [
        ET.fromstring("<svg" + svg).findtext("{http://www.w3.org/2000/svg}title") or ""
        for svg in svgs
    ]
    # One sparkline per review, each with its git history: orders has 4 versions, index 2.
    assert any(
        t.startswith("Orders (renamed after the approval): 9 of 9 items pass now; 4 committed")
        for t in titles
    )
    trend = next(t for t in titles if t.startswith("Portfolio trend"))
    assert "from 2026-10-01" in trend and "now 3 reviews, 2 ready" in trend
    assert "Readiness by team" in page and "Readiness by host" in page
    assert ">payments<" in page and ">search<" in page
    assert "Waivers expiring in the next 30 days (1)" in page
    assert "rotation booked" in page and "retries next quarter" not in page
    assert "Stale sign-offs (1)" in page and "Bo (approver)" in page
    failing = page[page.index("Items failing most") :]
    assert failing.index(
        "<code>rule-vocabulary</code></td><td class=n>0</td><td class=n>1<"
    ) < failing.index("</table>")
    assert "Unreadable files" in page and "broken/readiness-review.toml" in page
    assert SECRET not in page


def test_histories_are_read_with_two_git_processes_per_repository(
    portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    real = history_git._git

    def counting(
        args: list[str], cwd: Path, **kwargs: object
    ) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return real(args, cwd, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(history_git, "_git", counting)
    files = sorted(portfolio.rglob("*.toml"))
    entries = [summarise_file(path, TODAY) for path in files]
    now = datetime(2026, 11, 28, 23, tzinfo=UTC)
    histories = review_histories(entries, now)
    assert [args[0] for args in calls] == ["log", "cat-file"]
    orders = portfolio / "payments" / "orders" / "readiness-review.toml"
    line = histories[orders]
    assert [point.ready for point in line] == [False, True, True, True, True]
    assert [point.level for point in line] == ["basic", "basic", "production", "basic", "basic"]
    assert line[-1].commit == "" and all(point.commit for point in line[:-1])
    assert portfolio / "broken" / "readiness-review.toml" not in histories


def test_the_markdown_page_and_json_carry_owner_and_level(portfolio: Path) -> None:
    md = status(portfolio, "--format", "md")
    assert md.returncode == 2 and "could not be read" in md.stderr, md.stderr
    text = md.stdout
    assert "**3 reviews, 2 ready**" in text and "1 unreadable" in text
    assert "| payments | 2 | 1 |" in text
    assert "Ready over time, 2026-10-01" in text
    assert (
        "### Stale sign-offs (1)" in text and "### Waivers expiring in the next 30 days (1)" in text
    )
    assert SECRET not in text
    data = json.loads(status(portfolio, "--format", "json").stdout)
    levels = {Path(e["path"]).parent.name: e.get("level") for e in data["reviews"]}
    assert levels["orders"] == "basic" and levels["index"] == "basic"
    owners = {Path(e["path"]).parent.name: e.get("owner") for e in data["reviews"]}
    assert owners["index"] == "search"


def test_without_git_or_history_every_review_has_its_current_point(tmp_path: Path) -> None:
    write(tmp_path / "a" / "readiness-review.toml", ready_review())
    out = tmp_path / "page.html"
    for extra in ([], ["--no-history"]):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "wizard",
                "status",
                str(tmp_path),
                "--format",
                "html",
                "-o",
                str(out),
                *extra,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "0 committed version(s)" in out.read_text(encoding="utf-8")
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "wizard",
            "status",
            str(tmp_path),
            "--format",
            "md",
            "--history-depth",
            "0",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "--history-depth" in bad.stderr

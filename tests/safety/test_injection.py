"""Terminal and Markdown injection through every text field a review holds.

Payloads (escape sequences including an OSC 52 clipboard write, C1 controls, bidi overrides,
newlines forging ``READY`` and headings, table pipes, backticks, raw HTML and ``</details>``)
are written into the title, answers, notes, evidence, waiver reasons and owners, sign-off
names, roles and comments, and the strings a probe reports (executable, errors, check
messages). The real CLI then prints and exports the file, and the output is inspected.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.safety.cli import run_main, run_process
from tests.signoff.builders import ready_review
from wizard.core.review.model import SignOff, Waiver
from wizard.core.review.store import create_review

ESC = "\x1b"
PAYLOADS = {
    "osc52": f"{ESC}]52;c;ZWNobyBwd25lZA=={ESC}\\",
    "csi": f"{ESC}[2J{ESC}[31mred",
    "c1": "\x9b31m\x9d0;title\x07",
    "bidi": "abc\u202edcba\u2066x\u2069",
    "forged": "x\n\nREADY\n",
    "cr": "hidden\rREADY",
    "markdown": "a | b `c` <b>bold</b> </details>\n# Heading\n<script>alert(1)</script>",
}
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _payload() -> str:
    return " ".join(PAYLOADS.values())


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A ready review with the payloads in every free-text field, written by the store."""
    bad = _payload()
    review = ready_review()
    # As if edited by hand: the answer parser itself refuses control characters.
    for question_id in ("results.consumers", "obs.owner", "source.connection"):
        review.answers[question_id].value = bad
    review.title = ("T " + bad)[:200]
    review.answers["results.consumers"].note = bad
    review.answers["results.consumers"].evidence = [bad]
    review.waivers = [
        Waiver(item="observability", reason=bad, owner=bad[:100], expires=date(2099, 1, 1))
    ]
    review.signoffs = [
        SignOff(
            reviewer=bad[:200],
            role=bad[:50],
            decision="approve",
            at=review.updated,
            content_hash="sha256:0",
            comment=bad,
            signer=bad,
        )
    ]
    assert review.probe is not None and review.probe.environment is not None
    review.probe.environment.executable = bad
    review.probe.errors.append(bad)
    path = tmp_path / "readiness-review.toml"
    create_review(path, review)
    return path


def _terminal_ok(text: str) -> None:
    assert not _RAW.search(text), repr(_RAW.search(text))


def test_check_and_status_print_no_control_and_cannot_forge_a_verdict(planted: Path) -> None:
    for args in (
        ["check", str(planted)],
        ["check", str(planted), "--format", "json"],
        ["status", str(planted.parent)],
        ["verify", str(planted)],
        ["diff", str(planted), str(planted)],
        ["export", str(planted), "--format", "md"],
    ):
        ran = run_main(*args)
        _terminal_ok(ran.out)
        _terminal_ok(ran.err)
        if args[0] in {"check", "status"} and "json" not in args:
            lines = ran.out.splitlines()
            # The only verdict is the tool's own: no line of user text reads READY by itself.
            verdicts = [line for line in lines if line.strip() in {"READY", "NOT READY"}]
            assert verdicts == ([lines[-1]] if args[0] == "check" else []), lines
            if args[0] == "status":
                assert len(lines) == 2, lines  # one line per file, then the totals


def test_a_real_process_shows_escapes_not_sequences(planted: Path) -> None:
    ran = run_process("check", str(planted), cwd=planted.parent)
    _terminal_ok(ran.out + ran.err)
    assert "\\x1b]52" in ran.out  # shown, visibly, as text


def test_markdown_keeps_its_structure(planted: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    ran = run_main("export", str(planted), "--format", "md", "-o", str(out))
    assert ran.code == 0, ran.err
    page = out.read_text(encoding="utf-8")
    _terminal_ok(page)
    lines = page.splitlines()
    assert [line for line in lines if line.startswith("# ")] == [lines[0]]
    assert not any(line.startswith("# Heading") or line.strip("# ") == "Heading" for line in lines)
    assert page.count("<details>") == page.count("</details>")
    assert "<script>" not in page and "<b>" not in page
    _tables_keep_their_columns(lines)


def _tables_keep_their_columns(lines: list[str]) -> None:
    """Every row of a table has as many unescaped ``|`` as its header row."""
    width = None
    for line in lines:
        if not line.startswith("|"):
            width = None
            continue
        pipes = len(re.findall(r"(?<!\\)\|", line))
        width = pipes if width is None else width
        assert pipes == width, line


def test_html_and_junit_escape_the_same_fields(planted: Path, tmp_path: Path) -> None:
    for fmt in ("html", "junit"):
        out = tmp_path / f"review.{fmt}"
        ran = run_main("export", str(planted), "--format", fmt, "-o", str(out))
        assert ran.code == 0, ran.err
        page = out.read_text(encoding="utf-8")
        assert "<script>" not in page and "</details>\n# Heading" not in page
        assert ESC not in page


def test_portfolio_markdown_keeps_its_structure(planted: Path) -> None:
    ran = run_main("status", str(planted.parent), "--format", "md")
    assert ran.code == 0, ran.err
    _terminal_ok(ran.out)
    assert "<script>" not in ran.out
    assert not any(line.startswith("# Heading") for line in ran.out.splitlines())
    _tables_keep_their_columns(ran.out.splitlines())


def test_the_tui_shows_review_and_probe_text_inert(planted: Path) -> None:
    """What the TUI renders of the same fields: item details, the probe line, saved answers."""
    from wizard.core.evaluation.evaluate import evaluate
    from wizard.core.review.store import load_review
    from wizard.tui.screens.item_detail import item_content
    from wizard.tui.widgets.probe_status import summary
    from wizard.tui.widgets.question_view import saved_line

    review = load_review(planted).review
    assert review.probe is not None
    evaluation = evaluate(review, review.probe, date(2099, 1, 2))
    shown = [item_content(item).plain for item in evaluation.items]
    shown.append(summary(review.probe).plain)
    shown += [saved_line(answer, None).plain for answer in review.answers.values()]
    for text in shown:
        # Content may hold its own line breaks between parts, never ones from a value.
        for line in text.splitlines():
            _terminal_ok(line)
            assert line.strip() != "READY"
    assert any("\\x1b]52" in text for text in shown)

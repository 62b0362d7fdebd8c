"""Evidence first in the real app: the scan's finding is shown at secrets.none_committed before
it is answered, the implied answer is preselected, and a contradicting answer is flagged at the
question and fails the item. A real git repository, the real scan command, the real TUI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.core.builders import ready_review
from tests.support.evidence_project import plant_credential, planted_password, prefect_repo
from tests.tui import scenes
from tests.tui.driving import (
    answer_with_keys,
    current_question,
    question_view,
    review_screen,
    shown_status,
    wait_until_loaded,
)
from wizard.core.review.store import create_review
from wizard.tui.app import make_app
from wizard.tui.widgets.answer_choice import ChoiceAnswer
from wizard.tui.widgets.question_evidence import EvidencePanel

QUESTION = "secrets.none_committed"


def review_waiting_at_the_secret_question(tmp_path: Path) -> tuple[Path, str]:
    """Every answer but QUESTION given; the real `scan --review` stores the real scan."""
    root = prefect_repo(tmp_path / "project")
    file, line = plant_credential(root)
    review = ready_review()
    review.answers.pop(QUESTION)
    path = tmp_path / "review.toml"
    create_review(path, review)
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "scan", str(root), "--review", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # 0 or 1: whether an open finding fails `scan` is another change's (issue 15, point 6).
    assert done.returncode in (0, 1) and "Scan saved" in done.stdout, done.stdout + done.stderr
    return path, f"{file}:{line}"


def panel_text(pilot: object) -> str:
    panel = question_view(pilot).query_one(EvidencePanel)  # type: ignore[arg-type]
    return str(panel.render()) if panel.display else ""


async def test_the_scan_finding_is_shown_and_a_contradicting_answer_fails_the_item(
    tmp_path: Path,
) -> None:
    path, where = review_waiting_at_the_secret_question(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_until_loaded(pilot)
        assert current_question(pilot) == QUESTION
        before = panel_text(pilot)
        assert where in before and "probe:project" in before
        assert planted_password() not in before
        assert "Implied answer: no" in before
        widget = question_view(pilot).answer_input()
        assert isinstance(widget, ChoiceAnswer)
        assert widget.highlighted_option is not None and widget.highlighted_option.id == "no"

        # The operator attests "yes" anyway: saved, but flagged, and the item cannot pass.
        await answer_with_keys(pilot, "yes")
        screen = review_screen(pilot)
        assert screen.evaluation is not None
        secrets = screen.evaluation.item("secrets")
        assert secrets.status == "fail"
        assert any("contradicts" in r and where in r for r in secrets.reasons)
        assert "fail" in shown_status(pilot, "secrets").lower()
        screen.go_to(QUESTION)
        await pilot.pause()
        after = panel_text(pilot)
        assert "contradicts the evidence" in after and where in after
        assert question_view(pilot).query_one(EvidencePanel).has_class("-conflict")


async def test_the_panel_sits_beside_the_question_on_a_wide_terminal_and_inside_it_on_80(
    tmp_path: Path,
) -> None:
    path, _ = review_waiting_at_the_secret_question(tmp_path)
    for size, beside in (((200, 50), True), ((80, 24), False)):
        app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
        async with app.run_test(size=size) as pilot:
            await wait_until_loaded(pilot)
            view = question_view(pilot)
            panel = view.query_one(EvidencePanel).region
            head = view.query_one("#head").region
            if beside:
                assert panel.x >= head.right and panel.y <= head.y + 1
            else:
                assert panel.y >= head.bottom and panel.width >= head.width - 2

"""Selected state is drawn as a glyph, so it reads under NO_COLOR as well as in colour."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from tests.tui import scenes
from tests.tui.driving import current_question, review_screen, wait_until_loaded
from wizard.core.review.store import create_review, new_review
from wizard.tui.app import make_app
from wizard.tui.widgets.answer_choice import ChoiceAnswer
from wizard.tui.widgets.answer_multi import MultiAnswer
from wizard.tui.widgets.glyph_toggles import GlyphCheckbox, GlyphRadioButton


def rendered(widget: Widget) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def has_line(widget: Widget, start: str) -> bool:
    return any(line.strip().startswith(start) for line in rendered(widget))


async def test_choices_and_boxes_show_a_glyph_under_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "readiness-review.toml"
    create_review(path, new_review("Orders", "airflow", "truthound"))
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until_loaded(pilot)
        assert current_question(pilot) == "quickstart.local_run"
        choice = app.screen.query_one(ChoiceAnswer)
        await pilot.pause()
        assert has_line(choice, "(•) Yes") and has_line(choice, "( ) No"), rendered(choice)
        choice.focus()
        await pilot.press("down")
        await pilot.pause()
        assert has_line(choice, "( ) Yes") and has_line(choice, "(•) No"), rendered(choice)

        review_screen(pilot).go_to("engine.operations")
        await pilot.pause()
        await pilot.pause()
        assert current_question(pilot) == "engine.operations"
        multi = app.screen.query_one(MultiAnswer)
        multi.focus()
        await pilot.pause()
        lines = rendered(multi)
        assert "[x]" in lines[0] or "[ ]" in lines[0], lines
        was_on = lines[0].strip().startswith("[x]")
        await pilot.press("space")
        await pilot.pause()
        assert rendered(multi)[0].strip().startswith("[ ]" if was_on else "[x]"), rendered(multi)
        assert (multi.highlighted_option.value in multi.selected) != was_on


async def test_the_setup_form_radios_and_checkbox_show_a_glyph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path / "new.toml", operator="alice", today=scenes.TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        radios = list(app.screen.query(GlyphRadioButton))
        assert radios
        for radio in radios:
            glyph = "(•)" if radio.value else "( )"
            assert str(radio.render()).startswith(glyph) or glyph in rendered(radio)[0]
        off = next(radio for radio in radios if not radio.value)
        off.value = True
        await pilot.pause()
        assert "(•)" in rendered(off)[0], rendered(off)
        box = app.screen.query_one(GlyphCheckbox)
        glyph = "[x]" if box.value else "[ ]"
        assert glyph in rendered(box)[0], rendered(box)
        box.toggle()
        await pilot.pause()
        assert ("[ ]" if glyph == "[x]" else "[x]") in rendered(box)[0], rendered(box)

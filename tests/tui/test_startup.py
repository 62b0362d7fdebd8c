"""Start-up in two parts: a light first frame that takes keys, then the review from a worker."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from time import monotonic

import pexpect

from tests.tui import scenes
from tests.tui.driving import current_question, wait_until_loaded
from tests.tui.test_cli import spawn
from wizard.core.errors import ReviewFileError
from wizard.core.review.locking import file_lock
from wizard.tui.app import make_app
from wizard.tui.screens.keys import KeysScreen
from wizard.tui.screens.loading import LoadingScreen
from wizard.tui.screens.review import ReviewScreen

REPO = Path(__file__).resolve().parents[2]
# Leaf modules without dependencies that the dispatcher itself needs.
ALLOWED_CORE = {
    "wizard.core",
    "wizard.core.errors",
    "wizard.core.review",
    "wizard.core.review.defaults",
    # The output screen (pure regular expressions, no detect-secrets): the dispatcher masks
    # what it prints before any command runs.
    "wizard.core.safety",
    "wizard.core.safety.credentials",
    "wizard.core.safety.patterns",
    "wizard.core.safety.terminal",
    # The table that keeps ordinary values away from detect-secrets (read on first use only),
    # and the record base its few classes are built on.
    "wizard.core.safety.plugin_screen",
    "wizard.core.records",
}


def test_nothing_before_the_first_frame_loads_pydantic_or_the_core(tmp_path: Path) -> None:
    # What `truthound-readiness FILE` does up to `app.run()`, in a fresh interpreter.
    script = (
        "import json, sys\n"
        "from wizard.cli import main\n"
        "commands = main._load_commands('tui')\n"
        f"args = main.build_parser(commands).parse_args(['tui', {str(tmp_path / 'r.toml')!r}])\n"
        "from wizard.tui.app import make_app\n"
        "app = make_app(args.file, operator=args.by, overrides={})\n"
        "screen = app.get_default_screen()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = json.loads(result.stdout)
    assert "textual.app" in loaded
    assert not [name for name in loaded if name == "pydantic" or name.startswith("pydantic.")]
    assert {name for name in loaded if name.startswith("wizard.core")} <= ALLOWED_CORE
    assert "wizard.app.session" not in loaded


def test_only_the_chosen_command_is_imported_and_help_still_lists_them_all() -> None:
    from wizard.cli import main

    for dotted in main.COMMAND_MODULES:
        assert main._load_commands(dotted.rpartition(".")[2]), f"{dotted} is not named after NAME"
    completed = subprocess.run(
        [sys.executable, "-m", "wizard", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    for dotted in main.COMMAND_MODULES:
        assert dotted.rpartition(".")[2] in completed.stdout


def held_review(tmp_path: Path) -> tuple[Path, Callable[[], None]]:
    """A real review whose write lock another writer holds: the app's command-line answer must
    wait for it, so the app stays in its loading state for as long as the test needs, with
    nothing simulated. (A named pipe used to do this; the store now refuses pipes.) The second
    value lets the other writer go.
    """
    path = scenes.half_green(tmp_path)
    holding, let_go = threading.Event(), threading.Event()

    def hold() -> None:
        with file_lock(path.resolve()):
            holding.set()
            let_go.wait(120)

    threading.Thread(target=hold, daemon=True).start()
    assert holding.wait(30)
    return path, let_go.set


# The same answer the file already holds: opening with it takes the write lock, changes nothing.
HELD_OVERRIDE = {"quickstart.local_run": "yes"}


async def test_the_first_frame_shows_the_layout_and_quits_while_loading(tmp_path: Path) -> None:
    path, release = held_review(tmp_path)
    app = make_app(
        path,
        operator="alice",
        today=scenes.TODAY,
        run_probes_on_start=False,
        overrides=HELD_OVERRIDE,
    )
    async with app.run_test(size=scenes.SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        assert app.phase == "loading"
        question = str(app.screen.query_one("#loading-question").render())
        assert f"Opening {scenes.FILE}" in question
        assert app.screen.query_one("#loading-checklist").border_title == "Checklist"
        assert app.return_code is None
        await pilot.press("ctrl+q")
        # Set by the quit itself, while the worker still waits for the file.
        assert app.return_code == 0
        assert app.phase == "loading"
        await asyncio.to_thread(release)  # lets the worker end; the app is gone by then
    assert app.return_code == 0
    assert app.load_error is None


async def test_keys_opened_while_loading_give_way_to_the_review(tmp_path: Path) -> None:
    path, release = held_review(tmp_path)
    app = make_app(
        path,
        operator="alice",
        today=scenes.TODAY,
        run_probes_on_start=False,
        overrides=HELD_OVERRIDE,
    )
    async with app.run_test(size=scenes.SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        await asyncio.to_thread(release)
        deadline = monotonic() + 60
        while app.session is None:  # opened, but the keys list still covers the loading screen
            assert monotonic() < deadline, "the review did not load"
            await pilot.pause(0.05)
        assert isinstance(app.screen, KeysScreen)
        assert app.phase == "loading"
        await pilot.press("escape")
        await wait_until_loaded(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert current_question(pilot) == "results.surface"


async def test_a_broken_file_ends_the_app_with_one_clear_error(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    path.write_text(path.read_text() + "\nthis line = is = not toml\n", encoding="utf-8")
    before = path.read_bytes()
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=scenes.SIZE) as pilot:
        await wait_until_loaded(pilot)
    assert app.phase == "failed"
    assert isinstance(app.load_error, ReviewFileError)
    assert str(path) in app.load_error.message and "line" in app.load_error.message
    assert app.return_code == 2
    assert path.read_bytes() == before


def test_the_command_prints_the_load_error_after_the_terminal_is_restored(
    tmp_path: Path,
) -> None:
    path = scenes.half_green(tmp_path)
    path.write_text("schema_version = 1\ntitle = 'unterminated\n", encoding="utf-8")
    child = spawn([str(path), "--by", "alice"], rows=24, columns=80, term="xterm-256color")
    child.expect("error: ")
    child.expect(pexpect.EOF)
    child.close()
    message = child.before.strip()
    assert child.exitstatus == 2
    assert str(path) in message.replace("\r\n", "")
    assert "Traceback" not in message
    assert "\n" not in message, "one paragraph"

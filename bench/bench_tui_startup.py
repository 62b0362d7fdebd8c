"""Time to the first interactive frame of the TUI, and its peak memory, against a bare app.

    .venv/bin/python bench/bench_tui_startup.py [--runs N] [--terminal]

Each sample is a fresh Python process (imports included, as an operator experiences it):

- bare: a Textual app that shows one static line;
- tui: ``make_app`` on an existing, half-answered review with a stored probe snapshot. Its
  first frame is the loading screen (header, the three panes as placeholders, the footer; ctrl+q
  quits); a worker then imports the core and opens the review, and the real screen replaces
  the placeholders; the probe starts as usual, in a worker after that.

Both run headless at 100x32 and report, from inside, the moment the start-up messages have
been handled and the first frame painted, so the app takes keys (Pilot ``pause(0)``, the same
call for both). The parent takes the time from just before it spawned the process, so
interpreter start and imports count. The TUI also reports when the loaded review is on screen
(same ``pause(0)`` after the swap). Peak memory is ``ru_maxrss`` of the child at the first
frame and over its whole life (``wait4``); the TUI child stays until its first probe has
finished, so that peak includes the probe, preflight and project scan.
``--terminal`` also runs the real ``truthound-readiness FILE`` in a 100x32 pseudo-terminal and
times, from spawn, the first frame on screen and the loaded review on screen.
Target: tui / bare (first frame) at most 1.3x. Prints medians; exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from child_env import use_bytecode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TARGET_RATIO = 1.3
SIZE = (100, 32)

CHILD_COMMON = """
import resource, sys, time

async def first_frame(pilot):
    # pause(0): every pending message of the screen handled, then the screen painted. (A bare
    # pause() would also wait for the whole process to go idle, probe worker thread included.)
    await pilot.pause(0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"FRAME {time.time()!r} {peak}", flush=True)
    await after_frame(pilot)
    pilot.app.exit()

async def after_frame(pilot):
    pass

"""

BARE = (
    CHILD_COMMON
    + """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("truthound-readiness")

Bare().run(headless=True, size=SIZE, auto_pilot=first_frame)
"""
)

TUI = (
    CHILD_COMMON
    + """
from pathlib import Path
import textual.app
print(f"PHASE textual-imported {time.time()!r}", flush=True)
from wizard.tui.app import make_app
print(f"PHASE wizard-imported {time.time()!r}", flush=True)

async def after_frame(pilot):
    import asyncio
    app = pilot.app
    while app.phase == "loading":
        await asyncio.sleep(0.005)
    await pilot.pause(0)
    print(f"PHASE review-shown {time.time()!r}", flush=True)
    # The first probe starts just after the review is drawn; stay until it is done.
    for _ in range(250):
        if any(worker.group == "probe" for worker in app.workers):
            break
        await asyncio.sleep(0.02)
    await app.workers.wait_for_complete()

app = make_app(Path(sys.argv[1]), operator="bench")
print(f"PHASE app-built {time.time()!r}", flush=True)
app.run(headless=True, size=SIZE, auto_pilot=first_frame)
"""
)
PHASES = ("textual-imported", "wizard-imported", "app-built", "review-shown")
# On the real terminal: a line only the loading screen has, then one only the review has.
LOADING_TEXT = "Loading the review"
LOADED_TEXT = "NOT READY"


Sample = tuple[float, int, int, dict[str, float]]


def sample(code: str, *args: str) -> Sample:
    """Seconds to the first frame, peak RSS (KiB) then and over the whole run, phase times."""
    script = code.replace("SIZE", repr(SIZE))
    started = time.time()
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    assert child.stdout is not None
    output = child.stdout.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    line = next((row for row in output.splitlines() if row.startswith("FRAME ")), None)
    if line is None or child.returncode != 0:
        raise RuntimeError(f"the child failed (exit {child.returncode}): {output[-500:]}")
    _, stamp, peak = line.split()
    phases = {
        name: float(moment) - started
        for _, name, moment in (
            row.split() for row in output.splitlines() if row.startswith("PHASE ")
        )
    }
    return float(stamp) - started, int(peak), int(usage.ru_maxrss), phases


def terminal_sample(args: list[str], *expect: str) -> list[float]:
    """Seconds from spawning in a real 100x32 pseudo-terminal until each ``expect`` shows."""
    import pexpect

    started = time.time()
    child = pexpect.spawn(
        sys.executable, args, dimensions=(SIZE[1], SIZE[0]), encoding="utf-8", timeout=60
    )
    seen = []
    for text in expect:
        child.expect(text)
        seen.append(time.time() - started)
    child.sendcontrol("q")
    child.expect(pexpect.EOF)
    child.close()
    return seen


def existing_review(folder: Path) -> Path:
    from tests.tui.scenes import half_green

    return half_green(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--terminal",
        action="store_true",
        help="also time the real command in a pseudo-terminal: first frame, then the review",
    )
    args = parser.parse_args()
    use_bytecode(REPO)  # see bench/child_env.py: otherwise every TUI sample recompiles the wizard
    with tempfile.TemporaryDirectory() as folder:
        review = existing_review(Path(folder))
        sample(BARE)  # warm the OS file cache for both sides
        sample(TUI, str(review))
        bare: list[Sample] = []
        tui: list[Sample] = []
        for _ in range(args.runs):  # interleaved, so load from other work hits both alike
            bare.append(sample(BARE))
            tui.append(sample(TUI, str(review)))
        terminal: dict[str, list[float]] = {"bare": [], "tui": [], "tui loaded": []}
        for _ in range(args.runs if args.terminal else 0):
            bare_script = BARE.replace("SIZE", repr(SIZE)).replace(
                "run(headless=True, size=(100, 32), auto_pilot=first_frame)", "run()"
            )
            terminal["bare"] += terminal_sample(["-c", bare_script], "truthound-readiness")
            command = ["-m", "wizard", str(review), "--by", "bench"]
            frame, loaded = terminal_sample(command, LOADING_TEXT, LOADED_TEXT)
            terminal["tui"].append(frame)
            terminal["tui loaded"].append(loaded)

    def median(rows: list[Sample], column: int) -> float:
        return statistics.median(float(row[column]) for row in rows)  # type: ignore[arg-type]

    ratio = median(tui, 0) / median(bare, 0)
    print(f"runs per side: {args.runs}, terminal {SIZE[0]}x{SIZE[1]}, headless")
    print(f"{'':6} {'first frame':>12} {'RSS at frame':>13} {'peak RSS':>10}")
    for name, rows in (("bare", bare), ("tui", tui)):
        print(
            f"{name:6} {median(rows, 0) * 1000:>9.0f} ms {median(rows, 1) / 1024:>10.1f} MiB "
            f"{median(rows, 2) / 1024:>6.1f} MiB"
        )
    print(
        "tui phases (median seconds since spawn): "
        + ", ".join(
            f"{name} {statistics.median(row[3][name] for row in tui) * 1000:.0f} ms"
            for name in PHASES
        )
    )
    print(f"ratio tui/bare (first frame): {ratio:.2f}x (target <= {TARGET_RATIO}x)")
    if args.terminal:
        seen = {name: statistics.median(values) for name, values in terminal.items()}
        print(
            f"real terminal, spawn to drawn: bare {seen['bare'] * 1000:.0f} ms, "
            f"`truthound-readiness FILE` first frame {seen['tui'] * 1000:.0f} ms "
            f"({seen['tui'] / seen['bare']:.2f}x), review on screen "
            f"{seen['tui loaded'] * 1000:.0f} ms ({seen['tui loaded'] / seen['bare']:.2f}x)"
        )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())

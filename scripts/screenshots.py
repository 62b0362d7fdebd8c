"""Regenerate the PNG screenshots of the TUI's key screens into ``screenshots/``.

    .venv/bin/python scripts/screenshots.py            # every scene
    .venv/bin/python scripts/screenshots.py new-review  # one scene

The scenes are the same deterministic review files the snapshot tests use (tests/tui/scenes.py),
so the pictures match what the tests check. Textual exports SVG; a real converter turns it into
PNG: ``rsvg-convert`` (Debian: ``apt-get install librsvg2-bin``) or, failing that, ``cairosvg``
(``pip install cairosvg``). Textual's SVG asks for the Fira Code font (Debian: ``fonts-firacode``);
without it glyph widths drift and lines look ragged.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
OUTPUT = REPO_ROOT / "screenshots"
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.tui.scenes import SCENES, Scene  # noqa: E402

EXIT_MISSING_TOOL = 2


def export_svg(scene: Scene, folder: Path) -> str:
    """Run the scene's app headless at its size and return the SVG of the settled screen."""
    from textual.pilot import Pilot

    app, run_before = scene.build(folder)

    async def capture(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        if run_before is not None:
            await run_before(pilot)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        pilot.app.exit(pilot.app.export_screenshot(title="truthound-readiness"))

    svg = app.run(headless=True, size=scene.size, auto_pilot=capture)
    if not isinstance(svg, str):
        raise RuntimeError(f"scene {scene.name} did not produce a screenshot")
    # Textual writes spaces as separate text runs; without this, converters drop leading ones.
    return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)


def converter() -> str | None:
    if shutil.which("rsvg-convert"):
        return "rsvg-convert"
    try:
        import cairosvg  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return None
    return "cairosvg"


def to_png(svg: str, target: Path, tool: str) -> None:
    if tool == "rsvg-convert":
        subprocess.run(
            ["rsvg-convert", "--format=png", "--output", str(target)],
            input=svg.encode("utf-8"),
            check=True,
        )
    else:
        import cairosvg

        cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=str(target))


def font_warning() -> str | None:
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    if "Fira Code" in listed:
        return None
    return "note: the Fira Code font is not installed (Debian: apt-get install fonts-firacode)."


def main(argv: list[str]) -> int:
    tool = converter()
    if tool is None:
        print(
            "screenshots: no SVG-to-PNG converter found. Install one of:\n"
            "  apt-get install librsvg2-bin fonts-firacode   (provides rsvg-convert)\n"
            "  pip install cairosvg",
            file=sys.stderr,
        )
        return EXIT_MISSING_TOOL
    warning = font_warning()
    if warning:
        print(warning, file=sys.stderr)
    names = argv or list(SCENES)
    unknown = [name for name in names if name not in SCENES]
    if unknown:
        print(f"screenshots: unknown scene(s) {unknown}; known: {list(SCENES)}", file=sys.stderr)
        return EXIT_MISSING_TOOL
    OUTPUT.mkdir(exist_ok=True)
    for name in names:
        with tempfile.TemporaryDirectory() as folder:
            svg = export_svg(SCENES[name], Path(folder))
        target = OUTPUT / f"{name}.png"
        to_png(svg, target, tool)
        print(f"wrote {target.relative_to(REPO_ROOT)} ({tool})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

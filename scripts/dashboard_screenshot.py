"""Regenerate ``screenshots/status-dashboard.png``: the portfolio dashboard of 1,000 generated
reviews with git history, rendered by ``status --format html`` and photographed by headless
Chromium.

    .venv/bin/python scripts/dashboard_screenshot.py [--files N] [--size 1400,1100]

Chromium comes from Debian (``apt-get install chromium``); the page needs no network, and the
browser is started with everything that would reach out switched off.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))

from portfolio_gen import generate  # noqa: E402

OUTPUT = REPO_ROOT / "screenshots" / "status-dashboard.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--size", default="1400,1100", help="window WIDTH,HEIGHT in pixels")
    args = parser.parse_args()
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        print("no Chromium found; install it with `apt-get install chromium`.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="trr-dashboard-") as name:
        work = Path(name)
        root = generate(work / "portfolio", args.files)
        page = work / "portfolio.html"
        command = [sys.executable, "-m", "wizard", "status", ".", "--format", "html"]
        subprocess.run([*command, "-o", str(page)], cwd=root, check=True)
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={work / 'profile'}",
                f"--screenshot={OUTPUT}",
                f"--window-size={args.size}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The table in front of detect-secrets' plugins on values: current, and it hides nothing.

``plugin_screen.kinds_for`` lets the credential screen hand each line only to the plugins that
could report on it, and skip detect-secrets (and its import) for a text no plugin can report
on. These tests hold it to that: the committed table is the one built from the installed
detect-secrets; on every line of the scan corpus, the sample projects, a generated project and
the credential samples, every plugin that reports on a line is one the table let see it (with
and without the entropy plugins), so the screened hits are the unscreened ones; and a table for
another version, another format or a plugin without a condition is not used at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.safety.samples import samples
from tests.scan.test_prefilter import _roots, _texts
from wizard.core.safety import credentials, plugin_screen
from wizard.core.safety.plugin_conditions import current_table
from wizard.core.safety.plugin_screen import TABLE_PATH, kinds_for

REPO = Path(__file__).resolve().parents[2]


def test_the_committed_table_is_built_from_the_installed_detect_secrets() -> None:
    committed = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    assert committed == current_table(), (
        "wizard/core/safety/plugin_screen.json is out of date: run "
        "`python -m wizard.core.safety.plugin_conditions` and commit the result"
    )
    assert plugin_screen._table() is not None  # and it is the one in use


def _lines(tmp_path: Path) -> list[str]:
    found: set[str] = set()
    for _name, text in _texts(_roots(tmp_path)):
        found.update(line for line in text.splitlines() if line.strip())
    for sample in samples():
        found.update({sample.text, *sample.text.splitlines()})
    return sorted(found)


def _unscreened(text: str, entropy: bool = True) -> list[credentials.CredentialHit]:
    return credentials._detect_secrets_hits(text, entropy, screened=False)


def test_every_plugin_that_reports_on_a_line_was_let_see_it(tmp_path: Path) -> None:
    lines = _lines(tmp_path)
    cleared = 0
    for line in lines:
        for entropy in (True, False):
            kinds = kinds_for(line, frozenset() if entropy else credentials.ENTROPY_KINDS)
            assert kinds is not None
            cleared += not kinds
            assert {hit.kind for hit in _unscreened(line, entropy)} <= kinds, (line, entropy)
    # The table must also be worth having: most ordinary lines never reach the plugins.
    assert cleared > len(lines)
    # A multi-line text is judged line by line, as the plugins see it.
    joined = "\n".join(lines[:200])
    assert credentials._detect_secrets_hits(joined, True) == _unscreened(joined)


@pytest.mark.parametrize(
    "text",
    ["passed", "airflow", "3.11.7", "the results land in s3://bucket/truthound", "retries: 3"],
)
def test_ordinary_values_do_not_reach_the_plugins(text: str) -> None:
    assert kinds_for(text) == frozenset()


def test_every_credential_sample_is_found_as_without_the_table() -> None:
    for sample in samples():
        assert credentials._detect_secrets_hits(sample.text, True) == _unscreened(sample.text)


def _use_table(monkeypatch: pytest.MonkeyPatch, path: Path, table: dict[str, object]) -> None:
    path.write_text(json.dumps(table), encoding="utf-8")
    monkeypatch.setattr(plugin_screen, "TABLE_PATH", path)
    monkeypatch.setattr(plugin_screen, "_loaded", False)
    monkeypatch.setattr(plugin_screen, "_rows", None)


@pytest.mark.parametrize("change", ["version", "format", "always", "garbled"])
def test_a_table_not_exactly_for_this_detect_secrets_is_not_used(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = current_table()
    if change == "version":
        table["detect_secrets"] = "0.0.1"
    elif change == "format":
        table["format"] = plugin_screen.TABLE_FORMAT + 1
    elif change == "always":
        table["plugins"][0] = {"kind": table["plugins"][0]["kind"], "always": True}
    else:
        table["plugins"] = [{"kind": "x"}]
    _use_table(monkeypatch, tmp_path / "table.json", table)
    assert kinds_for("passed") is None  # every line goes to every plugin
    assert plugin_screen._table() is None


def test_the_installed_version_is_read_without_importing_detect_secrets() -> None:
    script = (
        "import sys\nfrom wizard.core.safety.plugin_screen import installed_version\n"
        "print(installed_version(), 'detect_secrets' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    from detect_secrets.__version__ import VERSION

    assert result.stdout.split() == [VERSION, "False"]

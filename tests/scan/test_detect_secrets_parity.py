"""The scan's detect-secrets pass reports what detect-secrets' own ``scan_file`` reports.

The scan drives detect-secrets' plugins, filters and transformers itself (for speed); this
holds it to the library's own entry point on every file of the corpus and of the sample
projects, so an upgrade that changes the library's behaviour fails here instead of silently
changing findings. The version is pinned in pyproject.toml; this checks the pin is installed.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from detect_secrets.core.scan import scan_file

from tests.scan.corpus_build import materialise, project_names
from tests.scan.projects import BUILDERS
from wizard.core.evidence.scan.detector import SecretDetector
from wizard.core.evidence.scan.files import list_project_files


def test_detect_secrets_is_the_pinned_version() -> None:
    assert version("detect-secrets") == "1.5.0"


def test_scan_agrees_with_detect_secrets_scan_file_on_the_corpus(tmp_path: Path) -> None:
    roots = [materialise(name, tmp_path / "corpus").root for name in project_names()]
    roots += [
        build(tmp_path / "samples" / host, planted=True).root for host, build in BUILDERS.items()
    ]
    checked = with_hits = 0
    with SecretDetector() as detector:  # also the settings scan_file runs under
        for root in roots:
            for relative in list_project_files(root).paths:
                path = root / relative
                text = path.read_text(encoding="utf-8", errors="replace")
                ours = {(hit.line_number, hit.value) for hit in detector.scan_text(str(path), text)}
                theirs = {(found.line_number, found.secret_value) for found in scan_file(str(path))}
                assert ours == theirs, relative
                checked += 1
                with_hits += bool(theirs)
    # The comparison means something only if detect-secrets found things to compare.
    assert checked > 50 and with_hits > 10, (checked, with_hits)

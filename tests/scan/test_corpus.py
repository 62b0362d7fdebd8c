"""The scan on sample projects shaped like public ones: precision and recall per rule.

Each project under ``tests/scan/corpus/`` carries its expected findings (rule, file, line) in
``expected.toml``; ``corpus_build.py`` says how credentials are kept out of the repository.
Every rule that is expected or found must reach precision and recall 1.0: a missed credential,
a placeholder reported as one, a retry block dropped or a finding on the wrong line all fail.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.scan.corpus_build import materialise, project_names
from wizard.core.evidence.scan import scan_project
from wizard.core.review.observations import ProjectScan

Key = tuple[str, str, int]


def _found(scan: ProjectScan) -> Counter[Key]:
    keys = [(f.rule, f.file, f.line) for f in scan.secrets]
    keys += [(f.rule, f.file, f.line) for f in scan.settings]
    return Counter(keys)


def _per_rule(expected: Counter[Key], found: Counter[Key]) -> dict[str, tuple[float, float]]:
    scores: dict[str, tuple[float, float]] = {}
    for rule in sorted({key[0] for key in expected} | {key[0] for key in found}):
        want = Counter({k: n for k, n in expected.items() if k[0] == rule})
        got = Counter({k: n for k, n in found.items() if k[0] == rule})
        hits = sum((want & got).values())
        precision = hits / sum(got.values()) if got else 1.0
        recall = hits / sum(want.values()) if want else 1.0
        scores[rule] = (precision, recall)
    return scores


@pytest.mark.parametrize("name", project_names())
def test_corpus_project_precision_and_recall_per_rule(name: str, tmp_path: Path) -> None:
    project = materialise(name, tmp_path)
    scan = scan_project(project.root)
    expected, found = Counter(project.expected), _found(scan)
    scores = _per_rule(expected, found)
    report = "\n".join(
        [f"{rule}: precision {p:.2f}, recall {r:.2f}" for rule, (p, r) in scores.items()]
        + [f"missed {key}" for key in (expected - found)]
        + [f"unexpected {key}" for key in (found - expected)]
    )
    assert all(score == (1.0, 1.0) for score in scores.values()), report
    assert scan.hosts_detected == project.hosts, scan.host_signals
    # Every file parses (3.12 syntax included) and no credential reaches the output.
    assert not [note for note in scan.notes if "not valid" in note], scan.notes
    serialised = json.dumps(scan.model_dump(mode="json"))
    for value in project.values:
        assert value not in serialised


def test_corpus_skips_virtualenvs_lock_files_node_modules_and_data(tmp_path: Path) -> None:
    prefect = scan_project(materialise("prefect_flows", tmp_path).root)
    notes = " ".join(prefect.notes)
    assert "skipped: virtualenv (e.g. orders-env/)" in notes
    assert "skipped: node_modules (e.g. web/node_modules/)" in notes
    # The lock file is read, but detect-secrets' lock-file filter leaves its hashes alone.
    assert not [f for f in prefect.secrets if f.file.endswith("package-lock.json")]
    dbt = scan_project(materialise("dbt_jaffle", tmp_path).root)
    assert "1 file(s) skipped: data files over 64 KiB (e.g. seeds/raw_customers.csv)" in " ".join(
        dbt.notes
    )
    included = scan_project(tmp_path / "prefect_flows", include=("orders-env/*",))
    assert {f.file for f in included.secrets} == {
        "flows/orders.py",
        next(f.file for f in included.secrets if f.file.endswith("vendored_client.py")),
    }


def test_fingerprints_survive_comment_and_whitespace_edits(tmp_path: Path) -> None:
    project = materialise("mage_deploy", tmp_path)
    config = project.root / "default_repo" / "io_config.yaml"
    before = [(f.line, f.fingerprint) for f in scan_project(project.root).secrets]
    text = config.read_text(encoding="utf-8")
    edited = text.replace("# rotated by the platform team", "#   rotated in June, ticket 4411")
    config.write_text(edited.replace("SLACK_TOKEN: ", "SLACK_TOKEN:     "), encoding="utf-8")
    (project.root / ".readiness-allowlist.toml").write_text(
        f'[[allow]]\nfingerprint = "{before[0][1]}"\nby = "sam"\nreason = "revoked"\n',
        encoding="utf-8",
    )
    after = scan_project(project.root).secrets
    assert [(f.line, f.fingerprint) for f in after] == before
    assert after[0].allowed_by == "sam"

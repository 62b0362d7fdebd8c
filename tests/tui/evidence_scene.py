"""The evidence-first scene: the secrets step, with the scan's committed credential shown beside
the question on a wide terminal and "no" preselected. Fixed data (the credential is only ever its
redacted form), fixed times, no live probe: for the snapshot test and the README picture."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core.review.observations import SecretFinding
from wizard.core.review.store import create_review, new_review

if TYPE_CHECKING:
    from textual.app import App

    from tests.tui.scenes import RunBefore

SIZE = (150, 40)


def secrets_pending(base: Path) -> Path:
    from tests.tui import scenes

    review = new_review("Orders pipeline on Airflow", "airflow", "truthound")
    review.created = scenes.at(3, 9)
    scenes._answer(review, scenes.QUICKSTART, "alice", scenes.at(3, 9, 10))
    scenes._answer(review, scenes.ENGINE, "alice", scenes.at(3, 9, 20))
    scenes._answer(review, scenes.PREFLIGHT, "alice", scenes.at(3, 9, 30))
    waiting = {k: v for k, v in scenes.SECRETS.items() if k != "secrets.none_committed"}
    scenes._answer(review, waiting, "alice", scenes.at(3, 9, 40))
    probe = scenes.snapshot(scenes.at(3, 10))
    assert probe.scan is not None
    probe.scan.secrets = [
        SecretFinding(
            file="dags/orders_quality.py",
            line=14,
            kind="secret-keyword",
            fingerprint="sha256:5e1f0c2a9b7d",
            redacted='WAREHOUSE_PASSWORD = "***"',
            rule="detect-secrets:KeywordDetector",
        ),
        SecretFinding(
            file="tests/fixtures/conn.env",
            line=2,
            kind="env-file-secret",
            fingerprint="sha256:0a4c9e7b2d11",
            redacted="TEST_DB_PASSWORD=***",
            allowed_by=".truthound-readiness-allowlist.toml:3",
            allowed_reason="a throwaway test database",
        ),
    ]
    probe.scan.files_scanned = 4
    scenes._probe_answers(review, probe)
    review.updated = scenes.at(3, 10)
    path = scenes.folder(base) / scenes.FILE
    create_review(path, review)
    return path


def build(base: Path) -> tuple[App[Any], RunBefore]:
    from tests.tui import scenes

    return scenes._app(secrets_pending(base)), scenes.loaded_first()

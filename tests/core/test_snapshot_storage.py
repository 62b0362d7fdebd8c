"""What a review keeps of a project scan: every secret and misleading setting, a bounded rest."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.core.builders import ready_review
from wizard.core.evidence.snapshot import STORED_SETTINGS_PER_ITEM, apply_snapshot, stored_scan
from wizard.core.review.observations import (
    ProbeSnapshot,
    ProjectScan,
    SecretFinding,
    SettingFinding,
)


def _setting(index: int, item: str, misleading: str | None = None) -> SettingFinding:
    return SettingFinding(
        file=f"dags/dag_{index}.py",
        line=3,
        kind="retries",
        value="2",
        item=item,
        misleading=misleading,
    )


def big_scan() -> ProjectScan:
    settings = [_setting(i, "resilience") for i in range(400)]
    settings += [_setting(i, "observability") for i in range(10)]
    settings.append(_setting(999, "resilience", "Truthound does not enforce this timeout."))
    secrets = [
        SecretFinding(file="dags/a.py", line=1, kind="password-in-uri", fingerprint="sha256:1")
    ]
    return ProjectScan(root="/p", settings=settings, secrets=secrets, files_scanned=5000)


def test_a_huge_scan_is_bounded_but_keeps_what_changes_a_status() -> None:
    kept = stored_scan(big_scan())
    resilience = [s for s in kept.settings if s.item == "resilience"]
    assert len(resilience) == STORED_SETTINGS_PER_ITEM + 1
    assert any(s.misleading for s in resilience)
    assert len([s for s in kept.settings if s.item == "observability"]) == 10
    assert len(kept.secrets) == 1
    assert "350 more settings findings are not stored" in kept.notes[-1]


def test_a_small_scan_is_stored_whole() -> None:
    scan = ProjectScan(root="/p", settings=[_setting(1, "resilience")])
    assert stored_scan(scan) is scan


def test_apply_snapshot_stores_the_bounded_scan() -> None:
    review = ready_review()
    snapshot = ProbeSnapshot(taken_at=datetime.now(UTC), scan=big_scan())
    apply_snapshot(review, snapshot)
    assert review.probe is not None and review.probe.scan is not None
    assert len(review.probe.scan.settings) == STORED_SETTINGS_PER_ITEM + 1 + 10
    assert len(snapshot.scan.settings) == 411  # the caller's snapshot is left as it was

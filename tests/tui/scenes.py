"""Deterministic review files for the snapshot tests and the screenshot script.

Every timestamp is fixed and probes are never run: a stored snapshot (shaped exactly like what
the real probe of an Airflow 2.6.0 / Python 3.11 interpreter returns) stands in for them, so
the screens render the same bytes on every machine.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from wizard.core.evaluation.support import host_verdicts
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Review, SignOff, Waiver
from wizard.core.review.observations import (
    EnvironmentFacts,
    PreflightCheck,
    PreflightResult,
    ProbeSnapshot,
    ProjectScan,
    SettingFinding,
    SmokeCheck,
    SmokeRun,
)
from wizard.core.review.store import create_review, new_review
from wizard.core.signoff.content_hash import content_hash

TODAY = date(2025, 3, 10)
FOLDER = "orders-pipeline"
FILE = "readiness-review.toml"
SIZE = (100, 32)
SMALL = (80, 24)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=UTC)


QUICKSTART = {
    "quickstart.local_run": "yes",
    "runtime.is_production": "yes",
    "runtime.paired_upgrades": "yes",
    "source.kind": "sql",
    "source.reference": "SELECT * FROM analytics.orders",
    "source.documented": "yes",
}
ENGINE = {
    "engine.explicit": "yes",
    "engine.fallback": "none",
    "engine.operations": "check",
    "rules.style": "auto_schema",
    "rules.owned": "yes",
    "rules.learned": "none",
}
PREFLIGHT = {
    "preflight.in_promotion": "yes",
    "preflight.ci_file": ".github/workflows/release.yml",
    "preflight.production_inputs": "yes",
    "preflight.auto_config_policy": "safe_auto",
}
SECRETS = {
    "source.connection": "warehouse",
    "secrets.backend": "airflow_connections",
    "secrets.none_committed": "yes",
    "secrets.rotation_owner": "platform team",
    "secrets.workers_receive": "yes",
}


def snapshot(taken: datetime, airflow: str = "2.6.0", truthound: str = "3.2.0") -> ProbeSnapshot:
    packages = {
        "apache-airflow": airflow,
        "truthound": truthound,
        "truthound-orchestration": "3.0.3",
    }
    checks = [
        ("engine_runtime", "Resolved truthound runtime", "run_preflight"),
        ("capability:check", "engine exposes check operation", "run_preflight"),
        ("source_resolution", "Resolved sql source", "run_preflight"),
        ("serializer", "Shared serializer 'shared_wire' is available", "run_preflight"),
        ("truthound_runtime", f"truthound {truthound} is inside the adapter's range", "wizard"),
    ]
    return ProbeSnapshot(
        taken_at=taken,
        environment=EnvironmentFacts(
            executable="/srv/airflow/venv/bin/python",
            python_version="3.11.7",
            packages=packages,
        ),
        hosts=host_verdicts(packages, "3.11.7", "airflow"),
        preflight=PreflightResult(
            ran=True,
            compatible=True,
            checks=[
                PreflightCheck(name=name, status="passed", message=message, origin=origin)  # type: ignore[arg-type]
                for name, message, origin in checks
            ],
            engine_name="truthound",
            engine_version=truthound,
            source_kind="sql",
            requires_connection=True,
        ),
        smoke=SmokeRun(
            ran=True,
            engine_versions={"truthound": truthound},
            checks=[
                SmokeCheck(
                    engine="truthound",
                    operation="check",
                    ran=True,
                    passed=True,
                    message="check returned CheckResult with status PASSED",
                )
            ],
        ),
        scan=ProjectScan(
            root="/srv/airflow/orders",
            hosts_detected=["airflow"],
            settings=[
                SettingFinding(
                    file="dags/orders_quality.py",
                    line=11,
                    kind="retries",
                    value="2",
                    item="resilience",
                ),
                SettingFinding(
                    file="dags/orders_quality.py",
                    line=11,
                    kind="execution_timeout",
                    value="timedelta(minutes=20)",
                    item="resilience",
                ),
            ],
            files_scanned=2,
        ),
    )


def _answer(review: Review, answers: Mapping[str, str], by: str, when: datetime) -> None:
    record_many(review, [AnswerInput(key, value) for key, value in answers.items()], by=by)
    for key in answers:
        review.answers[key].at = when


def _probe_answers(review: Review, probe: ProbeSnapshot) -> None:
    """What ``apply_snapshot`` records, with the snapshot's own fixed time."""
    from wizard.core.evidence.snapshot import apply_snapshot

    apply_snapshot(review, probe)
    for answer in review.answers.values():
        if answer.is_probe:
            answer.at = probe.taken_at


def folder(base: Path) -> Path:
    target = base / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    return target


def new_file(base: Path) -> Path:
    """A path where no review exists yet: the app opens the setup screen."""
    return folder(base) / FILE


def half_green(base: Path) -> Path:
    """Steps one to four answered and probed; the consumers step is next."""
    review = new_review("Orders pipeline on Airflow", "airflow", "truthound")
    review.created = at(3, 9)
    _answer(review, QUICKSTART, "alice", at(3, 9, 10))
    _answer(review, ENGINE, "alice", at(3, 9, 20))
    _answer(review, PREFLIGHT, "alice", at(3, 9, 30))
    _answer(review, SECRETS, "alice", at(3, 9, 40))
    _probe_answers(review, snapshot(at(3, 10)))
    review.updated = at(3, 10)
    path = folder(base) / FILE
    create_review(path, review)
    return path


def reopened(
    base: Path,
    *,
    python: str | None = None,
    project: str | None = None,
    old_airflow: str = "2.6.0",
) -> tuple[Path, ProbeSnapshot]:
    """Alice's review, edited by Bob since, with a lapsed waiver and a sign-off Bob's edits
    made stale; returns the file and the newer probe snapshot to feed in as drift."""
    review = new_review(
        "Orders pipeline on Airflow", "airflow", "truthound", python=python, project=project
    )
    review.created = at(1, 9)
    _answer(review, QUICKSTART, "alice", at(1, 9, 10))
    _answer(review, ENGINE, "alice", at(1, 9, 20))
    _probe_answers(review, snapshot(at(1, 10), airflow=old_airflow))
    review.signoffs.append(
        SignOff(
            reviewer="carol",
            role="platform lead",
            decision="approve",
            at=at(2, 11),
            content_hash=content_hash(review),  # fresh when given; Bob's edits make it stale
        )
    )
    bobs = {"engine.fallback": "chain", "engine.fallback_engines": "pandera"}
    _answer(review, bobs, "bob", at(4, 15))
    review.waivers.append(
        Waiver(
            item="fail-semantics",
            reason="soft rollout for the first month",
            owner="bob",
            expires=date(2025, 3, 5),
            created=date(2025, 2, 5),
        )
    )
    review.updated = at(4, 15)
    path = folder(base) / FILE
    create_review(path, review)
    return path, snapshot(at(10, 8), airflow="2.7.3", truthound="3.2.1")


# --------------------------------------------------------------------------- screens to capture

RunBefore = Callable[[Pilot[Any]], Awaitable[None]] | None


@dataclass(frozen=True)
class Scene:
    """One screen to capture: how to build its app in a folder, its size, keys to press."""

    name: str
    build: Callable[[Path], tuple[App[Any], RunBefore]]
    size: tuple[int, int] = SIZE


def loaded_first(then: RunBefore = None) -> RunBefore:
    """Wait for the review to replace the loading screen, then press ``then``'s keys."""
    from tests.tui.driving import wait_until_loaded

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_until_loaded(pilot)
        if then is not None:
            await then(pilot)

    return run_before


def _app(path: Path) -> App[Any]:
    from wizard.tui.app import make_app

    return make_app(
        path, operator="alice", today=TODAY, run_probes_on_start=False, cursor_blink=False
    )


def _new_review(base: Path) -> tuple[App[Any], RunBefore]:
    async def pick_host(pilot: Pilot[Any]) -> None:
        await pilot.press("tab", "enter")

    return _app(new_file(base)), loaded_first(pick_host)


def _half_green(base: Path) -> tuple[App[Any], RunBefore]:
    return _app(half_green(base)), loaded_first()


def _item_evidence(base: Path) -> tuple[App[Any], RunBefore]:
    async def open_first_item(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+t", "home", "enter")
        await pilot.pause()

    return _app(half_green(base)), loaded_first(open_first_item)


def _reopened(base: Path) -> tuple[App[Any], RunBefore]:
    path, newer = reopened(base)

    async def probe_arrives(pilot: Pilot[Any]) -> None:
        from wizard.tui.messages import ProbeFinished

        # Exactly the message the probe worker posts, carrying a stored snapshot.
        pilot.app.screen.post_message(ProbeFinished(newer))
        await pilot.pause()

    return _app(path), loaded_first(probe_arrives)


from tests.tui import evidence_scene  # noqa: E402  (it builds on the helpers above)

SCENES: dict[str, Scene] = {
    scene.name: scene
    for scene in (
        Scene("new-review", _new_review),
        Scene("step-half-green", _half_green),
        Scene("item-evidence", _item_evidence),
        Scene("reopened-drift", _reopened),
        Scene("review-80x24", _half_green, SMALL),
        Scene("review-120x36", _half_green, (120, 36)),
        Scene("review-200x50", _half_green, (200, 50)),
        Scene("evidence-first", evidence_scene.build, evidence_scene.SIZE),
    )
}

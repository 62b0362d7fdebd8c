"""Every checklist item's evaluation: pass, warn, fail, open, waived and an expired waiver."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from tests.core.builders import ready_review
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.review.answers import record_answer
from wizard.core.review.model import Review, Waiver
from wizard.core.review.observations import PreflightCheck, SecretFinding, SettingFinding

TODAY = date(2026, 11, 28)
Mutation = Callable[[Review], None]


def answer(question_id: str, value: object) -> Mutation:
    def mutate(review: Review) -> None:
        record_answer(review, question_id, value, by="bob")

    return mutate


def forget(question_id: str) -> Mutation:
    def mutate(review: Review) -> None:
        del review.answers[question_id]

    return mutate


def preflight_check(name: str, status: str, message: str) -> Mutation:
    def mutate(review: Review) -> None:
        assert review.probe and review.probe.preflight
        review.probe.preflight.checks.append(
            PreflightCheck(name=name, status=status, message=message, origin="wizard")  # type: ignore[arg-type]
        )
        if status == "failed":
            review.probe.preflight.compatible = False

    return mutate


def no_probe(review: Review) -> None:
    review.probe = None


def planted_secret(review: Review) -> None:
    assert review.probe and review.probe.scan
    review.probe.scan.secrets.append(
        SecretFinding(
            file="dags/orders.py", line=12, kind="password-in-uri", fingerprint="sha256:abc"
        )
    )


def misleading_timeout(review: Review) -> None:
    assert review.probe and review.probe.scan
    review.probe.scan.settings.append(
        SettingFinding(
            file="dags/orders.py",
            line=20,
            kind="timeout_seconds",
            value="60",
            item="resilience",
            misleading="Truthound does not enforce this timeout.",
        )
    )


CASES: dict[str, dict[str, Mutation]] = {
    "host-tuple": {
        "warn": answer("runtime.paired_upgrades", "no"),
        "fail": answer("runtime.is_production", "no"),
        "open": forget("quickstart.local_run"),
    },
    "rule-vocabulary": {
        "warn": answer("rules.owned", "no"),
        "fail": answer("rules.learned", "unreviewed"),
        "open": forget("rules.style"),
    },
    "source-resolution": {
        "warn": answer("source.documented", "no"),
        "fail": preflight_check(
            "source_resolution", "failed", "sql sources require a connection or profile"
        ),
        "open": forget("source.kind"),
    },
    "preflight-gate": {
        "warn": preflight_check("fallback_engines", "warning", "fallback chain not exercised"),
        "fail": answer("preflight.in_promotion", "no"),
        "open": no_probe,
    },
    "result-consumers": {
        "warn": answer("results.tested", "no"),
        "fail": answer("results.surface", "logs"),
        "open": forget("results.consumers"),
    },
    "secrets": {
        "warn": answer("source.connection", "truthound_default"),
        "fail": planted_secret,
        "open": forget("secrets.backend"),
    },
    "fail-semantics": {
        "warn": answer("fail.mode", "soft"),
        "fail": answer("fail.documented", "no"),
        "open": forget("fail.mode"),
    },
    "resilience": {
        "warn": misleading_timeout,
        "fail": answer("ops.timeout", "truthound"),
        "open": forget("ops.retries"),
    },
    "observability": {
        "warn": answer("obs.sla", "no"),
        "fail": answer("obs.audit_evidence", "no"),
        "open": forget("obs.owner"),
    },
}


def test_the_ready_review_is_ready_with_every_item_passing() -> None:
    review = ready_review()
    evaluation = evaluate(review, review.probe, TODAY)
    assert evaluation.ready
    assert {item.id: item.status for item in evaluation.items} == dict.fromkeys(CASES, "pass")
    assert all(layer.status == "pass" for layer in evaluation.layers)
    assert len(evaluation.items) == 9 and len(evaluation.layers) == 6


@pytest.mark.parametrize(
    ("item_id", "status"),
    [(item, status) for item, cases in CASES.items() for status in cases],
)
def test_item_status(item_id: str, status: str) -> None:
    review = ready_review()
    CASES[item_id][status](review)
    if status == "warn" and item_id == "fail-semantics":
        record_answer(review, "fail.warnings_reviewed", "yes", by="bob")
    evaluation = evaluate(review, review.probe, TODAY)
    result = evaluation.item(item_id)
    assert result.status == status, result.reasons
    assert result.reasons, "a non-passing item must say why"
    assert not evaluation.ready
    layer = evaluation.layer(_layer_of(item_id))
    assert layer.status != "pass"


def _layer_of(item_id: str) -> str:
    from wizard.core.kb.knowledge import load_knowledge

    kb = load_knowledge()
    return next(layer.id for layer in kb.layers if item_id in layer.items)


@pytest.mark.parametrize("item_id", list(CASES))
def test_an_active_waiver_turns_a_failure_into_waived(item_id: str) -> None:
    review = ready_review()
    CASES[item_id]["fail"](review)
    review.waivers.append(
        Waiver(item=item_id, reason="accepted for the pilot", owner="carol", expires=TODAY)
    )
    evaluation = evaluate(review, review.probe, TODAY)
    result = evaluation.item(item_id)
    assert result.status == "waived"
    assert result.waiver is not None and result.waiver.owner == "carol"
    assert "underlying status: fail" in result.reasons[0]


@pytest.mark.parametrize("item_id", list(CASES))
def test_an_expired_waiver_no_longer_hides_the_failure(item_id: str) -> None:
    review = ready_review()
    CASES[item_id]["fail"](review)
    review.waivers.append(
        Waiver(item=item_id, reason="pilot", owner="carol", expires=TODAY - timedelta(days=1))
    )
    result = evaluate(review, review.probe, TODAY).item(item_id)
    assert result.status == "fail"
    assert any("expired on 2026-11-27" in reason for reason in result.reasons)


def test_waivers_make_a_review_ready_only_while_they_last() -> None:
    review = ready_review()
    CASES["observability"]["fail"](review)
    review.waivers.append(
        Waiver(item="observability", reason="pilot", owner="carol", expires=TODAY)
    )
    assert evaluate(review, review.probe, TODAY).ready
    assert not evaluate(review, review.probe, TODAY + timedelta(days=1)).ready


def test_failing_items_point_at_the_failure_mode_to_read() -> None:
    review = ready_review()
    CASES["preflight-gate"]["fail"](review)
    result = evaluate(review, review.probe, TODAY).item("preflight-gate")
    assert result.failure_mode is not None and result.failure_mode.id == "F1"


def test_a_preflight_that_could_not_run_is_a_failure_not_a_pass() -> None:
    review = ready_review()
    assert review.probe and review.probe.preflight
    review.probe.preflight.ran = False
    review.probe.preflight.error = "truthound-orchestration is not installed"
    result = evaluate(review, review.probe, TODAY).item("preflight-gate")
    assert result.status == "fail"
    assert "not installed" in " ".join(result.reasons)


def test_answers_newer_than_the_probe_make_the_preflight_outdated() -> None:
    review = ready_review()
    assert review.probe
    review.probe.taken_at = review.probe.taken_at - timedelta(days=1)
    result = evaluate(review, review.probe, TODAY).item("preflight-gate")
    assert result.status == "open"
    assert "re-run the probe" in " ".join(result.reasons)


def test_host_tuple_follows_the_support_matrix() -> None:
    review = ready_review()
    record_answer(review, "runtime.host_version", "2.5.0", by="bob", provenance="attested")
    result = evaluate(review, review.probe, TODAY).item("host-tuple")
    assert result.status == "fail"
    assert "unsupported" in " ".join(result.reasons)


def test_truthound_below_the_adapter_range_fails_the_tuple() -> None:
    review = ready_review()
    record_answer(review, "runtime.truthound_version", "3.0.0", by="bob")
    result = evaluate(review, review.probe, TODAY).item("host-tuple")
    assert result.status == "fail"
    assert ">=3.0.1,<4.0.0" in " ".join(result.reasons)


def test_the_truthound_engine_with_rule_dicts_fails_the_vocabulary() -> None:
    review = ready_review()
    record_answer(review, "rules.style", "common_type", by="bob")
    result = evaluate(review, review.probe, TODAY).item("rule-vocabulary")
    assert result.status == "fail"
    assert "ignores rule dicts" in " ".join(result.reasons)


def test_pandera_cannot_drift() -> None:
    review = ready_review()
    review.engine = "pandera"
    record_answer(review, "engine.reason", "dataframe schema contracts", by="bob")
    record_answer(review, "rules.style", "common_type", by="bob")
    record_answer(review, "engine.operations", "check,drift", by="bob")
    result = evaluate(review, review.probe, TODAY).item("rule-vocabulary")
    assert result.status == "fail"
    assert "drift" in " ".join(result.reasons)


def test_warning_threshold_is_flagged_for_its_percent_scale() -> None:
    review = ready_review(**{"fail.mode": "mixed"})
    record_answer(review, "fail.warning_threshold", "0.05", by="bob")
    record_answer(review, "fail.warnings_reviewed", "yes", by="bob")
    result = evaluate(review, review.probe, TODAY).item("fail-semantics")
    assert result.status == "warn"
    assert "0.05 % failures" in " ".join(result.reasons)


def test_evaluation_is_pure_and_repeatable() -> None:
    review = ready_review()
    before = review.model_dump()
    first = evaluate(review, review.probe, TODAY)
    second = evaluate(review, review.probe, TODAY)
    assert review.model_dump() == before
    assert [(i.id, i.status, i.reasons) for i in first.items] == [
        (i.id, i.status, i.reasons) for i in second.items
    ]

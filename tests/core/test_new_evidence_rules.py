"""How the smoke run, the rule check and the project load are worded and weighed.

The evidence itself is produced by real venvs in ``tests/probe``; here the same shapes (with the
engines' own messages observed on 3.0.3) are fed to the pure evaluation, to pin down which item
owns each judgement and which status it gets.
"""

from __future__ import annotations

from datetime import date

from tests.core.builders import ready_review
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.evidence.probe.inputs import PreflightInputs
from wizard.core.evidence.probe.smoke import smoke_request
from wizard.core.kb import ids
from wizard.core.review.answers import record_answer
from wizard.core.review.conditions import stale_answers, value_for_probe
from wizard.core.review.model import Review
from wizard.core.review.observations import (
    LoadError,
    ProjectLoad,
    RuleCheck,
    RuleFinding,
    SmokeCheck,
    SmokeRun,
)

TODAY = date(2026, 12, 2)
DRIFT_ERROR = (
    "ValidationExecutionError: Truthound drift detection failed: module 'truthound' has no "
    "attribute 'compare'"
)
PYARROW_ERROR = "ValidationExecutionError: Pandera check failed: No module named 'pyarrow'"


def with_smoke(*checks: SmokeCheck) -> Review:
    review = ready_review()
    assert review.probe is not None
    review.probe.smoke = SmokeRun(ran=True, checks=list(checks))
    return review


def gate_of(review: Review) -> tuple[str, list[str]]:
    item = evaluate(review, review.probe, TODAY).item("preflight-gate")
    return item.status, item.reasons


def test_a_failed_primary_call_fails_the_gate_with_the_message_and_the_fix() -> None:
    review = with_smoke(
        SmokeCheck(engine="truthound", operation="check", ran=True, passed=True, message="ok"),
        SmokeCheck(
            engine="truthound", operation="drift", ran=True, passed=False, message=DRIFT_ERROR
        ),
    )
    status, reasons = gate_of(review)
    assert status == "fail"
    [reason] = reasons
    assert DRIFT_ERROR in reason and "drop drift from the operations" in reason


def test_a_failing_fallback_warns_unless_the_primary_fails_the_same_call() -> None:
    fallback = SmokeCheck(
        engine="pandera",
        role="fallback",
        operation="check",
        ran=True,
        passed=False,
        message=PYARROW_ERROR,
    )
    primary_ok = SmokeCheck(
        engine="truthound", operation="check", ran=True, passed=True, message="ok"
    )
    status, reasons = gate_of(with_smoke(primary_ok, fallback))
    assert status == "warn" and "pip install 'pandera[pandas]' pyarrow" in reasons[0]
    primary_bad = primary_ok.model_copy(update={"passed": False, "message": "boom"})
    status, reasons = gate_of(with_smoke(primary_bad, fallback))
    assert status == "fail" and any("nothing to fall back to" in r for r in reasons)


def test_a_smoke_run_that_could_not_run_says_so_and_is_not_a_pass() -> None:
    review = ready_review()
    assert review.probe is not None
    review.probe.smoke = SmokeRun(
        ran=False, error="the engine smoke run did not finish within 90 seconds"
    )
    status, reasons = gate_of(review)
    assert status == "fail"
    assert reasons == [
        "The engine smoke run could not run: the engine smoke run did not finish within 90 seconds."
    ]


def test_a_probe_without_a_smoke_run_leaves_the_gate_open() -> None:
    review = ready_review()
    assert review.probe is not None
    review.probe.smoke = None  # a review probed before the smoke run existed
    status, reasons = gate_of(review)
    assert status == "open" and "No engine smoke run is recorded" in reasons[0]


def test_the_smoke_request_copies_the_host_and_skips_what_the_engine_cannot_do() -> None:
    inputs = PreflightInputs(
        host="dagster",
        engine="ge",
        operations=("drift", "check", "streaming"),
        fallback_engines=("truthound",),
    )
    request = smoke_request(inputs)
    primary, fallback = request["engines"]
    assert primary == {
        "name": "great_expectations",
        "role": "primary",
        "operations": ["check"],
        "rules": [{"type": "not_null", "column": "id"}],
    }
    assert fallback["operations"] == ["check", "drift"] and fallback["rules"] is None
    assert request["create_overrides"] == {
        "auto_start": False,
        "auto_stop": False,
        "parallel": False,
    }
    assert smoke_request(PreflightInputs(host="airflow"))["stream_kwargs"] == {"timeout": 300}


def test_rule_findings_report_to_rule_vocabulary_with_their_line() -> None:
    review = ready_review()
    assert review.probe is not None
    review.probe.rules = RuleCheck(
        ran=True,
        engine="truthound",
        validator="common.rule_validation of truthound-orchestration 3.0.3",
        findings=[
            RuleFinding(
                file="dags/a.py",
                line=9,
                engine="pandera",
                rule='{"type": "x"}',
                valid=False,
                errors=["UnknownRuleTypeError: Unknown rule type: 'x'"],
            ),
            RuleFinding(
                file="dags/a.py",
                line=20,
                engine="truthound",
                rule='{"type": "unique"}',
                valid=True,
                ignored=True,
            ),
        ],
    )
    item = evaluate(review, review.probe, TODAY).item("rule-vocabulary")
    assert item.status == "fail"
    assert (
        item.reasons[0].startswith("dags/a.py:9: ") and "Unknown rule type: 'x'" in item.reasons[0]
    )
    assert item.reasons[1].startswith("dags/a.py:20: ") and "ignores rule dicts" in item.reasons[1]
    assert {line.provenance for line in item.evidence} >= {"probe:rules"}


def test_no_rules_for_an_engine_that_needs_them_is_a_warning() -> None:
    review = ready_review()
    assert review.probe is not None
    review.probe.rules = RuleCheck(ran=True, engine="pandera", files_read=3)
    review.engine = "pandera"
    item = evaluate(review, review.probe, TODAY).item("rule-vocabulary")
    assert any(
        r.startswith("No rule definitions found in the project (looked at 3") for r in item.reasons
    )


def test_each_import_error_fails_the_gate_and_a_missing_host_only_warns() -> None:
    review = ready_review()
    assert review.probe is not None
    review.probe.load = ProjectLoad(
        host="airflow",
        ran=True,
        loader="airflow.dag_processing.dagbag.BundleDagBag",
        import_errors=[
            LoadError(
                file="dags/helpers/paths.py",
                line=4,
                kind="import_error",
                message="NameError: name 'X' is not defined",
                reported_for="dags/broken_dag.py",
            )
        ],
    )
    status, reasons = gate_of(review)
    assert status == "fail"
    assert reasons == [
        "dags/helpers/paths.py:4: Airflow's loader reports NameError: name 'X' is not defined "
        "(while loading dags/broken_dag.py)."
    ]
    review.probe.load = ProjectLoad(
        host="airflow", ran=False, error="Airflow is not installed in /x"
    )
    assert gate_of(review)[0] == "warn"


def test_an_endpoint_with_backend_none_emits_nothing_and_says_so() -> None:
    review = ready_review(
        **{ids.OBS_BACKEND: "none", ids.OBS_OPENLINEAGE_ENDPOINT: "https://ol/api"}
    )
    item = evaluate(review, review.probe, TODAY).item("observability")
    assert (
        item.status == "warn" and "the backend is none, so no lineage is emitted" in item.reasons[0]
    )
    inputs = PreflightInputs.of_review(review)
    assert inputs.observability() == {"backend": "none"}
    older = ready_review(**{ids.OBS_BACKEND: None, ids.OBS_OPENLINEAGE_ENDPOINT: "https://ol/api"})
    assert PreflightInputs.of_review(older).observability() == {
        "backend": "openlineage",
        "endpoint": "https://ol/api",
    }


def test_a_hand_edited_value_is_named_as_such_not_as_a_host_change() -> None:
    review = ready_review()
    review.answers[ids.ENGINE_OPERATIONS].value = ["check", "streaming"]
    review.answers["results.surface"].value = "dagster_metadata"
    explained = {entry.question_id: entry.explain() for entry in stale_answers(review)}
    assert explained[ids.ENGINE_OPERATIONS] == (
        "engine.operations holds 'streaming', which is not one of its choices "
        "(check, profile, learn, drift, anomaly, stream)"
    )
    assert (
        explained["results.surface"]
        == "results.surface holds 'dagster_metadata', which Airflow does not offer"
    )
    # The probe still passes the unknown value on, for the library to reject in its own words.
    assert value_for_probe(review, ids.ENGINE_OPERATIONS) == ["check", "streaming"]
    assert review.answer_value(ids.ENGINE_OPERATIONS) is None


def test_a_really_changed_basis_is_still_named_and_not_passed_on() -> None:
    review = ready_review()
    record_answer(review, ids.SOURCE_KIND, "remote_uri", by="bob")
    [entry] = [e for e in stale_answers(review) if e.question_id == ids.SOURCE_CONNECTION]
    assert entry.explain() == "source.connection was answered before source.kind changed"
    assert value_for_probe(review, ids.SOURCE_CONNECTION) is None


def test_drift_names_engine_calls_that_started_or_stopped_working() -> None:
    from wizard.core.evidence.drift import probe_drift

    before, after = ready_review(), ready_review()
    assert before.probe is not None and after.probe is not None and after.probe.smoke is not None
    after.probe.smoke.checks[1] = after.probe.smoke.checks[1].model_copy(
        update={"passed": False, "message": "boom"}
    )
    assert probe_drift(before.probe, after.probe) == ["smoke run now failing: truthound profile"]
    assert probe_drift(after.probe, before.probe) == ["smoke run now passing: truthound profile"]

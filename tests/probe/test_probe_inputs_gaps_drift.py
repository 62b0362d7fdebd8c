"""Pure parts of the probe: inputs from answers, the wizard's gap checks, drift lines."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from wizard.core.errors import BadInputError
from wizard.core.evidence.probe import PreflightInputs, probe_drift
from wizard.core.evidence.probe.gaps import engine_checks, source_checks
from wizard.core.review.observations import (
    EnvironmentFacts,
    HostVerdict,
    PreflightCheck,
    PreflightResult,
    ProbeSnapshot,
)


def answers(values: dict[str, Any]) -> Any:
    return lambda question_id: values.get(question_id)


def by_name(checks: list[PreflightCheck]) -> dict[str, PreflightCheck]:
    return {check.name: check for check in checks}


# ------------------------------------------------------------------------------------- inputs


def test_inputs_from_answers_carry_every_production_input() -> None:
    inputs = PreflightInputs.from_answers(
        "airflow",
        "truthound",
        answers(
            {
                "source.kind": "sql",
                "source.reference": "SELECT *\nFROM t",
                "source.connection": "warehouse_ro",
                "engine.operations": ["check", "drift"],
                "engine.fallback": "chain",
                "engine.fallback_engines": ["pandera"],
                "obs.openlineage_endpoint": "http://marquez:5000/api/v1/lineage",
            }
        ),
    )
    request = inputs.to_request()
    assert request["platform"] == "airflow"
    assert request["source"] == {"argument": "sql", "value": "SELECT *\nFROM t"}
    assert request["connection_id"] == "warehouse_ro" and request["profile_name"] is None
    assert request["required_operations"] == ["check", "drift"]
    assert request["observability"] == {
        "backend": "openlineage",
        "endpoint": "http://marquez:5000/api/v1/lineage",
    }
    assert inputs.fallback_engines == ("pandera",)


@pytest.mark.parametrize("host", ["dbt", "mage"])
def test_dbt_and_mage_pass_the_connection_as_a_profile(host: str) -> None:
    inputs = PreflightInputs.from_answers(
        host,
        "truthound",
        answers(
            {
                "source.kind": "warehouse_relation",
                "source.reference": "analytics.users",
                "source.connection": "prod",
            }
        ),
    )
    request = inputs.to_request()
    assert request["profile_name"] == "prod" and request["connection_id"] is None
    assert request["source"] == {"argument": "sql", "value": "analytics.users"}


@pytest.mark.parametrize(
    ("kind", "argument"),
    [
        ("local_path", "data_path"),
        ("remote_uri", "data"),
        ("sql", "sql"),
        ("warehouse_relation", "sql"),
        ("dataframe", None),
        ("stream", None),
    ],
)
def test_source_goes_in_as_an_argument_by_kind(kind: str, argument: str | None) -> None:
    inputs = PreflightInputs(host="prefect", source_kind=kind, source_reference="x.csv")
    found = inputs.source_argument()
    assert (found[0] if found else None) == argument


def test_fallback_engines_count_only_for_a_chain_and_blank_answers_are_none() -> None:
    inputs = PreflightInputs.from_answers(
        "dagster",
        None,
        answers(
            {
                "engine.fallback": "none",
                "engine.fallback_engines": ["ge"],
                "source.connection": "  ",
                "engine.operations": "check, drift",
            }
        ),
    )
    assert inputs.engine == "truthound"
    assert inputs.fallback_engines == ()
    assert inputs.connection is None
    assert inputs.operations == ("check", "drift")


def test_bad_answers_are_bad_input_naming_the_answer() -> None:
    with pytest.raises(BadInputError, match=r"source\.kind"):
        PreflightInputs.from_answers("airflow", "truthound", answers({"source.kind": "table"}))
    with pytest.raises(BadInputError, match=r"engine\.operations"):
        PreflightInputs.from_answers("airflow", "truthound", answers({"engine.operations": 3}))


# --------------------------------------------------------------------------------- gap checks


def test_pandera_without_its_library_fails_with_the_pip_line() -> None:
    checks = by_name(engine_checks(PreflightInputs(host="prefect", engine="pandera"), {}))
    check = checks["engine_library"]
    assert check.status == "failed" and check.origin == "wizard"
    assert "0.0.0" in check.message and "pip install 'pandera>=0.20.0'" in check.message


def test_installed_engine_library_passes_and_untested_version_warns() -> None:
    ok = engine_checks(
        PreflightInputs(host="prefect", engine="ge"), {"great-expectations": "1.5.2"}
    )
    assert by_name(ok)["engine_library"].status == "passed"
    old = engine_checks(
        PreflightInputs(host="prefect", engine="ge"), {"great-expectations": "0.18.0"}
    )
    assert by_name(old)["engine_library"].status == "warning"


@pytest.mark.parametrize(("version", "status"), [("3.2.0", "passed"), ("3.0.0", "failed")])
def test_truthound_range_is_checked(version: str, status: str) -> None:
    checks = by_name(engine_checks(PreflightInputs(host="airflow"), {"truthound": version}))
    assert checks["truthound_runtime"].status == status


def test_fallback_engines_are_checked_for_library_and_capabilities() -> None:
    inputs = PreflightInputs(
        host="airflow", operations=("check", "Drift"), fallback_engines=("pandera", "gx")
    )
    checks = by_name(engine_checks(inputs, {"truthound": "3.2.0"}))
    assert checks["fallback_engine:pandera"].status == "failed"
    assert checks["fallback_capability:pandera"].status == "failed"
    assert "drift" in checks["fallback_capability:pandera"].message
    assert checks["fallback_engine:gx"].status == "warning"  # not built-in: cannot be judged
    # What a chain cannot run follows from the answers alone: the evaluation judges it, once.
    assert "fallback_chain" not in checks


@pytest.mark.parametrize("reference", ["SELECT\n* FROM t", "analytics.users", "(SELECT 1)"])
def test_sql_the_resolver_would_miss_fails_without_a_connection(reference: str) -> None:
    inputs = PreflightInputs(host="airflow", source_kind="sql", source_reference=reference)
    [check] = source_checks(inputs, {"kind": "object", "requires_connection": False})
    assert check.status == "failed"
    assert "plain object" in check.message and "source.connection" in check.message
    with_connection = PreflightInputs(
        host="airflow", source_kind="sql", source_reference=reference, connection="pg"
    )
    [check] = source_checks(with_connection, {"kind": "object", "requires_connection": False})
    assert check.status == "passed" and "sql=" in check.message


@pytest.mark.parametrize("reference", ["C:\\data\\users.csv", "d:/exports/x.parquet"])
def test_windows_drive_paths_are_left_to_the_evaluation(reference: str) -> None:
    inputs = PreflightInputs(host="kestra", source_kind="local_path", source_reference=reference)
    # Not a second "local path read as a URI" warning: the source rule judges drive paths.
    assert source_checks(inputs, {"kind": "remote_uri", "scheme": reference[0].lower()}) == []


def test_other_source_shapes() -> None:
    frame = PreflightInputs(host="dagster", source_kind="dataframe")
    assert source_checks(frame, None)[0].status == "passed"
    unnamed = PreflightInputs(host="dagster", source_kind="sql")
    assert source_checks(unnamed, None)[0].status == "warning"
    https = PreflightInputs(
        host="kestra", source_kind="remote_uri", source_reference="https://h/x.csv"
    )
    assert source_checks(https, {"kind": "remote_uri", "scheme": "https"}) == []  # evaluation's
    plain = PreflightInputs(host="dagster", source_kind="local_path", source_reference="data/users")
    assert source_checks(plain, {"kind": "object"})[0].status == "warning"
    fine = PreflightInputs(host="dagster", source_kind="local_path", source_reference="users.csv")
    assert source_checks(fine, {"kind": "local_path"}) == []


# -------------------------------------------------------------------------------------- drift


def snapshot(
    python: str, packages: dict[str, str], failing: tuple[str, ...] = (), verdict: str = "primary"
) -> ProbeSnapshot:
    checks = [PreflightCheck(name="engine_runtime", status="passed", message="ok")] + [
        PreflightCheck(name=name, status="failed", message="no") for name in failing
    ]
    return ProbeSnapshot(
        taken_at=datetime.now(UTC),
        environment=EnvironmentFacts(executable="/p", python_version=python, packages=packages),
        hosts=[HostVerdict(name="prefect", verdict=verdict, reason="r")],  # type: ignore[arg-type]
        preflight=PreflightResult(ran=True, compatible=not failing, checks=checks),
    )


def test_drift_lines() -> None:
    old = snapshot(
        "3.11.7", {"prefect": "3.6.29", "truthound-orchestration": "3.0.3"}, failing=("serializer",)
    )
    new = snapshot(
        "3.12.4",
        {"prefect": "3.9.1", "pandera": "0.20.1"},
        failing=("source_resolution",),
        verdict="untested-newer",
    )
    new.preflight.checks.append(PreflightCheck(name="serializer", status="passed", message="ok"))  # type: ignore[union-attr]
    assert probe_drift(old, new) == [
        "python 3.11.7 -> 3.12.4",
        "pandera now installed: 0.20.1",
        "prefect 3.6.29 -> 3.9.1",
        "truthound-orchestration now missing",
        "prefect verdict primary -> untested-newer",
        "preflight now failing: source_resolution",
        "preflight now passing: serializer",
    ]


def test_no_drift_without_an_earlier_snapshot_or_without_change() -> None:
    same = snapshot("3.12.4", {"prefect": "3.6.29"})
    assert probe_drift(None, same) == []
    assert probe_drift(same, snapshot("3.12.4", {"prefect": "3.6.29"})) == []


def test_drift_when_the_preflight_stops_running() -> None:
    old = snapshot("3.12.4", {})
    new = snapshot("3.12.4", {})
    new.preflight = PreflightResult(ran=False, error="truthound-orchestration is not installed")
    assert probe_drift(old, new) == [
        "preflight no longer runs: truthound-orchestration is not installed"
    ]

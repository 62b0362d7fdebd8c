"""Support-matrix verdicts: pure functions over package versions and a Python version."""

from __future__ import annotations

import pytest

from wizard.core.errors import BadInputError
from wizard.core.evaluation.support import host_verdict, host_verdicts, truthound_verdict
from wizard.core.kb.matrix import (
    canonical_engine,
    engine_distribution,
    load_matrix,
    unsupported_operations,
)

PYTHON_311 = ["3.11", "3.11.0", "3.11.7", "3.11.11"]
PYTHON_312 = ["3.12", "3.12.1", "3.12.8"]
PYTHON_BELOW = ["3.10.13", "3.9.18", "3.8.0", "2.7.18"]
PYTHON_NEWER = ["3.13.0", "3.13.2", "3.14.0", "3.13.0rc1"]


@pytest.mark.parametrize("python", PYTHON_311)
@pytest.mark.parametrize(
    ("host", "packages"),
    [
        ("airflow", {"apache-airflow": "2.6.0"}),
        ("airflow", {"apache-airflow-core": "2.6.0"}),
        ("dagster", {"dagster": "1.5.0"}),
        ("prefect", {"prefect": "2.14.0"}),
    ],
)
def test_exact_minimum_tuple_is_minimum(host: str, packages: dict[str, str], python: str) -> None:
    verdict = host_verdict(host, packages, python)
    assert verdict.verdict == "minimum"
    assert verdict.version == next(iter(packages.values()))
    assert "minimum" in verdict.reason


def test_airflow_minimum_reason_names_the_constraints_file_and_doc() -> None:
    verdict = host_verdict("airflow", {"apache-airflow": "2.6.0"}, "3.11.7")
    assert "constraints-2.6.0/constraints-3.11.txt" in verdict.reason
    assert verdict.doc == "docs/airflow/install-compatibility.md"
    assert verdict.reason.endswith("Read docs/airflow/install-compatibility.md.")


@pytest.mark.parametrize("python", PYTHON_312)
@pytest.mark.parametrize(
    ("host", "packages"),
    [
        ("airflow", {"apache-airflow": "3.2.0"}),
        ("airflow", {"apache-airflow-core": "3.2.0"}),
        ("dagster", {"dagster": "1.12.18"}),
        ("prefect", {"prefect": "3.6.29"}),
        ("kestra", {"kestra": "1.3.0"}),
        ("dbt", {"dbt-core": "1.10.20", "dbt-postgres": "1.10.0"}),
    ],
)
def test_exact_primary_tuple_is_primary(host: str, packages: dict[str, str], python: str) -> None:
    assert host_verdict(host, packages, python).verdict == "primary"


@pytest.mark.parametrize(
    ("host", "packages", "python"),
    [
        ("airflow", {"apache-airflow": "2.9.3"}, "3.11.7"),
        ("airflow", {"apache-airflow": "2.9.3"}, "3.12.1"),
        ("airflow", {"apache-airflow": "3.2.0"}, "3.11.7"),  # primary version, minimum Python
        ("airflow", {"apache-airflow": "2.6.0"}, "3.12.1"),  # minimum version, primary Python
        ("airflow", {"apache-airflow": "3.2.0rc1"}, "3.12.1"),  # a pre-release sorts below
        ("dagster", {"dagster": "1.8.0"}, "3.12.0"),
        ("prefect", {"prefect": "3.0.0"}, "3.11.2"),
        ("kestra", {"kestra": "1.3.0"}, "3.11.7"),  # Kestra anchors are on 3.12 only
        ("dbt", {"dbt-core": "1.10.5", "dbt-postgres": "1.10.3"}, "3.12.1"),
        ("dbt", {"dbt-core": "1.10.20", "dbt-postgres": "1.10.0"}, "3.11.7"),
    ],
)
def test_between_the_tested_tuples_is_in_range(
    host: str, packages: dict[str, str], python: str
) -> None:
    verdict = host_verdict(host, packages, python)
    assert verdict.verdict == "in-range"
    assert "not" in verdict.reason  # says what is *not* tested about it


@pytest.mark.parametrize("python", PYTHON_311 + PYTHON_312 + PYTHON_NEWER)
@pytest.mark.parametrize(
    ("host", "packages"),
    [
        ("airflow", {"apache-airflow": "2.5.0"}),
        ("airflow", {"apache-airflow": "1.10.15"}),
        ("dagster", {"dagster": "1.4.9"}),
        ("prefect", {"prefect": "2.13.9"}),
        ("kestra", {"kestra": "1.2.0"}),
    ],
)
def test_below_minimum_is_unsupported_on_any_python(
    host: str, packages: dict[str, str], python: str
) -> None:
    verdict = host_verdict(host, packages, python)
    assert verdict.verdict == "unsupported"
    assert "below the minimum" in verdict.reason


@pytest.mark.parametrize("python", PYTHON_BELOW)
@pytest.mark.parametrize("host", ["airflow", "dagster", "prefect", "kestra", "mage", "dbt"])
def test_python_below_311_is_unsupported_for_every_host(host: str, python: str) -> None:
    packages = {
        "apache-airflow": "3.2.0",
        "dagster": "1.12.18",
        "prefect": "3.6.29",
        "kestra": "1.3.0",
        "mage-ai": "0.9.76",
        "dbt-core": "1.10.20",
        "dbt-postgres": "1.10.0",
    }
    verdict = host_verdict(host, packages, python)
    assert verdict.verdict == "unsupported"
    assert "below 3.11" in verdict.reason


@pytest.mark.parametrize(
    ("host", "packages"),
    [
        ("airflow", {"apache-airflow": "3.3.0"}),
        ("airflow", {"apache-airflow": "3.2.0.post1"}),
        ("dagster", {"dagster": "1.13.1"}),
        ("prefect", {"prefect": "3.9.1"}),
        ("kestra", {"kestra": "1.4.0"}),
    ],
)
@pytest.mark.parametrize("python", PYTHON_311 + PYTHON_312)
def test_newer_than_primary_is_untested_newer(
    host: str, packages: dict[str, str], python: str
) -> None:
    verdict = host_verdict(host, packages, python)
    assert verdict.verdict == "untested-newer"
    assert "newer than the primary" in verdict.reason


@pytest.mark.parametrize("python", PYTHON_NEWER)
@pytest.mark.parametrize(
    ("host", "packages"),
    [
        ("airflow", {"apache-airflow": "3.2.0"}),
        ("dagster", {"dagster": "1.5.0"}),
        ("mage", {"mage-ai": "0.9.76"}),
        ("dbt", {"dbt-core": "1.10.20", "dbt-postgres": "1.10.0"}),
    ],
)
def test_python_313_is_only_a_shared_runtime_canary(
    host: str, packages: dict[str, str], python: str
) -> None:
    verdict = host_verdict(host, packages, python)
    assert verdict.verdict == "untested-newer"
    assert "canary" in verdict.reason


@pytest.mark.parametrize(
    ("core", "reason"),
    [("1.11.1", "outside the tested core range"), ("1.9.4", "outside the tested core range")],
)
def test_dbt_core_outside_its_range_is_unsupported(core: str, reason: str) -> None:
    verdict = host_verdict("dbt", {"dbt-core": core, "dbt-postgres": "1.10.0"}, "3.12.1")
    assert verdict.verdict == "unsupported"
    assert reason in verdict.reason
    assert verdict.version == core


@pytest.mark.parametrize(
    "adapter", [("dbt-postgres", "1.9.0"), ("dbt-snowflake", "1.11.0"), ("dbt-bigquery", "2.0.0")]
)
def test_dbt_adapter_outside_its_range_is_unsupported(adapter: tuple[str, str]) -> None:
    distribution, version = adapter
    verdict = host_verdict("dbt", {"dbt-core": "1.10.20", distribution: version}, "3.12.1")
    assert verdict.verdict == "unsupported"
    assert f"{distribution} {version} is outside the tested adapter range" in verdict.reason


def test_dbt_without_an_adapter_is_missing_and_names_the_adapters() -> None:
    verdict = host_verdict("dbt", {"dbt-core": "1.10.20"}, "3.12.1")
    assert verdict.verdict == "missing"
    for adapter in ("dbt-postgres", "dbt-snowflake", "dbt-databricks"):
        assert adapter in verdict.reason


def test_dbt_compile_only_adapter_is_called_out() -> None:
    verdict = host_verdict("dbt", {"dbt-core": "1.10.3", "dbt-snowflake": "1.10.1"}, "3.12.1")
    assert verdict.verdict == "in-range"
    assert "dbt-snowflake is only compile-tested" in verdict.reason


@pytest.mark.parametrize("host", ["airflow", "dagster", "prefect", "dbt", "mage", "kestra"])
def test_missing_host_is_missing_with_install_hint(host: str) -> None:
    verdict = host_verdict(host, {"truthound": "3.2.0"}, "3.12.1")
    assert verdict.verdict == "missing"
    assert verdict.version is None
    assert "not installed" in verdict.reason


@pytest.mark.parametrize("python", PYTHON_311 + PYTHON_312)
def test_mage_has_no_anchor_and_says_so(python: str) -> None:
    verdict = host_verdict("mage", {"mage-ai": "0.9.76"}, python)
    assert verdict.verdict == "in-range"
    assert "no minimum or primary Mage version is published" in verdict.reason


def test_kestra_reason_says_the_server_is_outside_the_matrix() -> None:
    verdict = host_verdict("kestra", {"kestra": "1.3.0"}, "3.12.4")
    assert verdict.verdict == "primary"
    assert "server" in verdict.reason


def test_unknown_python_cannot_confirm_an_exact_tuple() -> None:
    verdict = host_verdict("airflow", {"apache-airflow": "3.2.0"}, None)
    assert verdict.verdict == "in-range"
    assert "Python version is unknown" in verdict.reason


def test_unreadable_version_is_unsupported_not_a_crash() -> None:
    verdict = host_verdict("prefect", {"prefect": "not-a-version"}, "3.12.1")
    assert verdict.verdict == "unsupported"
    assert "unreadable" in verdict.reason


def test_host_verdicts_lists_installed_hosts_plus_the_chosen_one() -> None:
    packages = {"prefect": "3.6.29", "dagster": "1.5.0", "truthound": "3.2.0"}
    verdicts = host_verdicts(packages, "3.12.1", "airflow")
    assert [(v.name, v.verdict) for v in verdicts] == [
        ("airflow", "missing"),
        ("dagster", "in-range"),
        ("prefect", "primary"),
    ]
    assert host_verdicts({}, "3.12.1", None) == []


def test_unknown_host_is_bad_input() -> None:
    with pytest.raises(BadInputError, match="not on the support matrix"):
        host_verdict("luigi", {}, "3.12.1")
    with pytest.raises(BadInputError, match="airflow"):
        host_verdicts({}, "3.12.1", "luigi")


@pytest.mark.parametrize(
    ("version", "ok", "phrase"),
    [
        ("3.0.1", True, "inside"),
        ("3.2.0", True, "inside"),
        ("3.0.0", False, "satisfies the package dependency >=3.0,<4.0"),
        ("4.1.0", False, "outside >=3.0.1,<4.0.0"),
        ("2.9.9", False, "outside"),
    ],
)
def test_truthound_runtime_range(version: str, ok: bool, phrase: str) -> None:
    result, reason = truthound_verdict({"truthound": version})
    assert result is ok
    assert phrase in reason


def test_truthound_missing_fails_with_install_line() -> None:
    ok, reason = truthound_verdict({})
    assert not ok
    assert "pip install 'truthound>=3.0.1,<4.0.0'" in reason


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        (None, "truthound"),
        ("", "truthound"),
        ("  Truthound  ", "truthound"),
        ("truthound3", "truthound"),
        ("GE", "great_expectations"),
        ("great_expectations", "great_expectations"),
        ("pandera", "pandera"),
        ("great-expectations", None),
        ("gx", None),
        ("pa", None),
    ],
)
def test_canonical_engine_follows_the_shared_resolver(name: str | None, canonical: str) -> None:
    assert canonical_engine(name) == canonical


def test_engine_helpers() -> None:
    assert engine_distribution("ge") == "great-expectations"
    assert engine_distribution("truthound3") == "truthound"
    assert unsupported_operations("pandera") == {"drift", "anomaly"}
    assert unsupported_operations("truthound") == set()
    with pytest.raises(BadInputError, match="not one of the built-in engines"):
        engine_distribution("gx")


def test_matrix_data_is_consistent() -> None:
    matrix = load_matrix()
    assert load_matrix() is matrix  # cached
    assert set(matrix.hosts) == {"airflow", "dagster", "prefect", "dbt", "mage", "kestra"}
    for name, host in matrix.hosts.items():
        assert host.doc.startswith(f"docs/{name}/"), name
        if host.version_anchor and host.core is None:
            assert host.minimum is not None and host.primary is not None
    assert matrix.hosts["kestra"].minimum == matrix.hosts["kestra"].primary
    assert not matrix.hosts["mage"].version_anchor
    dbt = matrix.hosts["dbt"]
    assert dbt.core is not None and dbt.core.primary_adapter in dbt.adapters
    assert [a.distribution for a in dbt.adapters.values()] == [
        "dbt-postgres",
        "dbt-snowflake",
        "dbt-bigquery",
        "dbt-redshift",
        "dbt-databricks",
    ]

"""Committed credentials: every planted secret is found, clean projects stay clean, and no
secret value ever reaches the serialised scan."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.scan.projects import BUILDERS, SampleProject
from wizard.core.evidence.scan import scan_project
from wizard.core.review.observations import ProbeSnapshot, ProjectScan, SecretFinding
from wizard.core.safety.credentials import fingerprint


def _everything_serialised(scan: ProjectScan) -> str:
    snapshot = ProbeSnapshot(taken_at=datetime.now(UTC), scan=scan)
    return "\n".join(
        [scan.model_dump_json(), snapshot.model_dump_json(), repr(scan), str(scan.model_dump())]
    )


def _finding_for(scan: ProjectScan, file: str, value: str) -> SecretFinding:
    matches = [
        finding
        for finding in scan.secrets
        if finding.file == file and finding.fingerprint == fingerprint(value)
    ]
    assert matches, f"no finding in {file} for the planted value; got {scan.secrets}"
    return matches[0]


@pytest.mark.parametrize("host", sorted(BUILDERS))
def test_every_planted_secret_is_found_by_its_rule(tmp_path: Path, host: str) -> None:
    project = BUILDERS[host](tmp_path, planted=True)
    scan = scan_project(tmp_path)
    assert project.planted
    for planted in project.planted:
        finding = _finding_for(scan, planted.file, planted.value)
        assert finding.rule == planted.rule
        source_line = (tmp_path / planted.file).read_text().splitlines()[finding.line - 1]
        assert planted.value.splitlines()[0] in source_line
        assert finding.allowed_by is None
        assert planted.value not in finding.redacted and "***" in finding.redacted


@pytest.mark.parametrize("host", sorted(BUILDERS))
def test_clean_projects_have_no_secret_findings(tmp_path: Path, host: str) -> None:
    BUILDERS[host](tmp_path, planted=False)
    scan = scan_project(tmp_path)
    assert scan.secrets == []
    assert scan.files_scanned > 0


@pytest.mark.parametrize("host", sorted(BUILDERS))
def test_no_planted_value_is_serialised_anywhere(tmp_path: Path, host: str) -> None:
    project = BUILDERS[host](tmp_path, planted=True)
    text = _everything_serialised(scan_project(tmp_path))
    for planted in project.planted:
        assert planted.value not in text
        for line in planted.value.splitlines():
            assert line not in text


def test_committed_env_file_is_reported_as_a_whole_and_per_secret(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "airflow")
    project.write(".env", "LOG_LEVEL=info\nWAREHOUSE_TOKEN='tok-Lq82nV0s'\nEMPTY=\nREF=${X}\n")
    project.write(".env.example", "WAREHOUSE_TOKEN=\n")
    scan = scan_project(tmp_path)
    rules = sorted((finding.rule, finding.line) for finding in scan.secrets)
    assert rules == [("env-file-committed", 1), ("env-file-secret", 2)]
    committed = next(f for f in scan.secrets if f.rule == "env-file-committed")
    assert "2 value(s): LOG_LEVEL, WAREHOUSE_TOKEN" in committed.redacted
    assert "tok-Lq82nV0s" not in _everything_serialised(scan)


def test_airflow_connections_in_compose_lists_kubernetes_docker_and_code(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "airflow")
    project.write(
        "compose.yaml",
        """
        services:
          worker:
            environment:
              - AIRFLOW_CONN_LIST=postgres://svc:ListPw-1@db/x
              - AIRFLOW_CONN_SAFE=${FROM_VAULT}
        """,
    )
    project.write(
        "k8s/worker.yaml",
        """
        spec:
          containers:
            - name: worker
              env:
                - name: AIRFLOW_CONN_K8S
                  value: "http://api.internal/?token=K8sTok-9"
                - name: AIRFLOW_CONN_FROM_SECRET
                  valueFrom:
                    secretKeyRef: {name: airflow, key: conn}
        """,
    )
    project.write(
        "Dockerfile",
        "FROM apache/airflow:3.2.0\nENV AIRFLOW_CONN_IMAGE postgres://u:DockerPw-2@db/x\n"
        "ENV AIRFLOW_CONN_FILES fs://\n",
    )
    project.write(
        "dags/setup.py",
        """
        import os

        from airflow.models import Connection

        os.environ.setdefault("AIRFLOW_CONN_CODE", "mysql://app:CodePw-3@db/x")
        os.environ.setdefault("AIRFLOW_CONN_PLAIN", "mysql://app@db/x")
        conn = Connection(conn_id="w", conn_type="postgres", password="ConnObjPw-4")
        """,
    )
    scan = scan_project(tmp_path)
    found = {(finding.file, finding.rule) for finding in scan.secrets}
    assert found == {
        ("compose.yaml", "airflow-conn-env-literal"),
        ("k8s/worker.yaml", "airflow-conn-env-literal"),
        ("Dockerfile", "airflow-conn-env-literal"),
        ("dags/setup.py", "airflow-conn-env-literal"),
        ("dags/setup.py", "airflow-connection-literal"),
    }
    # The password inside the listed URI is folded into the connection finding, not repeated;
    # connections with no credential in them (fs://, no password) are not findings.
    assert len([f for f in scan.secrets if f.file == "compose.yaml"]) == 1
    assert len([f for f in scan.secrets if f.file in {"Dockerfile", "dags/setup.py"}]) == 3
    text = _everything_serialised(scan)
    for value in ("ListPw-1", "K8sTok-9", "ConnObjPw-4", "CodePw-3", "DockerPw-2"):
        assert value not in text


def test_uri_passwords_in_text_sql_and_markdown_files(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "dbt")
    project.write("scripts/load.sh", "psql postgresql://loader:ShellPw-77@db.internal/orders\n")
    project.write("README.md", "Connect with `postgresql://reader:${READER_PW}@db/orders`.\n")
    project.write("analysis/check.sql", "-- source: mysql://ro:SqlPw-31@mysql/x\nselect 1\n")
    scan = scan_project(tmp_path)
    found = sorted((finding.file, finding.line, finding.rule) for finding in scan.secrets)
    assert found == [
        ("analysis/check.sql", 1, "uri-password"),
        ("scripts/load.sh", 1, "uri-password"),
    ]
    load = next(f for f in scan.secrets if f.file == "scripts/load.sh")
    assert load.redacted == "psql postgresql://loader:***@db.internal/orders"


def test_generic_credentials_come_from_detect_secrets(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "dagster")
    key_body = "MIIEowIBAAKCAQEA7bq9Jx1mPq5o0n3Vx2Yt8kq4Lw6N1u2h3RZ5cD9eF0gH1iJ2kL3m"
    project.write(
        "deploy/key.pem",
        f"-----BEGIN RSA PRIVATE KEY-----\n{key_body}\n-----END RSA PRIVATE KEY-----\n",
    )
    project.write(
        "resources.py",
        """
        GITHUB_TOKEN = "ghp_4f8Ka92LmQx7Zp3RtY6Wn1Bc5Dv0Ej2HsUi9"
        api_password = "Zq8vLm2Wx9Kp"  # pragma: allowlist secret
        """,
    )
    scan = scan_project(tmp_path)
    rules = {(finding.file, finding.rule) for finding in scan.secrets}
    assert ("deploy/key.pem", "detect-secrets:PrivateKeyDetector") in rules
    assert ("resources.py", "detect-secrets:GitHubTokenDetector") in rules
    # detect-secrets' own pragma names nobody, so it does not hide the finding here (the
    # credential-named constant rule and detect-secrets' keyword plugin agree; one is kept).
    assert [f.line for f in scan.secrets if f.file == "resources.py"] == [1, 2]
    text = _everything_serialised(scan)
    assert key_body not in text and "Zq8vLm2Wx9Kp" not in text
    assert "ghp_4f8Ka92LmQx7Zp3RtY6Wn1Bc5Dv0Ej2HsUi9" not in text


def test_unparseable_yaml_and_python_fall_back_to_line_rules(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "dbt")
    project.write(
        "profiles.yml",
        "analytics:\n  outputs:\n    dev:\n      host: [unclosed\n"
        "      uri: postgresql://u:BrokenYamlPw-5@h/db\n",
    )
    project.write("legacy.py", 'print "hello"\nDSN = "postgresql://u:Py2Pw-6@h/db"\n')
    scan = scan_project(tmp_path)
    assert {(f.file, f.rule) for f in scan.secrets} == {
        ("profiles.yml", "uri-password"),
        ("legacy.py", "uri-password"),
    }
    assert any("profiles.yml line" in note and "not valid YAML" in note for note in scan.notes)
    assert any("legacy.py line 1" in note and "not valid Python" in note for note in scan.notes)


def test_dbt_and_mage_accept_their_own_secret_references(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "mage")
    project.write(
        "io_config.yaml",
        """
        default:
          POSTGRES_PASSWORD: "{{ env_var('PG_PW') }}"
          SNOWFLAKE_PASSWORD: "{{ mage_secret_var('sf') }}"
          MYSQL_PASSWORD: ${MYSQL_PW}
          GOOGLE_SERVICE_ACC_KEY_FILEPATH: /secrets/gcp.json
          AWS_SECRET_ACCESS_KEY: "{{ json_value(vault('aws'), 'secret') }}"
          SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: Literal-Mage-Key-9x  # rotated in May
        """,
    )
    scan = scan_project(tmp_path)
    # Any {{ ... }} is rendered by Mage at run time; only the last value is a literal, and its
    # comment is not part of it.
    assert [(f.line, f.rule) for f in scan.secrets] == [(7, "mage-io-config-literal")]
    assert scan.secrets[0].fingerprint == fingerprint("Literal-Mage-Key-9x")


def test_a_second_secret_on_the_same_line_is_masked_in_every_finding(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "airflow")
    project.write(
        "dags/two.py",
        'A, B = "postgresql://u:FirstPw-81@h/db", "ghp_9Zk2Lm4Qx7Rt1Vb8Nc3Yp6Wd0Sf5Hj2Ka8Ue"\n',
    )
    scan = scan_project(tmp_path)
    assert {finding.rule for finding in scan.secrets} == {
        "uri-password",
        "detect-secrets:GitHubTokenDetector",
    }
    for finding in scan.secrets:
        assert "FirstPw-81" not in finding.redacted
        assert "ghp_9Zk2Lm4Qx7Rt1Vb8Nc3Yp6Wd0Sf5Hj2Ka8Ue" not in finding.redacted


def test_setting_values_are_scrubbed_of_every_credential_found(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "dagster")
    project.write(
        "defs.py",
        'resource = DataQualityResource(observability={"backend": "openlineage", '
        '"api_key": "ObsKey-77aaQ"})\n',
    )
    scan = scan_project(tmp_path)
    assert scan.secrets, "the api_key literal is a finding"
    setting = next(finding for finding in scan.settings if finding.kind == "observability")
    assert "ObsKey-77aaQ" not in setting.value and "***" in setting.value


def test_parse_failures_are_noted_for_the_first_files_only(tmp_path: Path) -> None:
    for number in range(25):
        (tmp_path / f"broken_{number:02d}.yml").write_text("key: [unclosed\n", encoding="utf-8")
    notes = scan_project(tmp_path).notes
    parse_notes = [note for note in notes if "not valid YAML" in note]
    assert len(parse_notes) == 20
    assert "... and 5 more file(s) that did not parse." in notes


def test_credential_named_literals_in_python_but_not_words_or_ids(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "dagster")
    project.write(
        "clients.py",
        """
        from vendor import Client

        client = Client(endpoint="https://api.vendor.example", api_key="k3yLive-88xQ")
        settings = {"client_secret": "Cs-2u9PkW4", "token": "warehouse-token"}
        GLYPHS = {"pass": "ok", "secrets.rotation_owner": "yes", "fail": "x"}
        lookup = Client(secret_name="warehouse", token_type="bearer", password=None)
        """,
    )
    project.write(
        "profiles.yml",
        "shop:\n  outputs:\n    dev:\n      type: postgres\n      pass: DbtPassPw-1\n",
    )
    scan = scan_project(tmp_path)
    found = sorted((finding.file, finding.line, finding.rule) for finding in scan.secrets)
    assert found == [
        ("clients.py", 3, "python-secret-literal"),
        ("clients.py", 4, "python-secret-literal"),
        ("profiles.yml", 5, "dbt-profile-literal"),
    ]
    assert fingerprint("Cs-2u9PkW4") in {finding.fingerprint for finding in scan.secrets}

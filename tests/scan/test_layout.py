"""Host layout detection and the explanation when the folder is not the chosen host."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.projects import BUILDERS, SampleProject, dagster_project
from wizard.core.errors import BadInputError
from wizard.core.evidence.scan import layout_mismatch, scan_project


@pytest.mark.parametrize("host", sorted(BUILDERS))
def test_each_sample_project_is_recognised_as_its_host(tmp_path: Path, host: str) -> None:
    BUILDERS[host](tmp_path, planted=False)
    scan = scan_project(tmp_path, chosen_host=host)
    assert scan.hosts_detected == [host]
    assert scan.host_signals[host]
    assert layout_mismatch(scan, host) is None
    assert not any("does not look like" in note for note in scan.notes)


def test_dagster_is_recognised_by_definitions_and_imports(tmp_path: Path) -> None:
    dagster_project(tmp_path)
    scan = scan_project(tmp_path)
    assert scan.hosts_detected == ["dagster"]
    signals = " ".join(scan.host_signals["dagster"])
    assert "orders/definitions.py builds Definitions(...)" in signals
    assert "1 Python file(s) import it" in signals


def test_signals_name_the_markers_that_were_found(tmp_path: Path) -> None:
    BUILDERS["dbt"](tmp_path, planted=False)
    signals = scan_project(tmp_path).host_signals["dbt"]
    assert "dbt_project.yml" in signals
    assert "packages.yml names the truthound/truthound package" in signals
    assert "profiles.yml (dbt profiles)" in signals


def test_mage_is_recognised_by_metadata_and_block_folders_alone(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "mage")
    project.write("pipelines/p/metadata.yaml", "name: p\nblocks: []\n")
    project.write("transformers/t.py", "def transform(df):\n    return df\n")
    scan = scan_project(tmp_path)
    assert scan.hosts_detected == ["mage"]
    assert scan.host_signals["mage"] == ["metadata.yaml with block folders (transformers)"]


def test_mismatch_explains_what_was_expected_and_what_was_seen(tmp_path: Path) -> None:
    BUILDERS["dbt"](tmp_path, planted=False)
    scan = scan_project(tmp_path, chosen_host="airflow")
    message = layout_mismatch(scan, "airflow")
    assert message is not None
    assert "The scanned folder does not look like an Airflow project" in message
    assert str(tmp_path) not in message  # stored in the review: no machine's path
    assert "dags/ folder" in message
    assert "It looks like dbt: dbt_project.yml" in message
    assert "change the host answer" in message
    assert scan.notes[0] == message


def test_mismatch_for_a_folder_with_no_host_at_all(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing here\n", encoding="utf-8")
    scan = scan_project(tmp_path)
    message = layout_mismatch(scan, "kestra")
    assert message is not None
    assert "flow YAML files with id, namespace and tasks" in message
    assert "No orchestration host was recognised in 1 file(s)" in message


def test_unknown_host_and_missing_folder_are_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="unknown host 'luigi'"):
        scan_project(tmp_path, chosen_host="luigi")
    with pytest.raises(BadInputError, match="no such folder"):
        scan_project(tmp_path / "missing")


def test_a_mage_projects_dbt_profile_is_not_a_dbt_project(tmp_path: Path) -> None:
    from tests.scan.corpus_build import materialise

    project = materialise("mage_init", tmp_path)
    scan = scan_project(project.root, chosen_host="dbt")
    assert scan.hosts_detected == ["mage"]
    assert "does not look like a dbt project" in scan.notes[0]

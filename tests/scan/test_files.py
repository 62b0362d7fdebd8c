"""Which files count as checked in: git's view inside a work tree, a filtered walk outside."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.scan.projects import SampleProject, airflow_project, git_init
from wizard.core.evidence.scan import scan_project
from wizard.core.evidence.scan.files import (
    MAX_FILE_BYTES,
    ProjectFile,
    list_project_files,
    read_project_file,
)
from wizard.core.safety.credentials import fingerprint


def test_files_git_ignores_are_not_reported(tmp_path: Path) -> None:
    project = airflow_project(tmp_path, planted=True)
    project.write(".gitignore", ".env\nlocal/\n")
    project.write("local/override.py", 'DSN = "postgresql://me:IgnoredPw-1@localhost/x"\n')
    git_init(tmp_path)
    tracked = subprocess.run(
        ["git", "-C", str(tmp_path), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert ".env" not in tracked and "local/override.py" not in tracked
    scan = scan_project(tmp_path)
    files = {finding.file for finding in scan.secrets}
    assert ".env" not in files and "local/override.py" not in files
    assert "dags/orders_quality.py" in files
    assert fingerprint("IgnoredPw-1") not in {finding.fingerprint for finding in scan.secrets}
    assert not any("not in a git work tree" in note for note in scan.notes)


def test_new_files_git_does_not_ignore_are_scanned_and_noted(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "airflow")
    project.write("dags/a.py", "from airflow import DAG\n")
    git_init(tmp_path)
    project.write("dags/new_dag.py", 'DSN = "postgresql://u:NotYetAddedPw-2@h/db"\n')
    scan = scan_project(tmp_path)
    assert [finding.file for finding in scan.secrets] == ["dags/new_dag.py"]
    assert any("1 file(s) not yet added to git" in note for note in scan.notes)


def test_subfolder_of_a_repository_uses_paths_relative_to_that_folder(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "dbt")
    project.write("other/leak.sh", "psql postgresql://u:OutsidePw-3@h/db\n")
    project.write("pipelines/orders/load.sh", "psql postgresql://u:InsidePw-4@h/db\n")
    git_init(tmp_path)
    scan = scan_project(tmp_path / "pipelines" / "orders")
    assert [(f.file, f.fingerprint) for f in scan.secrets] == [
        ("load.sh", fingerprint("InsidePw-4"))
    ]


def test_binary_and_oversized_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "blob.parquet").write_bytes(b"PAR1\0postgresql://u:BinaryPw-5@h/db")
    (tmp_path / "huge.sql").write_text(
        "-- postgresql://u:HugePw-6@h/db\n" + "x" * MAX_FILE_BYTES, encoding="utf-8"
    )
    (tmp_path / "small.sql").write_text("select 1\n", encoding="utf-8")
    scan = scan_project(tmp_path)
    assert scan.secrets == [] and scan.files_scanned == 1
    assert "1 file(s) skipped: binary (e.g. blob.parquet)." in scan.notes
    assert "1 file(s) skipped: over 1 MiB (e.g. huge.sql)." in scan.notes


def test_outside_git_venvs_node_modules_caches_and_dbt_target_are_skipped(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "dbt")
    project.write("dbt_project.yml", "name: shop\n")
    project.write("models/a.sql", "select 1\n")
    leak = "psql postgresql://u:VendoredPw-7@h/db\n"
    for vendored in (
        ".venv/lib/site.py",
        "env2/pyvenv.cfg",
        "env2/lib/mod.sh",
        "node_modules/pkg/index.sh",
        "__pycache__/x.sh",
        ".git/config.sh",
        "target/compiled/a.sh",
        "dbt_packages/truthound/x.sh",
    ):
        project.write(vendored, leak)
    listing = list_project_files(tmp_path)
    assert not listing.in_git
    assert sorted(listing.paths) == ["dbt_project.yml", "models/a.sql"]
    scan = scan_project(tmp_path)
    assert scan.secrets == []
    assert "1 file(s) skipped: node_modules (e.g. node_modules/); --include GLOB reads them." in (
        scan.notes
    )
    assert any(note.startswith("3 file(s) skipped: virtualenv") for note in scan.notes)
    included = scan_project(tmp_path, include=("node_modules/*",))
    assert [finding.file for finding in included.secrets] == ["node_modules/pkg/index.sh"]


def test_each_file_is_read_once_and_kept_as_text(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "prefect")
    project.write("flows/é.py", "NAME = 'café'\n")
    listing = list_project_files(tmp_path)
    assert listing.paths == ["flows/é.py"]
    file = read_project_file(tmp_path, "flows/é.py")
    assert isinstance(file, ProjectFile) and file.lines == ["NAME = 'café'"]

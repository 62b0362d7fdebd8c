"""Load a project with the host's own machinery, *inside* the target interpreter.

THIS RUNS THE PROJECT'S CODE: DAG files, flow modules and Dagster definitions are imported, dbt
renders its Jinja. The wizard only starts it when asked (``--load-project``), in a throw-away
home with a clean environment (see ``wizard.core.evidence.probe.loader``), a time limit and
its own process group, which is killed on expiry.

``python loader_script.py < request.json`` with ``{"loader": "dagbag" | "dbt_parse" |
"prefect_flows" | "dagster_definitions", "project": "/abs/folder"}``; the loader names come
from the hosts' registry, so this file names no host. Answer: ``{"protocol", "ran", "error",
"loader", "loaded": [...], "skipped": [...], "import_errors": [{"file", "line", "kind",
"message", "reported_for"}], "warnings": [...]}``, file paths relative to the project.
Standard library only outside the host's own imports.
"""

import json
import os
import re
import signal
import sys
import traceback
from typing import Any

PROTOCOL = 1
SKIPPED_FOLDERS = frozenset(
    {".git", ".venv", "venv", "__pycache__", "node_modules", "dbt_packages", "target", "logs"}
)
_FRAME = re.compile(r'File "([^"]+)", line (\d+)')
LONGEST = 2000


def inside(path: str, root: str) -> "str | None":
    """``path`` relative to ``root`` when it lies inside it, else None."""
    absolute = os.path.realpath(path)
    return os.path.relpath(absolute, root) if absolute.startswith(root + os.sep) else None


def python_files(root: str) -> "list[str]":
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED_FOLDERS)
        found += [os.path.join(folder, name) for name in sorted(files) if name.endswith(".py")]
    return found


def deepest_project_frame(text: str, root: str) -> "tuple[str | None, int | None]":
    """The innermost traceback frame in the project's own files: where the planted error is."""
    where: tuple[str | None, int | None] = (None, None)
    for match in _FRAME.finditer(text or ""):
        relative = inside(match.group(1), root)
        if relative is not None:
            where = (relative, int(match.group(2)))
    return where


def error_row(error: "BaseException", root: str, file: str, kind: "str | None" = None) -> "Any":
    """One import error from a live exception, located by SyntaxError or the traceback chain."""
    if isinstance(error, SyntaxError) and error.filename:
        where: tuple[str | None, int | None] = (inside(error.filename, root), error.lineno)
    else:
        where = (None, None)
        chain: BaseException | None = error
        while chain is not None and where[1] is None:
            text = "".join(traceback.format_exception(type(chain), chain, chain.__traceback__))
            where = deepest_project_frame(text, root)
            chain = chain.__cause__ or chain.__context__
    message = f"{type(error).__name__}: {error}"
    return {
        "file": where[0] or file,
        "line": where[1],
        "kind": kind or type(error).__name__,
        "message": message[:LONGEST],
        "reported_for": file,
    }


def load_dagbag(root: str, answer: "dict[str, Any]") -> None:
    from pathlib import Path

    try:  # Airflow 3: bundles put the folder on sys.path, so a broken helper shows its own line
        from airflow.dag_processing.dagbag import BundleDagBag

        bag = BundleDagBag(dag_folder=root, bundle_path=Path(root), bundle_name="readiness")
        answer["loader"] = "airflow.dag_processing.dagbag.BundleDagBag"
    except ImportError:
        from airflow.models.dagbag import DagBag

        sys.path.append(root)  # what the scheduler does for the DAG folder
        bag = DagBag(dag_folder=root, include_examples=False)
        answer["loader"] = "airflow.models.dagbag.DagBag"
    answer["loaded"] = sorted(bag.dag_ids)
    for path, text in sorted(bag.import_errors.items()):
        file = inside(os.path.join(root, path), root) or path
        found, line = deepest_project_frame(text, root)
        lines = [entry for entry in str(text).strip().splitlines() if entry.strip()]
        flush = [entry for entry in lines if not entry.startswith((" ", "\t"))]
        message = (flush or lines or ["import error"])[-1].strip()
        answer["import_errors"].append(
            {"file": found or file, "line": line, "kind": "import_error", "reported_for": file}
        )
        answer["import_errors"][-1]["message"] = message[:LONGEST]
    for path, texts in sorted(getattr(bag, "captured_warnings", {}).items()):
        answer["warnings"] += [f"{inside(path, root) or path}: {text}"[:300] for text in texts]
    from airflow.utils.file import might_contain_dag

    for path in python_files(root):
        if not might_contain_dag(path, True):
            reason = (
                "safe mode: Airflow never imports a file without both words 'airflow' and 'dag'"
            )
            answer["skipped"].append({"file": inside(path, root), "reason": reason})


# Parse never connects, but it needs a profile of the installed adapter's type.
_PROFILE_TARGETS: dict[str, dict[str, Any]] = {
    "postgres": {"host": "127.0.0.1", "port": 5432, "user": "u", "password": "p", "dbname": "d"},
    "redshift": {"host": "127.0.0.1", "port": 5439, "user": "u", "password": "p", "dbname": "d"},
    "snowflake": {"account": "a", "user": "u", "password": "p", "database": "d", "warehouse": "w"},
    "bigquery": {"method": "oauth", "project": "p", "dataset": "d"},
    "databricks": {"host": "h.invalid", "http_path": "/p", "token": "t"},
}


def load_dbt_parse(root: str, answer: "dict[str, Any]") -> None:
    import importlib.util

    import yaml
    from dbt.cli.main import dbtRunner

    # Each adapter is the importable package dbt.adapters.<name>.
    found = (name for name in _PROFILE_TARGETS if importlib.util.find_spec(f"dbt.adapters.{name}"))
    adapter = next(found, None)
    if adapter is None:
        answer["error"] = "no dbt adapter is installed, so dbt cannot parse the project"
        return
    with open(os.path.join(root, "dbt_project.yml")) as handle:
        profile = (yaml.safe_load(handle) or {}).get("profile") or "default"
    profiles, scratch = os.environ["DBT_PROFILES_DIR"], os.environ.get("TMPDIR") or root
    target: dict[str, Any] = {**_PROFILE_TARGETS[adapter], "type": adapter, "schema": "s"}
    target["threads"] = 1
    with open(os.path.join(profiles, "profiles.yml"), "w") as handle:
        yaml.safe_dump({profile: {"target": "probe", "outputs": {"probe": target}}}, handle)
    answer["loader"] = f"dbt parse, stand-in {adapter} profile {profile!r} (it never connects)"
    arguments = ["parse", "--project-dir", root, "--profiles-dir", profiles, "--quiet"]
    arguments += ["--target-path", os.path.join(scratch, "target"), "--no-partial-parse"]
    arguments += ["--log-path", os.path.join(scratch, "logs")]
    result = dbtRunner().invoke(arguments)
    if result.success:
        answer["loaded"] = sorted(getattr(result.result, "nodes", {}) or {})
        return
    text = str(result.exception or "dbt parse failed without a message")
    file = re.search(r"\(([^()\s]+\.(?:sql|yml|yaml|py|csv))\)", text) or re.search(
        r"([\w./-]+\.(?:sql|yml|yaml))", text
    )
    line = re.search(r"line (\d+)", text)
    answer["import_errors"].append(
        {
            "file": file.group(1) if file else None,
            "line": int(line.group(1)) if line else None,
            "kind": type(result.exception).__name__ if result.exception else "dbt_error",
            "message": text[:LONGEST],
        }
    )
    answer["warnings"].append("dbt parse stops at the first error; fix it and load again")


def decorated_functions(path: str, decorator: str) -> "list[str]":
    """Functions in the file decorated with ``@decorator``, ``@x.decorator`` or a call of it."""
    import ast

    with open(path, "rb") as handle:
        tree = ast.parse(handle.read(), filename=path)
    names = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for mark in node.decorator_list:
                target = mark.func if isinstance(mark, ast.Call) else mark
                name = getattr(target, "id", None) or getattr(target, "attr", None)
                if name == decorator:
                    names.append(node.name)
    return names


def load_prefect_flows(root: str, answer: "dict[str, Any]") -> None:
    import inspect

    from prefect.flows import load_flow_from_entrypoint

    keywords: dict[str, Any] = {}
    if "use_placeholder_flow" in inspect.signature(load_flow_from_entrypoint).parameters:
        keywords["use_placeholder_flow"] = False  # a placeholder would hide the import error
    answer["loader"] = "prefect.flows.load_flow_from_entrypoint"
    for path in python_files(root):
        file = inside(path, root) or path
        try:
            flows = decorated_functions(path, "flow")
        except SyntaxError as error:
            answer["import_errors"].append(error_row(error, root, file))
            continue
        if not flows:
            answer["skipped"].append({"file": file, "reason": "no @flow function"})
        for name in flows:
            try:
                load_flow_from_entrypoint(f"{path}:{name}", **keywords)
                answer["loaded"].append(f"{file}:{name}")
            except Exception as error:
                answer["import_errors"].append(error_row(error, root, file))
                break  # a module that fails to import fails the same way for each flow


def load_dagster_definitions(root: str, answer: "dict[str, Any]") -> None:
    import dagster
    from dagster._core.workspace.autodiscovery import loadable_targets_from_python_file

    answer["loader"] = "dagster loadable_targets_from_python_file + Definitions.validate_loadable"
    for path in python_files(root):
        file = inside(path, root) or path
        with open(path, "rb") as handle:
            text = handle.read()
        if not any(mark in text for mark in (b"Definitions(", b"@repository", b"@definitions")):
            answer["skipped"].append({"file": file, "reason": "no Definitions object"})
            continue
        try:
            targets = loadable_targets_from_python_file(path, working_directory=root)
        except Exception as error:
            answer["import_errors"].append(error_row(error, root, file))
            continue
        for target in targets:
            try:
                if isinstance(target.target_definition, dagster.Definitions):
                    dagster.Definitions.validate_loadable(target.target_definition)
                answer["loaded"].append(f"{file}:{target.attribute}")
            except Exception as error:
                row = error_row(error, root, file, kind="definition_error")
                if row["file"] != file:  # the frame is Dagster's own: no line of the user's
                    row.update(file=file, line=None)
                answer["import_errors"].append(row)


LOADERS = {
    "dagbag": load_dagbag,
    "dbt_parse": load_dbt_parse,
    "prefect_flows": load_prefect_flows,
    "dagster_definitions": load_dagster_definitions,
}


def answer(request: "dict[str, Any]") -> "dict[str, Any]":
    result: dict[str, Any] = {"protocol": PROTOCOL, "ran": False, "error": None, "loader": None}
    result.update(loaded=[], skipped=[], import_errors=[], warnings=[])
    loader = LOADERS.get(str(request.get("loader")))
    root = os.path.realpath(str(request.get("project") or "."))
    if loader is None:
        result["error"] = f"no loader named {request.get('loader')!r}"
        return result
    try:
        loader(root, result)
        result["ran"] = result["error"] is None
    except ImportError as error:
        result["error"] = (
            f"the host library is not importable here: {type(error).__name__}: {error}"
        )
    except BaseException as error:  # project code may raise anything, SystemExit included
        result["error"] = f"the loader itself failed: {type(error).__name__}: {error}"
    return result


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.path and os.path.abspath(sys.path[0] or os.curdir) == here:
        del sys.path[0]  # sibling modules of this file must not shadow the project's
    answer_stream = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # project code and host libraries print; keep stdout for the answer
    try:
        raw = sys.stdin.read()
        request = json.loads(raw) if raw.strip() else {}
        request = request if isinstance(request, dict) else {}
        deadline = request.get("deadline")
        if deadline and hasattr(signal, "SIGALRM") and os.getpgrp() == os.getpid():
            # Started as the leader of its own group: end the whole group at the deadline,
            # whatever project code started, even when the wizard that waited is gone.
            signal.signal(signal.SIGALRM, lambda *_: os.killpg(0, signal.SIGKILL))
            signal.alarm(int(deadline))
        result = answer(request)
    except BaseException as error:
        result = {"protocol": PROTOCOL, "ran": False, "error": f"loader crashed: {error!r}"}
    answer_stream.write(json.dumps(result, default=str))
    answer_stream.flush()
    os._exit(0)  # host libraries can leave non-daemon threads behind


if __name__ == "__main__":
    main()

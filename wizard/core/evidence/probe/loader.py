"""The host's own loader, wizard side: isolate it, run ``loader_script.py``, keep what it found.

Opt-in only (``--load-project``, the TUI setup's checkbox): loading a project RUNS ITS CODE.
The run gets an empty throw-away home and tmp folder, a clean environment (nothing inherited
from the wizard's own: no credentials, no host config) plus the variables the host's registry
entry names, ``PYTHONDONTWRITEBYTECODE=1`` so importing leaves no ``__pycache__`` behind, a
time limit and its own process group (killed on expiry). What the load changed in the project
folder is reported. Project code that reads variables at import time fails differently here
than in production; the message says so.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, cast

from wizard.core.evidence.probe.runner import LOADER_SCRIPT, ProbeError, answer_shape, run_script
from wizard.core.kb.registry import Host, HostLoader, host
from wizard.core.review.observations import LoadError, ProjectLoad
from wizard.core.safety.credentials import redact, redact_value

LOAD_TIMEOUT = 120.0
_MAX_STAMPS = 20000
_CLEAN_ENV_NOTE = (
    "the load ran with a clean environment, so code that reads variables at import time may "
    "fail here and not in production"
)


def loader_root(entry: HostLoader, project: Path) -> Path:
    """The folder the host's loader reads: its conventional subfolder when the project has one."""
    if entry.folder and (project / entry.folder).is_dir():
        return project / entry.folder
    return project


def _stamps(root: Path) -> dict[str, tuple[int, float]]:
    found: dict[str, tuple[int, float]] = {}
    for folder, subfolders, files in os.walk(root):
        for name in [*files, *subfolders]:
            path = Path(folder) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            found[path.relative_to(root).as_posix()] = (info.st_size, info.st_mtime)
            if len(found) >= _MAX_STAMPS:
                return found
    return found


def _environment(entry: HostLoader, interpreter: str, root: Path, scratch: Path) -> dict[str, str]:
    folders = {"HOME": scratch / "home", "TMPDIR": scratch / "tmp"}
    folders |= {name: scratch / name.lower() for name in entry.homes}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    environment = {name: str(folder) for name, folder in folders.items()}
    environment |= {
        "PATH": os.pathsep.join([str(Path(interpreter).parent), "/usr/bin", "/bin"]),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "DO_NOT_TRACK": "1",
    }
    environment |= {
        name: value.replace("{project}", str(root)) for name, value in entry.env.items()
    }
    return environment


def _shorten(text: str, root: Path, interpreter: str) -> str:
    """Messages name absolute paths of the project and the venv; keep them short and safe."""
    venv = str(Path(interpreter).parent.parent)
    return redact(text.replace(f"{root}{os.sep}", "").replace(venv, "<target env>"))


def _in_project(name: Any, prefix: str) -> str | None:
    """A path the loader gave relative to the folder it loaded, made relative to the project."""
    if not isinstance(name, str) or not name:
        return None
    return f"{prefix}/{name}" if prefix and not name.startswith("/") else name


def _error(raw: dict[str, Any], root: Path, prefix: str, interpreter: str) -> LoadError:
    line = raw.get("line")
    return LoadError(
        file=_in_project(raw.get("file"), prefix),
        line=int(line) if isinstance(line, int) else None,
        kind=str(raw.get("kind") or "error"),
        message=_shorten(str(raw.get("message") or ""), root, interpreter),
        reported_for=_in_project(raw.get("reported_for"), prefix),
    )


def load_project(
    interpreter: str,
    host_id: str,
    project: Path,
    packages: dict[str, str],
    timeout: float = LOAD_TIMEOUT,
) -> ProjectLoad:
    """Load ``project`` with ``host_id``'s own machinery in ``interpreter`` (runs project code)."""
    entry: Host = host(host_id)
    if entry.loader is None:
        return ProjectLoad(
            host=host_id,
            ran=False,
            error=f"{entry.label} has no loader that runs outside its own runtime or server, so "
            "nothing was loaded; the project scan still parses its files.",
        )
    if not any(distribution in packages for distribution in entry.distributions):
        return ProjectLoad(
            host=host_id,
            ran=False,
            error=f"{entry.label} is not installed in {interpreter}, so its own loader could not "
            "run there.",
        )
    if not project.is_dir():
        return ProjectLoad(host=host_id, ran=False, error=f"{project} is not a folder to load.")
    root = loader_root(entry.loader, project.resolve())
    prefix = "" if root == project.resolve() else root.relative_to(project.resolve()).as_posix()
    # The script ends its own process group at the deadline too, even if nobody waits for it.
    request = {"loader": entry.loader.kind, "project": str(root), "deadline": timeout + 5}
    before = _stamps(root)
    with tempfile.TemporaryDirectory(prefix="readiness-load-") as folder:
        scratch = Path(folder)
        environment = _environment(entry.loader, interpreter, root, scratch)
        try:
            answer = run_script(
                interpreter,
                LOADER_SCRIPT,
                request,
                timeout,
                what=f"loading the project with {entry.label}'s own loader",
                cwd=scratch / "tmp",
                env=environment,
                own_group=True,
            )
        except ProbeError as error:
            answer = {"ran": False, "error": error.message}
    after = _stamps(root)
    with answer_shape(interpreter, "the project load"):
        answer = cast(dict[str, Any], redact_value(answer))
        errors = [
            _error(raw, root, prefix, interpreter) for raw in answer.get("import_errors") or []
        ]
        warnings = [_shorten(str(text), root, interpreter) for text in answer.get("warnings") or []]
        if errors:
            warnings.append(_CLEAN_ENV_NOTE)
        return ProjectLoad(
            host=host_id,
            ran=bool(answer.get("ran")),
            error=None
            if answer.get("error") is None
            else _shorten(str(answer["error"]), root, interpreter),
            loader=answer.get("loader"),
            loaded=[str(name) for name in answer.get("loaded") or []],
            import_errors=errors,
            skipped=[
                f"{_in_project(raw.get('file'), prefix)}: {raw.get('reason')}"
                for raw in answer.get("skipped") or []
            ],
            warnings=warnings[:20],
            project_writes=sorted(
                name for name, stamp in after.items() if before.get(name) != stamp
            ),
        )

"""What loading the project with the host's own loader says about the preflight gate.

Opt-in evidence (``--load-project``): every import error the host's loader reported fails
``preflight-gate`` with its file and line, because the scheduler would refuse the same file.
A loader that could not run (the host is not installed there, or has no loader) is said
plainly; the host tuple item already judges a missing host, so that is a warning here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions
from wizard.core.kb.registry import host_label
from wizard.core.review.observations import LoadError, ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review

ITEM = "preflight-gate"
PROVENANCE = "probe:loader"
DOC = "docs/common/preflight-compatibility.md"


def _where(error: LoadError) -> str:
    if error.file is None:
        return "the project"
    if error.line is None:
        return f"{error.file} (no line: a definition error)"
    return f"{error.file}:{error.line}"


def project_load(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    load = probe.load if probe else None
    if load is None:
        return {}
    label = host_label(load.host)
    if not load.ran:
        status = "fail" if load.error and "did not finish" in load.error else "warn"
        reason = f"{label}'s own loader could not load the project: {load.error}."
        return {ITEM: [Contribution(status, reason, DOC, "load", PROVENANCE)]}  # type: ignore[arg-type]
    parts = []
    for error in load.import_errors:
        context = ""
        if error.reported_for and error.reported_for != error.file:
            context = f" (while loading {error.reported_for})"
        parts.append(
            Contribution(
                "fail",
                f"{_where(error)}: {label}'s loader reports {error.message}{context}.",
                DOC,
                _where(error),
                PROVENANCE,
            )
        )
    if not parts:
        loaded = ", ".join(load.loaded[:8]) or "nothing"
        parts.append(
            Contribution(
                "pass",
                f"{label}'s own loader ({load.loader}) loaded the project without an import "
                f"error: {loaded}.",
                DOC,
                "load",
                PROVENANCE,
            )
        )
    if load.project_writes:
        parts.append(
            Contribution(
                "warn",
                f"Loading the project wrote into it: {', '.join(load.project_writes[:5])}; "
                "production loads will write there too.",
                DOC,
                "load",
                PROVENANCE,
            )
        )
    return {ITEM: parts}

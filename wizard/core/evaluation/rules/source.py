"""The source: its shape, the reference's form, and the connection or profile that reads it.

Each judgement about a source reference is written here once; the probe's own checks on the
resolver's reading (``wizard.core.evidence.probe.gaps``) leave these cases to this module.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions, add
from wizard.core.kb import ids
from wizard.core.kb.registry import host
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.safety.credentials import quoted

if TYPE_CHECKING:
    from wizard.core.review.model import Review

_SQL_START = re.compile(r"^(select|with|insert|update|delete) ", re.IGNORECASE)
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_BARE_RELATION = re.compile(r"^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*){0,2}$")
DOC = "docs/common/source-resolution.md"
COOKBOOK = "docs/common/source-resolution-cookbook.md"


def is_windows_drive_path(reference: str) -> bool:
    """``C:\\data\\x.csv``: the shared resolver reads the drive letter as a URI scheme."""
    return bool(WINDOWS_DRIVE.match(reference.strip()))


def is_http_url(reference: str) -> bool:
    return reference.strip().lower().startswith(("http://", "https://"))


def source_rules(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    kind = review.answer_value(ids.SOURCE_KIND)
    if not isinstance(kind, str):
        return result
    entry = host(review.host)
    if entry.compiled_sources_only and kind not in ("warehouse_relation", "sql"):
        add(
            result,
            "source-resolution",
            Contribution(
                "fail",
                f"{entry.label} only checks compiled relations (ref() / source()); a "
                f"{kind.replace('_', ' ')} cannot be a {entry.label} test's source.",
                entry.support["doc"],
                ids.SOURCE_KIND,
            ),
        )
    else:
        add(
            result,
            "source-resolution",
            Contribution(
                "pass", f"Source shape decided: {kind.replace('_', ' ')}.", DOC, ids.SOURCE_KIND
            ),
        )
    reference = review.answer_value(ids.SOURCE_REFERENCE)
    if isinstance(reference, str) and reference:
        connection = review.answer_value(ids.SOURCE_CONNECTION)
        connected = isinstance(connection, str) and bool(connection)
        problem = _reference_check(kind, reference, connected)
        if problem is not None:
            add(result, "source-resolution", problem)
    return result


def _on_reference(status: str, reason: str) -> Contribution:
    return Contribution(status, reason, COOKBOOK, ids.SOURCE_REFERENCE)  # type: ignore[arg-type]


def _reference_check(kind: str, reference: str, connected: bool) -> Contribution | None:
    """What the reference's form alone says; None when it says nothing (how the resolver really
    reads it is the probe's source_shape check, reported once by the preflight rule)."""
    text = reference.strip()
    if kind == "sql" and not _SQL_START.match(text):
        return _on_reference(
            "pass",
            "This SQL does not start with a keyword followed by a space (multi-line or unusual "
            "statements); the shared resolver would read it as a plain object that needs no "
            "connection, so it must reach the task and the gate as sql=, which the wizard's "
            "preflight does.",
        )
    if kind in ("local_path", "remote_uri") and is_windows_drive_path(text):
        return _on_reference(
            "fail",
            "A Windows drive path is read by the shared resolver as a URI with scheme "
            f"{quoted(text[0].lower())} that needs a connection; hand the host a POSIX path (for "
            "example ./data/file.csv relative to the task's working directory) or a file:/// URL.",
        )
    if kind == "local_path" and "://" in text and not text.lower().startswith("file://"):
        return _on_reference(
            "fail", "The reference is a URI, not a local path; answer 'Remote URI' as the shape."
        )
    if kind == "remote_uri" and "://" not in text:
        return _on_reference(
            "fail", "A remote URI needs a scheme such as s3:// or gs://; this reference has none."
        )
    if kind == "remote_uri" and is_http_url(text):
        if connected:
            return _on_reference(
                "pass",
                "http(s) sources are treated as credential-free by the shared resolver; the "
                "answered connection must be what the task really authenticates with.",
            )
        return _on_reference(
            "warn",
            "http(s) URLs are treated as needing no credentials, so the preflight passes without "
            "a connection; if the endpoint needs authentication nothing checks it. Answer the "
            "connection, or confirm the endpoint is public and waive this.",
        )
    if kind == "warehouse_relation" and _BARE_RELATION.match(text):
        return _on_reference(
            "pass",
            "A bare table name is read by the shared resolver as a plain object needing no "
            "connection; the wizard checks the connection answer itself.",
        )
    return None


def connection_rule(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    value = review.answer_value(ids.SOURCE_CONNECTION)
    if not isinstance(value, str) or not value:
        return result
    entry = host(review.host)
    doc = "docs/airflow/connections-secrets.md"
    if entry.default_connection is not None and value == entry.default_connection:
        part = Contribution(
            "warn",
            f"The connection id is {entry.label}'s default {quoted(value)}: SQL preflight passes "
            "against it even when no such connection exists; name the real connection.",
            doc,
            ids.SOURCE_CONNECTION,
        )
    else:
        part = Contribution("pass", f"Access goes through '{value}'.", doc, ids.SOURCE_CONNECTION)
    add(result, "source-resolution", part)
    add(result, "secrets", part)
    return result

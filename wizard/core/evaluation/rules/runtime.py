"""Rules about the runtime and the source: the support-matrix tuple, source shape and access."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import (
    Contribution,
    Contributions,
    ContributionStatus,
    add,
    provenance_of,
)
from wizard.core.kb.matrix import host_verdict, load_matrix, truthound_verdict
from wizard.core.review.observations import ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review

VERDICT_STATUS: dict[str, ContributionStatus] = {
    "primary": "pass",
    "minimum": "pass",
    "in-range": "pass",
    "untested-newer": "warn",
    "unsupported": "fail",
    "missing": "fail",
}
_SQL_START = re.compile(r"^(select|with|insert|update|delete) ", re.IGNORECASE)
_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]")
_BARE_RELATION = re.compile(r"^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*){0,2}$")

# --------------------------------------------------------------------------- host tuple


def answered_packages(review: Review) -> dict[str, str]:
    """The distributions and versions the answers claim, in the probe's vocabulary."""
    facts = load_matrix().hosts[review.host]
    packages: dict[str, str] = {}
    host_version = review.answer_value("runtime.host_version")
    if isinstance(host_version, str) and host_version:
        packages[facts.distributions[0]] = host_version
    adapter = review.answer_value("runtime.dbt_adapter")
    adapter_version = review.answer_value("runtime.dbt_adapter_version")
    answered_adapter = isinstance(adapter, str) and isinstance(adapter_version, str)
    if review.host == "dbt" and answered_adapter and adapter in facts.adapters:
        packages[facts.adapters[str(adapter)].distribution] = str(adapter_version)
    truthound = review.answer_value("runtime.truthound_version")
    if isinstance(truthound, str) and truthound:
        packages[load_matrix().truthound.distribution] = truthound
    return packages


def host_tuple(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    python = review.answer_value("runtime.python_version")
    host_version = review.answer_value("runtime.host_version")
    provenance = provenance_of(review, "runtime.host_version")
    if not isinstance(python, str) or not isinstance(host_version, str) or not host_version:
        if probe and probe.environment:
            chosen = next((v for v in probe.hosts if v.name == review.host), None)
            if chosen is not None and chosen.verdict == "missing":
                add(
                    result,
                    "host-tuple",
                    Contribution("fail", chosen.reason, chosen.doc, "probe", "probe:environment"),
                )
        return result  # the unanswered version questions already leave the item open
    packages = answered_packages(review)
    verdict = host_verdict(review.host, packages, python)
    add(
        result,
        "host-tuple",
        Contribution(
            VERDICT_STATUS[verdict.verdict],
            f"Support matrix: {verdict.verdict}. {verdict.reason}",
            verdict.doc,
            "runtime.host_version",
            provenance,
        ),
    )
    if "truthound" in packages:
        ok, reason = truthound_verdict(packages)
        add(
            result,
            "host-tuple",
            Contribution(
                "pass" if ok else "fail",
                reason,
                "docs/compatibility.md",
                "runtime.truthound_version",
                provenance_of(review, "runtime.truthound_version"),
            ),
        )
    return result


# --------------------------------------------------------------------------- source


def source_rules(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    doc = "docs/common/source-resolution.md"
    kind = review.answer_value("source.kind")
    if not isinstance(kind, str):
        return result
    if review.host == "dbt" and kind not in ("warehouse_relation", "sql"):
        add(
            result,
            "source-resolution",
            Contribution(
                "fail",
                "dbt only checks compiled relations (ref() / source()); a "
                f"{kind.replace('_', ' ')} cannot be a dbt test's source.",
                "docs/dbt/index.md",
                "source.kind",
            ),
        )
    else:
        add(
            result,
            "source-resolution",
            Contribution(
                "pass", f"Source shape decided: {kind.replace('_', ' ')}.", doc, "source.kind"
            ),
        )
    reference = review.answer_value("source.reference")
    if isinstance(reference, str) and reference:
        add(result, "source-resolution", *_reference_checks(kind, reference))
    return result


def _reference_checks(kind: str, reference: str) -> list[Contribution]:
    doc = "docs/common/source-resolution-cookbook.md"
    text = reference.strip()
    if kind == "sql" and not _SQL_START.match(text):
        return [
            Contribution(
                "pass",
                "This SQL does not start with a keyword followed by a space (multi-line or "
                "unusual statements); the shared resolver would read it as a plain object that "
                "needs no connection, so it must reach the task and the gate as sql=, which "
                "the wizard's preflight does.",
                doc,
                "source.reference",
            )
        ]
    if kind == "local_path":
        if _WINDOWS_PATH.match(text):
            return [
                Contribution(
                    "fail",
                    "A Windows drive path is read by the shared resolver as a URI with scheme "
                    f"{text[0].lower()!r} that needs a connection; use a POSIX path or a "
                    "file:/// URL.",
                    doc,
                    "source.reference",
                )
            ]
        if "://" in text and not text.lower().startswith("file://"):
            return [
                Contribution(
                    "fail",
                    "The reference is a URI, not a local path; answer 'Remote URI' as the "
                    "source shape.",
                    doc,
                    "source.reference",
                )
            ]
    if kind == "remote_uri" and "://" not in text:
        return [
            Contribution(
                "fail",
                "A remote URI needs a scheme such as s3:// or gs://; this reference has none.",
                doc,
                "source.reference",
            )
        ]
    if kind == "remote_uri" and text.lower().startswith(("http://", "https://")):
        return [
            Contribution(
                "pass",
                "http(s) sources are treated as credential-free by the shared resolver; make "
                "sure this one really is public.",
                doc,
                "source.reference",
            )
        ]
    if kind == "warehouse_relation" and _BARE_RELATION.match(text):
        return [
            Contribution(
                "pass",
                "A bare table name is read by the shared resolver as a plain object needing no "
                "connection; the wizard checks the connection answer itself.",
                doc,
                "source.reference",
            )
        ]
    return [
        Contribution("pass", "The source reference matches its shape.", doc, "source.reference")
    ]


def connection_rule(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    value = review.answer_value("source.connection")
    if not isinstance(value, str) or not value:
        return result
    doc = "docs/airflow/connections-secrets.md"
    if review.host == "airflow" and value == "truthound_default":
        part = Contribution(
            "warn",
            "The connection id is Airflow's default 'truthound_default': SQL preflight "
            "passes against it even when no such connection exists; name the real connection.",
            doc,
            "source.connection",
        )
    else:
        part = Contribution("pass", f"Access goes through '{value}'.", doc, "source.connection")
    add(result, "source-resolution", part)
    add(result, "secrets", part)
    return result

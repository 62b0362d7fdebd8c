"""The evidence that bears on one question, and the answer it implies: evidence first.

Pure, like the evaluation: (review, probe snapshot, question id) -> the probe facts and scan
findings the knowledge base (``kb/evidence.toml``) links to the question, each with file:line,
a masked value and provenance; the answer they imply, which front ends preselect; and, when the
live answer is an attestation the evidence contradicts, the sentence that says so (the
``contradiction`` rule turns it into a reason of the question's item).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.kb.bearing import Bearing, bearings_for
from wizard.core.kb.knowledge import AnswerValue
from wizard.core.kb.matrix import load_matrix
from wizard.core.records import Record, record
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.review.values import format_value

if TYPE_CHECKING:
    from wizard.core.review.model import Review

SCAN = "probe:project"
ENVIRONMENT = "probe:environment"


@record(frozen=True, kw_only=False)
class EvidenceFact(Record):
    """One thing the probe or the scan saw, as a question shows it."""

    text: str
    provenance: str
    file: str | None = None
    line: int | None = None
    value: str = ""  # already masked: a credential is only ever its redacted form

    @property
    def where(self) -> str | None:
        return f"{self.file}:{self.line}" if self.file is not None else None


@record(frozen=True, kw_only=False)
class QuestionEvidence(Record):
    question: str
    facts: tuple[EvidenceFact, ...] = ()
    implied: AnswerValue | None = None
    conflict: str | None = None  # set only when the live answer is attested and contradicted

    @property
    def shown(self) -> bool:
        return bool(self.facts)


@record(frozen=True, kw_only=False)
class _Seen(Record):
    facts: list[EvidenceFact]
    present: bool  # the bearing's evidence exists (for credentials: a blocking finding)
    implied: AnswerValue | None


def _credentials(probe: ProbeSnapshot | None, bearing: Bearing) -> _Seen:
    scan = probe.scan if probe else None
    if scan is None:
        return _Seen([], False, None)
    facts = []
    blocking = 0
    for finding in scan.secrets:
        where = f"{finding.file}:{finding.line}"
        masked = finding.redacted or finding.fingerprint
        if finding.allowed_by:
            text = f"{where}: {finding.kind} {masked}, allowed by {finding.allowed_by}"
        else:
            blocking += 1
            text = f"{where}: {finding.kind} committed, {masked} ({finding.fingerprint})"
        facts.append(EvidenceFact(text, SCAN, finding.file, finding.line, masked))
    if not blocking:
        facts.append(
            EvidenceFact(
                f"The project scan of {scan.files_scanned} tracked files found no credential "
                "outside the allowlist.",
                SCAN,
            )
        )
        return _Seen(facts, False, bearing.clean)
    return _Seen(facts, True, bearing.found)


def _settings(probe: ProbeSnapshot | None, bearing: Bearing) -> _Seen:
    scan = probe.scan if probe else None
    if scan is None:
        return _Seen([], False, None)
    facts = [
        EvidenceFact(
            f"{finding.file}:{finding.line}: {finding.kind}={finding.value}"
            + (f" ({finding.misleading})" if finding.misleading else ""),
            SCAN,
            finding.file,
            finding.line,
            finding.value,
        )
        for finding in scan.settings
        if finding.rule in bearing.rules
    ]
    return _Seen(facts, bool(facts), bearing.found if facts else None)


def probed_fact(review: Review, probe: ProbeSnapshot | None, bearing: Bearing) -> str | None:
    """The value the probed interpreter shows for a probe bearing, None when it shows none."""
    environment = probe.environment if probe else None
    if environment is None:
        return None
    packages = environment.packages
    facts = load_matrix().hosts[review.host]
    if bearing.fact == "python":
        return environment.python_version
    if bearing.fact == "host":
        return next((packages[d] for d in facts.distributions if d in packages), None)
    if bearing.fact == "truthound":
        return packages.get(load_matrix().truthound.distribution)
    adapter = next(
        (
            (name, packages[a.distribution])
            for name, a in facts.adapters.items()
            if a.distribution in packages
        ),
        None,
    )
    if adapter is None:
        return None
    return adapter[0] if bearing.fact == "adapter" else adapter[1]


def _probed(review: Review, probe: ProbeSnapshot | None, bearing: Bearing) -> _Seen:
    value = probed_fact(review, probe, bearing)
    if value is None or probe is None or probe.environment is None:
        return _Seen([], False, None)
    text = f"{bearing.fact} {value} in {probe.environment.executable}"
    if bearing.fact == "host":
        verdict = next((v for v in probe.hosts if v.name == review.host), None)
        if verdict is not None:
            text += f" (support matrix: {verdict.verdict})"
    return _Seen([EvidenceFact(text, ENVIRONMENT, value=value)], True, value)


def _same_version(answered: str, probed: str) -> bool:
    """An answer of 3.12 agrees with a probed 3.12.4: the answer may name fewer parts."""
    from packaging.version import InvalidVersion, Version

    try:
        said, seen = Version(answered).release, Version(probed).release
    except InvalidVersion:
        return answered.strip() == probed.strip()
    return seen[: len(said)] == said


def _contradicts(bearing: Bearing, seen: _Seen, value: AnswerValue) -> bool:
    if not seen.present:
        return False
    if bearing.source == "probe":
        if bearing.fact == "adapter":
            return value != seen.implied
        return isinstance(value, str) and not _same_version(value, str(seen.implied))
    return value in bearing.conflicts


def _seen(review: Review, probe: ProbeSnapshot | None, bearing: Bearing) -> _Seen:
    if bearing.source == "credentials":
        return _credentials(probe, bearing)
    if bearing.source == "setting":
        return _settings(probe, bearing)
    return _probed(review, probe, bearing)


def question_evidence(
    review: Review, question_id: str, probe: ProbeSnapshot | None = None
) -> QuestionEvidence:
    """What bears on ``question_id`` in ``probe`` (the review's own snapshot by default)."""
    links = bearings_for(question_id)
    if not links:
        return QuestionEvidence(question_id)
    probe = probe if probe is not None else review.probe
    answer = review.answers.get(question_id)
    attested = answer.value if answer is not None and not answer.is_probe else None
    facts: list[EvidenceFact] = []
    implied: list[AnswerValue] = []  # from present evidence first, then from a clean scan
    fallback: list[AnswerValue] = []
    conflict: str | None = None
    for bearing in links:
        seen = _seen(review, probe, bearing)
        facts += [fact for fact in seen.facts if fact not in facts]
        if seen.implied is not None:
            (implied if seen.present else fallback).append(seen.implied)
        if conflict is None and attested is not None and _contradicts(bearing, seen, attested):
            shown = "; ".join(fact.where or fact.text for fact in seen.facts[:3])
            conflict = (
                f"{question_id} = {format_value(attested)} (attested) contradicts the "
                f"evidence: {shown} ({seen.facts[0].provenance})"
            )
    default = implied[0] if implied else fallback[0] if fallback else None
    return QuestionEvidence(question_id, tuple(facts), default, conflict)

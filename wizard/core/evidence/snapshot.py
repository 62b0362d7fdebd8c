"""Gathering evidence for a review and folding it in: one probe run, one scan, one snapshot.

Front ends call ``gather_evidence`` (slow: a subprocess and a folder walk; the TUI runs it in a
worker) and then ``apply_snapshot`` (fast, pure data) on the review they hold.
"""

from __future__ import annotations

from pathlib import Path

from wizard.core.errors import AnswerRejected, ReadinessError
from wizard.core.evidence import project_evidence
from wizard.core.evidence.scan.files import UNTRACKED_NOTE
from wizard.core.kb import ids
from wizard.core.kb.knowledge import AnswerValue, load_knowledge
from wizard.core.kb.matrix import load_matrix
from wizard.core.review.answers import parse_answer, record_answer
from wizard.core.review.conditions import basis_for
from wizard.core.review.model import Review, utc_now
from wizard.core.review.observations import PreflightResult, ProbeSnapshot, ProjectScan
from wizard.core.review.paths import relative_to_review
from wizard.core.safety.credentials import redact_value

PROBE_BY = "probe"
ENVIRONMENT = "probe:environment"
# A review file is read by people in pull requests; a huge project's every retry= must not
# swamp it. Misleading settings are always kept (they change an item's status).
STORED_SETTINGS_PER_ITEM = 50


def project_folder(review: Review, review_path: Path | None, explicit: Path | None) -> Path:
    """The project to scan: explicit, else the review's target, else the review's folder."""
    base = review_path.resolve().parent if review_path is not None else Path.cwd()
    if explicit is not None:
        return explicit
    if review.target.project:
        return (base / review.target.project).resolve()
    return base


def stored_root(review: Review, review_path: Path | None, root: Path) -> str:
    """The scanned folder as the review stores it: relative to the review file, so a committed
    review names the same folder in every clone. A stored root that already names this folder
    is kept as written (an older review's absolute root stays byte-identical on re-scan)."""
    if review_path is None:
        return str(root)
    previous = review.probe.scan.root if review.probe and review.probe.scan else None
    if previous is not None and resolved_root(previous, review_path) == root.resolve():
        return previous
    return relative_to_review(str(root), review_path)


def resolved_root(stored: str, review_path: Path) -> Path:
    """A stored scan root as a folder on this machine (relative roots sit beside the review)."""
    return (review_path.resolve().parent / Path(stored).expanduser()).resolve()


def target_python(review: Review, explicit: str | None) -> str | None:
    """The interpreter to probe: explicit, else the review's target, else the current one."""
    return explicit or review.target.python or None


def review_files(review_path: Path | None, root: Path) -> frozenset[str]:
    """The review file and the files the store writes beside it, relative to the project root
    (when the review lives inside the project): they are not project evidence."""
    if review_path is None:
        return frozenset()
    path = review_path.resolve()
    try:
        folder = path.parent.relative_to(root.resolve())
    except ValueError:
        return frozenset()
    names = [path.name, f"{path.name}.bak", *(f"{path.name}.schema{n}.bak" for n in range(3))]
    prefix = "" if str(folder) == "." else f"{folder.as_posix()}/"
    siblings = [p.name for p in path.parent.glob(f".{path.name}.*.tmp")]
    return frozenset(prefix + name for name in [*names, *siblings])


def _scan(
    review: Review, root: Path, review_path: Path | None = None
) -> tuple[ProjectScan | None, str | None]:
    from wizard.core.evidence.scan import scan_project

    try:
        exclude = review_files(review_path, root)
        return scan_project(root, chosen_host=review.host, exclude=exclude), None
    except (ReadinessError, OSError) as error:
        return None, f"project scan of {root} failed: {error}"


def failed_snapshot(message: str) -> ProbeSnapshot:
    """A probe that could not finish: a failed preflight with the reason, never a silent pass."""
    return ProbeSnapshot(
        taken_at=utc_now(),
        preflight=PreflightResult(ran=False, error=message),
        errors=[message],
    )


def gather_evidence(
    review: Review,
    *,
    review_path: Path | None = None,
    python: str | None = None,
    project: Path | None = None,
    timeout: float = 120.0,
    include_probe: bool = True,
    include_scan: bool = True,
    load_project: bool | None = None,
) -> ProbeSnapshot:
    """Probe the target interpreter (preflight and engine smoke run) and scan the project.

    With the scan, the rule definitions it found are validated in the target interpreter. The
    project is loaded with the host's own loader (which RUNS PROJECT CODE) only when
    ``load_project`` is true, or None and the review's target opted in. Failures become part of
    the snapshot (``errors``, ``preflight.ran = False``) instead of exceptions, so the checklist
    shows a failed probe as a failure and never as a pass.
    """
    from wizard.core.evidence.probe import PreflightInputs, ProbeError, take_snapshot

    interpreter = target_python(review, python)
    snapshot = ProbeSnapshot(taken_at=utc_now())
    if include_probe:
        try:
            inputs = PreflightInputs.of_review(review)
            snapshot = take_snapshot(interpreter, inputs, timeout)
            snapshot.taken_at = snapshot.taken_at.replace(microsecond=0)
        except (ProbeError, ReadinessError) as error:
            snapshot = failed_snapshot(str(error))
    elif review.probe is not None:
        snapshot = review.probe.model_copy(deep=True)
    if include_scan:
        root = project_folder(review, review_path, project)
        scan, problem = _scan(review, root, review_path)
        if scan is not None:
            scan.root = stored_root(review, review_path, root)
        snapshot.scan = scan
        if problem:
            snapshot.errors.append(problem)
        if scan is not None:
            try:
                inputs = PreflightInputs.of_review(review)
                snapshot.rules = project_evidence.rules(inputs, snapshot, interpreter, scan)
            except ReadinessError as error:
                snapshot.errors.append(f"the rule check could not start: {error}")
        wanted = review.target.load_project if load_project is None else load_project
        if wanted:
            snapshot.load = project_evidence.load(review.host, snapshot, interpreter, root)
    elif review.probe is not None and review.probe.scan is not None:
        snapshot.scan = review.probe.scan
    if include_probe:
        snapshot.inputs = preflight_basis(review)
    elif review.probe is not None:
        snapshot.inputs = dict(review.probe.inputs)
    return snapshot


def preflight_basis(review: Review) -> dict[str, AnswerValue]:
    """The answers the preflight was run with: a later change to one makes the run outdated."""
    basis: dict[str, AnswerValue] = {"engine": review.engine}
    for question_id in ids.PREFLIGHT_INPUTS:
        value = review.answer_value(question_id)
        if value is not None:
            basis[question_id] = value
    return basis


def _installed_adapter(host_id: str, packages: dict[str, str]) -> tuple[str, str] | None:
    """The host's adapter found installed (only hosts with adapters, such as dbt, have any)."""
    for name, facts in load_matrix().hosts[host_id].adapters.items():
        if facts.distribution in packages:
            return name, packages[facts.distribution]
    return None


def _record_probe(review: Review, question_id: str, value: str) -> None:
    """Answer what the probe saw; the same fact seen again changes nothing (not even a time)."""
    existing = review.answers.get(question_id)
    question = load_knowledge().question(question_id)
    if existing is not None and existing.provenance == ENVIRONMENT and question is not None:
        try:
            same = parse_answer(question, value, review.host) == existing.value
        except AnswerRejected:
            same = False
        if same and existing.basis == basis_for(review, question):
            return
    record_answer(
        review, question_id, value, by=PROBE_BY, provenance=ENVIRONMENT, require_applicable=False
    )


def same_facts(old: ProbeSnapshot, new: ProbeSnapshot) -> bool:
    """Whether two snapshots observed the same facts; when they did, only the time differs."""
    return redact_value(old.model_dump(exclude={"taken_at"})) == redact_value(
        new.model_dump(exclude={"taken_at"})
    )


def stored_scan(scan: ProjectScan, per_item: int = STORED_SETTINGS_PER_ITEM) -> ProjectScan:
    """The scan as a review keeps it: every secret and misleading setting, a bounded rest."""
    kept = []
    seen: dict[str, int] = {}
    for finding in scan.settings:
        if finding.misleading is None:
            seen[finding.item] = seen.get(finding.item, 0) + 1
            if seen[finding.item] > per_item:
                continue
        kept.append(finding)
    omitted = len(scan.settings) - len(kept)
    notes = [note for note in scan.notes if UNTRACKED_NOTE not in note]
    if not omitted:
        return scan if notes == scan.notes else scan.model_copy(update={"notes": notes})
    note = (
        f"{omitted} more settings findings are not stored in the review; "
        "`truthound-readiness scan` lists them all."
    )
    return scan.model_copy(update={"settings": kept, "notes": [*notes, note]})


def apply_snapshot(review: Review, snapshot: ProbeSnapshot) -> None:
    """Store the snapshot and answer what the environment proved, with probe provenance.

    The probe speaks for the interpreter it probed: its versions replace earlier answers, and a
    host it did not find removes the host version so the item shows the probe's "missing".
    """
    if snapshot.scan is not None:
        snapshot = snapshot.model_copy(update={"scan": stored_scan(snapshot.scan)})
    if review.probe is None or not same_facts(review.probe, snapshot):
        review.probe = snapshot  # else keep the stored one: a re-observation is not a change
    environment = snapshot.environment
    if environment is None:
        return
    packages = dict(environment.packages)
    _record_probe(review, ids.RUNTIME_PYTHON, environment.python_version)
    facts = load_matrix().hosts[review.host]
    installed = next((packages[d] for d in facts.distributions if d in packages), None)
    if installed is None:
        review.answers.pop(ids.RUNTIME_HOST_VERSION, None)
    else:
        _record_probe(review, ids.RUNTIME_HOST_VERSION, installed)
    truthound = packages.get(load_matrix().truthound.distribution)
    if truthound is None:
        review.answers.pop(ids.RUNTIME_TRUTHOUND_VERSION, None)
    else:
        _record_probe(review, ids.RUNTIME_TRUTHOUND_VERSION, truthound)
    adapter = _installed_adapter(review.host, packages)
    if adapter is not None:
        _record_probe(review, ids.RUNTIME_DBT_ADAPTER, adapter[0])
        _record_probe(review, ids.RUNTIME_DBT_ADAPTER_VERSION, adapter[1])

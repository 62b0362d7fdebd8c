"""No planted credential reaches a terminal, a review file, a backup or an export.

Every kind in ``samples()`` (20 of them) is planted in every field and channel that takes
text: answers of each type, notes, evidence, titles, owners, sign-off names, roles,
principals and comments, waiver reasons and owners, ``--set`` syntax, unknown ids, ``--from``
files, ``--today``, revisions, a hand-edited review, and what a probed interpreter prints.
After each run the test searches stdout, stderr and every file in the work folder (the
review, its ``.bak``, exports in all formats, reports) for the raw secret.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.safety.cli import USER, Ran, leaks, run_main, run_process
from tests.safety.samples import Sample, samples

SAMPLES = samples()
IDS = [sample.kind for sample in SAMPLES]


@pytest.fixture(autouse=True)
def _operator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUTHOUND_READINESS_USER", USER)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="module")
def base_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("base")
    path = folder / "readiness-review.toml"
    made = run_main("new", str(path), "--host", "airflow", "--title", "Orders pipeline")
    assert made.code == 0, made.err
    # A second save leaves a .bak beside the review, so backups are searched too.
    saved = run_main(
        "answer", str(path), "--set", "source.kind=remote_uri", "--set", "fail.mode=soft"
    )
    assert saved.code == 0, saved.err
    assert path.with_name(path.name + ".bak").exists() or any(folder.glob("*.bak"))
    return path


@pytest.fixture
def work(tmp_path: Path, base_review: Path) -> tuple[Path, Path]:
    """A fresh copy of the review (and its backup) in its own folder, and a folder for inputs."""
    folder, inputs = tmp_path / "work", tmp_path / "inputs"
    shutil.copytree(base_review.parent, folder)
    inputs.mkdir()
    return folder / base_review.name, inputs


Channel = Callable[[Path, Path, str], list[str]]


def _set(question: str) -> Channel:
    return lambda review, _inputs, text: ["answer", str(review), "--set", f"{question}={text}"]


def _from_file(as_key: bool) -> Channel:
    def argv(review: Path, inputs: Path, text: str) -> list[str]:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        line = f'"{escaped}" = "yes"' if as_key else f'"results.consumers" = "{escaped}"'
        answers = inputs / "answers.toml"
        answers.write_text(line + "\n", encoding="utf-8")
        return ["answer", str(review), "--from", str(answers)]

    return argv


def _signoff(field: str) -> Channel:
    def argv(review: Path, _inputs: Path, text: str) -> list[str]:
        values = {"--name": "Ana", "--role": "reviewer", "--principal": "ana@example.org"}
        values["--comment"] = "looks fine"
        values[field] = text
        return ["signoff", str(review), "--decision", "approve", *sum(values.items(), ())]

    return argv


def _waive(field: str) -> Channel:
    def argv(review: Path, _inputs: Path, text: str) -> list[str]:
        values = {"--reason": "accepted for the pilot", "--owner": "data-platform"}
        values["--expires"] = "2099-01-01"
        values[field] = text
        return ["waive", str(review), "host-tuple", *sum(values.items(), ())]

    return argv


CHANNELS: dict[str, Channel] = {
    "title": lambda review, _i, text: [
        "new",
        str(review.with_name("new.toml")),
        "--host",
        "airflow",
        "--title",
        text,
    ],
    "owner": lambda review, _i, text: [
        "new",
        str(review.with_name("new.toml")),
        "--host",
        "airflow",
        "--owner",
        text,
    ],
    "text answer": _set("secrets.rotation_owner"),
    "reference answer": _set("source.reference"),
    "free-text answer": _set("results.consumers"),
    "choice answer": _set("source.kind"),
    "bool answer": _set("runtime.is_production"),
    "version answer": _set("runtime.python_version"),
    "number answer": _set("fail.warning_threshold"),
    "positional answer": lambda review, _i, text: [
        "answer",
        str(review),
        "results.consumers",
        text,
    ],
    "note": lambda review, _i, text: [
        "answer",
        str(review),
        "results.consumers",
        "ok",
        "--note",
        text,
    ],
    "evidence": lambda review, _i, text: [
        "answer",
        str(review),
        "results.consumers",
        "ok",
        "--evidence",
        text,
    ],
    "--set syntax": lambda review, _i, text: ["answer", str(review), "--set", text],
    "unknown id": lambda review, _i, text: ["answer", str(review), "--set", f"{text}=yes"],
    "--by": lambda review, _i, text: [
        "answer",
        str(review),
        "results.consumers",
        "ok",
        "--by",
        text,
    ],
    "--from value": _from_file(as_key=False),
    "--from key": _from_file(as_key=True),
    "--today": lambda review, _i, text: ["check", str(review), "--today", text],
    "export --today": lambda review, _i, text: [
        "export",
        str(review),
        "--format",
        "json",
        "--today",
        text,
    ],
    "sign-off name": _signoff("--name"),
    "sign-off role": _signoff("--role"),
    "sign-off principal": _signoff("--principal"),
    "sign-off comment": _signoff("--comment"),
    "waiver reason": _waive("--reason"),
    "waiver owner": _waive("--owner"),
    "waiver expiry": _waive("--expires"),
    "waiver item": lambda review, _i, text: [
        "waive",
        str(review),
        text,
        "--reason",
        "pilot",
        "--expires",
        "2099-01-01",
    ],
    "diff revision": lambda review, _i, text: ["diff", f"{review}@{text}", str(review)],
    "argparse choice": lambda review, _i, text: ["check", str(review), "--format", text],
}


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_no_channel_repeats_a_planted_credential(sample: Sample, work: tuple[Path, Path]) -> None:
    review, inputs = work
    before = review.read_bytes()
    found: dict[str, list[str]] = {}
    for name, channel in CHANNELS.items():
        ran = run_main(*channel(review, inputs, sample.text))
        problems = leaks(sample, ran, review.parent)
        if problems:
            found[name] = problems
        # Refused, never stored: the review is exactly as it was.
        assert review.read_bytes() == before, f"{name} changed the review"
    assert found == {}


def _hand_edit(review: Path, text: str) -> None:
    """Put the credential into the file by hand: in the title, a note, and the probe's text."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    content = review.read_text(encoding="utf-8")
    content = content.replace('title = "Orders pipeline"', f'title = "{escaped}"', 1)
    review.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_a_hand_edited_credential_is_refused_and_never_printed(
    sample: Sample, work: tuple[Path, Path]
) -> None:
    review, _inputs = work
    _hand_edit(review, sample.text)
    folder = review.parent
    runs: dict[str, Ran] = {
        "check": run_main("check", str(review)),
        "check json": run_main("check", str(review), "--format", "json"),
        "status": run_main("status", str(folder)),
        "status json": run_main("status", str(folder), "--format", "json"),
        "verify": run_main("verify", str(review)),
        "diff": run_main("diff", str(review), str(review)),
        "answer": run_main("answer", str(review), "results.consumers", "ok"),
    }
    for fmt in ("md", "html", "json", "junit"):
        runs[f"export {fmt}"] = run_main(
            "export", str(review), "--format", fmt, "-o", str(folder / f"out.{fmt}")
        )
    for fmt in ("md", "html", "junit"):
        runs[f"status {fmt}"] = run_main("status", str(folder), "--format", fmt)
    found = {name: leaks(sample, ran, folder) for name, ran in runs.items()}
    # The file itself holds the planted text; everything else must not.
    assert {
        name: problems
        for name, problems in found.items()
        if [p for p in problems if not p.startswith(review.name + ":")]
    } == {}
    for name in ("check", "check json", "verify", "export json", "answer"):
        assert runs[name].code == 2 and "credential" in runs[name].err, (name, runs[name])


def test_probe_echoes_of_every_kind_are_masked(work: tuple[Path, Path]) -> None:
    """An interpreter that prints credentials (on stderr, or instead of JSON) has them masked
    in the error, in a real process."""
    review, inputs = work
    for index, sample in enumerate(SAMPLES):
        script = inputs / f"python{index}"
        stream = ">&2" if index % 2 else ""
        quoted = sample.text.replace("'", "'\\''")
        script.write_text(
            f"#!/bin/sh\ncat > /dev/null\nprintf '%s\\n' '{quoted}' {stream}\nexit {index % 2}\n"
        )
        script.chmod(0o755)
        ran = run_main("probe", "--python", str(script), "--review", str(review))
        assert ran.code == 2, (sample.kind, ran)
        assert leaks(sample, ran, review.parent) == [], sample.kind


def test_every_channel_in_real_processes(work: tuple[Path, Path]) -> None:
    """The same channels through real processes, rotating the samples so each kind and each
    channel is seen at least once at the process boundary."""
    review, inputs = work
    names = list(CHANNELS)
    rounds = max(len(names), len(SAMPLES))
    for index in range(rounds):
        name, sample = names[index % len(names)], SAMPLES[index % len(SAMPLES)]
        ran = run_process(*CHANNELS[name](review, inputs, sample.text), cwd=inputs)
        assert ran.code != 0, (name, sample.kind)
        assert leaks(sample, ran, review.parent) == [], (name, sample.kind)


def test_all_kinds_at_once_in_one_batch_of_answers(work: tuple[Path, Path]) -> None:
    review, inputs = work
    args = ["answer", str(review)]
    for sample in SAMPLES:
        args += ["--set", f"results.consumers={sample.text}"]
    ran = run_process(*args, cwd=inputs)
    assert ran.code == 2 and "credential" in ran.err
    assert [sample.kind for sample in SAMPLES if leaks(sample, ran, review.parent)] == []

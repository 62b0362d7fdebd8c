"""Several writers on one review file: no answer is ever lost, and a collision is said aloud.

The writers are real processes running the real CLI (``wizard.cli.main.main``, exactly what
``truthound-readiness answer`` runs). Each worker process imports the wizard once and then runs
one ``answer`` per round when told to, so 50 rounds cost 50 short commands per worker rather
than 50 interpreter start-ups, and the writers of a round start within microseconds of each other.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.builders import ready_review
from wizard.core.review.locking import file_lock, lock_path
from wizard.core.review.store import create_review, load_review, review_to_toml

ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD = 300  # seconds; a guard against a deadlock, not a speed assertion
# One question per writer, each given a value that differs from the starting review's.
QUESTIONS = (
    ("fail.mode", "soft"),
    ("rules.owned", "no"),
    ("results.documented", "no"),
    ("secrets.none_committed", "no"),
)
WORKER = """
import contextlib, io, sys
from wizard.cli.main import main
for line in sys.stdin:
    path, question, value = line.rstrip("\\n").split("\\t")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["answer", path, question, value, "--by", question])
    print(code, err.getvalue().replace("\\n", " "), flush=True)
"""


def _start_workers(count: int) -> list[subprocess.Popen[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return [
        subprocess.Popen(
            [sys.executable, "-c", WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_answers_on_different_questions_are_never_lost(
    tmp_path: Path, writers: int
) -> None:
    start = review_to_toml(ready_review()).encode()
    workers = _start_workers(writers)
    lost: list[str] = []
    try:
        for round_number in range(50):
            path = tmp_path / f"round-{round_number}.toml"
            path.write_bytes(start)
            for worker, (question, value) in zip(workers, QUESTIONS, strict=False):
                assert worker.stdin is not None
                worker.stdin.write(f"{path}\t{question}\t{value}\n")
            for worker in workers:
                assert worker.stdin is not None
                worker.stdin.flush()
            for worker in workers:
                assert worker.stdout is not None
                reply = worker.stdout.readline()
                assert reply.startswith("0 "), f"round {round_number}: a writer failed: {reply}"
            answers = load_review(path).review.answers
            for question, value in QUESTIONS[:writers]:
                if answers[question].by != question or str(answers[question].value) not in (
                    value,
                    "False",
                ):
                    lost.append(f"round {round_number}: {question}")
            leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
            assert leftovers == [], f"round {round_number} left {leftovers}"
    finally:
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.close()
            worker.wait(timeout=HANG_GUARD)
    assert lost == []


def _wait_until_waiting_for_lock(process: subprocess.Popen[str], sidecar: Path) -> None:
    """Until the CLI process has read the review and is trying to take the lock we hold."""
    deadline = time.monotonic() + HANG_GUARD
    fd_folder = Path(f"/proc/{process.pid}/fd")
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the writer ended before the lock: {process.communicate()}")
        try:
            for fd in fd_folder.iterdir():
                try:
                    if os.readlink(fd) == str(sidecar):
                        return
                except OSError:
                    continue
        except OSError:
            pass
        time.sleep(0.002)
    raise AssertionError("the writer never reached the lock")


def _answer_while_locked(
    path: Path, question: str, value: str, edit: tuple[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run ``answer`` so that another writer saves ``edit`` after it read the file."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "wizard", "answer", str(path), question, value]
    with file_lock(path):
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        _wait_until_waiting_for_lock(process, lock_path(path))
        other = load_review(path)
        other.review.answers[edit[0]].value = edit[1]
        other.review.answers[edit[0]].by = "the other writer"
        path.write_text(review_to_toml(other.review))  # the other writer's save, under the lock
    out, err = process.communicate(timeout=HANG_GUARD)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def test_a_change_on_stale_content_is_reapplied_on_the_fresh_one(tmp_path: Path) -> None:
    path = tmp_path / "readiness-review.toml"
    create_review(path, ready_review())
    done = _answer_while_locked(path, "fail.mode", "soft", ("rules.owned", False))
    assert done.returncode == 0, done.stderr
    answers = load_review(path).review.answers
    assert answers["fail.mode"].value == "soft"
    assert answers["rules.owned"].value is False and answers["rules.owned"].by == "the other writer"


def test_a_change_that_would_overwrite_another_writer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "readiness-review.toml"
    create_review(path, ready_review())
    done = _answer_while_locked(path, "fail.mode", "soft", ("fail.mode", "mixed"))
    assert done.returncode == 2
    assert str(path) in done.stderr and "answers.fail.mode" in done.stderr
    assert "nothing was saved" in done.stderr and "Traceback" not in done.stderr
    answer = load_review(path).review.answers["fail.mode"]
    assert (answer.value, answer.by) == ("mixed", "the other writer")

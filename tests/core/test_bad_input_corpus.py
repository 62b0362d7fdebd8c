"""Every bad input, through the real CLI in its own process: the documented exit code, a message
naming the file (or flag), no traceback, no hang, and not one byte or mtime changed.

Each row of ``CASES`` lays out a folder (a valid review ``r.toml`` is always there, plus the
row's files) and runs one command in it. The subprocess timeout guards against a hang (a FIFO
opened blocking, ``/dev/zero`` read without bound); it is not a speed assertion.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.core.bad_input_support import run_cli, snapshot
from tests.core.builders import ready_review
from wizard.core.review.store import review_to_toml

HEAD = (
    'schema_version = 1\ntitle = "T"\nhost = "airflow"\nengine = "truthound"\n'
    "created = 2026-11-28T10:00:00Z\nupdated = 2026-11-28T10:00:00Z\n"
)
DEEP_ARRAY = ("a = " + "[" * 5000 + "]" * 5000 + "\n").encode()
DEEP_TABLE = ("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n").encode()
DEEP_KEYS = (HEAD + "[answers]\n" + ".".join(["x"] * 200) + " = 1\n").encode()
FIFO = ("fifo",)
ZERO = ("link", "/dev/zero")
FOLDER = ("dir",)


def exe(text: str) -> tuple[str, str]:
    return ("exe", "#!/bin/sh\ncat > /dev/null\n" + text)


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[str, ...]
    files: dict[str, Any] = field(default_factory=dict)
    names: tuple[str, ...] = ()  # what the message must name (default: the first file)
    code: int = 2


def _review_cases() -> list[Case]:
    """A bad review file, read by ``check``."""
    contents: dict[str, Any] = {
        "toml-syntax": (HEAD + 'title = "dup"\n').encode(),
        "unclosed-string": (HEAD + '[answers."fail.mode"]\nvalue = "hard\n').encode(),
        "unknown-key": (HEAD + 'colour = "blue"\n').encode(),
        "missing-host": HEAD.replace('host = "airflow"\n', "").encode(),
        "unknown-host": HEAD.replace("airflow", "luigi").encode(),
        "title-wrong-type": HEAD.replace('"T"', "42").encode(),
        "newer-schema": HEAD.replace("= 1", "= 99", 1).encode(),
        "schema-negative": HEAD.replace("= 1", "= -1", 1).encode(),
        "schema-string": HEAD.replace("= 1", '= "one"', 1).encode(),
        "schema-bool": HEAD.replace("= 1", "= true", 1).encode(),
        "schema-float": HEAD.replace("= 1", "= 1.5", 1).encode(),
        "empty": b"",
        "whitespace": b"  \n\n",
        "not-utf8": HEAD.encode() + b'owner = "\xff\xfe"\n',
        "nul-byte": HEAD.encode() + b"\x00\n",
        "bom": b"\xef\xbb\xbf" + HEAD.encode(),
        "deep-array": DEEP_ARRAY,
        "deep-inline-table": DEEP_TABLE,
        "deep-dotted-keys": DEEP_KEYS,
        "answers-list": (HEAD + "answers = [1, 2]\n").encode(),
        "schema0-answers-list": b'title = "T"\nhost = "dbt"\nengine = "truthound"\nanswers = [1]\n',
        "schema0-waivers-string": b'title = "T"\nhost = "dbt"\nengine = "truthound"\nwaivers = 5\n',
        "schema0-waiver-not-table": (
            b'title = "T"\nhost = "dbt"\nengine = "truthound"\nwaivers = [1, 2]\n'
        ),
        "bare-answer-in-schema1": (HEAD + '[answers]\n"fail.mode" = "hard"\n').encode(),
        "probe-wrong-shape": (HEAD + "probe = [1]\n").encode(),
        "signoffs-wrong-shape": (HEAD + 'signoffs = "x"\n').encode(),
        "oversized": ("sparse", 17 * 1024 * 1024),
        "folder": FOLDER,
        "fifo": FIFO,
        "dev-zero-link": ZERO,
        "dangling-link": ("link", "nowhere/review.toml"),
    }
    return [
        Case(f"check-{name}", ("check", "bad.toml"), {"bad.toml": c})
        for name, c in contents.items()
    ]


def _command_cases() -> list[Case]:
    """The same kinds of file reaching every other command that reads a review."""
    cases = []
    commands = {
        "answer": ("answer", "bad.toml", "fail.mode", "hard"),
        "signoff": ("signoff", "bad.toml", "--role", "reviewer", "--decision", "approve"),
        "waive": ("waive", "bad.toml", "secrets", "--reason", "later", "--expires", "2099-01-01"),
        "export": ("export", "bad.toml", "--format", "md"),
        "verify": ("verify", "bad.toml"),
        "diff": ("diff", "bad.toml", "r.toml"),
        "probe-review": ("probe", "--review", "bad.toml"),
        "status": ("status", "bad.toml"),
    }
    for command, argv in commands.items():
        for kind, spec in (("fifo", FIFO), ("dev-zero", ZERO), ("deep", DEEP_ARRAY)):
            if kind == "deep" and command == "verify":
                continue  # verify reads .toml files as reviews: covered by check
            cases.append(Case(f"{command}-{kind}", argv, {"bad.toml": spec}))
    return cases


def _answers_file_cases() -> list[Case]:
    files: dict[str, bytes | tuple[str, ...]] = {
        "not-utf8": b'"fail.mode" = "\xff"\n',
        "folder": FOLDER,
        "answers-list": b"answers = [1, 2]\n",
        "answers-number": b"answers = 5\n",
        "value-list": b'"fail.mode" = [1, 2]\n',
        "value-date": b'"fail.mode" = 1979-05-27\n',
        "fifo": FIFO,
        "dev-zero": ZERO,
        "deep": DEEP_ARRAY,
        "invalid-toml": b'"fail.mode" = \n',
        "table-unknown-key": b'[answers."fail.mode"]\nvalue = "hard"\ncolour = 1\n',
        "table-without-value": b'[answers."fail.mode"]\nnote = "x"\n',
        "evidence-not-list": b'[answers."fail.mode"]\nvalue = "hard"\nevidence = "x"\n',
        "note-not-string": b'[answers."fail.mode"]\nvalue = "hard"\nnote = 5\n',
        "unknown-question": b'"no.such" = "x"\n',
        "missing": (),
    }
    return [
        Case(
            f"answer-from-{name}",
            ("answer", "r.toml", "--from", "a.toml"),
            {} if spec == () else {"a.toml": spec},
            names=("a.toml",),
        )
        for name, spec in files.items()
    ]


def _flag_cases() -> list[Case]:
    fake = {"fake": exe("printf '\\377\\376'\n")}
    return [
        Case(
            "answer-set-note",
            ("answer", "r.toml", "--set", "fail.mode=hard", "--note", "n"),
            names=("--note",),
        ),
        Case(
            "answer-set-evidence",
            ("answer", "r.toml", "--set", "fail.mode=hard", "--evidence", "https://x"),
            names=("--evidence",),
        ),
        Case(
            "answer-host-note",
            ("answer", "r.toml", "host", "dbt", "--note", "n"),
            names=("--note",),
        ),
        Case("answer-set-no-equals", ("answer", "r.toml", "--set", "fail.mode"), names=("--set",)),
        Case("answer-no-value", ("answer", "r.toml", "fail.mode"), names=("fail.mode",)),
        Case(
            "answer-bad-choice",
            ("answer", "r.toml", "fail.mode", "sometimes"),
            names=("fail.mode",),
        ),
        Case("answer-unknown-question", ("answer", "r.toml", "no.such", "x"), names=("no.such",)),
        Case("probe-timeout-nan", ("probe", "--timeout", "nan"), names=("--timeout",)),
        Case("probe-timeout-inf", ("probe", "--timeout", "inf"), names=("--timeout",)),
        Case("probe-timeout-negative", ("probe", "--timeout", "-1"), names=("--timeout",)),
        Case("probe-timeout-zero", ("probe", "--timeout", "0"), names=("--timeout",)),
        Case("probe-timeout-word", ("probe", "--timeout", "soon"), names=("--timeout",)),
        Case("probe-python-missing", ("probe", "--python", "./nope/python"), names=("nope",)),
        Case(
            "probe-python-folder", ("probe", "--python", "venv"), {"venv": FOLDER}, names=("venv",)
        ),
        Case(
            "probe-python-not-executable",
            ("probe", "--python", "./py"),
            {"py": b"#!/bin/sh\n"},
            names=("py",),
        ),
        Case("probe-output-not-utf8", ("probe", "--python", "./fake"), fake, names=("fake",)),
        Case(
            "probe-output-a-list",
            ("probe", "--python", "./fake"),
            {"fake": exe("echo '[1, 2]'\n")},
            names=("fake",),
        ),
        Case(
            "probe-output-wrong-shape",
            ("probe", "--python", "./fake"),
            {"fake": exe('echo \'{"protocol": 1, "python": 5, "packages": [1]}\'\n')},
            names=("fake",),
        ),
        Case(
            "probe-output-empty",
            ("probe", "--python", "./fake"),
            {"fake": exe("")},
            names=("fake",),
        ),
        Case("check-today", ("check", "r.toml", "--today", "someday"), names=("--today",)),
        Case(
            "waive-expires",
            ("waive", "r.toml", "secrets", "--reason", "later", "--expires", "soon"),
            names=("--expires",),
        ),
        Case("status-missing-path", ("status", "nowhere"), names=("nowhere",)),
        Case(
            "status-history-depth",
            ("status", ".", "--format", "md", "--history-depth", "0"),
            names=("--history-depth",),
        ),
    ]


def _write_cases() -> list[Case]:
    return [
        Case("new-missing-folder", ("new", "missing/r.toml", "--host", "dbt"), names=("missing",)),
        Case(
            "export-missing-folder",
            ("export", "r.toml", "--format", "md", "-o", "no/out.md"),
            names=("no/out.md",),
        ),
        Case(
            "export-onto-folder",
            ("export", "r.toml", "--format", "md", "-o", "out"),
            {"out": FOLDER},
            names=("out",),
        ),
        Case(
            "export-onto-fifo",
            ("export", "r.toml", "--format", "md", "-o", "out.md"),
            {"out.md": FIFO},
            names=("out.md",),
        ),
        Case(
            "export-dangling-link",
            ("export", "r.toml", "--format", "md", "-o", "out.md"),
            {"out.md": ("link", "elsewhere/out.md")},
            names=("out.md",),
        ),
        Case(
            "export-bad-sign-key",
            ("export", "r.toml", "--format", "md", "-o", "out.md", "--sign-key", "key"),
            {"key": b"not a key\n"},
            names=("key",),
        ),
        Case(
            "export-missing-sign-key",
            ("export", "r.toml", "--format", "md", "-o", "out.md", "--sign-key", "nokey"),
            names=("nokey",),
        ),
        Case(
            "export-sign-key-fifo",
            ("export", "r.toml", "--format", "md", "-o", "out.md", "--sign-key", "key"),
            {"key": FIFO},
            names=("key",),
        ),
        Case(
            "check-report-missing-folder",
            ("check", "r.toml", "--report", "md=no/x.md"),
            names=("no/x.md",),
        ),
        Case(
            "status-output-missing-folder",
            ("status", "r.toml", "--format", "md", "--no-history", "-o", "no/x.md"),
            names=("no/x.md",),
        ),
        Case(
            "policy-fifo",
            ("check", "r.toml", "--policy", "p.toml"),
            {"p.toml": FIFO},
            names=("p.toml",),
        ),
        Case(
            "policy-deep",
            ("check", "r.toml", "--policy", "p.toml"),
            {"p.toml": DEEP_ARRAY},
            names=("p.toml",),
        ),
        Case(
            "policy-not-utf8",
            ("check", "r.toml", "--policy", "p.toml"),
            {"p.toml": b"required_roles = ['\xff']\n"},
            names=("p.toml",),
        ),
        Case("policy-folder", ("check", "r.toml", "--policy", "p"), {"p": FOLDER}, names=("p",)),
        Case(
            "status-folder-with-fifo-review",
            ("status", "."),
            {"team/x.readiness.toml": FIFO, "team/other.toml": FIFO},
            names=("x.readiness",),
        ),
        Case(
            "status-folder-with-dev-zero",
            ("status", "."),
            {"z.readiness.toml": ZERO},
            names=("z.readiness.toml",),
        ),
        Case(
            "status-folder-with-deep-review",
            ("status", "."),
            {"d.readiness.toml": DEEP_ARRAY},
            names=("d.readiness.toml",),
        ),
    ]


CASES = _review_cases() + _command_cases() + _answers_file_cases() + _flag_cases() + _write_cases()


def _lay_out(folder: Path, files: dict[str, Any]) -> None:
    (folder / "r.toml").write_text(review_to_toml(ready_review()))
    for name, spec in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, bytes):
            path.write_bytes(spec)
        elif spec[0] == "fifo":
            os.mkfifo(path)
        elif spec[0] == "link":
            path.symlink_to(spec[1])
        elif spec[0] == "dir":
            path.mkdir()
        elif spec[0] == "sparse":
            with path.open("wb") as handle:
                handle.truncate(spec[1])
        elif spec[0] == "exe":
            path.write_text(spec[1])
            path.chmod(0o755)


def test_the_corpus_is_big_enough_and_ids_are_unique() -> None:
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_refused_cleanly(tmp_path: Path, case: Case) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    _lay_out(folder, case.files)
    before = snapshot(folder)
    done = run_cli(folder, case.argv)
    output = done.stdout + done.stderr
    assert done.returncode == case.code, output
    for name in case.names or (next(iter(case.files), "r.toml"),):
        assert name in output, output
    assert "Traceback" not in output and "internal error" not in output, output
    assert snapshot(folder) == before, output
    assert not (tmp_path / "work" / "elsewhere").exists()

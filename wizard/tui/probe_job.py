"""The probe, preflight and scan in a helper process that a worker thread waits on.

Why a process and not just the worker thread: quitting must not wait for a slow or hung target
interpreter (the helper and everything it started are killed as one process group), and the
scan's CPU work must not compete with the UI for the GIL. The helper speaks one line per event
on stdout: ``PROGRESS <stage> <label>`` and finally ``SNAPSHOT <json>``.

Run as ``python -m wizard.tui.probe_job`` with the request as JSON on stdin. No Textual here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from wizard.app.probing import ProbeRequest, collect_evidence
from wizard.core.evidence.snapshot import failed_snapshot
from wizard.core.review.model import Review
from wizard.core.review.observations import ProbeSnapshot

Progress = Callable[[int, str], None]
_STDERR_TAIL = 600


def encode_request(request: ProbeRequest) -> str:
    return json.dumps(
        {
            "review": request.review.model_dump(mode="json"),
            "review_path": str(request.review_path),
            "python": request.python,
            "project": str(request.project) if request.project else None,
        }
    )


def decode_request(text: str) -> ProbeRequest:
    data = json.loads(text)
    return ProbeRequest(
        review=Review.model_validate(data["review"]),
        review_path=Path(data["review_path"]),
        python=data["python"],
        project=Path(data["project"]) if data["project"] else None,
    )


class ProbeJob:
    """One run of the helper; ``run`` blocks (call it from a worker thread), ``cancel`` kills."""

    def __init__(self, request: ProbeRequest) -> None:
        self.request = request
        self.cancelled = False
        self._process: subprocess.Popen[str] | None = None

    def run(self, progress: Progress) -> ProbeSnapshot | None:
        """The snapshot, or None when cancelled (nothing should be recorded then)."""
        with tempfile.TemporaryFile(mode="w+") as errors:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "wizard.tui.probe_job"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                start_new_session=True,  # its own process group, so cancel reaches its children
            )
            process = self._process
            assert process.stdin is not None and process.stdout is not None
            if self.cancelled:  # cancelled while the helper was starting: cancel() saw no process
                self._kill(process)
            try:
                process.stdin.write(encode_request(self.request))
                process.stdin.close()
            except BrokenPipeError:
                pass
            snapshot: ProbeSnapshot | None = None
            for line in process.stdout:
                kind, _, rest = line.rstrip("\n").partition(" ")
                if kind == "PROGRESS":
                    stage, _, label = rest.partition(" ")
                    progress(int(stage), label)
                elif kind == "SNAPSHOT":
                    snapshot = ProbeSnapshot.model_validate_json(rest)
            process.wait()
            if self.cancelled:
                return None
            if snapshot is None:
                errors.seek(0)
                tail = errors.read()[-_STDERR_TAIL:].strip() or "no output"
                return failed_snapshot(
                    f"the probe helper stopped with exit code {process.returncode}: {tail}"
                )
            return snapshot

    def cancel(self) -> None:
        self.cancelled = True
        process = self._process
        if process is not None:
            self._kill(process)

    @staticmethod
    def _kill(process: subprocess.Popen[str]) -> None:
        if process.poll() is not None:
            return
        try:
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
        except ProcessLookupError:
            pass


def main() -> int:
    request = decode_request(sys.stdin.read())

    def progress(stage: int, label: str) -> None:
        print(f"PROGRESS {stage} {label}", flush=True)

    try:
        snapshot = collect_evidence(request, progress)
    except Exception as error:  # reported as a failed probe by the parent, never as a pass
        snapshot = failed_snapshot(f"the probe crashed: {type(error).__name__}: {error}")
    print(f"SNAPSHOT {snapshot.model_dump_json()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

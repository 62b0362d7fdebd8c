"""Engine smoke run *inside* the target interpreter: one JSON request line in, one JSON answer out.

The preflight asks an engine what it claims to support; this script makes it do it. Each engine
asked for is created the way the host adapter does (the wizard sends the host's creation
overrides and stream keywords; this file knows no host) and called once per operation on a
twelve-row frame built here (no user data, no network), each call in a daemon thread with a
time limit; ``os._exit`` ends the process, so a hung call cannot keep it alive.

Standard library only, like ``target_script.py``. The wizard starts it in an empty temporary
folder with ``PYTHONDONTWRITEBYTECODE=1`` (Truthound's zero-config check writes ``.truthound/``
there), lists what appeared there afterwards, and may send the request before it reads the
answer (``--warm`` imports the library meanwhile). What libraries print or log goes to a file.
Request: ``{"engines": [{"name", "role", "operations"}], "create_overrides", "stream_kwargs",
"rules", "timeout": 30, "min_python": [3, 11]}``. Answer: ``{"protocol", "ran", "error", "engines",
"rows": [{"engine", "role", "operation", "ran", "passed", "message", "seconds"}], ...}``.
"""

import contextlib
import json
import logging
import os
import platform
import re
import sys
import tempfile
import threading
import time
from typing import Any

PROTOCOL = 1
DEFAULT_TIMEOUT = 30.0
ROWS = 12
# Truthound logs one of these per validator module it cannot import (31 of them without numpy).
_FAILED_LOAD = re.compile(r"Failed to load module '([^']+)'")


def describe(error: "BaseException") -> str:
    """The exception in its own words, plus a chained cause the wrapper's text leaves out."""
    text = f"{type(error).__name__}: {error}"
    cause = getattr(error, "cause", None) or error.__cause__
    if cause is not None and str(cause) and str(cause) not in str(error):
        text += f" (caused by {type(cause).__name__}: {cause})"
    return text


class ModuleLoadCounter(logging.Handler):
    """Remembers which modules Truthound's registry reported as not loadable."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.modules: list[str] = []

    def emit(self, record: "logging.LogRecord") -> None:
        try:
            found = _FAILED_LOAD.search(record.getMessage())
        except Exception:  # a library's malformed log record must not end the run
            return
        if found and found.group(1) not in self.modules:
            self.modules.append(found.group(1))

    def listen(self) -> "ModuleLoadCounter":
        """On the root logger once, by the warm-up or the run, whichever comes first."""
        root = logging.getLogger()
        if self not in root.handlers:
            root.addHandler(self)
            if root.level == logging.NOTSET or root.level > logging.WARNING:
                root.setLevel(logging.WARNING)
        return self


COUNTER = ModuleLoadCounter()


def within(limit: float, function: "Any") -> "tuple[str, Any, float]":
    """Run ``function()`` in a daemon thread: ("ok" | "error" | "timeout", value, seconds)."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # SystemExit from a library is a result too
            outcome["error"] = error

    started = time.monotonic()
    worker = threading.Thread(target=work, name="readiness-smoke", daemon=True)
    worker.start()
    worker.join(limit)
    spent = round(time.monotonic() - started, 3)
    if worker.is_alive():
        return "timeout", None, spent
    if "error" in outcome:
        return "error", outcome["error"], spent
    return "ok", outcome.get("value"), spent


def tiny_frames() -> "tuple[str | None, Any, Any, list[dict[str, Any]], str]":
    """(library, frame, shifted frame for drift, rows as dicts, why none could be built)."""
    rows: list[dict[str, Any]] = [{"id": n, "name": f"user{n}"} for n in range(1, ROWS + 1)]
    shifted = [{**row, "amount": float(100 + 7 * row["id"])} for row in rows]
    rows = [{**row, "amount": float(10 + row["id"])} for row in rows]
    problems = []
    for library in ("polars", "pandas"):
        try:
            module = __import__(library)
            return library, module.DataFrame(rows), module.DataFrame(shifted), rows, ""
        except Exception as error:
            problems.append(f"{library}: {describe(error)}")
    return None, None, None, rows, "; ".join(problems)


def status_of(result: "Any") -> "str | None":
    status = getattr(result, "status", None)
    return None if status is None else str(getattr(status, "name", status))


def error_in(result: "Any") -> "str | None":
    """An ERROR result keeps its error text in metadata instead of raising."""
    metadata = getattr(result, "metadata", None)
    if isinstance(metadata, dict) and metadata.get("error"):
        return str(metadata["error"])
    return None


def smoke_call(
    orchestration: "Any",
    engine: "Any",
    operation: str,
    data: "tuple[Any, Any, list[dict[str, Any]]]",
    rules: "Any",
    stream_kwargs: "dict[str, Any]",
) -> "Any":
    """The zero-argument call a host would make for ``operation``, or None if there is none."""
    frame, shifted, rows = data
    if operation == "check":
        return lambda: orchestration.execute_operation("check", engine, data=frame, rules=rules)
    if operation in ("profile", "learn", "anomaly"):
        return lambda: orchestration.execute_operation(operation, engine, data=frame)
    if operation == "drift":
        return lambda: orchestration.execute_operation(
            "drift", engine, baseline=frame, current=shifted
        )
    if operation != "stream":
        return None

    def stream() -> "Any":
        request = orchestration.StreamRequest(
            stream=iter(rows), rules=rules, batch_size=6, max_batches=2, kwargs=stream_kwargs
        )
        last = None
        for envelope in orchestration.run_stream_check(engine, request):
            last = envelope.result
            if status_of(last) == "ERROR":
                break  # one errored batch is the verdict; hosts count it as nothing checked
        if last is None:
            raise RuntimeError("the stream produced no batch result")
        return last

    return stream


def judge(state: str, value: "Any", spent: float, limit: float, operation: str) -> "dict[str, Any]":
    row: dict[str, Any] = {"ran": True, "seconds": spent}
    if state == "timeout":
        row.update(passed=False, message=f"did not finish within {limit:g} seconds")
    elif state == "error":
        row.update(passed=False, message=describe(value))
    elif status_of(value) == "ERROR":
        row.update(passed=False, message=error_in(value) or "the engine returned an ERROR result")
    else:
        # A data-quality verdict (FAILED, WARNING) still means the engine ran the call.
        row.update(
            passed=True,
            message=f"{operation} returned {type(value).__name__} with status {status_of(value)}",
        )
    return row


def smoke_engine(
    request: "dict[str, Any]",
    spec: "dict[str, Any]",
    modules: "tuple[Any, Any]",
    data: "tuple[Any, Any, list[dict[str, Any]]]",
    no_data: str,
) -> "tuple[dict[str, Any], list[dict[str, Any]]]":
    engines, orchestration = modules
    name, role = str(spec.get("name") or "truthound"), str(spec.get("role") or "primary")
    limit = float(request.get("timeout") or DEFAULT_TIMEOUT)
    operations = [str(op) for op in spec.get("operations") or ["check"]]
    facts: dict[str, Any] = {"engine": name, "role": role, "created": False, "version": None}
    rows: list[dict[str, Any]] = []

    def row(operation: str, **fields: "Any") -> None:
        base = {"engine": name, "role": role, "operation": operation, "ran": False}
        rows.append({**base, "passed": False, "message": "", "seconds": None, **fields})

    def create() -> "Any":
        context = engines.normalize_runtime_context(platform=request.get("platform") or None)
        wanted = engines.EngineCreationRequest(engine_name=name, runtime_context=context)
        return engines.create_engine(wanted, **(request.get("create_overrides") or {}))

    state, engine, _ = within(limit, create)
    if state != "ok":
        why = "did not finish" if state == "timeout" else describe(engine)
        facts["message"] = f"creating the engine failed: {why}"
        for operation in operations:
            row(operation, message=f"could not run: {facts['message']}")
        return facts, rows
    facts.update(created=True, engine=str(getattr(engine, "engine_name", name)))
    try:
        facts["version"] = str(engine.engine_version)
    except Exception as error:
        facts["message"] = f"engine_version raised {describe(error)}"
    if hasattr(engine, "start"):
        # Some hosts never call start(); a failed start is recorded and the calls still run.
        state, value, _ = within(limit, engine.start)
        if state != "ok":
            facts["start"] = "timed out" if state == "timeout" else describe(value)
    stream_kwargs = dict(request.get("stream_kwargs") or {})
    for operation in operations:
        if data[0] is None:
            row(operation, message=f"could not run: no data library to build a frame ({no_data})")
            continue
        call = smoke_call(orchestration, engine, operation, data, spec.get("rules"), stream_kwargs)
        if call is None:
            row(operation, message=f"could not run: no smoke call exists for {operation!r}")
            continue
        state, value, spent = within(limit, call)
        row(operation, **judge(state, value, spent, limit, operation))
        rows[-1]["engine"] = facts["engine"]
    if hasattr(engine, "stop"):
        within(5.0, engine.stop)
    return facts, rows


def _warm() -> None:
    # Before the request: every run's imports, with the counter listening as in a cold run.
    COUNTER.listen()
    with contextlib.suppress(Exception):  # the run imports again and reports the failure
        tiny_frames()  # imports polars or pandas
        import common.engines
        import common.orchestration  # noqa: F401


def answer(request: "dict[str, Any]") -> "dict[str, Any]":
    result: dict[str, Any] = {"protocol": PROTOCOL, "ran": False, "error": None, "engines": []}
    result.update(rows=[], failed_module_loads=0, python=platform.python_version())
    minimum = tuple(request.get("min_python") or (3, 11))
    if sys.version_info[:2] < minimum:
        result["error"] = (
            f"Python {platform.python_version()} is below {'.'.join(map(str, minimum))}, which "
            "every truthound-orchestration release requires, so no engine can run here"
        )
        return result
    counter = COUNTER.listen()
    try:
        import common.engines as engines
        import common.orchestration as orchestration
    except Exception as error:
        result["error"] = f"importing common.engines failed: {describe(error)}"
        return result
    library, frame, shifted, records, problem = tiny_frames()
    result.update(ran=True, data=library)
    try:
        for spec in request.get("engines") or [{"name": "truthound"}]:
            facts, rows = smoke_engine(
                request, spec, (engines, orchestration), (frame, shifted, records), problem
            )
            result["engines"].append(facts)
            result["rows"].extend(rows)
    except Exception as error:  # the answer must still come out
        result["error"] = f"the smoke run stopped: {describe(error)}"
    finally:
        logging.getLogger().removeHandler(counter)
        result["failed_module_loads"] = len(counter.modules)
    return result


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.path and os.path.abspath(sys.path[0] or os.curdir) == here:
        del sys.path[0]  # sibling modules of this file must not shadow the target's
    answer_stream = os.fdopen(os.dup(1), "w")
    with tempfile.TemporaryFile(mode="w+") as scratch:
        os.dup2(scratch.fileno(), 1)  # libraries print and warn while they run: keep it away
        os.dup2(scratch.fileno(), 2)
        if "--warm" in sys.argv[1:]:
            threading.Thread(target=_warm, daemon=True).start()
        try:
            raw = sys.stdin.readline()  # one line: the answer may be collected later
            request = json.loads(raw) if raw.strip() else {}
            result = answer(request if isinstance(request, dict) else {})
        except BaseException as error:
            result = {"protocol": PROTOCOL, "ran": False, "error": f"smoke run crashed: {error!r}"}
        answer_stream.write(json.dumps(result, default=str))
        answer_stream.flush()
        os._exit(0)  # a call that timed out still runs in its daemon thread; do not wait for it


if __name__ == "__main__":
    main()

"""Probe run *inside* the target interpreter: ``python target_script.py < request.json``.

Self-contained on purpose: it executes under whatever Python the pipeline runs on (maybe not the
wizard's own, maybe without the wizard installed), so it imports only the standard library and
keeps to syntax old interpreters can still parse, so that they report their version instead of
crashing. It reads a JSON request on stdin and prints exactly one JSON object on stdout.

Package versions come from installed metadata; no host library is imported. The real
``common.engines.run_preflight`` is imported only when a preflight is requested, or (``--warm``,
when the caller will request one) in a thread while the request is still on its way.
"""

import contextlib
import json
import os
import platform
import re
import sys
import threading
from collections.abc import Iterable
from typing import Any

PROTOCOL = 1

# The wizard names the distributions to report in the request (from its host and engine
# registries); the script itself knows no host, so a new host needs no change here.
ORCHESTRATION = "truthound-orchestration"

# Must hide exactly what wizard/core/safety/patterns.py hides in URIs (tests compare the two):
# the preflight echoes source strings, and `postgresql://user:password@host` would leak
# otherwise. The password runs to the last "@", so one containing "@" or "/" is hidden whole.
_URI_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)(?P<secret>\S+)(?=@)")


def redact_uri_passwords(text: str) -> str:
    return _URI_PASSWORD.sub(lambda match: match.group("head") + "***", text)


def redact_everywhere(value: "Any") -> "Any":
    if isinstance(value, str):
        return redact_uri_passwords(value)
    if isinstance(value, dict):
        return {key: redact_everywhere(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_everywhere(item) for item in value]
    return value


def installed_versions(names: "Iterable[str]") -> "dict[str, str]":
    try:
        from importlib import metadata
    except ImportError:  # Python < 3.8: nothing to report, the version verdict says enough
        return {}
    found: dict[str, str] = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def interpreter_facts() -> "dict[str, str]":
    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
    }


def _source_view(resolved: "Any") -> "dict[str, Any] | None":
    if resolved is None:
        return None
    metadata = getattr(resolved, "metadata", None) or {}
    return {
        "kind": getattr(resolved.kind, "value", str(resolved.kind)),
        "reference": str(resolved.reference),
        "requires_connection": bool(resolved.requires_connection),
        "format_hint": resolved.format_hint,
        "scheme": metadata.get("scheme"),
    }


def _how_data_would_read(value: str) -> "dict[str, Any] | None":
    """What the shared resolver makes of the text when a host passes it as plain ``data=``."""
    try:
        from common.runtime import resolve_data_source

        return _source_view(resolve_data_source(value))
    except Exception:  # informative only; the preflight itself reports real failures
        return None


def run_preflight_request(request: "dict[str, Any]") -> "dict[str, Any]":
    try:
        from common.engines import EngineCreationRequest, normalize_runtime_context, run_preflight
    except Exception as error:  # a broken install must be reported, not crash the probe
        return {
            "ran": False,
            "error": f"importing common.engines failed: {type(error).__name__}: {error}",
        }
    source = request.get("source") or None
    outcome: dict[str, Any] = {
        "ran": True,
        "error": None,
        "resolved_source": None,
        "source_as_data": None,
    }
    if source is not None:
        outcome["source_as_data"] = _how_data_would_read(source["value"])
    try:
        context_keywords: dict[str, Any] = {
            "platform": request.get("platform") or None,
            "connection_id": request.get("connection_id"),
            "profile_name": request.get("profile_name"),
        }
        if request.get("policy") is not None:  # an unknown policy raises, and is reported
            context_keywords["auto_config_policy"] = request["policy"]
        context = normalize_runtime_context(**context_keywords)
        engine_request = EngineCreationRequest(
            engine_name=request.get("engine") or None, runtime_context=context
        )
        keywords: dict[str, Any] = {
            "required_operations": request.get("required_operations") or None
        }
        if source is not None:
            keywords[source["argument"]] = source["value"]
        if request.get("observability") is not None:
            keywords["observability"] = request["observability"]
        report = run_preflight(engine_request, **keywords)
    except Exception as error:  # unknown operation / policy / backend raise instead of failing
        outcome.update(
            compatible=False,
            engine_name=request.get("engine"),
            engine_version=None,
            platform=request.get("platform"),
            checks=[
                {
                    "name": "run_preflight",
                    "status": "failed",
                    "message": f"run_preflight raised {type(error).__name__}: {error}",
                }
            ],
        )
        return outcome
    compatibility = report.compatibility
    outcome.update(
        compatible=bool(compatibility.compatible),
        engine_name=compatibility.engine_name,
        engine_version=compatibility.engine_version,
        platform=compatibility.platform,
        checks=[
            {
                "name": check.name,
                "status": getattr(check.status, "value", str(check.status)),
                "message": str(check.message),
            }
            for check in compatibility.checks
        ],
        resolved_source=_source_view(report.resolved_source),
    )
    return outcome


def answer(request: "dict[str, Any]") -> "dict[str, Any]":
    names = list(request.get("packages") or [])
    if ORCHESTRATION not in names:
        names.append(ORCHESTRATION)
    packages = installed_versions(names) if request.get("scan", True) else None
    result: dict[str, Any] = {
        "protocol": PROTOCOL,
        "python": interpreter_facts(),
        "packages": packages,
    }
    preflight = request.get("preflight")
    if preflight is not None:
        if ORCHESTRATION not in installed_versions((ORCHESTRATION,)):
            result["preflight"] = {"ran": False, "error": "not-installed"}
        else:
            result["preflight"] = run_preflight_request(preflight)
    redacted: dict[str, Any] = redact_everywhere(result)
    return redacted


def _warm() -> None:
    with contextlib.suppress(Exception):
        import common.engines  # noqa: F401


def main() -> int:
    # Run as a file, Python puts this folder first on sys.path; its sibling modules must not
    # shadow anything the target environment imports.
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.path and os.path.abspath(sys.path[0] or os.curdir) == here:
        del sys.path[0]
    # Libraries may print while importing; keep the real stdout for the one JSON answer.
    answer_stream = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    if "--warm" in sys.argv[1:]:
        # The wizard started us before building its request and will ask for the preflight:
        # import the library while the request is on its way. A failed import is retried, and
        # reported, by the preflight itself.
        threading.Thread(target=_warm, daemon=True).start()
    raw = sys.stdin.read()
    request = json.loads(raw) if raw.strip() else {}
    result = answer(request)
    answer_stream.write(json.dumps(result, default=str))
    answer_stream.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

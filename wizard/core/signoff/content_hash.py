"""The content hash a sign-off binds to: sha256 over a canonical serialisation of a review.

What is hashed (version 3; see docs/signoff.md for the normative definition):

- ``hash_version``, ``knowledge_base`` (``load_knowledge().version``), ``title``, ``host``,
  ``engine``;
- every answer: value, provenance, by, note, evidence and basis, and for attested answers the
  time it was given; a probe answer's time is when it was observed, which is not a decision;
- the waivers (with their approvals), sorted, so re-ordering them in the file is not a change;
- the probe snapshot's facts, redacted exactly as the store writes it, without ``taken_at``:
  the same facts observed again are the same content, and a changed fact is a change;
- without the scan's ``root`` either: where a clone sits on a disk (a laptop's home folder, a
  CI runner's build folder) is not a fact about the project, and the findings' paths are
  already relative to it.

Left out: ``signoffs`` (a sign-off cannot hash itself), ``updated``, ``created``,
``schema_version``, ``owner`` and ``target`` (bookkeeping: who owns the pipeline, and where to
probe rather than what was seen).

Earlier versions are still computed for sign-offs that name them (version 1 kept observation
times, version 2 the scan root), so upgrading the wizard does not make every earlier sign-off
stale by itself.

Canonical form: JSON with sorted keys, ``,``/``:`` separators, UTF-8 without ASCII escaping;
datetimes as ISO-8601 in UTC with a ``Z`` suffix, dates as ``YYYY-MM-DD``; keys whose value is
null, an empty list or an empty table are omitted, as in the TOML file.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any

from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.model import Answer, Review, Waiver
from wizard.core.safety.credentials import redact_value

HASH_VERSION = 3
# Parts a stale sign-off can name as what changed, each with its own digest in the sign-off.
PART_NAMES = ("identity", "answers", "waivers", "environment", "hosts", "preflight", "scan")
HASH_PREFIX = "sha256:"


def iso_utc(moment: datetime) -> str:
    """A datetime as ISO-8601 in UTC; naive datetimes are taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    text = moment.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"


_SCALARS = (str, bool, int, float)
_EMPTY: tuple[Any, ...] = ({}, [], None)


def plain(value: Any) -> Any:
    """Nested data reduced to JSON types, with empty and null members dropped."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        result = {}
        for key, item in value.items():
            cleaned = plain(item)
            if cleaned not in _EMPTY:
                result[str(key)] = cleaned
        return result
    if kind is list or kind is tuple:
        return [plain(item) for item in value]
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _answer(answer: Answer, version: int) -> dict[str, Any]:
    return {
        "value": answer.value,
        "provenance": answer.provenance,
        "by": answer.by,
        "at": answer.at if version == 1 or not answer.is_probe else None,
        "note": answer.note,
        "evidence": list(answer.evidence),
        "basis": dict(answer.basis),
    }


def _waiver(waiver: Waiver) -> dict[str, Any]:
    return waiver.model_dump(mode="python", exclude_none=True)


def _waiver_order(entry: dict[str, Any]) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False)


def _left_out(version: int) -> dict[str, Any]:
    """The probe members a hash version does not cover."""
    if version >= 3:
        return {"taken_at": True, "scan": {"root": True}}
    return {"taken_at": True} if version == 2 else {}


def signed_content(review: Review, version: int = HASH_VERSION) -> dict[str, Any]:
    """The part of a review a sign-off vouches for, as plain JSON-ready data."""
    probe = None
    if review.probe is not None:
        # The wizard's own patterns only: a loaded review holds none of their hits (reading
        # refuses them) and a saved one none of detect-secrets' either (saving screens in full),
        # so the full screen would change nothing here but cost its import on every `check`.
        probe = redact_value(
            review.probe.model_dump(mode="python", exclude_none=True, exclude=_left_out(version)),
            plugins=False,
        )
    waivers = sorted((plain(_waiver(waiver)) for waiver in review.waivers), key=_waiver_order)
    content = {
        "hash_version": version,
        "knowledge_base": load_knowledge().version,
        "title": review.title,
        "host": review.host,
        "engine": review.engine,
        "answers": {key: _answer(answer, version) for key, answer in review.answers.items()},
        "waivers": waivers,
        "probe": probe,
    }
    return plain(content)


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def canonical_bytes(review: Review, version: int = HASH_VERSION) -> bytes:
    """The exact bytes that are hashed."""
    return _canonical(signed_content(review, version))


def content_hash(review: Review, version: int = HASH_VERSION) -> str:
    """``sha256:<64 hex>`` over ``canonical_bytes(review)``."""
    return HASH_PREFIX + hashlib.sha256(canonical_bytes(review, version)).hexdigest()


def content_parts(review: Review) -> dict[str, str]:
    """A short digest of each part of the signed content, so a stale sign-off can say what changed.

    Only diagnostics: the content hash is what binds; a part digest names where it moved.
    """
    content = signed_content(review)
    probe = content.get("probe", {})
    parts = {
        "identity": {
            key: content.get(key) for key in ("knowledge_base", "title", "host", "engine")
        },
        "answers": content.get("answers", {}),
        "waivers": content.get("waivers", []),
        "environment": probe.get("environment"),
        "hosts": probe.get("hosts"),
        "preflight": probe.get("preflight"),
        "scan": probe.get("scan"),
    }
    # Prefixed like every hash the file holds (bare hex reads as a secret to scanners).
    return {
        name: short_hash(HASH_PREFIX + hashlib.sha256(_canonical(parts[name])).hexdigest())
        for name in PART_NAMES
    }


def short_hash(value: str) -> str:
    """A hash shortened for one-line displays: ``sha256:1a2b3c4d5e6f``."""
    return value[: len(HASH_PREFIX) + 12]

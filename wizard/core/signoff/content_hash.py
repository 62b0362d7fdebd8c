"""The content hash a sign-off binds to: sha256 over a canonical serialisation of a review.

What is hashed (see docs/signoff.md for the normative definition):

- ``hash_version`` (this definition's version), ``knowledge_base`` (``load_knowledge().version``),
  ``title``, ``host``, ``engine``;
- every answer: value, provenance, by, at, note, evidence and basis (the basis decides whether
  the answer counts or is stale, so it changes the evaluation);
- the waivers, sorted, so re-ordering them in the file is not a change;
- the probe snapshot, redacted exactly as the store writes it, so a review hashes the same in
  memory and after a save / load round trip.

Left out: ``signoffs`` (a sign-off cannot hash itself), ``updated``, ``created``,
``schema_version``, ``owner`` and ``target`` (bookkeeping: who owns the pipeline, and where to
probe rather than what was seen).

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

HASH_VERSION = 1
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


def _answer(answer: Answer) -> dict[str, Any]:
    return {
        "value": answer.value,
        "provenance": answer.provenance,
        "by": answer.by,
        "at": answer.at,
        "note": answer.note,
        "evidence": list(answer.evidence),
        "basis": dict(answer.basis),
    }


def _waiver(waiver: Waiver) -> dict[str, Any]:
    return {
        "item": waiver.item,
        "reason": waiver.reason,
        "owner": waiver.owner,
        "expires": waiver.expires,
        "created": waiver.created,
    }


def _waiver_order(entry: dict[str, Any]) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False)


def signed_content(review: Review) -> dict[str, Any]:
    """The part of a review a sign-off vouches for, as plain JSON-ready data."""
    probe = None
    if review.probe is not None:
        probe = redact_value(review.probe.model_dump(mode="python", exclude_none=True))
    waivers = sorted((plain(_waiver(waiver)) for waiver in review.waivers), key=_waiver_order)
    content = {
        "hash_version": HASH_VERSION,
        "knowledge_base": load_knowledge().version,
        "title": review.title,
        "host": review.host,
        "engine": review.engine,
        "answers": {key: _answer(answer) for key, answer in review.answers.items()},
        "waivers": waivers,
        "probe": probe,
    }
    return plain(content)


def canonical_bytes(review: Review) -> bytes:
    """The exact bytes that are hashed."""
    text = json.dumps(
        signed_content(review), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return text.encode("utf-8")


def content_hash(review: Review) -> str:
    """``sha256:<64 hex>`` over ``canonical_bytes(review)``."""
    return HASH_PREFIX + hashlib.sha256(canonical_bytes(review)).hexdigest()


def short_hash(value: str) -> str:
    """A hash shortened for one-line displays: ``sha256:1a2b3c4d5e6f``."""
    return value[: len(HASH_PREFIX) + 12]

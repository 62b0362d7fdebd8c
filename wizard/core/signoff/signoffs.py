"""Sign-off records: what one says, the bytes its SSH signature covers, and making one.

A sign-off binds to ``content_hash(review)`` (see ``wizard.core.signoff.content_hash``): any later
change to that content makes it stale. It also links to the sign-off before it (``previous``, the
link hash of that one's statement), so the list is an append-only chain. With an SSH key it
carries a signature over its *statement* (the content hash, who decided what as which principal,
when, and the link), so neither the decision nor its place in the chain can be changed without
breaking the signature. Whether sign-offs satisfy a release is ``wizard.core.signoff.gate``'s call.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from wizard.core.errors import BadInputError
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.plain import SchemaError
from wizard.core.review.model import Review, SignOff, utc_now
from wizard.core.safety.credentials import describe, quoted
from wizard.core.signoff.content_hash import (
    HASH_VERSION,
    PART_NAMES,
    content_hash,
    content_parts,
    iso_utc,
)

Decision = Literal["approve", "reject"]
Freshness = Literal["fresh", "stale"]
# unsigned: an attestation without SSH signature; unchecked: signed, signature not examined;
# intact: ssh-keygen accepts it, signer not authenticated; authenticated: an allowed-signers
# file vouches for the key as the sign-off's principal; invalid: it does not hold.
SignatureState = Literal["unsigned", "unchecked", "intact", "authenticated", "invalid"]
STATEMENT_HEADER = "truthound-readiness sign-off v1"
CHAINED_HEADER = "truthound-readiness sign-off v2"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_COMMENT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PRINCIPAL = re.compile(r"^[^\s@,\"*?!]+@[^\s@,\"*?!]+$")
MAX_NAME = 200
PAST: dict[str, str] = {"approve": "approved", "reject": "rejected"}
MAX_COMMENT = 2000


def statement(signoff: SignOff) -> bytes:
    """The exact bytes an SSH signature covers (and the chain's next link hashes)."""
    fields: list[tuple[str, object]] = [
        ("content", signoff.content_hash),
        ("reviewer", signoff.reviewer),
        ("role", signoff.role),
        ("decision", signoff.decision),
        ("readiness", signoff.readiness),
        ("at", iso_utc(signoff.at)),
        ("comment", signoff.comment),
    ]
    header = STATEMENT_HEADER
    if signoff.previous is not None:
        header = CHAINED_HEADER
        fields += [
            ("principal", signoff.principal),
            ("previous", signoff.previous),
            ("hash_version", signoff.hash_version),
            ("parts", ",".join(f"{k}={v}" for k, v in sorted(signoff.parts.items()))),
        ]
    lines = [header] + [
        f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def link_hash(signoff: SignOff) -> str:
    """What the next sign-off's ``previous`` must be: a digest of this one's statement."""
    return "sha256:" + hashlib.sha256(statement(signoff)).hexdigest()


def signed_hash(review: Review, signoff: SignOff) -> str:
    """The review's content hash under the definition version the sign-off was made with."""
    return content_hash(review, signoff.hash_version or 1)


def freshness(review: Review, signoff: SignOff, current: dict[int, str]) -> Freshness:
    """``fresh`` when the review's content is what was signed. ``current``: hashes by version."""
    version = signoff.hash_version or 1
    if version not in current:
        current[version] = content_hash(review, version)
    return "fresh" if signoff.content_hash == current[version] else "stale"


def changed_parts(review: Review, signoff: SignOff) -> list[str]:
    """Which parts of the signed content differ now (for sign-offs that recorded their parts)."""
    if not signoff.parts:
        return []
    now = content_parts(review)
    words = {
        "identity": "title, host, engine or checklist version",
        "answers": "answers",
        "waivers": "waivers",
        "environment": "the probed interpreter or its packages",
        "hosts": "the host verdicts",
        "preflight": "the preflight result",
        "scan": "the project scan's findings",
    }
    return [words[name] for name in PART_NAMES if signoff.parts.get(name) != now.get(name)]


def changed_since(review: Review, signoff: SignOff) -> list[str]:
    """What made a sign-off stale: the parts that changed, and answers recorded later."""
    hints = [f"{part} changed" for part in changed_parts(review, signoff)]
    newer = [
        key
        for key, answer in review.answers.items()
        if not answer.is_probe and answer.at > signoff.at
    ]
    if newer:
        hints.append("answers recorded later: " + ", ".join(sorted(newer)))
    return hints


def check_signature(
    signoff: SignOff, *, allowed_signers: Path | None
) -> tuple[SignatureState, str]:
    """Examine a sign-off's SSH signature with ssh-keygen, as its principal at its time."""
    from wizard.core.signoff import sshsig

    if signoff.signature is None:
        return "unsigned", "unsigned attestation (no SSH signature)"
    moment = signoff.at.strftime("%Y%m%d%H%M%SZ")
    result = sshsig.verify(
        statement(signoff),
        signoff.signature,
        allowed_signers=allowed_signers,
        principal=signoff.principal,
        verify_time=moment,
    )
    if not result.valid:
        return "invalid", result.detail
    if signoff.signer and result.fingerprint and result.fingerprint != signoff.signer:
        return "invalid", (
            f"signature made by key {result.fingerprint}, but the sign-off names {signoff.signer}"
        )
    return ("authenticated" if result.authenticated else "intact"), result.detail


def clean_principal(value: str) -> str:
    """An OpenSSH principal as git's SSH signing uses them: one e-mail address."""
    text = value.strip()
    if not _PRINCIPAL.match(text) or len(text) > MAX_NAME:
        raise BadInputError(
            f"--principal {quoted(text, 'the value for --principal')}: use one e-mail address "
            "such as ana@example.org (the "
            "principal your key is listed under in the allowed-signers file); by default it is "
            "git's user.email."
        )
    return text


def _clean_name(field_name: str, value: str) -> str:
    text = value.strip()
    if not text:
        raise BadInputError(f"--{field_name}: must not be empty.")
    if _CONTROL.search(text) or len(text) > MAX_NAME:
        raise BadInputError(
            f"--{field_name}: use one line of at most {MAX_NAME} characters, without control "
            "characters."
        )
    said = describe(text, f"--{field_name}")
    if said is not None:
        raise BadInputError(f"{said}; nothing was signed.")
    return text


def _clean_comment(comment: str | None) -> str | None:
    if comment is None or not comment.strip():
        return None
    text = comment.strip()
    if _COMMENT_CONTROL.search(text) or len(text) > MAX_COMMENT:
        raise BadInputError(
            f"--comment: keep it under {MAX_COMMENT} characters, without control characters."
        )
    said = describe(text, "--comment")
    if said is not None:
        raise BadInputError(f"{said}; nothing was signed. Describe the secret by name instead.")
    return text


def create_signoff(
    review: Review,
    *,
    reviewer: str,
    role: str,
    decision: Decision,
    principal: str | None = None,
    comment: str | None = None,
    key: Path | None = None,
    today: date | None = None,
    at: datetime | None = None,
) -> SignOff:
    """Sign the review as it is now (in memory; the caller saves) and return the sign-off.

    Refuses a review that does not validate. Approving a review that is not ready is allowed,
    and recorded in ``readiness``. The new sign-off links to the last one of the chain.
    """
    if decision not in ("approve", "reject"):
        shown = quoted(decision, "the value for --decision")
        raise BadInputError(f"--decision {shown}: use approve or reject.")
    try:
        Review.model_validate(review.model_dump())
    except SchemaError as error:
        raise BadInputError(
            f"the review does not validate, so it cannot be signed: {error.errors()[0]['msg']}"
        ) from None
    moment = at or utc_now()
    last = review.signoffs[-1] if review.signoffs else None
    if last is not None and moment < last.at:
        moment = last.at  # a chain never runs backwards in time, whatever the local clock says
    evaluation = evaluate(review, review.probe, today or moment.date())
    signoff = SignOff.model_validate(  # validated, as the constructor of the pydantic model did
        dict(
            reviewer=_clean_name("name", reviewer),
            role=_clean_name("role", role).lower(),
            decision=decision,
            at=moment,
            content_hash=content_hash(review),
            comment=_clean_comment(comment),
            readiness="ready" if evaluation.ready else "not-ready",
            principal=clean_principal(principal) if principal else None,
            previous=link_hash(last) if last is not None else "",
            hash_version=HASH_VERSION,
            parts=content_parts(review),
        )
    )
    if key is not None:
        from wizard.core.signoff import sshsig

        signoff.signer = sshsig.key_fingerprint(key)
        signoff.signature = sshsig.sign(statement(signoff), key)
    review.signoffs.append(signoff)
    review.updated = moment
    return signoff

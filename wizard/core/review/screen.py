"""Which parts of a review are free text, and the credential screen applied to all of them.

The store runs this on every save and on every load: a credential typed into a title, a
sign-off comment or a waiver reason is refused before it reaches disk, and one put into the
file by hand (say, a real password in place of a stored ``***``) makes the file refused on
read, so it can neither be printed by ``check`` nor keep an earlier sign-off fresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wizard.core.errors import ReviewFileError
from wizard.core.review.model import Review
from wizard.core.safety.credentials import LABELS, credentials_in, with_article

# Sign-off fields that are digests, signatures or key fingerprints: random by design, and
# checked by the signature verification rather than read by people.
_SIGNOFF_MACHINE_FIELDS = {"content_hash", "signature", "signer", "previous", "parts"}


def screened_text(review: Review) -> dict[str, Any]:
    """Every free-text field of ``review``, keyed as in the file (``answers.x.note``)."""
    data = review.model_dump(mode="json", exclude_none=True)
    signoffs = [
        {key: value for key, value in entry.items() if key not in _SIGNOFF_MACHINE_FIELDS}
        for entry in data.get("signoffs", [])
    ]
    answers = {
        question_id: {key: answer.get(key) for key in ("value", "by", "note", "evidence")}
        for question_id, answer in data.get("answers", {}).items()
    }
    return {
        "title": data.get("title"),
        "owner": data.get("owner"),
        "target": data.get("target"),
        "answers": answers,
        "waivers": data.get("waivers", []),
        "signoffs": signoffs,
        "probe": data.get("probe"),
    }


def refuse_credentials(path: Path, review: Review, *, saving: bool) -> None:
    """Raise ReviewFileError naming the first field that holds a credential, never its value."""
    # Saving screens in full; reading back uses the wizard's own patterns only, so `check`
    # stays free of the scanner's imports (what was stored was screened in full already).
    found = credentials_in(screened_text(review), plugins=saving)
    if not found:
        return
    where, hit = found[0]
    where = where.replace("[", ".").replace("]", "")
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    kind = with_article(LABELS.get(hit.kind, hit.kind))
    position = f"{where} (character {hit.start + 1} onward) looks like a credential: {kind}{more}"
    if saving:
        raise ReviewFileError(
            f"{path}: {position}; nothing was saved. Keep secrets in the host's secret store "
            "and record only their names or references."
        )
    raise ReviewFileError(
        f"{path}: {position}. A review file must not hold credentials, so it was not read. "
        f"Remove the value from {where} (keep the secret in the host's secret store and record "
        "its name), then run the command again."
    )

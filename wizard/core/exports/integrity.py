"""Signing an export file and checking one: detached signature plus section digests."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from wizard.core.errors import BadInputError
from wizard.core.exports.formats import recognise
from wizard.core.exports.sections import check_json_sections, check_text_sections
from wizard.core.review.atomic import write_atomically
from wizard.core.signoff import sshsig
from wizard.core.tomlfile import read_regular

_HASH = re.compile(rb"sha256:[0-9a-f]{64}")


def signature_path(export: Path) -> Path:
    return export.with_name(export.name + ".sig")


def sign_export(export: Path, key: Path) -> Path:
    """Write ``EXPORT.sig``: an SSH signature over the export's exact bytes."""
    armored = sshsig.sign(read_regular(export, what="export"), key)
    target = signature_path(export)
    write_atomically(target, armored, keep_backup=False)
    return target


def write_signed(export: Path, text: str, key: Path) -> Path:
    """Sign ``text`` first, then write the export and its ``.sig``: a key that cannot sign
    leaves no unsigned export behind (and no earlier export is replaced)."""
    armored = sshsig.sign(text.encode("utf-8"), key)
    target = signature_path(export)
    write_atomically(export, text)
    write_atomically(target, armored)
    return target


def export_kind(path: Path, data: bytes) -> str | None:
    """Which export format a file is (see ``wizard.core.exports.formats``)."""
    return recognise(path, data)


@dataclass
class ExportCheck:
    """The outcome of checking one export file."""

    path: Path
    kind: str
    sections: int
    problems: list[str] = field(default_factory=list)
    content_hash: str | None = None
    signature: sshsig.SignatureCheck | None = None

    @property
    def ok(self) -> bool:
        signature_ok = self.signature is None or self.signature.valid
        return signature_ok and not self.problems


def _content_hash(kind: str, data: bytes) -> str | None:
    if kind == "json":
        try:
            value = json.loads(data.decode("utf-8")).get("content_hash")
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
            return None
        return value if isinstance(value, str) else None
    found = _HASH.search(data)
    return found.group(0).decode() if found else None


def inspect_export(path: Path, *, allowed_signers: Path | None = None) -> ExportCheck:
    """Check an export's section digests and, when ``EXPORT.sig`` exists, its signature."""
    data = read_regular(path, what="export")
    kind = export_kind(path, data)
    if kind is None:
        raise BadInputError(
            f"{path}: neither a review file nor an export of truthound-readiness (no JSON, XML, "
            "HTML or section markers found). Pass a review .toml or a file written by `export`."
        )
    if kind == "json":
        found, problems = check_json_sections(data)
    else:
        found, problems = check_text_sections(data)
    result = ExportCheck(path, kind, found, problems, _content_hash(kind, data))
    sig = signature_path(path)
    if os.path.lexists(sig):
        try:
            armored = read_regular(sig, what="signature", limit=1 << 20).decode("ascii")
        except UnicodeDecodeError:
            raise BadInputError(f"{sig}: not an SSH signature (not ASCII text).") from None
        result.signature = sshsig.verify(data, armored, allowed_signers=allowed_signers)
    return result

"""What changed between two project scans: credentials and settings that appeared, went away or
moved, each with file:line, as short human lines for the re-open banner, prompts and ``diff``.

A credential is the same credential wherever it moves (its fingerprint); a setting is the same
setting while its file, keyword and value stay (a line shift is a move). Only the scans' public
findings are read; values are the scan's masked forms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from wizard.core.review.observations import ProjectScan, SecretFinding, SettingFinding


def _by_fingerprint(findings: Iterable[SecretFinding]) -> dict[str, list[SecretFinding]]:
    grouped: dict[str, list[SecretFinding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.fingerprint].append(finding)
    return grouped


def _where(finding: SecretFinding | SettingFinding) -> str:
    return f"{finding.file}:{finding.line}"


def _credential(finding: SecretFinding) -> str:
    allowed = f", allowed by {finding.allowed_by}" if finding.allowed_by else ""
    return f"{_where(finding)} {finding.kind} ({finding.fingerprint}){allowed}"


def _credential_lines(old: list[SecretFinding], new: list[SecretFinding]) -> list[str]:
    lines: list[str] = []
    before, after = _by_fingerprint(old), _by_fingerprint(new)
    for fingerprint in sorted(set(before) | set(after)):
        was = sorted(before.get(fingerprint, []), key=_where)
        now = sorted(after.get(fingerprint, []), key=_where)
        gone = [f for f in was if _where(f) not in {_where(n) for n in now}]
        came = [f for f in now if _where(f) not in {_where(w) for w in was}]
        for left, right in zip(gone, came, strict=False):
            lines.append(
                f"credential moved: {_where(left)} -> {_where(right)} {right.kind} ({fingerprint})"
            )
        lines += [f"credential went away: {_credential(f)}" for f in gone[len(came) :]]
        lines += [f"credential appeared: {_credential(f)}" for f in came[len(gone) :]]
        stayed = {_where(f): f for f in was if f not in gone}
        for finding in now:
            earlier = stayed.get(_where(finding))
            if earlier is not None and bool(earlier.allowed_by) != bool(finding.allowed_by):
                state = (
                    f"now allowed by {finding.allowed_by}"
                    if finding.allowed_by
                    else ("no longer allowed")
                )
                lines.append(f"credential {state}: {_where(finding)} {finding.kind}")
    return lines


def _setting_key(finding: SettingFinding) -> tuple[str, str, str]:
    return (finding.file, finding.kind, finding.value)


def _setting(finding: SettingFinding) -> str:
    return f"{_where(finding)} {finding.kind}={finding.value}"


def _setting_lines(old: list[SettingFinding], new: list[SettingFinding]) -> list[str]:
    lines: list[str] = []
    before: dict[tuple[str, str, str], list[SettingFinding]] = defaultdict(list)
    after: dict[tuple[str, str, str], list[SettingFinding]] = defaultdict(list)
    for finding in old:
        before[_setting_key(finding)].append(finding)
    for finding in new:
        after[_setting_key(finding)].append(finding)
    for key in sorted(set(before) | set(after)):
        was = sorted(before.get(key, []), key=lambda f: f.line)
        now = sorted(after.get(key, []), key=lambda f: f.line)
        gone = [f for f in was if f.line not in {n.line for n in now}]
        came = [f for f in now if f.line not in {w.line for w in was}]
        for left, right in zip(gone, came, strict=False):
            lines.append(f"setting moved: {_setting(left)} -> line {right.line}")
        lines += [f"setting went away: {_setting(f)}" for f in gone[len(came) :]]
        lines += [f"setting appeared: {_setting(f)}" for f in came[len(gone) :]]
    return lines


def scan_drift(old: ProjectScan | None, new: ProjectScan | None) -> list[str]:
    """Credential lines first (they decide the secrets item), then settings; empty when either
    scan is missing (nothing to compare against is not a change)."""
    if old is None or new is None:
        return []
    return _credential_lines(old.secrets, new.secrets) + _setting_lines(old.settings, new.settings)

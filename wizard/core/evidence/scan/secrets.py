"""Embedded-credential findings (checklist item ``secrets``).

detect-secrets (default plugin set, run in-process on text already in memory) covers generic
credentials: keys, tokens, keyword assignments, high-entropy strings. The host rules add what it
cannot know (dbt profiles, Mage io_config, Prefect blocks, Airflow connections, Kestra flows,
committed .env files). Hits are de-duplicated per line, fingerprinted, redacted and matched
against the allowlist; the values themselves are dropped here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wizard.core.evidence.scan.allowlist import AllowEntry, inline_allowance, match_allowlist
from wizard.core.evidence.scan.detector import SecretDetector
from wizard.core.evidence.scan.host_rules import yaml_secret_rules
from wizard.core.evidence.scan.parsing import ParsedProject
from wizard.core.evidence.scan.placeholders import (
    is_example_file,
    is_placeholder_key_block,
    is_placeholder_value,
)
from wizard.core.evidence.scan.python_rules import python_secret_rules
from wizard.core.evidence.scan.secret_values import (
    PRIORITY_ENTROPY,
    PRIORITY_FORMAT,
    PRIORITY_GENERIC,
    RawSecret,
    leaks,
    looks_like_secret_value,
    redacted_text,
)
from wizard.core.evidence.scan.text_rules import text_secret_rules
from wizard.core.review.observations import SecretFinding
from wizard.core.safety.credentials import fingerprint


@dataclass
class SecretResult:
    findings: list[SecretFinding]
    notes: list[str]
    # Masks every credential value the scan saw; applied to any other text the scan reports.
    scrub: Scrubber


class Scrubber:
    """Replaces known secret values with ``***`` in one regex pass."""

    def __init__(self, values: Iterable[str]) -> None:
        # Words would mask ordinary report text; the finding itself still hides its own value.
        wanted = sorted(
            {value for value in values if looks_like_secret_value(value)}, key=len, reverse=True
        )
        self._pattern = re.compile("|".join(map(re.escape, wanted))) if wanted else None

    def __call__(self, text: str) -> str:
        return self._pattern.sub("***", text) if self._pattern is not None else text


def file_secrets(parsed: ParsedProject, detector: SecretDetector) -> list[RawSecret]:
    """Every credential hit in the parsed file(s), after the placeholder policy, one per value
    and line. Values stay inside the scan package (the worker hands them to ``finish``)."""
    raw = [
        *yaml_secret_rules(parsed),
        *python_secret_rules(parsed),
        *text_secret_rules(parsed),
        *_detect_secrets(parsed, detector),
    ]
    # The one placeholder / example policy, applied to every rule's hits alike.
    kept = [
        hit
        for hit in raw
        if hit.file_level
        or not (is_example_file(hit.file) or is_placeholder_value(hit.value, key=hit.key))
    ]
    return list(_deduplicate(kept))


def finish_secrets(
    raw: list[RawSecret], source_lines: dict[tuple[str, int], str], allowlist: list[AllowEntry]
) -> SecretResult:
    """Findings, notes and a scrubber from every file's hits; ``source_lines`` holds the line of
    each hit (for inline allowances)."""
    scrub = Scrubber(hit.value for hit in raw if not hit.file_level)
    notes: list[str] = []
    findings: list[SecretFinding] = []
    for hit in raw:
        finding = _to_finding(hit, scrub)
        allowance, problem = inline_allowance(source_lines.get((hit.file, hit.line), ""))
        if problem:
            notes.append(f"{hit.file} line {hit.line} {problem}.")
        allowance = allowance or match_allowlist(allowlist, hit.file, finding.fingerprint)
        if allowance is not None:
            finding.allowed_by = allowance.by
            finding.allowed_reason = allowance.reason
        findings.append(finding)
    findings.sort(key=lambda item: (item.file, item.line, item.kind))
    return SecretResult(findings, notes, scrub)


def _to_finding(hit: RawSecret, scrub: Scrubber) -> SecretFinding:
    # Scrubbing with every known value also hides a second secret sharing the line.
    redacted = scrub(hit.redacted)
    if leaks(redacted, hit.value):
        redacted = f"{hit.kind}: ***"  # belt and braces: a rule's redaction must never leak
    return SecretFinding(
        file=hit.file,
        line=hit.line,
        kind=hit.kind,
        rule=hit.rule,
        fingerprint=fingerprint(hit.value),
        redacted=redacted,
    )


def _deduplicate(hits: Iterable[RawSecret]) -> Iterator[RawSecret]:
    """Keep one finding per value and line; the most specific rule wins.

    A lower-priority hit is dropped when a kept hit on the same line holds the same value or a
    value containing it (the password inside a flagged ``AIRFLOW_CONN_*`` URI, for example).
    """
    kept: dict[tuple[str, int], list[RawSecret]] = {}
    # Longer values first within a priority, so a fragment never displaces the whole token.
    for hit in sorted(hits, key=lambda item: (-item.priority, -len(item.value))):
        same_line = kept.setdefault((hit.file, hit.line), [])
        if any(
            not other.file_level and not hit.file_level and hit.value in other.value
            for other in same_line
        ):
            continue
        same_line.append(hit)
        yield hit


def _detect_secrets(parsed: ParsedProject, detector: SecretDetector) -> Iterator[RawSecret]:
    for file in parsed.files:
        for hit in detector.scan_text(file.path, file.text, parsed.yaml_docs.get(file.path)):
            line = file.line(hit.line_number)
            if hit.plugin == "PrivateKeyDetector":
                # The key's body decides (the plugin matched its BEGIN line only).
                block = "\n".join(
                    [hit.seen_line, *file.lines[hit.line_number : hit.line_number + 60]]
                )
                if is_placeholder_key_block(block):
                    continue
            value = _whole_token(hit.seen_line, hit.value)
            kind = re.sub(r"[^a-z0-9]+", "-", hit.secret_type.lower()).strip("-")
            if "HighEntropy" in hit.plugin:
                priority = PRIORITY_ENTROPY
            elif hit.plugin == "KeywordDetector":
                priority = PRIORITY_GENERIC
            else:
                priority = PRIORITY_FORMAT
            yield RawSecret(
                file=file.path,
                line=hit.line_number,
                rule=f"detect-secrets:{hit.plugin}",
                kind=kind,
                value=value,
                redacted=redacted_text(line, value, fallback=f"{kind}: ***"),
                priority=priority,
                key=_key_before(hit.seen_line, value),
            )


def _key_before(line: str, value: str) -> str | None:
    """The name a value is assigned to on its line (``AWS_SECRET = "..."`` -> AWS_SECRET)."""
    match = re.search(
        r"([A-Za-z_][\w.\-]*)['\"]?\s*[:=]+\s*['\"]?$", line[: max(line.find(value), 0)]
    )
    return match.group(1) if match else None


def _whole_token(line: str, value: str) -> str:
    """Widen a plugin's match to the whole token around it.

    Some plugins report only a captured prefix (the GitHub token plugin yields ``ghp``); masking
    or fingerprinting that prefix would leave the rest of the token in the report.
    """
    start = line.find(value)
    if start < 0 or not value:
        return value
    end = start + len(value)
    while start > 0 and _is_token_char(line[start - 1]):
        start -= 1
    while end < len(line) and _is_token_char(line[end]):
        end += 1
    return line[start:end]


def _is_token_char(char: str) -> bool:
    return char.isalnum() or char in "_-"

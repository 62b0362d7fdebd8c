"""SARIF 2.1.0 for code scanning: failing checklist items and project-scan findings as results.

What code hosts need beyond the schema, and how this module meets it:

- every result names a rule in ``tool.driver.rules`` whose ``help`` says what to do and links
  the published guide (an absolute ``helpUri``);
- locations are relative to the repository root (``uriBaseId`` ``%SRCROOT%``), percent-encoded,
  so the same finding has the same address on every machine;
- ``partialFingerprints`` are computed from what a finding *is* (rule, file, the credential's
  one-way fingerprint, the checklist item), never from its line or its wording, so an alert
  survives a line move or a reworded reason and two runs of one state give identical logs;
- no secret value: a credential appears only as its fingerprint and its redacted line, and every
  text goes through ``redact`` once more on the way out;
- findings that are allowed (inline marker or allowlist) and items that are waived are kept as
  *suppressed* results, so an alert that was open closes instead of vanishing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from wizard import __version__
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.reporting import load_reporting
from wizard.core.kb.wording import fill
from wizard.core.review.observations import ProjectScan, SecretFinding, SettingFinding
from wizard.core.safety.credentials import redact

TOOL_NAME = "truthound-readiness"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "truthound-readiness/v1"
# A committed credential is a security problem in its own right (GitHub reads 7.0-8.9 as high).
SECRET_SEVERITY = "8.0"
_ITEM_LEVELS = {"fail": "error", "open": "warning", "warn": "warning", "waived": "warning"}
SECRETS_GUIDE = "docs/enterprise/secrets.md"


_ANSWER_TABLE = re.compile(r'^\[answers\.(?:"([^"]+)"|([A-Za-z0-9_.-]+))\]\s*$')


def answer_lines(review_text: str) -> dict[str, int]:
    """Question id -> the line of its ``[answers."id"]`` table in a review file's text."""
    lines: dict[str, int] = {}
    for number, line in enumerate(review_text.splitlines(), start=1):
        match = _ANSWER_TABLE.match(line)
        if match:
            lines[match.group(1) or match.group(2)] = number
    return lines


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def repo_uri(prefix: str, path: str) -> str:
    """A repository-relative, percent-encoded URI for ``path`` under the folder ``prefix``."""
    joined = "/".join(part for part in (prefix.strip("/"), path.lstrip("/")) if part)
    return quote(joined.removeprefix("./"), safe="/")


@dataclass
class SarifLog:
    """Rules and results gathered from one or more reviews and scans, rendered as one run."""

    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    results: list[dict[str, Any]] = field(default_factory=list)

    def _rule(self, rule_id: str, build: Mapping[str, Any]) -> int:
        if rule_id not in self.rules:
            self.rules[rule_id] = {"id": rule_id, **build}
        return list(self.rules).index(rule_id)

    def _result(
        self,
        rule_id: str,
        index: int,
        level: str,
        message: str,
        uri: str,
        line: int,
        identity: str,
        suppression: dict[str, str] | None = None,
        properties: dict[str, Any] | None = None,
    ) -> None:
        result: dict[str, Any] = {
            "ruleId": rule_id,
            "ruleIndex": index,
            "level": level,
            "message": {"text": redact(message)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "uriBaseId": SRCROOT},
                        "region": {"startLine": max(1, line)},
                    }
                }
            ],
            # Our own key, plus the one GitHub matches alerts on (it then computes none).
            "partialFingerprints": {
                FINGERPRINT_KEY: identity,
                "primaryLocationLineHash": f"{identity[:16]}:1",
            },
        }
        if suppression is not None:
            result["suppressions"] = [suppression]
        if properties:
            result["properties"] = properties
        self.results.append(result)

    def add_items(
        self, document: Mapping[str, Any], review_uri: str, lines: Mapping[str, int]
    ) -> None:
        """Every item of an export document that is not ``pass``, located in the review file.

        ``lines`` maps question ids to their line in the review file; an item points at its
        first question that has one, else at line 1.
        """
        guides = load_reporting().guides
        kb = load_knowledge()
        for item in document["items"]:
            status = item["status"]
            if status == "pass":
                continue
            rule_id = f"item/{item['id']}"
            claim = fill(kb.item(item["id"]).claim, document.get("host"), document.get("engine"))
            index = self._rule(
                rule_id,
                {
                    "name": "".join(word.title() for word in item["id"].split("-")),
                    "shortDescription": {"text": item["title"]},
                    "fullDescription": {"text": claim},
                    "help": _help(claim, item, guides.url(item["doc"])),
                    "helpUri": guides.url(item["doc"]),
                    "defaultConfiguration": {"level": "error"},
                    "properties": {"tags": ["readiness", "checklist"]},
                },
            )
            reasons = "; ".join(item["reasons"][:3]) or "see the review"
            line = next((lines[q] for q in item["questions"] if q in lines), 1)
            waiver = item.get("waiver")
            suppression = (
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": redact(
                        f"waived by {waiver['owner']} until {waiver['expires']}: {waiver['reason']}"
                    ),
                }
                if status == "waived" and waiver
                else None
            )
            self._result(
                rule_id,
                index,
                _ITEM_LEVELS[status],
                f"{document['title']}: {item['title']} is {status}: {reasons}",
                review_uri,
                line,
                _digest("item", review_uri, item["id"]),
                suppression,
                {"readiness-status": status},
            )

    def add_scan(self, scan: ProjectScan, prefix: str) -> None:
        """Committed credentials and misleading settings of a scan of the folder ``prefix``."""
        for secret in scan.secrets:
            self._add_secret(secret, prefix)
        for setting in scan.settings:
            if setting.misleading:
                self._add_setting(setting, prefix)

    def _add_secret(self, finding: SecretFinding, prefix: str) -> None:
        rule = finding.rule or finding.kind
        rule_id = f"secret/{rule}"
        guide = load_reporting().guides.url(SECRETS_GUIDE)
        text = (
            f"A credential ({finding.kind}) is committed in this file. Anyone with the "
            "repository can read it, and it stays in the history after removal. Move it to the "
            "host's secret mechanism and rotate it; if it is a deliberate fixture, allow it "
            "with '# readiness: allow-secret <who> <reason>' on the line or an entry in "
            ".readiness-allowlist.toml (its fingerprint is in the result)."
        )
        index = self._rule(
            rule_id,
            {
                "name": "CommittedCredential",
                "shortDescription": {"text": f"Committed credential ({rule})"},
                "fullDescription": {"text": "A credential is committed in a tracked file."},
                "help": {
                    "text": f"{text} Guide: {guide}",
                    "markdown": f"{text}\n\n[Guide]({guide})",
                },
                "helpUri": guide,
                "defaultConfiguration": {"level": "error"},
                "properties": {
                    "tags": ["security", "secrets", "readiness"],
                    "precision": "high",
                    "security-severity": SECRET_SEVERITY,
                },
            },
        )
        uri = repo_uri(prefix, finding.file)
        suppression = None
        if finding.allowed_by:
            reason = finding.allowed_reason or ""
            suppression = {
                "kind": "inSource" if reason.endswith("(inline comment)") else "external",
                "status": "accepted",
                "justification": redact(f"allowed by {finding.allowed_by}: {reason}"),
            }
        self._result(
            rule_id,
            index,
            "error",
            f"{finding.kind} committed at line {finding.line}, fingerprint "
            f"{finding.fingerprint}: {finding.redacted}",
            uri,
            finding.line,
            _digest("secret", uri, rule, finding.fingerprint),
            suppression,
            {"fingerprint": finding.fingerprint},
        )

    def _add_setting(self, finding: SettingFinding, prefix: str) -> None:
        rule = finding.rule or finding.kind
        rule_id = f"setting/{rule}"
        guide = load_reporting().guides.url(fill(load_knowledge().item(finding.item).doc, None))
        advice = (
            f"This setting does not do what it appears to do. Use the host's own setting "
            f"instead. Item: {finding.item}."
        )
        index = self._rule(
            rule_id,
            {
                "name": "MisleadingSetting",
                "shortDescription": {"text": f"Misleading setting ({rule})"},
                "fullDescription": {"text": "A Truthound setting that does not do what it seems."},
                "help": {
                    "text": f"{advice} Guide: {guide}",
                    "markdown": f"{advice}\n\n[Guide]({guide})",
                },
                "helpUri": guide,
                "defaultConfiguration": {"level": "warning"},
                "properties": {"tags": ["readiness", finding.item]},
            },
        )
        uri = repo_uri(prefix, finding.file)
        self._result(
            rule_id,
            index,
            "warning",
            f"{finding.kind} = {finding.value}: {finding.misleading}",
            uri,
            finding.line,
            _digest("setting", uri, rule, finding.kind, finding.value),
        )

    def to_dict(self) -> dict[str, Any]:
        driver = {
            "name": TOOL_NAME,
            "version": __version__,
            "semanticVersion": __version__,
            "rules": list(self.rules.values()),
        }
        return {
            "$schema": SARIF_SCHEMA_URI,
            "version": SARIF_VERSION,
            "runs": [{"tool": {"driver": driver}, "results": self.results}],
        }


def _help(claim: str, item: Mapping[str, Any], url: str) -> dict[str, str]:
    read_first = (item.get("failure_mode") or {}).get("read_first")
    also = f" Read {read_first} first." if read_first else ""
    text = f"{claim} Answer or change what the result's reasons name.{also} Guide: {url}"
    return {"text": text, "markdown": f"{claim}{also}\n\n[Guide]({url})"}


def render_sarif(log: dict[str, Any]) -> str:
    """The SARIF log as text (``SarifLog.to_dict()``), stable for identical input."""
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

"""The project's rules, judged for real: the target's validator, or the `check` vocabulary.

The scan finds each rule list with its file, line and engine (``scan.rule_sources``). Rules in
the common `type` vocabulary go to ``rules_script.py`` in the target interpreter, which runs
``common.rule_validation`` for the engine that receives them; rules handed to an engine that
never reads rule dicts (Truthound) are not validated but flagged as ignored; dbt's `check` rules
are judged against the dispatcher's own list (``kb/check_vocabulary.toml``), since the Python
validator knows none of those names. Equal rules (type and column) written with different
parameters in different files are reported too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, cast

from wizard.core.evidence.probe.runner import RULES_SCRIPT, ProbeError, answer_shape, run_script
from wizard.core.kb.matrix import canonical_engine
from wizard.core.kb.registry import engine as engine_entry
from wizard.core.kb.vocabulary import check_names, find_check
from wizard.core.review.observations import ProjectScan, RuleCheck, RuleFinding, RuleSource
from wizard.core.safety.credentials import redact, redact_value

_LONGEST_RULE = 160


def _text(rule: Any) -> str:
    written = json.dumps(rule, default=repr, ensure_ascii=False)
    if len(written) > _LONGEST_RULE:
        written = written[: _LONGEST_RULE - 3] + "..."
    return redact(written)


def _ignores_rules(engine: str) -> bool:
    canonical = canonical_engine(engine)
    return canonical is not None and engine_entry(canonical).ignores_rules


def judge_check_rule(rule: Any) -> tuple[list[str], list[str], str | None]:
    """(errors, notes, canonical check name) for one rule of the `check` vocabulary."""
    if not isinstance(rule, dict):
        return [f"NotAMapping: a rule is a mapping, not {type(rule).__name__}"], [], None
    name = rule.get("check", rule.get("type"))
    entry = find_check(name) if isinstance(name, str) else None
    if entry is None:
        available = ", ".join(check.name for check in check_names())
        return (
            [f"UnknownCheck: Unknown check type: {name!r}. Available types: {available}"],
            [],
            None,
        )
    errors = []
    for needed in entry.needs:
        if needed == "min|max":
            if rule.get("min") is None and rule.get("max") is None:
                errors.append(f"MissingArgument: {entry.name} requires at least min or max")
        elif rule.get(needed) in (None, "", []):
            errors.append(f"MissingArgument: {entry.name} requires {needed!r}")
    notes = [entry.note] if entry.note else []
    return errors, notes, entry.name


Keyed = tuple[RuleFinding, tuple[str, str] | None, str]


def _parameters(rule: Mapping[str, Any], *leave_out: str) -> str:
    """A rule's parameters as comparable text, without the keys that identify it."""
    kept = {key: value for key, value in rule.items() if key not in leave_out}
    return json.dumps(kept, sort_keys=True, default=repr)


def _check_vocabulary(source: RuleSource) -> list[Keyed]:
    judged: list[Keyed] = []
    for index, rule in enumerate(source.rules):
        errors, notes, name = judge_check_rule(rule)
        line = source.lines[index] if index < len(source.lines) else source.line
        finding = RuleFinding(
            file=source.file,
            line=line,
            engine="dbt tests",
            rule=_text(rule),
            valid=not errors,
            errors=errors,
            notes=notes,
        )
        if errors or name is None or not isinstance(rule, dict):
            judged.append((finding, None, ""))
        else:
            key = (name, str(rule.get("column") or ""))
            judged.append((finding, key, _parameters(rule, "check", "type", "column")))
    return judged


def _target_finding(source: RuleSource, engine: str, raw: Mapping[str, Any]) -> RuleFinding:
    index = int(raw.get("index") or 0)
    rule = source.rules[index] if index < len(source.rules) else None
    notes = [str(note) for note in raw.get("notes") or []]
    if isinstance(rule, dict) and "check" in rule and "type" not in rule:
        notes.append("written in dbt's `check` style; Python engines read `type`")
    return RuleFinding(
        file=source.file,
        line=source.lines[index] if index < len(source.lines) else source.line,
        engine=str(raw.get("engine") or engine),
        rule=_text(rule),
        valid=bool(raw.get("valid")),
        errors=[redact(f"{e.get('kind')}: {e.get('message')}") for e in raw.get("errors") or []],
        warnings=[redact(str(warning)) for warning in raw.get("warnings") or []],
        notes=notes,
    )


def _differing(keyed: list[Keyed]) -> list[str]:
    """The same rule (type and column) written with different parameters in different files."""
    groups: dict[tuple[str, str], dict[str, list[RuleFinding]]] = {}
    for finding, key, written in keyed:
        if key is not None:
            groups.setdefault(key, {}).setdefault(written, []).append(finding)
    lines = []
    for (kind, column), ways in sorted(groups.items()):
        files = {finding.file for found in ways.values() for finding in found}
        if len(ways) < 2 or len(files) < 2:
            continue
        where = "; ".join(
            f"{written} at " + ", ".join(f"{f.file}:{f.line}" for f in found)
            for written, found in ways.items()
        )
        lines.append(f"{kind} on {column or 'the table'} is written {len(ways)} ways: {where}")
    return lines


def check_rules(
    interpreter: str,
    scan: ProjectScan,
    engine: str,
    cannot_run: str | None,
    timeout: float = 60.0,
) -> RuleCheck:
    """Judge every rule source the scan found; ``cannot_run`` says why the target cannot."""
    result = RuleCheck(ran=True, engine=engine, not_inspected=list(scan.rules_unreadable))
    result.files_read = len({source.file for source in scan.rule_sources})
    keyed: list[Keyed] = []
    to_validate: list[tuple[RuleSource, str]] = []
    for source in scan.rule_sources:
        receiver = source.engine or engine
        if source.vocabulary == "check":
            keyed += _check_vocabulary(source)
        elif _ignores_rules(receiver):
            for index, rule in enumerate(source.rules):
                line = source.lines[index] if index < len(source.lines) else source.line
                result.findings.append(
                    RuleFinding(
                        file=source.file,
                        line=line,
                        engine=canonical_engine(receiver) or receiver,
                        rule=_text(rule),
                        valid=True,
                        ignored=True,
                    )
                )
        else:
            to_validate.append((source, receiver))
    if to_validate:
        if cannot_run is not None:
            result.ran, result.error = False, cannot_run
        else:
            keyed += _validate(interpreter, to_validate, engine, result, timeout)
    result.findings += [finding for finding, _, _ in keyed]
    result.findings.sort(key=lambda finding: (finding.file, finding.line))
    result.differing = _differing(keyed)
    return result


def _validate(
    interpreter: str,
    sources: list[tuple[RuleSource, str]],
    engine: str,
    result: RuleCheck,
    timeout: float,
) -> list[Keyed]:
    items = [
        {
            "id": number,
            "engine": receiver,
            "rules": json.loads(json.dumps(source.rules, default=repr)),
        }
        for number, (source, receiver) in enumerate(sources)
    ]
    request = {"engine": engine, "strict": True, "items": items}
    try:
        answer = run_script(interpreter, RULES_SCRIPT, request, timeout, what="the rule check")
    except ProbeError as error:
        result.ran, result.error = False, error.message
        return []
    with answer_shape(interpreter, "the rule check"):
        answer = cast(dict[str, Any], redact_value(answer))
        if not answer.get("ran"):
            result.ran, result.error = False, str(answer.get("error") or "no reason given")
            return []
        result.validator = (
            f"common.rule_validation of truthound-orchestration {answer.get('version')}"
        )
        keyed: list[Keyed] = []
        for raw in answer.get("findings") or []:
            source, receiver = sources[int(raw.get("item") or 0)]
            finding = _target_finding(source, receiver, raw)
            normalized = raw.get("normalized")
            key = None
            if finding.valid and isinstance(normalized, dict) and normalized.get("type"):
                key = (str(normalized["type"]), str(normalized.get("column") or ""))
            written = _parameters(normalized, "type", "column") if key is not None else ""
            keyed.append((finding, key, written))
        return keyed

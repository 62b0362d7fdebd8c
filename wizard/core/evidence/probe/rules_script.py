"""Rule check *inside* the target interpreter: ``python rules_script.py < request.json``.

The wizard finds the rule dicts a project holds (with file and line, see
``wizard.core.evidence.scan.rule_sources``) and sends them here; this script judges each one with
the target's own ``common.rule_validation``, for the engine that will receive it. Standard
library only, like ``target_script.py``; one JSON object on stdout.

``validate_rules`` re-wraps every error as a plain ``RuleValidationError`` carrying
``rule_index=N``; the same ``StandardRuleValidator`` run on the single rule gives the identical
verdict with the error's own class (``UnknownRuleTypeError``, ``MissingFieldError``, ...) and
bare message, so both are run. ``strict=True`` makes unknown fields warnings, as the library
defines them.

Request: ``{"engine": "pandera", "strict": true, "items": [{"id": 0, "engine": "ge",
"rules": [...]}]}``. Answer: ``{"protocol", "ran", "error", "version", "findings": [{"item",
"index", "engine", "valid", "errors": [{"kind", "message"}], "warnings", "canonical_type",
"normalized", "notes"}]}``.
"""

import json
import os
import sys
from typing import Any

PROTOCOL = 1
ORCHESTRATION = "truthound-orchestration"


def jsonable(value: "Any") -> "Any":
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value


def error_entry(error: "BaseException") -> "dict[str, Any]":
    return {"kind": type(error).__name__, "message": str(error)}


def canonical_engine(engines: "Any", name: str) -> str:
    """``ge`` -> ``great_expectations``: the validator compares only canonical names."""
    try:
        return str(engines.normalize_engine_name(name))
    except Exception:
        return name.strip().lower()


def judge(validation: "Any", rule: "Any", engine: str, strict: bool) -> "dict[str, Any]":
    finding: dict[str, Any] = {"valid": False, "errors": [], "warnings": [], "notes": []}
    finding.update(canonical_type=None, normalized=None)
    if not isinstance(rule, dict):
        kind = type(rule).__name__
        finding["errors"].append(
            {"kind": "NotAMapping", "message": f"a rule is a dict, not {kind}"}
        )
        return finding
    try:
        finding["valid"] = bool(
            validation.validate_rules([rule], engine=engine, strict=strict).is_valid
        )
        single = validation.StandardRuleValidator(engine=engine).validate(rule, strict=strict)
        finding["errors"] = [error_entry(error) for error in single.errors]
        finding["warnings"] = [str(warning) for warning in single.warnings]
    except Exception as error:  # e.g. an unhashable 'type': the validator itself breaks
        finding["errors"].append(
            {
                "kind": type(error).__name__,
                "message": f"the validator raised {error_entry(error)['kind']}: {error}",
            }
        )
        return finding
    kinds = {entry["kind"] for entry in finding["errors"]}
    if not finding["valid"] and kinds == {"UnknownRuleTypeError"}:
        # Some engines run native rule types the common registry does not list (Great
        # Expectations' expect_* names); the engine's own validator says whether it accepts one.
        try:
            own = validation.get_validator_for_engine(engine).validate(rule, strict=strict)
            if own.is_valid:
                finding.update(valid=True, errors=[])
                finding["notes"].append(
                    "not in the common rule registry, but the engine's own validator accepts it "
                    "as a native rule type"
                )
        except Exception:
            pass
    try:
        schema = validation.get_rule_registry().get(rule.get("type"))
        finding["canonical_type"] = None if schema is None else str(schema.rule_type)
    except Exception:
        finding["canonical_type"] = None
    if finding["valid"]:
        try:
            normalized = dict(validation.normalize_rules([rule])[0])
            if finding["canonical_type"]:
                normalized["type"] = finding["canonical_type"]  # aliases compare as one rule
            finding["normalized"] = jsonable(normalized)
        except Exception:
            finding["normalized"] = None
    return finding


def answer(request: "dict[str, Any]") -> "dict[str, Any]":
    result: dict[str, Any] = {"protocol": PROTOCOL, "ran": False, "error": None, "findings": []}
    try:
        from importlib import metadata

        result["version"] = metadata.version(ORCHESTRATION)
    except Exception:
        result["error"] = "not-installed"
        return result
    try:
        import common.engines as engines
        import common.rule_validation as validation
    except Exception as error:
        result["error"] = (
            f"importing common.rule_validation failed: {type(error).__name__}: {error}"
        )
        return result
    result["ran"] = True
    strict = bool(request.get("strict", True))
    default = str(request.get("engine") or "truthound")
    for item in request.get("items") or ():
        if not isinstance(item, dict):
            continue
        engine = canonical_engine(engines, str(item.get("engine") or default))
        rules = item.get("rules")
        for index, rule in enumerate(rules if isinstance(rules, list) else [rules]):
            finding = judge(validation, rule, engine, strict)
            finding.update(item=item.get("id"), index=index, engine=engine)
            result["findings"].append(finding)
    return result


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.path and os.path.abspath(sys.path[0] or os.curdir) == here:
        del sys.path[0]  # sibling modules of this file must not shadow the target's
    answer_stream = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    try:
        raw = sys.stdin.read()
        request = json.loads(raw) if raw.strip() else {}
        result = answer(request if isinstance(request, dict) else {})
    except BaseException as error:
        result = {"protocol": PROTOCOL, "ran": False, "error": f"rule check crashed: {error!r}"}
    answer_stream.write(json.dumps(result, default=str))
    answer_stream.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Credential rules for files no parser covers: ``.env`` files, Dockerfiles, shell, SQL, INI.

These formats are line-oriented, so reading them line by line is reading them the way their
own tools do. Python and YAML files that failed to parse land here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from wizard.core.evidence.scan.files import ProjectFile
from wizard.core.evidence.scan.host_rules import (
    RULE_AIRFLOW_CONN_ENV,
    conn_has_credential,
    uri_password_hits,
)
from wizard.core.evidence.scan.parsing import ParsedProject
from wizard.core.evidence.scan.secret_values import RawSecret, is_placeholder, is_secret_key, keyed
from wizard.core.safety.credentials import find_credentials, fingerprint

RULE_ENV_COMMITTED = "env-file-committed"
RULE_ENV_SECRET = "env-file-secret"

_ENV_LINE = re.compile(r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(?P<rest>.*)$")
_CONN_LINE = re.compile(
    r"(?:^|[\s\"'`\-])(?P<key>AIRFLOW_CONN_[A-Za-z0-9_]+)\s*[=:]\s*(?P<value>\S.*)$"
)
# Dockerfile's older form separates name and value with a space: ENV AIRFLOW_CONN_X uri
_DOCKER_ENV = re.compile(r"^\s*ENV\s+(?P<key>AIRFLOW_CONN_[A-Za-z0-9_]+)\s+(?P<value>[^=\s].*)$")
# Example files document which variables exist; their values are meant to be fake.
_ENV_EXAMPLE_MARKERS = ("example", "sample", "template", "dist", "defaults")


def text_secret_rules(parsed: ParsedProject) -> Iterator[RawSecret]:
    for file in parsed.text_files():
        if is_env_file(file.name):
            yield from _env_file(file)
        for number, line in enumerate(file.lines, start=1):
            if "://" in line:
                yield from uri_password_hits(file, line, number)
            if "AIRFLOW_CONN_" in line:
                yield from _conn_line(file, number, line)


def is_env_file(name: str) -> bool:
    lowered = name.lower()
    if not (lowered == ".env" or lowered.startswith(".env.") or lowered.endswith(".env")):
        return False
    return not any(marker in lowered for marker in _ENV_EXAMPLE_MARKERS)


def env_value(rest: str) -> str:
    """The value of a dotenv assignment: quotes removed, trailing `` # comment`` dropped."""
    rest = rest.strip()
    if rest[:1] in {"'", '"'}:
        closing = rest.find(rest[0], 1)
        return rest[1:closing] if closing > 0 else rest[1:]
    return re.split(r"\s+#", rest, maxsplit=1)[0].strip()


def _env_file(file: ProjectFile) -> Iterator[RawSecret]:
    assigned: list[tuple[int, str, str]] = []
    holds_credential = False
    for number, line in enumerate(file.lines, start=1):
        match = _ENV_LINE.match(line)
        if not match or line.lstrip().startswith("#"):
            continue
        value = env_value(match.group("rest"))
        if is_placeholder(value) or value.startswith("$"):
            continue
        assigned.append((number, match.group("key"), value))
        if is_secret_key(match.group("key")) and not is_placeholder(value, match.group("key")):
            holds_credential = True
            yield keyed(match.group("key"), value, RULE_ENV_SECRET, file.path, number)
        elif find_credentials(value):
            holds_credential = True
    # Settings only (LOG_LEVEL=debug, PORT=8080): committing them leaks nothing.
    if not holds_credential:
        return
    keys = [key for _, key, _ in assigned]
    shown = ", ".join(keys[:6]) + (", ..." if len(keys) > 6 else "")
    # The fingerprint covers every key=value pair, so it changes when any value changes.
    everything = "\n".join(f"{key}={value}" for _, key, value in assigned)
    yield RawSecret(
        file=file.path,
        line=assigned[0][0],
        rule=RULE_ENV_COMMITTED,
        kind=RULE_ENV_COMMITTED,
        value=fingerprint(everything),
        redacted=f"committed env file with {len(keys)} value(s): {shown}",
        file_level=True,
    )


def _conn_line(file: ProjectFile, number: int, line: str) -> Iterator[RawSecret]:
    if line.lstrip().startswith(("#", "//", "--")):
        return  # prose about a connection; a password in it is still caught as uri-password
    match = _CONN_LINE.search(line) or _DOCKER_ENV.match(line)
    if not match:
        return
    value = env_value(match.group("value"))
    if not value or is_placeholder(value) or value.startswith(("$", "{{")):
        return
    if not conn_has_credential(value):
        return
    yield keyed(match.group("key"), value, RULE_AIRFLOW_CONN_ENV, file.path, number)

"""The host and engine registries: ``hosts.toml`` and ``engines.toml`` as typed, frozen data.

Every module that needs to know which hosts or engines exist, how they are written, what they
install or where their secrets live asks this module; none keeps a list of its own. Adding a host
is one ``[[host]]`` entry in ``hosts.toml`` (plus, if it needs them, its project-scan rules).

Plain dataclasses read with ``tomllib``: these lists are needed by argument parsing and the
first frame, which must not wait for pydantic. The loader still checks every key, so a typo in
the data fails loudly at load time instead of being half-understood.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any, Literal

from wizard.core.records import Record, record
from wizard.core.tomlfile import loads_toml

CredentialStyle = Literal["connection", "profile"]
RuleVocabulary = Literal["type", "check"]
# Points the knowledge base at another folder of TOML files (tests add a host this way; a team can
# extend the wizard the same way). Unset: the files packaged with the wizard.
KB_DIR_VARIABLE = "TRUTHOUND_READINESS_KB_DIR"


class KnowledgeDataError(ValueError):
    """The packaged (or overriding) knowledge data is malformed: a bug in the data, not input."""


def kb_bytes(name: str) -> bytes:
    """The raw bytes of one knowledge-base file, from the override folder when one is set."""
    folder = os.environ.get(KB_DIR_VARIABLE)
    if folder:
        return (Path(folder) / name).read_bytes()
    # Installed or checked out, the package is a folder: reading beside this module spares
    # every command importing ``importlib.resources`` (with ``tempfile``, ``shutil``, ``zipfile``,
    # ~10 ms). A zipped install has no such file and is read through the resources API.
    try:
        with open(os.path.join(os.path.dirname(__file__), name), "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        from importlib import resources

        return resources.files("wizard.core.kb").joinpath(name).read_bytes()


def _table(name: str) -> dict[str, Any]:
    return loads_toml(kb_bytes(name).decode("utf-8"))


def _check_keys(where: str, entry: dict[str, Any], required: set[str], optional: set[str]) -> None:
    missing = required - set(entry)
    unknown = set(entry) - required - optional
    if missing or unknown:
        raise KnowledgeDataError(
            f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}; see the file's header"
        )


@record(frozen=True, kw_only=False)
class HostChoice(Record):
    """An answer choice only one host offers, added to ``question``'s choices."""

    question: str
    value: str
    label: str
    reason: str
    outcome: str = "pass"


@record(frozen=True, kw_only=False)
class HostLayout(Record):
    """What a project folder of this host contains, for the scan and its explanations."""

    expected: str
    files: tuple[str, ...]
    folders: tuple[str, ...]
    imports: tuple[str, ...]


@record(frozen=True, kw_only=False)
class HostSmoke(Record):
    """How the host adapter creates and calls engines, which the engine smoke run copies."""

    create: dict[str, Any]
    stream: dict[str, Any]


@record(frozen=True, kw_only=False)
class HostLoader(Record):
    """The host's own loader for a project folder, run only on request (it runs project code)."""

    kind: str
    folder: str | None
    homes: tuple[str, ...]
    env: dict[str, str]


@record(frozen=True, kw_only=False)
class Host(Record):
    id: str
    label: str
    distributions: tuple[str, ...]
    credential: CredentialStyle
    secret_surface: str
    layout: HostLayout
    support: dict[str, Any]
    choices: tuple[HostChoice, ...] = ()
    compiled_sources_only: bool = False
    rule_vocabulary: RuleVocabulary = "type"
    default_connection: str | None = None
    smoke: HostSmoke = HostSmoke(create={}, stream={})
    loader: HostLoader | None = None

    @property
    def credential_keyword(self) -> str:
        """The ``run_preflight`` / runtime-context keyword that names the source's access."""
        return "profile_name" if self.credential == "profile" else "connection_id"

    @property
    def article_label(self) -> str:
        """``an Airflow`` / ``a dbt``: the label with its indefinite article."""
        article = "an" if self.label[:1].upper() in "AEIOU" else "a"
        return f"{article} {self.label}"


@record(frozen=True, kw_only=False)
class SmokeFix(Record):
    """Advice for a failing smoke call whose message contains ``match``."""

    match: str
    fix: str


@record(frozen=True, kw_only=False)
class Engine(Record):
    id: str
    label: str
    aliases: tuple[str, ...]
    distribution: str
    unsupported: tuple[str, ...]
    doc: str
    install: str
    tested_range: str | None = None
    ignores_rules: bool = False
    smoke_fixes: tuple[SmokeFix, ...] = ()


_HOST_KEYS = {"id", "label", "distributions", "credential", "secret_surface", "layout", "support"}
_HOST_OPTIONAL = {
    "choice",
    "compiled_sources_only",
    "rule_vocabulary",
    "default_connection",
    "smoke",
    "loader",
    "words",
}
_ENGINE_KEYS = {"label", "aliases", "distribution", "unsupported", "doc", "install"}
_ENGINE_OPTIONAL = {"tested_range", "ignores_rules", "smoke_fix"}


def _host_smoke(where: str, entry: dict[str, Any]) -> HostSmoke:
    _check_keys(f"{where}.smoke", entry, set(), {"create", "stream"})
    return HostSmoke(create=dict(entry.get("create", {})), stream=dict(entry.get("stream", {})))


def _host_loader(where: str, entry: dict[str, Any] | None) -> HostLoader | None:
    if entry is None:
        return None
    _check_keys(f"{where}.loader", entry, {"kind"}, {"folder", "homes", "env"})
    return HostLoader(
        kind=entry["kind"],
        folder=entry.get("folder"),
        homes=tuple(entry.get("homes", ())),
        env={str(key): str(value) for key, value in entry.get("env", {}).items()},
    )


def _host(entry: dict[str, Any]) -> Host:
    where = f"hosts.toml: host {entry.get('id', '?')!r}"
    _check_keys(where, entry, _HOST_KEYS, _HOST_OPTIONAL)
    layout = entry["layout"]
    _check_keys(f"{where}.layout", layout, {"expected", "files", "folders", "imports"}, set())
    choices = []
    for choice in entry.get("choice", []):
        _check_keys(
            f"{where}.choice", choice, {"question", "value", "label", "reason"}, {"outcome"}
        )
        choices.append(HostChoice(**choice))
    if entry["credential"] not in ("connection", "profile"):
        raise KnowledgeDataError(f"{where}.credential: use 'connection' or 'profile'")
    if entry.get("rule_vocabulary", "type") not in ("type", "check"):
        raise KnowledgeDataError(f"{where}.rule_vocabulary: use 'type' or 'check'")
    return Host(
        id=entry["id"],
        label=entry["label"],
        distributions=tuple(entry["distributions"]),
        credential=entry["credential"],
        secret_surface=entry["secret_surface"],
        layout=HostLayout(
            expected=layout["expected"],
            files=tuple(layout["files"]),
            folders=tuple(layout["folders"]),
            imports=tuple(layout["imports"]),
        ),
        support=dict(entry["support"]),
        choices=tuple(choices),
        compiled_sources_only=bool(entry.get("compiled_sources_only", False)),
        rule_vocabulary=entry.get("rule_vocabulary", "type"),
        default_connection=entry.get("default_connection"),
        smoke=_host_smoke(where, entry.get("smoke", {})),
        loader=_host_loader(where, entry.get("loader")),
    )


@cache
def hosts_file() -> dict[str, Any]:
    """``hosts.toml`` as parsed, once: the hosts here, their words in ``wording``."""
    return _table("hosts.toml")


@cache
def hosts() -> tuple[Host, ...]:
    """Every host, in the order the data lists them (which is the order menus show)."""
    entries = tuple(_host(entry) for entry in hosts_file()["host"])
    ids = [entry.id for entry in entries]
    if len(ids) != len(set(ids)):
        raise KnowledgeDataError("hosts.toml: host ids must be unique")
    return entries


@cache
def engines() -> tuple[Engine, ...]:
    """Every built-in engine, the default (Truthound) first."""
    found = []
    for engine_id, entry in _table("engines.toml")["engines"].items():
        where = f"engines.toml: {engine_id}"
        _check_keys(where, entry, _ENGINE_KEYS, _ENGINE_OPTIONAL)
        fixes = []
        for fix in entry.get("smoke_fix", []):
            _check_keys(f"{where}.smoke_fix", fix, {"match", "fix"}, set())
            fixes.append(SmokeFix(match=fix["match"], fix=fix["fix"]))
        found.append(
            Engine(
                id=engine_id,
                label=entry["label"],
                aliases=tuple(entry["aliases"]),
                distribution=entry["distribution"],
                unsupported=tuple(entry["unsupported"]),
                doc=entry["doc"],
                install=entry["install"],
                tested_range=entry.get("tested_range"),
                ignores_rules=bool(entry.get("ignores_rules", False)),
                smoke_fixes=tuple(fixes),
            )
        )
    return tuple(found)


def host_ids() -> tuple[str, ...]:
    return tuple(entry.id for entry in hosts())


def engine_ids() -> tuple[str, ...]:
    return tuple(entry.id for entry in engines())


def host(host_id: str) -> Host:
    """The registry entry of ``host_id``; KeyError for a host the registry does not know."""
    for entry in hosts():
        if entry.id == host_id:
            return entry
    raise KeyError(host_id)


def engine(engine_id: str) -> Engine:
    for entry in engines():
        if entry.id == engine_id:
            return entry
    raise KeyError(engine_id)


def host_label(host_id: str) -> str:
    """How a host is written in text; an unknown id is shown as it is."""
    try:
        return host(host_id).label
    except KeyError:
        return host_id


def engine_label(engine_id: str) -> str:
    try:
        return engine(engine_id).label
    except KeyError:
        return engine_id

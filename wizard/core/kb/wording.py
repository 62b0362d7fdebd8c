"""Texts of the knowledge base written for one host and engine, and guide paths as links.

Question, item, step and failure-mode texts may name placeholders (``{host}``, ``{unit}``,
``{doc_secrets}``...). Each host fills them from its ``[host.words]`` table in ``hosts.toml``,
so a Prefect review reads "flow code" where an Airflow review reads "DAG files", and a guide
reference points at the host's own page. With no host (``questions`` without ``--host``) neutral
words are used. Every front end and export calls ``fill``; none formats a text itself.
"""

from __future__ import annotations

import string
from functools import cache, lru_cache

from wizard.core.kb.registry import (
    KnowledgeDataError,
    engine_label,
    host_label,
    hosts_file,
    kb_bytes,
)
from wizard.core.tomlfile import loads_toml


@cache
def neutral_words() -> dict[str, str]:
    """What each placeholder reads with no host; its names are the ones every host defines."""
    return {key: str(value) for key, value in hosts_file()["neutral_words"].items()}


@cache
def host_words(host_id: str | None) -> dict[str, str]:
    """The placeholder values of one host (neutral words for no host or an unknown one)."""
    neutral = neutral_words()
    if host_id is None:
        return dict(neutral)
    for entry in hosts_file()["host"]:
        if entry["id"] != host_id:
            continue
        words = entry.get("words")
        if words is None:
            return dict(neutral)  # a host without its own words reads the neutral ones
        if not isinstance(words, dict) or set(words) != set(neutral):
            raise KnowledgeDataError(
                f"hosts.toml: host {host_id}: [host.words] needs exactly "
                f"{', '.join(sorted(neutral))}"
            )
        return {key: str(value) for key, value in words.items()}
    return dict(neutral)


def placeholders_in(text: str) -> set[str]:
    """The placeholder names a text uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_wording(text: str, where: str) -> None:
    """Refuse a text that names a placeholder no host can fill."""
    known = {*neutral_words(), "host", "engine"}
    unknown = placeholders_in(text) - known
    if unknown:
        raise KnowledgeDataError(
            f"{where}: unknown placeholder(s) {', '.join('{' + n + '}' for n in sorted(unknown))}; "
            f"use {', '.join(sorted(known))}"
        )


@lru_cache(maxsize=4096)
def fill(text: str, host: str | None, engine: str | None = None) -> str:
    """``text`` with its placeholders filled for ``host`` and ``engine``."""
    if "{" not in text:
        return text
    values = dict(host_words(host))
    values["host"] = host_label(host) if host else "the host"
    values["engine"] = engine_label(engine) if engine else "the engine"
    return text.format_map(values)


@cache
def _docs_base() -> str:
    # Read without the pydantic model of reporting.toml: `questions` and the TUI's first frames
    # must not pay for pydantic just to build a link.
    base = str(loads_toml(kb_bytes("reporting.toml").decode("utf-8"))["guides"]["base_url"])
    return base if base.endswith("/") else base + "/"


def doc_url(doc: str) -> str:
    """The upstream page of a guide path such as ``docs/common/metrics.md``."""
    if doc.startswith(("https://", "http://")):
        return doc
    return _docs_base() + doc.lstrip("/")

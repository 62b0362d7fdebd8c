"""The production inputs a preflight must be run with, gathered from the review's answers.

The point of the preflight gate is "same inputs as production", so this type carries exactly what
production hands ``run_preflight``: platform, engine, the source *as an argument*, the connection
or profile, the operations and the observability config. It is plain data that can be built from
answers, from command-line flags or directly in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wizard.core.errors import BadInputError
from wizard.core.kb import ids
from wizard.core.kb.registry import host
from wizard.core.safety.credentials import quoted

if TYPE_CHECKING:
    from wizard.core.review.model import Review

SOURCE_KINDS = ("local_path", "sql", "remote_uri", "dataframe", "stream", "warehouse_relation")
# Kinds that exist only in memory: there is no string to hand a probe in another interpreter.
IN_MEMORY_KINDS = frozenset({"dataframe", "stream"})
# The answer says it is SQL or a relation, so it goes in as `sql=` even when the resolver's own
# sniffing (keyword + space) would miss it, e.g. multi-line SQL or `analytics.users`.
SQL_KINDS = frozenset({"sql", "warehouse_relation"})


def _text(value: Any, answer_id: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInputError(
            f"answer {answer_id} should be text but is {type(value).__name__} ({quoted(value)}); "
            "answer it again with plain text."
        )
    return value.strip() or None


def _names(value: Any, answer_id: str) -> tuple[str, ...]:
    """A list answer; a comma- or space-separated string is accepted as the same thing."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part for part in value.replace(",", " ").split() if part)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value if item.strip())
    raise BadInputError(
        f"answer {answer_id} should be a list of names but is {quoted(value)}; answer it again "
        "with names such as check, drift."
    )


@dataclass(frozen=True)
class PreflightInputs:
    host: str | None
    engine: str = "truthound"
    source_kind: str | None = None
    source_reference: str | None = None
    connection: str | None = None
    operations: tuple[str, ...] = ()
    fallback_engines: tuple[str, ...] = ()
    openlineage_endpoint: str | None = None
    # The answered observability backend and auto-config policy, passed on as written: an
    # unknown name must reach the library, whose own exception then becomes a failed check.
    observability_backend: str | None = None
    policy: str | None = None

    def __post_init__(self) -> None:
        if self.source_kind is not None and self.source_kind not in SOURCE_KINDS:
            raise BadInputError(
                f"source kind {quoted(self.source_kind)} is not one of {', '.join(SOURCE_KINDS)}; "
                f"answer {ids.SOURCE_KIND} again."
            )

    @classmethod
    def from_answers(
        cls, host: str | None, engine: str | None, answer_value: Callable[[str], Any]
    ) -> PreflightInputs:
        """Build the inputs from the review's current answers (``None`` for unanswered ids)."""
        fallback = _text(answer_value(ids.ENGINE_FALLBACK), ids.ENGINE_FALLBACK)
        fallback_engines = (
            _names(answer_value(ids.ENGINE_FALLBACK_ENGINES), ids.ENGINE_FALLBACK_ENGINES)
            if fallback == "chain"
            else ()
        )
        return cls(
            host=host,
            engine=(engine or "truthound").strip() or "truthound",
            source_kind=_text(answer_value(ids.SOURCE_KIND), ids.SOURCE_KIND),
            source_reference=_text(answer_value(ids.SOURCE_REFERENCE), ids.SOURCE_REFERENCE),
            connection=_text(answer_value(ids.SOURCE_CONNECTION), ids.SOURCE_CONNECTION),
            operations=_names(answer_value(ids.ENGINE_OPERATIONS), ids.ENGINE_OPERATIONS),
            fallback_engines=fallback_engines,
            openlineage_endpoint=_text(
                answer_value(ids.OBS_OPENLINEAGE_ENDPOINT), ids.OBS_OPENLINEAGE_ENDPOINT
            ),
            observability_backend=_text(answer_value(ids.OBS_BACKEND), ids.OBS_BACKEND),
            policy=_text(answer_value(ids.PREFLIGHT_POLICY), ids.PREFLIGHT_POLICY),
        )

    @classmethod
    def of_review(cls, review: Review) -> PreflightInputs:
        """The inputs of a review, hand-edited values no choice allows included (see
        ``conditions.value_for_probe``): the library judges those, it does not drop them."""
        from wizard.core.review.conditions import value_for_probe

        return cls.from_answers(
            review.host, review.engine, lambda question_id: value_for_probe(review, question_id)
        )

    @property
    def connection_keyword(self) -> str:
        """How this host names the source's access: profile_name (dbt, Mage) or connection_id."""
        if self.host is None:
            return "connection_id"
        try:
            return host(self.host).credential_keyword
        except KeyError:
            return "connection_id"

    def source_argument(self) -> tuple[str, str] | None:
        """The run_preflight keyword that carries the source, and its value (never with_source)."""
        if self.source_reference is None or self.source_kind in IN_MEMORY_KINDS:
            return None
        if self.source_kind in SQL_KINDS:
            return "sql", self.source_reference
        if self.source_kind == "local_path":
            return "data_path", self.source_reference
        return "data", self.source_reference

    def observability(self) -> dict[str, str] | None:
        """The observability config production passes; an endpoint alone means OpenLineage
        (what reviews answered before the backend was a question)."""
        backend = self.observability_backend
        if backend is None:
            backend = None if self.openlineage_endpoint is None else "openlineage"
        if backend is None:
            return None
        config = {"backend": backend}
        if self.openlineage_endpoint is not None and backend.strip().lower() == "openlineage":
            config["endpoint"] = self.openlineage_endpoint
        return config

    def to_request(self) -> dict[str, Any]:
        """The preflight part of the probe script's JSON request."""
        source = self.source_argument()
        request: dict[str, Any] = {
            "platform": self.host or "common",
            "engine": self.engine,
            "source": None if source is None else {"argument": source[0], "value": source[1]},
            "required_operations": list(self.operations),
            "observability": self.observability(),
            "policy": self.policy,
            "connection_id": None,
            "profile_name": None,
        }
        request[self.connection_keyword] = self.connection
        return request

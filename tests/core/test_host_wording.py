"""Every text the operator reads is written for the review's host: no other host's name, no other
host's guide, no placeholder left unfilled, and guide references become upstream links."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from wizard.core.kb.knowledge import Question, load_knowledge
from wizard.core.kb.registry import engine_ids, host_ids
from wizard.core.kb.wording import check_wording, doc_url, fill
from wizard.core.review.store import new_review

# Words that only one host's operators use; a shared word such as "flow" (Prefect and Kestra)
# or "profiles" (any credential file) is not a marker.
HOST_MARKERS = {
    "airflow": [r"\bAirflow\b", r"\bDAGs?\b", r"\bXCom\b", r"docs/airflow/"],
    "dagster": [r"\bDagster\b", r"docs/dagster/"],
    "prefect": [r"\bPrefect\b", r"docs/prefect/"],
    "dbt": [r"\bdbt\b", r"docs/dbt/"],
    "mage": [r"\bMage\b", r"\bio_config\b", r"docs/mage/"],
    "kestra": [r"\bKestra\b", r"docs/kestra/"],
}
UPSTREAM = "https://github.com/seadonggyun4/truthound-orchestration/blob/main/docs/"


def _host_offers(question: Question, host: str) -> bool:
    """False when the question's conditions name hosts and ``host`` is not among them."""
    if not question.when:
        return True
    return not all("host" in table and host not in table["host"] for table in question.when)


def _question_texts(question: Question, host: str, engine: str) -> Iterator[tuple[str, str]]:
    yield "prompt", question.render_prompt(host, engine)
    yield "help", question.render_help(host, engine)
    yield "doc", question.render_doc(host, engine)
    for choice in question.choices_for(host):
        yield f"choice {choice.value}", choice.label
        yield f"choice {choice.value} reason", choice.reason
    for name in ("yes", "no"):
        consequence = getattr(question, name)
        if consequence is not None:
            yield f"{name} reason", consequence.reason


def _all_texts(host: str, engine: str) -> Iterator[tuple[str, str]]:
    kb = load_knowledge()
    for question in kb.questions:
        if _host_offers(question, host):
            for field, text in _question_texts(question, host, engine):
                yield f"question {question.id} {field}", text
    for step in kb.steps:
        for field in ("title", "summary", "doc"):
            yield f"step {step.id} {field}", fill(getattr(step, field), host, engine)
    for item in kb.items:
        for field in ("title", "claim", "doc"):
            yield f"item {item.id} {field}", fill(getattr(item, field), host, engine)
    for mode in kb.failure_modes:
        for field in ("symptom", "cause", "read_first"):
            yield f"failure mode {mode.id} {field}", fill(getattr(mode, field), host, engine)
    for layer in kb.layers:
        for field in ("title", "doc"):
            yield f"layer {layer.id} {field}", fill(getattr(layer, field), host, engine)


@pytest.mark.parametrize("engine", engine_ids())
@pytest.mark.parametrize("host", host_ids())
def test_every_text_is_written_for_the_reviews_host(host: str, engine: str) -> None:
    others = [
        pattern for other, patterns in HOST_MARKERS.items() if other != host for pattern in patterns
    ]
    wrong = []
    for where, text in _all_texts(host, engine):
        if re.search(r"\{[a-z_]+\}", text):
            wrong.append(f"{where}: unfilled placeholder in {text!r}")
        for pattern in others:
            if re.search(pattern, text):
                wrong.append(f"{where}: {pattern} in {text!r}")
    assert not wrong, "\n".join(wrong)


def test_each_host_reads_its_own_guides_where_the_topic_is_host_specific() -> None:
    secrets = load_knowledge().question("secrets.none_committed")
    assert secrets is not None
    docs = {host: secrets.render_doc(host) for host in host_ids()}
    assert docs["airflow"] == "docs/airflow/connections-secrets.md"
    assert docs["kestra"] == "docs/kestra/namespace-secrets.md"
    assert len(set(docs.values())) == len(docs), docs
    assert "DAG files" in secrets.render_prompt("airflow", "truthound")
    assert "flow code" in secrets.render_prompt("prefect", "truthound")


def test_guide_paths_become_upstream_links() -> None:
    assert doc_url("docs/common/metrics.md") == UPSTREAM + "common/metrics.md"
    assert doc_url(UPSTREAM + "x.md") == UPSTREAM + "x.md"


def test_an_unknown_placeholder_is_refused_with_where_it_is() -> None:
    with pytest.raises(
        ValueError, match=r"questions.toml row 3: unknown placeholder\(s\) \{hots\}"
    ):
        check_wording("Which {hots} version?", "questions.toml row 3")


def test_questions_for_prefect_through_the_real_cli_name_no_other_host() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "questions", "--host", "prefect", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    questions = json.loads(result.stdout)["questions"]
    shown = [q[key] for q in questions for key in ("prompt", "help", "doc", "doc_url")]
    shown += [c["label"] for q in questions for c in q["choices"]]
    others = [p for host, patterns in HOST_MARKERS.items() if host != "prefect" for p in patterns]
    assert all(url.startswith(UPSTREAM) for url in (q["doc_url"] for q in questions))
    leaks = [text for text in shown for pattern in others if re.search(pattern, text)]
    assert not leaks
    assert not [text for text in shown if re.search(r"\{[a-z_]+\}", text)]
    text = subprocess.run(
        [sys.executable, "-m", "wizard", "questions", "--host", "prefect"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"read: {UPSTREAM}prefect/blocks.md" in text


def test_the_tui_question_state_carries_the_hosts_words() -> None:
    from wizard.tui.view_state import question_state

    review = new_review("words", "mage", "truthound")
    state = question_state(review, "obs.sla")
    assert "Airflow" not in state.help
    assert state.doc == "docs/common/observability-resilience.md"
    state = question_state(review, "rules.owned")
    assert "pipelines" in state.help

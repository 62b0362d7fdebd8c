"""``questions``: list every question the wizard asks, from the knowledge base."""

from __future__ import annotations

import argparse
from typing import Any

from wizard.cli.common import print_json
from wizard.core.kb.knowledge import Question, load_knowledge
from wizard.core.kb.registry import engine_ids, host_ids
from wizard.core.kb.wording import doc_url

NAME = "questions"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", choices=host_ids(), default=None, help="only what applies to HOST"
    )
    parser.add_argument(
        "--engine", choices=engine_ids(), default="truthound", help="the engine words are for"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _when_text(question: Question) -> str:
    if not question.when:
        return "always"
    alternatives = []
    for table in question.when:
        terms = [f"{key} in [{', '.join(str(v) for v in values)}]" for key, values in table.items()]
        alternatives.append(" and ".join(terms))
    return " or ".join(alternatives)


def _host_excludes(question: Question, host: str | None) -> bool:
    if host is None or not question.when:
        return False
    return all("host" in table and host not in table["host"] for table in question.when)


def question_to_dict(
    question: Question, host: str | None, engine: str = "truthound"
) -> dict[str, Any]:
    choices = question.choices_for(host) if host else question.choices
    doc = question.render_doc(host, engine)
    return {
        "id": question.id,
        "step": question.step,
        "type": question.type,
        # With a host the words are that host's; without one the template shows where it goes.
        "prompt": question.render_prompt(host, engine) if host else question.prompt,
        "help": question.render_help(host, engine) if host else question.help,
        "doc": doc if host else question.doc,
        "doc_url": doc_url(doc),
        "required": question.required,
        "items": list(question.items),
        "layers": list(question.layers),
        "choices": [{"value": c.value, "label": c.label} for c in choices],
        "when": [dict(table) for table in question.when],
        "when_text": _when_text(question),
    }


def run(args: argparse.Namespace) -> int:
    kb = load_knowledge()
    selected = [q for q in kb.questions if not _host_excludes(q, args.host)]
    if args.format == "json":
        print_json(
            {
                "knowledge_base": kb.version,
                "questions": [question_to_dict(q, args.host, args.engine) for q in selected],
            }
        )
        return 0
    for step in kb.steps:
        print(f"== {step.id}: {step.title}")
        for question in (q for q in selected if q.step == step.id):
            data = question_to_dict(question, args.host, args.engine)
            print(f"  {question.id} [{question.type}{'' if question.required else ', optional'}]")
            print(f"    {data['prompt']}")
            print(f"    {data['help']}")
            print(f"    read: {data['doc_url']}")
            if data["choices"]:
                print(f"    choices: {', '.join(c['value'] for c in data['choices'])}")
            feeds = [*question.items, *(f"layer:{layer}" for layer in question.layers)]
            print(f"    feeds: {', '.join(feeds) or '-'}; applies: {data['when_text']}")
    return 0

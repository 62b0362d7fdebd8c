"""The YAML pair and scalar walks, done once per document and cached, list what the plain
recursive walks list, in the same order, on every YAML document of the corpus."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from tests.scan.corpus_build import CORPUS
from wizard.core.evidence.scan.parsing import KeyPath, walk_pairs, walk_scalars

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _reference(
    node: yaml.Node, path: KeyPath = ()
) -> Iterator[tuple[KeyPath, yaml.Node, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            key_text = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
            yield (*path, key_text), key, value
            yield from _reference(value, (*path, key_text))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _reference(item, (*path, f"[{index}]"))


def _reference_scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _reference_scalars(key)
            yield from _reference_scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _reference_scalars(item)


def test_walk_pairs_matches_the_recursive_walk_on_the_corpus() -> None:
    compared = 0
    for path in sorted([*CORPUS.rglob("*.yml"), *CORPUS.rglob("*.yaml")]):
        try:
            docs = list(yaml.compose_all(path.read_text(encoding="utf-8"), Loader=_Loader))
        except yaml.YAMLError:
            continue
        for doc in docs:
            if doc is None:
                continue
            expected = list(_reference(doc))
            assert list(walk_pairs(doc)) == expected, path
            assert list(walk_pairs(doc)) == expected, path  # again, from the cache
            scalars = list(_reference_scalars(doc))
            assert list(walk_scalars(doc)) == scalars == list(walk_scalars(doc)), path
            compared += len(expected)
    assert compared > 200


def test_walk_pairs_below_a_key_path_starts_from_that_path() -> None:
    doc = yaml.compose("a:\n  - b: 1\n    c: [2, {d: 3}]\n", Loader=_Loader)
    inner = doc.value[0][1]
    assert [keys for keys, _, _ in walk_pairs(inner, ("a",))] == [
        keys for keys, _, _ in _reference(inner, ("a",))
    ]

"""Rewrite 3.12 / 3.13 syntax into code the wizard's own ``ast`` parses, lines kept in place.

Imported only when ``ast`` refused a file (see ``python_grammar.py``): libcst costs a scan
process about 20 MiB and most projects never need it.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst


def lowered_versions(text: str) -> Iterator[str]:
    """Ever more lowered forms of ``text``; raises ``libcst.ParserSyntaxError`` if even the
    newest grammar refuses it."""
    module = cst.parse_module(text)
    lowered = module.visit(_TypeParameters())
    yield lowered.code
    # PEP 701 f-strings (same quotes nested, backslashes, comments inside): their parts become
    # an empty string spanning the same lines. URIs inside f-strings are computed text anyway.
    yield lowered.visit(_FormattedStrings(lowered)).code


class _TypeParameters(cst.CSTTransformer):
    """Drop PEP 695 / 696 type parameters; ``type X = v`` becomes ``X = v``."""

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        return updated_node.with_changes(type_parameters=None)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        return updated_node.with_changes(type_parameters=None)

    def leave_TypeAlias(
        self, original_node: cst.TypeAlias, updated_node: cst.TypeAlias
    ) -> cst.Assign:
        return cst.Assign(targets=[cst.AssignTarget(updated_node.name)], value=updated_node.value)


class _FormattedStrings(cst.CSTTransformer):
    def __init__(self, module: cst.Module) -> None:
        super().__init__()
        self._module = module

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.SimpleString:
        newlines = self._module.code_for_node(original_node).count("\n")
        return cst.SimpleString('"""' + "\n" * newlines + '"""' if newlines else '""')

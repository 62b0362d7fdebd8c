"""Parse project Python of any supported target (3.11 to 3.13 syntax) into this interpreter's ast.

The wizard may run on 3.11 while the pipeline targets 3.12 or 3.13: ``type X = ...``, generic
``def f[T]``, ``class C[T = int]`` and PEP 701 f-strings are syntax errors to the wizard's own
``ast``. A file ``ast`` refuses is parsed with libcst's grammar, which accepts them; the new
constructs are rewritten to equivalents this ``ast`` knows, keeping every line where it was (the
rules report lines), and the result is parsed again. Code neither grammar accepts stays a syntax
error for the caller to note.
"""

from __future__ import annotations

import ast

import libcst as cst


def parse_python(text: str, filename: str) -> ast.Module:
    try:
        return ast.parse(text, filename=filename)
    except SyntaxError as error:
        original = error
    try:
        module = cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError):
        raise original from None
    lowered = module.visit(_TypeParameters())
    try:
        return ast.parse(lowered.code, filename=filename)
    except SyntaxError:
        pass
    # PEP 701 f-strings (same quotes nested, backslashes, comments inside): their parts become
    # an empty string spanning the same lines. URIs inside f-strings are computed text anyway.
    flattened = lowered.visit(_FormattedStrings(lowered))
    try:
        return ast.parse(flattened.code, filename=filename)
    except SyntaxError:
        raise original from None


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

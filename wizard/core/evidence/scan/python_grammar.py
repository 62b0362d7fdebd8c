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


def parse_python(text: str, filename: str) -> ast.Module:
    try:
        return ast.parse(text, filename=filename)
    except SyntaxError as error:
        original = error
    from libcst import ParserSyntaxError

    from wizard.core.evidence.scan.python_lowering import lowered_versions

    try:
        for code in lowered_versions(text):
            try:
                return ast.parse(code, filename=filename)
            except SyntaxError:
                continue
    except (ParserSyntaxError, RecursionError):
        pass
    raise original from None

"""Entry point: parse the command line and dispatch to one command module.

Each command lives in its own module under ``wizard.cli.commands`` and exposes ``NAME``,
``HELP``, ``configure(parser)`` and ``run(args) -> int``. Front ends (TUI, prompts) are
imported only when their command runs, so ``check`` in CI never pays for Textual.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from wizard import __version__
from wizard.core.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, ReadinessError

COMMAND_MODULES: tuple[str, ...] = (
    "wizard.cli.commands.new",
    "wizard.cli.commands.questions",
    "wizard.cli.commands.answer",
    "wizard.cli.commands.check",
    "wizard.cli.commands.probe",
    "wizard.cli.commands.tui",
    "wizard.cli.commands.scan",
    "wizard.cli.commands.signoff",
    "wizard.cli.commands.waive",
    "wizard.cli.commands.export",
    "wizard.cli.commands.verify",
    "wizard.cli.commands.diff",
    "wizard.cli.commands.status",
    "wizard.cli.commands.prompt",
    "wizard.cli.commands.hook",
)

DEFAULT_COMMAND = "tui"
TOP_LEVEL_OPTIONS = frozenset({"-h", "--help", "--version"})


def unknown_command(word: str, names: set[str]) -> str | None:
    """Why ``word`` is neither a command nor a review file, or None when it may be a file.

    A typo such as ``chek`` must not quietly open (and create) a review called ``chek``; a word
    that names an existing path, ends in ``.toml`` or has a folder in it is taken as the file.
    """
    if word.endswith(".toml") or "/" in word or os.sep in word or Path(word).exists():
        return None
    close = difflib.get_close_matches(word, sorted(names), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"the commands are {', '.join(sorted(names))}."
    return (
        f"error: unknown command '{word}'; {hint} To open a review file of that name, give "
        f"it with its .toml suffix (truthound-readiness {word}.toml)."
    )


def _load_commands(only: str | None = None) -> dict[str, ModuleType]:
    """Every command module, or just ``only`` (a module is named after its command)."""
    commands: dict[str, ModuleType] = {}
    for dotted in COMMAND_MODULES:
        if only is not None and dotted.rpartition(".")[2] != only:
            continue
        module = importlib.import_module(dotted)
        commands[module.NAME] = module
    return commands


def build_parser(commands: dict[str, ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="truthound-readiness",
        description=(
            "Decide, with evidence, whether a Truthound data-quality integration is ready for "
            "production. Run without a command to open the guided review on "
            "./readiness-review.toml."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in commands.items():
        command_parser = sub.add_parser(
            name, help=module.HELP, description=getattr(module, "DESCRIPTION", module.HELP)
        )
        module.configure(command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    names = {dotted.rpartition(".")[2] for dotted in COMMAND_MODULES}
    # A bare FILE (or nothing, or only the review's options) opens the guided review.
    first = args_list[0] if args_list else None
    if first is not None and first not in names and not first.startswith("-"):
        unknown = unknown_command(first, names)
        if unknown is not None:
            print(unknown, file=sys.stderr)
            return EXIT_BAD_INPUT
    if DEFAULT_COMMAND in names and (
        first is None or (first not in names and first not in TOP_LEVEL_OPTIONS)
    ):
        args_list = [DEFAULT_COMMAND, *args_list]
    # Only the chosen command's module is imported: the others import much of the core, and
    # the TUI's first frame must not wait for that. Top-level --help still lists them all.
    chosen = args_list[0] if args_list and args_list[0] in names else None
    commands = _load_commands(chosen)
    parser = build_parser(commands)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(commands[args.command].run(args))
    except ReadinessError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not the command's failure.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted: every answer given so far is saved.", file=sys.stderr)
        return EXIT_INTERRUPTED

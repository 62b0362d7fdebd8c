"""Entry point: parse the command line and dispatch to one command module.

Each command lives in its own module under ``wizard.cli.commands`` and exposes ``NAME``,
``configure(parser)`` and ``run(args) -> int``; its one-line help is in ``COMMANDS``. Front ends are
imported only when their command runs, so ``check`` in CI never pays for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Collection, Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from wizard import __version__
from wizard.core.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, ReadinessError
from wizard.core.safety.credentials import redact
from wizard.core.safety.terminal import screened_output

# The static command table: each command's name and one-line help live here, so `--help` and
# `--version` list every command without importing any command module (each imports much of the
# core). Each module under ``wizard.cli.commands`` is named after its command.
COMMANDS: dict[str, str] = {
    "new": "create a review file for one host and engine",
    "questions": "list the questions, their steps, types, choices and the items they feed",
    "answer": "record answers: one (QUESTION VALUE), many (--set id=value ...), or a file (--from)",
    "check": (
        "evaluate a review: exit 0 when ready (and signed if required), 1 when not, 2 on bad input"
    ),
    "probe": "probe the target Python: versions against the support matrix and the real preflight",
    "tui": "open the guided review in the terminal (the default command)",
    "scan": (
        "scan the pipeline project for hosts, credentials and resilience settings; exit 1 on an "
        "open credential"
    ),
    "signoff": (
        "sign off a review (approve or reject), bound to its content hash; --key signs with SSH"
    ),
    "waive": (
        "waive an item until a date (--reason, --expires), or approve a waiver (--approve ITEM)"
    ),
    "export": (
        "export a review (md, html, json, junit) carrying its content hash; --sign-key signs it"
    ),
    "verify": "check every sign-off's content hash and SSH signature, or a (signed) export's bytes",
    "diff": "compare two versions of a review: answers, item statuses, probe, waivers, sign-offs",
    "status": "summarise every review file under PATHS: ready, failing items, sign-off, waivers",
    "prompt": "walk the review one question at a time, without a full-screen terminal",
    "hook": "pre-commit checks: 'hook scan FILE...' (credentials), 'hook check FILE...' (reviews)",
}
COMMAND_MODULES: tuple[str, ...] = tuple(f"wizard.cli.commands.{name}" for name in COMMANDS)

DEFAULT_COMMAND = "tui"
# Full-screen front ends write their own escape sequences; what they show of user and probe
# text is made inert where they render it. Every other command's output is screened whole.
INTERACTIVE_COMMANDS = frozenset({"tui", "prompt"})
DEBUG_ENV = "TRUTHOUND_READINESS_DEBUG"
TOP_LEVEL_OPTIONS = frozenset({"-h", "--help", "--version"})


def unknown_command(word: str, names: set[str]) -> str | None:
    """Why ``word`` is neither a command nor a review file, or None when it may be a file.

    A typo such as ``chek`` must not quietly open (and create) a review called ``chek``; a word
    that names an existing path, ends in ``.toml`` or has a folder in it is taken as the file.
    """
    if word.endswith(".toml") or "/" in word or os.sep in word or Path(word).exists():
        return None
    import difflib  # only for a mistyped command: every other run skips its import

    close = difflib.get_close_matches(word, sorted(names), n=1)
    listed = ", ".join(sorted(names))
    hint = f"did you mean '{close[0]}'?" if close else f"the commands are {listed}."
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


class _Parser(argparse.ArgumentParser):
    """argparse quotes a refused value in its message; that value is screened in full first."""

    def error(self, message: str) -> NoReturn:
        super().error(redact(message))


def build_parser(commands: dict[str, ModuleType]) -> argparse.ArgumentParser:
    """Every command from the table, or only those in ``commands`` with their own arguments."""
    parser = _Parser(
        prog="truthound-readiness",
        description=(
            "Decide, with evidence, whether a Truthound data-quality integration is ready for "
            "production. Run without a command to open the guided review on "
            "./readiness-review.toml."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        module = commands.get(name)
        if commands and module is None:
            # A command was chosen: the others' parsers would only be built to go unused
            # (argparse builds each with its formatter and translations, ~1 ms apiece). The
            # usage line names COMMAND, not the list, so every message reads the same.
            continue
        command_parser = sub.add_parser(
            name, help=help_text, description=getattr(module, "DESCRIPTION", help_text)
        )
        if module is not None:
            module.configure(command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    names = set(COMMANDS)
    # A bare FILE (or nothing, or only the review's options) opens the guided review.
    first = args_list[0] if args_list else None
    if first is not None and first not in names and not first.startswith("-"):
        unknown = unknown_command(first, names)
        if unknown is not None:
            with screened_output():  # the unknown word is repeated: it could be anything typed
                print(unknown, file=sys.stderr)
            return EXIT_BAD_INPUT
    if DEFAULT_COMMAND in names and (
        first is None or (first not in names and first not in TOP_LEVEL_OPTIONS)
    ):
        args_list = [DEFAULT_COMMAND, *args_list]
    if args_list and args_list[0] in INTERACTIVE_COMMANDS:
        return _main(args_list, names)
    # Everything written, argparse's own errors included, has secrets masked and control
    # characters shown as escapes: a refused value or a hand-edited title cannot leak or forge.
    with screened_output():
        return _main(args_list, names)


def _main(args_list: list[str], names: Collection[str]) -> int:
    # Only the chosen command's module is imported: the others import much of the core, and
    # the TUI's first frame must not wait for that. Top-level --help and --version import none.
    chosen = args_list[0] if args_list and args_list[0] in names else None
    commands = _load_commands(chosen) if chosen is not None else {}
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
    except OSError as error:
        # A read or write the command did not word itself (a full disk, a vanished folder).
        print(f"error: {describe_os_error(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:
        print(
            "error: the input is nested too deeply to read; simplify it (no file the wizard "
            "reads needs more than a few levels).",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        print(
            f"internal error in `{args.command}` ({type(error).__name__}). This is a bug "
            f"in truthound-readiness; please report it with the command line (set {DEBUG_ENV}=1 "
            "to see the traceback).",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


def describe_os_error(error: OSError) -> str:
    where = error.filename or "a file"
    fixes = {
        FileNotFoundError: "check that the path and its folder exist",
        PermissionError: "check the owner and mode of the file and its folder",
        IsADirectoryError: "a folder sits where a file was expected; give a file name",
        NotADirectoryError: "part of the path is a file, not a folder; check the path",
    }
    fix = next((text for kind, text in fixes.items() if isinstance(error, kind)), None)
    return f"{where}: {error.strerror or error}; {fix or 'check the path and the disk'}."

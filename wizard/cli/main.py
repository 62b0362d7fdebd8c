"""Entry point: parse the command line and dispatch to one command module.

Each command lives in its own module under ``wizard.cli.commands`` and exposes ``NAME``,
``HELP``, ``configure(parser)`` and ``run(args) -> int``. Front ends (TUI, prompts) are
imported only when their command runs, so ``check`` in CI never pays for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from wizard import __version__
from wizard.core.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, ReadinessError
from wizard.core.safety.credentials import redact
from wizard.core.safety.terminal import screened_output

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
# Full-screen front ends write their own escape sequences; what they show of user and probe
# text is made inert where they render it. Every other command's output is screened whole.
INTERACTIVE_COMMANDS = frozenset({"tui", "prompt"})


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
    for name, module in commands.items():
        command_parser = sub.add_parser(
            name, help=module.HELP, description=getattr(module, "DESCRIPTION", module.HELP)
        )
        module.configure(command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    names = {dotted.rpartition(".")[2] for dotted in COMMAND_MODULES}
    # A bare FILE (or nothing) opens the guided review, the way `git` opens no pager for a path.
    if DEFAULT_COMMAND in names and (
        not args_list or (not args_list[0].startswith("-") and args_list[0] not in names)
    ):
        args_list = [DEFAULT_COMMAND, *args_list]
    if args_list and args_list[0] in INTERACTIVE_COMMANDS:
        return _main(args_list, names)
    # Everything written, argparse's own errors included, has secrets masked and control
    # characters shown as escapes: a refused value or a hand-edited title cannot leak or forge.
    with screened_output():
        return _main(args_list, names)


def _main(args_list: list[str], names: set[str]) -> int:
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

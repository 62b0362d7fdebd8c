"""``export``: write a review as Markdown, HTML, JSON or JUnit XML, optionally SSH-signed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.app.exporting import export_document
from wizard.app.inputs import parse_today
from wizard.cli.common import add_policy_argument, add_review_argument
from wizard.core.errors import BadInputError
from wizard.core.exports import FORMATS, render
from wizard.core.exports.integrity import write_signed
from wizard.core.review.atomic import write_atomically
from wizard.core.review.store import load_review

NAME = "export"


def configure(parser: argparse.ArgumentParser) -> None:
    add_review_argument(parser)
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="write here (default: standard output)"
    )
    parser.add_argument(
        "--sign-key",
        type=Path,
        default=None,
        metavar="KEY",
        help="SSH key: also write OUT.sig, a signature over the export's exact bytes",
    )
    parser.add_argument(
        "--today", default=None, metavar="YYYY-MM-DD", help="evaluate as of this date"
    )
    add_policy_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.sign_key is not None and args.output is None:
        raise BadInputError("--sign-key needs -o OUT: the signature is written beside it.")
    review = load_review(args.file).review
    document = export_document(
        review, args.file, today=parse_today(args.today), policy_path=args.policy
    )
    text = render(document, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    output: Path = args.output
    if output.is_dir():
        raise BadInputError(f"-o {output}: is a folder; give a file name.")
    if args.sign_key is not None:
        signature = write_signed(output, text, args.sign_key)
    else:
        write_atomically(output, text)
    print(f"wrote {output} ({args.format}, content {document['content_hash']}).")
    if args.sign_key is not None:
        print(f"signed: {signature} (check with `truthound-readiness verify {output}`).")
    return 0

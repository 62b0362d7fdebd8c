"""``signoff``: record a reviewer's decision on a review, optionally SSH-signed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.app.identity import operator_name
from wizard.cli.common import add_review_argument
from wizard.core.review.store import load_review, save_loaded
from wizard.core.signoff.content_hash import short_hash
from wizard.core.signoff.signoffs import PAST, create_signoff

NAME = "signoff"
HELP = "sign off a review (approve or reject), bound to its content hash; --key signs with SSH"


def configure(parser: argparse.ArgumentParser) -> None:
    add_review_argument(parser)
    parser.add_argument(
        "--name",
        default=None,
        help="who signs (default: $TRUTHOUND_READINESS_USER, git user.name, or login)",
    )
    parser.add_argument(
        "--role", required=True, help="the role you sign as, e.g. preparer, reviewer, approver"
    )
    parser.add_argument("--decision", required=True, choices=("approve", "reject"))
    parser.add_argument("--comment", default=None, help="why, in a sentence")
    parser.add_argument(
        "--key",
        type=Path,
        default=None,
        metavar="PATH",
        help="SSH key to sign with (private key, or the .pub of a key in ssh-agent)",
    )


def run(args: argparse.Namespace) -> int:
    loaded = load_review(args.file)
    signoff = create_signoff(
        loaded.review,
        reviewer=operator_name(args.name),
        role=args.role,
        decision=args.decision,
        comment=args.comment,
        key=args.key,
    )
    save_loaded(loaded)
    how = f"SSH-signed by {signoff.signer}" if signoff.signature else "unsigned attestation"
    print(
        f"{args.file}: {signoff.reviewer} ({signoff.role}) {PAST[signoff.decision]} content "
        f"{short_hash(signoff.content_hash)}; {how}."
    )
    if signoff.readiness == "not-ready":
        message = "note: the review is NOT ready"
        if signoff.decision == "approve":
            message += "; the approval records that it was given anyway"
        print(message + ".", file=sys.stderr)
    print("any later change to the review makes this sign-off stale.")
    return 0

"""``signoff``: record a reviewer's decision on a review, optionally SSH-signed."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from wizard.app.identity import operator_name
from wizard.app.session import ReviewSession
from wizard.cli.common import add_policy_argument, add_review_argument
from wizard.core.safety.terminal import one_line
from wizard.core.signoff.content_hash import short_hash
from wizard.core.signoff.signoffs import PAST

NAME = "signoff"


def configure(parser: argparse.ArgumentParser) -> None:
    add_review_argument(parser)
    parser.add_argument(
        "--by",
        "--name",
        dest="name",
        default=None,
        help="who signs, as a display name, like --by of the other commands (--name is the "
        "older spelling; default: $TRUTHOUND_READINESS_USER, git user.name, or login)",
    )
    parser.add_argument(
        "--principal",
        default=None,
        help="who signs, as the allowed-signers file names you: an e-mail address "
        "(default: $TRUTHOUND_READINESS_PRINCIPAL, else git user.email)",
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
    add_policy_argument(parser)


def run(args: argparse.Namespace) -> int:
    name = operator_name(args.name)
    session = ReviewSession.open(args.file, operator=name, today=date.today())
    session.policy_path = args.policy
    signoff = session.sign_off(
        reviewer=name,
        role=args.role,
        decision=args.decision,
        comment=args.comment or "",
        key=args.key,
        principal=args.principal,
    )
    how = f"SSH-signed by {signoff.signer}" if signoff.signature else "unsigned attestation"
    who = f" as {signoff.principal}" if signoff.principal else " (no principal)"
    print(
        one_line(
            f"{args.file}: {signoff.reviewer}{who} ({signoff.role}) {PAST[signoff.decision]} "
            f"content {short_hash(signoff.content_hash)}; {how}."
        )
    )
    if signoff.readiness == "not-ready":
        message = "note: the review is NOT ready"
        if signoff.decision == "approve":
            message += "; the approval records that it was given anyway"
        print(message + ".", file=sys.stderr)
    print("any later change to the review makes this sign-off stale.")
    return 0

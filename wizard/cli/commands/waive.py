"""``waive``: accept an item as it is until a date, or approve someone else's waiver."""

from __future__ import annotations

import argparse
from datetime import date

from wizard.app.identity import operator_name
from wizard.app.inputs import parse_today
from wizard.app.session import ReviewSession
from wizard.cli.common import add_by_argument, add_policy_argument, add_review_argument
from wizard.core.errors import BadInputError
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.signoff.signoffs import clean_principal

NAME = "waive"
DESCRIPTION = (
    "Waive ITEM: accept it as it is now, with a reason and an expiry (at most the policy's "
    "waivers.max_days away). The waiver records its author, the item's status and the findings "
    "it accepts; a worse status or a new finding is not covered. With --approve ITEM, approve "
    "the item's active waiver in a role the policy's waivers.approver_roles names (never your "
    "own). --lift ITEM removes an active waiver. Exit 0, or 2 when refused (nothing changed)."
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_review_argument(parser)
    parser.add_argument("item", nargs="?", help="the checklist item to waive (see `check`)")
    parser.add_argument("--reason", default=None, help="why it is acceptable for now")
    parser.add_argument(
        "--expires", default=None, metavar="YYYY-MM-DD", help="the last day it counts"
    )
    parser.add_argument("--owner", default=None, help="who answers for it (default: you)")
    parser.add_argument("--approve", default=None, metavar="ITEM", help="approve ITEM's waiver")
    parser.add_argument("--role", default="approver", help="the role you approve in")
    parser.add_argument("--lift", default=None, metavar="ITEM", help="remove ITEM's waiver")
    parser.add_argument(
        "--principal",
        default=None,
        help="who decides, as an e-mail address (default: $TRUTHOUND_READINESS_PRINCIPAL, else "
        "git user.email, else the --by name); the author of a waiver cannot approve it",
    )
    parser.add_argument("--today", default=None, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    add_by_argument(parser)
    add_policy_argument(parser)


def _item(item_id: str) -> str:
    known = [item.id for item in load_knowledge().items]
    if item_id not in known:
        raise BadInputError(
            f"item {item_id!r} is not a checklist item; use one of {', '.join(known)}."
        )
    return item_id


def run(args: argparse.Namespace) -> int:
    modes = [args.item is not None, args.approve is not None, args.lift is not None]
    if sum(modes) != 1:
        raise BadInputError("waive: name one ITEM to waive, or --approve ITEM, or --lift ITEM.")
    today = parse_today(args.today) if args.today else date.today()
    who = operator_name(args.by)
    session = ReviewSession.open(args.file, operator=who, today=today)
    session.policy_path = args.policy
    if args.principal:
        session.principal = clean_principal(args.principal)
    if args.approve is not None:
        session.approve_waiver(_item(args.approve), role=args.role)
        print(f"{args.file}: {session.principal or who} approved the waiver on {args.approve}.")
        return 0
    if args.lift is not None:
        lifted = session.lift_waiver(_item(args.lift))
        print(f"{args.file}: " + ("waiver lifted." if lifted else "no active waiver to lift."))
        return 0
    if not args.reason or not args.expires:
        raise BadInputError(
            "waive ITEM: give --reason and --expires YYYY-MM-DD; both are required."
        )
    expires = parse_today(args.expires, flag="--expires")
    session.waive(_item(args.item), reason=args.reason, owner=args.owner or who, expires=expires)
    waiver = session.review.waivers[-1]
    print(
        f"{args.file}: {args.item} waived until {waiver.expires.isoformat()} "
        f"(accepting {waiver.status}: {', '.join(waiver.covers) or 'the item as it is'})."
    )
    if session.policy.waivers.approver_roles:
        roles = ", ".join(session.policy.waivers.approver_roles)
        print(
            "it counts once someone else approves it: "
            f"`truthound-readiness waive {args.file} --approve {args.item}` (role {roles})."
        )
    return 0

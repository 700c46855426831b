"""`partnerkit add WHAT FILE`: add the items people add, without writing YAML.

A deliverable, a cost, a payment, a success criterion, a stakeholder, a candidate or a
review attendee, from options (in CI) or asked for at a terminal. The item is written
one key per line, through the editing layer (`commands.editfile`): comments and
everything else stay as they were, the edited file is checked before it is written,
and `--dry-run` shows the change.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit.commands import options
from partnerkit.commands.common import check_choice, configure, parse_today
from partnerkit.commands.editfile import EditTarget, edit_file
from partnerkit.commands.options import argument, flag, option
from partnerkit.editing.edit import Append, Op
from partnerkit.support.errors import UsageError
from partnerkit.support.sanitize import printable


@dataclass(frozen=True)
class Field:
    """One key of the item: the option that gives it, how it is read, whether it is needed."""

    key: str
    read: str = "text"  # text, number or date
    required: bool = False
    default: Any = None
    ask: str = ""  # the question at a terminal

    @property
    def option(self) -> str:
        return "--" + self.key.replace("_", "-")


T, N, D = "text", "number", "date"

ITEMS: dict[str, tuple[tuple[str | int, ...], tuple[Field, ...]]] = {
    "deliverable": (("expectations",), (
        Field("deliverable", T, True, ask="What is to be delivered"),
        Field("owner", T, True, ask="Which partner owns it (its id)"),
        Field("due", D, ask="Due date (YYYY-MM-DD)"),
        Field("status", T, default="planned"),
    )),
    "cost": (("costs",), (
        Field("item", T, True, ask="What the cost is"),
        Field("type", T, default="real"),
        Field("amount", N, ask="Amount (digits only)"),
        Field("currency", T),
        Field("borne_by", T),
        Field("note", T),
    )),
    "payment": (("terms", "payments"), (
        Field("for", T, True, ask="What the payment is for"),
        Field("amount", N, True, ask="Amount (digits only)"),
        Field("currency", T, True, ask="Currency (USD, EUR …)"),
        Field("payer", T), Field("payee", T), Field("due", D), Field("note", T),
    )),
    "criterion": (("success", "criteria"), (
        Field("name", T, True, ask="Name of the criterion"),
        Field("measure", T, True, ask="What is measured"),
        Field("level", T, True, ask="Level (reaction, learning, behaviour, results, roi)"),
        Field("baseline", N), Field("target", N), Field("unit", T), Field("by", D),
    )),
    "stakeholder": (("stakeholders",), (
        Field("name", T, True, ask="Who has a stake"),
        Field("interest", T, True, ask="Interest (training-need, training-source, funder, "
              "learner, sponsor, other)"),
        Field("note", T),
    )),
    "candidate": (("candidates", "options"), (
        Field("id", T, True, ask="An id for the candidate (lowercase, hyphens)"),
        Field("name", T, True, ask="Name of the organisation"),
        Field("role", T),
    )),
    "attendee": (("reviews", "history", -1, "attendees"), (
        Field("name", T, True, ask="Who attended the last review"),
    )),
}  # fmt: skip

_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class AddOptions:
    """Everything `add` can be asked: the one declaration of its options."""

    what: str = argument(
        "deliverable, cost, payment, criterion, stakeholder, candidate or attendee."
    )
    path: Path = argument("The partnership file.")
    deliverable: str | None = option(help="deliverable: what is to be delivered.")
    owner: str | None = option(help="deliverable: the partner id that owns it.")
    due: str | None = option(metavar="YYYY-MM-DD", help="deliverable, payment: due date.")
    status: str | None = option(help="deliverable: planned (default), in-progress, done …")
    item: str | None = option(help="cost: what the cost is.")
    type: str | None = option(help="cost: real (default), intangible or possible.")
    amount: str | None = option(help="cost, payment: the amount, digits only (7500).")
    currency: str | None = option(help="cost, payment: USD, EUR …")
    borne_by: str | None = option("--borne-by", help="cost: the partner id that bears it.")
    note: str | None = option(help="cost, payment, stakeholder: a note, any text.")
    for_: str | None = option("--for", help="payment: what it is for.")
    payer: str | None = option(help="payment: the partner id that pays.")
    payee: str | None = option(help="payment: the partner id paid.")
    name: str | None = option(help="criterion, stakeholder, candidate, attendee: the name.")
    measure: str | None = option(help="criterion: what is measured.")
    level: str | None = option(help="criterion: reaction, learning, behaviour, results, roi.")
    baseline: str | None = option(help="criterion: the value before.")
    target: str | None = option(help="criterion: the value aimed at.")
    unit: str | None = option(help="criterion: the unit, such as % or hours.")
    by: str | None = option(metavar="YYYY-MM-DD", help="criterion: when the target is due.")
    interest: str | None = option(help="stakeholder: training-need, learner, funder …")
    id: str | None = option("--id", help="candidate: its id.")
    role: str | None = option(help="candidate: the role it would take.")
    no_input: bool = flag("--no-input", help="Never ask; fail when something is missing.")
    dry_run: bool = flag("--dry-run", help="Show the change as a diff; write nothing.")
    config: Path | None = options.config()
    no_config: bool = options.no_config()


def _can_ask(opts: AddOptions) -> bool:
    if opts.no_input:
        return False
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def _given(opts: AddOptions, key: str) -> str | None:
    value = getattr(opts, "for_" if key == "for" else key)
    return None if value is None else str(value)


def _read(field: Field, text: str) -> Any:
    """The value as the file holds it: a number, a date or text."""
    text = text.strip()
    if field.read == N:
        plain = text.replace(",", "") if re.fullmatch(r"-?\d{1,3}(,\d{3})+", text) else text
        if not _NUMBER.fullmatch(plain):
            raise UsageError(
                f"{field.option} {printable(text)}: write the number in digits, such as 7500 "
                "(the currency goes in --currency)"
            )
        return float(plain) if "." in plain else int(plain)
    if field.read == D:
        return parse_today(text, field.option)
    return text


def item_of(opts: AddOptions) -> tuple[tuple[str | int, ...], dict[str, Any]]:
    """Where the item goes and the item, from the options or the answers at a terminal."""
    check_choice("add", opts.what, list(ITEMS))
    path, fields = ITEMS[opts.what]
    ask = _can_ask(opts)
    item: dict[str, Any] = {}
    for field in fields:
        text = _given(opts, field.key)
        if (text is None or not text.strip()) and field.required and ask:
            from rich.prompt import Prompt

            text = Prompt.ask(field.ask or field.key)
        if text is None or not text.strip():
            if field.required:
                raise UsageError(
                    f"add {opts.what} needs {field.option}"
                    + (" (or run it in a terminal to be asked)" if not ask else "")
                )
            if field.default is not None:
                item[field.key] = field.default
            continue
        item[field.key] = _read(field, text)
    if opts.what == "attendee":
        return path, item["name"]
    return path, item


def run_add(opts: AddOptions) -> int:
    """Append the item; 1 when the file has errors or the item would make one."""
    path, item = item_of(opts)
    config = configure(opts.config, no_config=opts.no_config)

    def plan(target: EditTarget) -> list[Op]:
        if opts.what == "attendee" and not (target.model.reviews and target.model.reviews.history):
            raise UsageError("the file has no review yet: record one with `partnerkit record`")
        return [Append(path, item)]

    return edit_file(
        opts.path, plan, dry_run=opts.dry_run, config=config, done=f"Added the {opts.what}."
    )

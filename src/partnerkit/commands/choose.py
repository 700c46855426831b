"""`partnerkit choose`: make an assessed candidate a partner, keeping the assessment.

The candidate's id, name, role, strengths and contributions become a partner: in
place of the `to-be-chosen` partner a candidates scaffold starts with (renaming the
references to it), or added at the end of `partners`. An exploring partnership
becomes `proposed`. The `candidates` section stays as it is: the record of why.
Every change goes through the one editing layer, so comments and layout are kept.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit.commands import options
from partnerkit.commands.common import configure
from partnerkit.commands.editfile import EditTarget, edit_file
from partnerkit.commands.options import argument, flag, option
from partnerkit.editing.edit import AddKey, Append, Delete, EditError, Op, Set
from partnerkit.format.model import Candidate, Partnership
from partnerkit.format.scaffold import SECOND_ROLE, TO_BE_CHOSEN
from partnerkit.judge.selection import compare
from partnerkit.support.errors import UsageError

ROLES = ("lead", "provider", "funder", "member", "advisor")
REFERENCE_KEYS = {"borne_by", "owner", "partner", "payer", "payee"}
KEYED_BY_PARTNER = {"independent", "partner_ratings", "signed"}


@dataclass(frozen=True)
class ChooseOptions:
    """Everything `choose` can be asked: the one declaration of its options."""

    path: Path = argument("The partnership file with `candidates`.")
    candidate: str = argument("The id (or name) of the candidate chosen.", metavar="CANDIDATE")
    role: str | None = option(
        help="Its role: lead, provider, funder, member or advisor (default: the candidate's)."
    )
    dry_run: bool = flag("--dry-run", help="Show the change as a diff; write nothing.")
    config: Path | None = options.config()
    no_config: bool = options.no_config()


def run_choose(opts: ChooseOptions) -> int:
    """Edit the file through the one editing layer; 0 written (or shown), 1 refused."""

    path, candidate, role, dry_run = opts.path, opts.candidate, opts.role, opts.dry_run

    if role is not None and role not in ROLES:
        raise UsageError(f"--role {role}: use one of {', '.join(ROLES)}")
    config = configure(opts.config, no_config=opts.no_config)
    summary: list[str] = []

    def plan(target: EditTarget) -> list[Op]:
        ops, message = choose_ops(target.model, target.data, candidate, role, dry_run)
        summary.append(message)
        return ops

    code = edit_file(path, plan, dry_run=dry_run, config=config)
    if summary and code == 0:
        from partnerkit.support.sanitize import printable_line

        sys.stderr.write(printable_line(summary[0]) + "\n")
    return code


def choose_ops(
    model: Partnership,
    data: dict[str, Any],
    candidate_id: str,
    role: str | None,
    dry_run: bool = False,
) -> tuple[list[Op], str]:
    """The edits that make `candidate_id` a partner, and a sentence saying what they do."""

    option = _find(model, candidate_id)
    if option.id in model.partner_ids():
        raise EditError(f"{option.name} (`{option.id}`) is already a partner")
    new_role = role or option.role
    placeholder = next((i for i, p in enumerate(model.partners) if p.id == TO_BE_CHOSEN), None)
    ops: list[Op] = []
    if placeholder is not None:
        new_role = new_role or model.partners[placeholder].role
        ops += _fill_placeholder(placeholder, option, new_role, data)
        ops += _rename_references(data, TO_BE_CHOSEN, option.id)
    else:
        ops.append(
            Append(("partners",), _partner_entry(option, new_role or SECOND_ROLE[model.kind]))
        )
    if model.status == "exploring":
        ops.append(Set(("status",), "proposed"))
    assert model.candidates is not None
    standing = compare(model.candidates).standing(option.id)
    assert standing is not None
    others = len(model.candidates.options)
    becomes, now = ("would become", "would be") if dry_run else ("is now", "is now")
    message = (
        f"{option.name} {becomes} a partner ({new_role or SECOND_ROLE[model.kind]}); it ranked "
        f"{standing.rank} of {others} with {standing.total:.1f}/100. The assessment stays "
        "in the file as the record of the choice"
        + (f"; the partnership {now} proposed." if model.status == "exploring" else ".")
    )
    return ops, message


def _find(model: Partnership, candidate_id: str) -> Candidate:
    options = model.candidates.options if model.candidates else []
    if not options:
        raise EditError(
            "the file assesses no candidates: add a `candidates` section first "
            "(`partnerkit init --candidates` shows one)"
        )
    for o in options:
        if o.id == candidate_id:
            return o
    matches = [o for o in options if o.name.casefold() == candidate_id.casefold()]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(f"`{o.id}` ({o.name})" for o in options)
    raise EditError(f"no candidate `{candidate_id}`; the candidates are {listed}")


def _partner_entry(option: Candidate, role: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": option.id, "name": option.name, "role": role}
    if option.strengths:
        entry["strengths"] = list(option.strengths)
    if option.contributes:
        entry["contributes"] = list(option.contributes)
    return entry


def _fill_placeholder(
    index: int, option: Candidate, role: str, data: dict[str, Any]
) -> Iterator[Op]:
    """Set the placeholder's own lines, so that its comments stay where they are."""
    current = data["partners"][index]
    for key, value in _partner_entry(option, role).items():
        if current.get(key) == value:
            continue
        if key in current:
            yield Set(("partners", index, key), value)
        else:
            yield AddKey(("partners", index), key, value)


def _rename_references(data: Any, old: str, new: str, path: tuple[str | int, ...] = ()) -> list[Op]:
    """Every reference to partner `old` (values of reference keys, keys of per-partner maps)."""
    ops: list[Op] = []
    if isinstance(data, dict):
        for key, value in data.items():
            here = (*path, key)
            if key in REFERENCE_KEYS and value == old:
                ops.append(Set(here, new))
            elif key == old and path and path[-1] in KEYED_BY_PARTNER:
                # add the new key before removing the old: a mapping is never left empty
                ops += [AddKey(path, new, value), Delete(here)]
            elif key != "partners" or path:
                ops += _rename_references(value, old, new, here)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            ops += _rename_references(item, old, new, (*path, i))
    return ops

"""`partnerkit sign`, `amend` and `renew`: record what happens after signature.

Each builds editing operations from the valid model and hands them to `edit`, which
refuses a file with errors, changes only what it must and writes atomically.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from partnerkit.commands import options
from partnerkit.commands.common import configure, filled, parse_today
from partnerkit.commands.editfile import EditTarget, edit_file
from partnerkit.commands.options import argument, flag, many, option
from partnerkit.editing.edit import AddKey, Append, Delete, EditError, Op, Set
from partnerkit.format.model import Partnership
from partnerkit.format.standard import default_for
from partnerkit.format.terms import StandardTermsRef, Terms
from partnerkit.format.thresholds import shift
from partnerkit.history.fingerprint import (
    current_amendments,
    fingerprint,
    signed_fingerprints,
)
from partnerkit.judge.coverpage import all_needs
from partnerkit.judge.scoring import assess
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import emit
from partnerkit.support.sanitize import printable_line


def dry_run() -> Any:
    return flag("--dry-run", help="Print the change as a unified diff; write nothing.")


def record_date() -> Any:
    return option("--date", metavar="YYYY-MM-DD", help="Date to record (default: today).")


def _required(value: str | None, name: str, what: str) -> str:
    if value is None or not value.strip():
        raise UsageError(f"{name} is required: {what}")
    return value.strip()


@dataclass(frozen=True)
class SignOptions:
    """Everything `sign` can be asked: the one declaration of its options."""

    path: Path = argument("The partnership file.")
    partner: str | None = option("--partner", help="Id of the partner signing (required).")
    by: str | None = option("--by", help="Name of the person who signs (required).")
    title: str | None = option("--title", help="Their title (default: the signatory's).")
    date: str | None = record_date()
    force: bool = flag(
        "--force", help="Sign below the ready band, or replace a signature of older terms."
    )
    dry_run: bool = dry_run()
    config: Path | None = options.config()
    no_config: bool = options.no_config()


def run_sign(opts: SignOptions) -> int:
    """Sign the agreement for one partner, or the amendment it has not signed yet."""
    config = configure(opts.config, no_config=opts.no_config)
    when = parse_today(opts.date, "--date")
    partner_id = _required(opts.partner, "--partner", "the id of the partner signing")
    by = _required(opts.by, "--by", "the name of the person who signs")
    if opts.title is not None:
        opts = replace(opts, title=filled("--title", [opts.title], "give the signer's title")[0])

    def plan(target: EditTarget) -> Sequence[Op]:
        model = target.model
        ids = model.partner_ids()
        if partner_id not in ids:
            raise UsageError(f"--partner {partner_id!r}: the partners are {', '.join(ids)}")
        index = ids.index(partner_id)
        partner = model.partners[index]
        title = opts.title
        if title is None and partner.signatory and partner.signatory.name == by:
            title = partner.signatory.title
        pending = [(n, a) for n, a in current_amendments(model) if partner_id not in a.signed]
        pin, model = ([], model) if pending else _pin_standard_terms(model)
        terms = fingerprint(model)
        signature: dict[str, Any] = {"by": by}
        if title:
            signature["title"] = title
        signature.update({"date": when, "terms": terms})
        if pending:
            n, amendment = pending[-1]
            _say(f"signing the amendment of {amendment.date} for {partner_id} (terms {terms})")
            return [Set(("amendments", n, "signed", partner_id), signature)]
        assessment = assess(model, when, config.bands)
        if assessment.band != "ready" and not opts.force:
            raise EditError(
                f"{assessment.short_of_ready}: see `partnerkit score`, or sign anyway with --force"
            )
        if not opts.force:
            _refuse_incomplete_cover_page(model)
        old = partner.signed
        if old is not None and old.terms == terms:
            raise EditError(f"{partner_id} has already signed these terms ({terms})")
        if old is not None and old.terms is None and not opts.force:
            raise EditError(
                f"{partner_id} already signed on {old.date} (by {old.by}), with no terms "
                "fingerprint to compare: replace that signature with --force"
            )
        if old is not None and old.terms is not None and not opts.force:
            raise EditError(
                f"{partner_id} signed terms {old.terms} and the agreed content has changed "
                f"since: record the change with `partnerkit amend` and sign that, or replace "
                "the signature with --force"
            )
        if pin:
            _say(f"recording the standard terms it is signed under: {_label(model)}")
        _say(f"signing the agreement for {partner_id} (terms {terms})")
        signed = Set(("partners", index, "signed"), signature)
        return [*pin, signed, *_activate(model, index, terms)]

    return edit_file(opts.path, plan, dry_run=opts.dry_run, config=config)


def _activate(model: Any, index: int, terms: str) -> list[Op]:
    """Once this signature is the last of the current terms, the partnership is active."""
    others = [x for i, x in enumerate(model.partners) if i != index]
    if model.status not in ("proposed", "renewing") or not all(
        x.signed is not None and x.signed.terms in (None, terms) for x in others
    ):
        return []
    _say(f"every partner has now signed these terms: the status moves from {model.status} "
         "to active")  # fmt: skip
    return [Set(("status",), "active")]


def _pin_standard_terms(model: Partnership) -> tuple[list[Op], Partnership]:
    """The first signature records the standard terms it is given under: a file that
    names none (and whose kind has a set) gets the latest version of its kind's set, and
    the fingerprint is of the file with it. Once anyone has signed, nothing is added."""
    terms = model.terms
    if any(x.signed for x in model.partners) or (terms and terms.standard_terms):
        return [], model
    st = default_for(model.kind)
    if st is None:
        return [], model
    ref = {"name": st.name, "version": st.version}
    pinned = StandardTermsRef(name=st.name, version=st.version)
    if terms is None:
        op: Op = AddKey((), "terms", {"standard_terms": ref})
        new_terms = Terms(standard_terms=pinned)
    else:
        op = AddKey(("terms",), "standard_terms", ref)
        new_terms = terms.model_copy(update={"standard_terms": pinned})
    return [op], model.model_copy(update={"terms": new_terms})


def _refuse_incomplete_cover_page(model: Partnership) -> None:
    """What the standard terms need from the cover page blocks the first signature."""
    gaps = [n.message for n in all_needs(model) if n.code >= "PK431" and not n.held]
    if gaps:
        raise EditError(
            "the cover page is not complete for its standard terms: "
            + "; ".join(gaps) + "; or sign anyway with --force"
        )  # fmt: skip


def _label(model: Partnership) -> str:
    ref = model.terms.standard_terms if model.terms else None
    return f"{ref.name}, version {ref.version}" if ref else ""


def _say(text: str) -> None:
    sys.stderr.write(printable_line(text) + "\n")


@dataclass(frozen=True)
class AmendOptions:
    """Everything `amend` can be asked: the one declaration of its options."""

    path: Path = argument("The partnership file.")
    summary: str | None = option("--summary", help="What changes, in a sentence (required).")
    section: list[str] = many(
        "--section", help="A changed section (default: found from git history). Repeatable."
    )
    since: str | None = option(
        "--since", help="Git revision of the signed version (default: the last signed)."
    )
    date: str | None = record_date()
    dry_run: bool = dry_run()
    config: Path | None = options.config()
    no_config: bool = options.no_config()


def run_amend(opts: AmendOptions) -> int:
    """Record an amendment of the sections that differ from the signed version."""
    config = configure(opts.config, no_config=opts.no_config)
    when = parse_today(opts.date, "--date")
    summary = _required(opts.summary, "--summary", "say what the amendment changes")
    given = filled("--section", opts.section, "name a section of the agreement")

    def plan(target: EditTarget) -> Sequence[Op]:
        model = target.model
        signed = signed_fingerprints(model)
        terms = fingerprint(model)
        if not signed:
            raise EditError("nobody has signed this term yet: edit the file freely, then sign it")
        if set(signed.values()) == {terms}:
            raise EditError(f"the agreed content is as signed ({terms}): nothing to amend")
        open_ = [
            a for _, a in current_amendments(model) if set(a.signed) != set(model.partner_ids())
        ]
        if open_:
            raise EditError(
                f"the amendment of {open_[-1].date} is still waiting for signatures: have every "
                "partner sign it (`partnerkit sign`) before the next one"
            )
        sections = given or _changed_since(opts.path, opts.since or "signed", model)
        if not sections:
            raise EditError("no agreed section differs from the signed version")
        _say(f"amendment of {', '.join(sections)}")
        entry = {"date": when, "summary": summary, "sections": sections}
        return [Append(("amendments",), entry)]

    return edit_file(opts.path, plan, dry_run=opts.dry_run, config=config)


def _changed_since(path: Path, since: str, model: Any) -> list[str]:
    from partnerkit.history.git import InvalidVersion, changed_since

    try:
        return changed_since(path, model, since).sections
    except UsageError as exc:
        raise EditError(f"{exc}; or name the sections with --section") from None
    except InvalidVersion as exc:
        raise EditError(f"{exc}; fix it, or name the sections with --section") from None


@dataclass(frozen=True)
class RenewOptions:
    """Everything `renew` can be asked: the one declaration of its options."""

    path: Path = argument("The partnership file.")
    until: str | None = option(
        "--until", metavar="YYYY-MM-DD", help="Last day of the new term (required)."
    )
    start: str | None = option(
        "--start", metavar="YYYY-MM-DD", help="First day (default: the day after the end)."
    )
    dry_run: bool = dry_run()
    config: Path | None = options.config()
    no_config: bool = options.no_config()


def run_renew(opts: RenewOptions) -> int:
    """Move the current term to `previous_terms`, set the new period, clear signatures."""
    config = configure(opts.config, no_config=opts.no_config)
    until = parse_today(_required(opts.until, "--until", "the last day of the new term"), "--until")

    def plan(target: EditTarget) -> Sequence[Op]:
        model = target.model
        if model.period is None:
            raise EditError("the file has no `period` to renew; set one first")
        if opts.start is not None:
            start = parse_today(opts.start, "--start")
        elif model.period.end == dt.date.max:
            raise EditError(
                f"the term ends on {dt.date.max}, the last day a date can be, so no new "
                "term can start after it: give the new term's first day with --start"
            )
        elif model.period.end is not None:
            start = shift(model.period.end, 1)
        else:
            raise EditError("the period has no end: give the new term's first day with --start")
        if until <= start:
            raise UsageError(f"--until {until}: the new term starts on {start}; end it later")
        old_period = target.data["period"]
        signed = {
            p.id: target.data["partners"][i]["signed"]
            for i, p in enumerate(model.partners)
            if p.signed is not None
        }
        record: dict[str, Any] = {"period": old_period}
        if signed:
            record["signed"] = signed
        ops: list[Op] = [Append(("previous_terms",), record)]
        new_period: dict[str, Any] = {"start": start, "end": until}
        ops.append(Set(("period",), new_period))
        for i, p in enumerate(model.partners):
            if p.signed is not None:
                ops.append(Delete(("partners", i, "signed")))
        if model.status != "renewing":
            ops.append(Set(("status",), "renewing"))
        _say(f"new term {start} to {until}; the old one is kept in previous_terms")
        return ops

    return edit_file(opts.path, plan, dry_run=opts.dry_run, config=config)


class DiffFormat(options.Choice):
    text = "text"
    md = "md"
    json = "json"


@dataclass(frozen=True)
class DiffOptions:
    """Everything `diff` can be asked: the one declaration of its options."""

    paths: list[Path] = argument("OLD NEW, or one FILE with --since.", default=[], metavar="FILE")
    since: str | None = option(
        "--since",
        metavar="REV",
        help="A git revision, or `signed` for the last version every partner signed.",
    )
    format: DiffFormat = option("--format", "-f", help="Output format.", default=DiffFormat.text)
    output: Path | None = options.output()
    force: bool = options.force()


def run_diff(opts: DiffOptions) -> int:
    """`partnerkit diff OLD NEW` or `partnerkit diff FILE --since REV|signed`."""
    import io

    from partnerkit.history import changes as semdiff
    from partnerkit.history import git as history

    fmt, output = DiffFormat(opts.format).value, opts.output
    try:
        old, new, changes = _versions(list(opts.paths), opts.since)
    except history.InvalidVersion as exc:
        from partnerkit.check.loader import load_bytes
        from partnerkit.reporters.text import line

        for finding in load_bytes(exc.raw, exc.shown).findings:
            sys.stdout.write(line(finding) + "\n")
        sys.stderr.write("a version is not a valid partnership file; fix it first\n")
        return 1
    buffer = io.StringIO()
    if fmt == "json":
        semdiff.write_json(changes, (old.label, old.model), (new.label, new.model), buffer)
    elif fmt == "md":
        semdiff.write_markdown(changes, old.label, new.label, buffer)
    else:
        semdiff.write_text(changes, old.label, new.label, buffer)
    emit(buffer.getvalue(), output, force=True)  # a report: -o replaces it
    return 0


def _versions(paths: list[Path], since: str | None) -> tuple[Any, Any, list[Any]]:
    """The old and the new version, and what changed: two files, or one file and a git
    revision (or `signed`, through the one answer `amend` and PK520 read too)."""
    from partnerkit.history import changes as semdiff
    from partnerkit.history import git as history

    if since is not None:
        if len(paths) != 1:
            raise UsageError("with --since, name one file: partnerkit diff FILE --since REV")
        _exists(paths[0])
        now = history.current(paths[0])
        found = history.changed_since(paths[0], now.model, since)
        old = found.version
        if since == "signed" and old.label != "working tree":
            old = history.Version(f"{old.label} (signed)", old.text, old.model)
        return old, now, found.changes
    if len(paths) != 2:
        raise UsageError("name two files (partnerkit diff OLD NEW), or one with --since REV")
    for p in paths:
        _exists(p)
    old, new = history.current(paths[0]), history.current(paths[1])
    return (
        history.Version(str(paths[0]), old.text, old.model),
        history.Version(str(paths[1]), new.text, new.model),
        semdiff.compare(old.model, new.model),
    )


def _exists(path: Path) -> None:
    if not path.is_file():
        raise UsageError(f"{path}: no such file")

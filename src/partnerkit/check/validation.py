"""Schema validation and cross-reference checks, as located findings (PK11x, PK2xx)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections import Counter
from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from partnerkit.check.finding import Finding, Severity, field_path, more_like_this
from partnerkit.format.model import Partnership
from partnerkit.yamlio import MAX_SAME_PROBLEM, Document, locate, traps, value_position

Loc = tuple[str | int, ...]


def validate(doc: Document, path: str) -> tuple[Partnership | None, list[Finding]]:
    """Validate parsed data against the format; return the model or located findings."""
    try:
        model = Partnership.model_validate(doc.data)
    except ValidationError as exc:
        errors = _findings(doc, path, exc.errors(include_url=False))
        return None, errors + list(split_items(doc, path, {f.field for f in errors}))
    return model, [*consistency(model, doc, path), *split_items(doc, path, set())]


def split_items(doc: Document, path: str, taken: set[str]) -> Iterator[Finding]:
    """PK116: a list item that reads as the end of the one before it (`[Retention, 78%]`),
    unless an error at the same place already says so."""
    if "[" not in doc.text:
        return
    for split in traps.splits(doc.root, doc.text):
        loc = (*split.path, split.first + 1)
        line, col = split.tail.start_mark.line + 1, split.tail.start_mark.column + 1
        told = traps.split_in_list(doc.root, doc.text, loc)
        items = range(split.first, split.first + split.count)
        if not told or any(field_path((*split.path, i)) in taken for i in items):
            continue
        value = getattr(split.tail, "value", "")
        message = f"`{field_path(loc)}` (`{value}`) reads as the end of the item before it: {told}"
        yield Finding(path, line, col, "PK116", Severity.WARNING, message, field_path(loc))


def _findings(doc: Document, path: str, errors: list[Any]) -> list[Finding]:
    """A finding per error, but past `MAX_SAME_PROBLEM` of one kind, one that counts the rest."""
    seen: Counter[str] = Counter()
    last: dict[str, Finding] = {}
    out: list[Finding] = []
    for err in errors:
        seen[err["type"]] += 1
        if seen[err["type"]] <= MAX_SAME_PROBLEM:
            last[err["type"]] = _finding(doc, path, err)
            out.append(last[err["type"]])
    for kind, count in seen.items():
        if count > MAX_SAME_PROBLEM:
            more = count - MAX_SAME_PROBLEM
            message = f"… and {more:,} more like this one (not listed); fix those first"
            out.append(dataclasses.replace(last[kind], message=message))
    return out


def _finding(doc: Document, path: str, err: Any) -> Finding:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    on_key = bool(loc) and loc[-1] == "[key]"
    if on_key:
        loc = loc[:-1]
    if on_key or kind in ("missing", "extra_forbidden"):
        line, col, _ = locate(doc.root, loc)
    else:
        line, col = value_position(doc.root, loc)
    name = str(loc[-1]) if loc else "the file"
    if loc and isinstance(loc[-1], int):  # a list item: `references[1]`, not `1`
        name = field_path(loc)
    code, message = "PK113", ""
    if kind == "missing":
        code = "PK111"
        parent = field_path(loc[:-1]) or "the top level"
        message = f"`{name}` is required in {parent}: add it"
    elif kind == "extra_forbidden":
        code = "PK110"
        told = traps.comma_in_mapping(doc.root, doc.text, loc)
        where = field_path(loc[:-1]) or "the top level"
        message = f"unknown key `{name}` in `{where}`: {told}" if told else ""
        message = message or f"unknown key `{name}`{_suggest(name, loc[:-1])}"
    elif kind == "too_short" and loc == ("partners",):
        code = "PK203"
        message = "a partnership needs at least two partners; add the other organisation"
    elif kind == "too_short":
        message = f"`{name}` must not be empty"
    elif kind == "literal_error":
        expected = err["ctx"]["expected"].replace("'", "`")
        got = err["input"]
        close = _closest(str(got), _literal_options(err))
        hint = f" (did you mean `{close}`?)" if close else ""
        message = f"`{got}` is not a valid value for `{name}`{hint}; use {expected}"
    elif kind == "string_pattern_mismatch":
        message = _pattern_message(name, err["input"], err["ctx"]["pattern"], on_key)
    elif kind in ("greater_than_equal", "less_than_equal"):
        message = _range_message(name, err["input"], loc, err.get("ctx", {}).get("le"))
    elif kind == "date_impossible":
        code = "PK109"
        message = (
            f"`{err['input']}` is not a real date ({err['ctx']['reason']}); "
            "use an existing date as YYYY-MM-DD"
        )
    elif kind == "date_type" and isinstance(err["input"], str):
        code = "PK112"
        message = f"`{name}` should be a date written as YYYY-MM-DD, not {_describe(err['input'])}"
        message += _date_hint(err["input"])
    elif kind.endswith("_type") or kind in ("model_attributes_type", "dict_type", "list_type"):
        code = "PK112"
        message = f"`{name}` should be {_expected(kind)}, not {_describe(err['input'])}"
    else:
        message = f"`{name}`: {err['msg']}"
    if kind != "extra_forbidden" and (told := traps.split_in_list(doc.root, doc.text, loc)):
        message = f"{message}: {told}"  # a comma or colon in unquoted text made this error
    return Finding(path, line, col, code, Severity.ERROR, message, field_path(loc))


# Words people write for a value the format spells differently.
_SYNONYMS = {
    "biweekly": "fortnightly", "bi-weekly": "fortnightly", "every two weeks": "fortnightly",
    "semi-annual": "half-yearly", "semiannual": "half-yearly", "biannual": "half-yearly",
    "six-monthly": "half-yearly", "twice a year": "half-yearly", "annual": "yearly",
    "annually": "yearly", "every year": "yearly", "every month": "monthly",
    "every quarter": "quarterly", "every week": "weekly", "completed": "done",
    "finished": "done", "ongoing": "in-progress", "in progress": "in-progress",
    "cancelled": "dropped", "canceled": "dropped", "overdue": "late",
}  # fmt: skip


def _closest(value: str, options: list[str]) -> str | None:
    """The option meant: a known synonym, the same word in other case, or the nearest."""
    key = value.strip().lower()
    if _SYNONYMS.get(key) in options:
        return _SYNONYMS[key]
    if key in options:
        return key
    close = difflib.get_close_matches(key, options, n=1)
    return close[0] if close else None


def _literal_options(err: Any) -> list[str]:
    return [part.strip(" '") for part in err["ctx"]["expected"].replace(" or ", ",").split(",")]


def _suggest(name: str, parent: Loc) -> str:
    fields = _fields_at(parent)
    close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    if close:
        return f" (did you mean `{close[0]}`?)"
    if fields:
        return "; expected one of: " + ", ".join(f"`{f}`" for f in fields)
    return ""


def _fields_at(loc: Loc) -> list[str]:
    """The keys a model accepts at a location, found by walking the model types."""
    model: Any = Partnership
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        info = _keys(model).get(part)
        if info is None:
            return []
        model = _inner_model(info.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(_keys(model))
    return []


def _keys(model: type[BaseModel]) -> dict[str, Any]:
    """The keys a file writes for a model's fields (`for`, not the field name `for_`)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _pattern_message(name: str, value: Any, pattern: str, on_key: bool) -> str:
    if "@" in pattern:
        return f"`{value}` is not an email address"
    if "A-Z" in pattern:
        return f"`{value}` is not a currency code; use three capital letters such as USD or EUR"
    what = "partner id" if on_key else f"`{name}`"
    slug = "-".join("".join(c if c.isalnum() else " " for c in str(value).lower()).split())
    hint = f", such as `{slug}`" if slug else ""
    return f"`{value}` is not a valid {what}: use lowercase letters, digits and hyphens{hint}"


def _range_message(name: str, value: Any, loc: Loc, most: Any = None) -> str:
    if any(part in ("ratings", "partner_ratings") for part in loc if isinstance(part, str)):
        return f"rating `{value}` for {name} is out of range; rate from 1 (weak) to 5 (strong)"
    if most is not None:  # above the field's maximum (`less_than_equal`)
        limit = int(most) if float(most).is_integer() else most
        return f"`{name}` must be at most {limit}, got `{value}`"
    return f"`{name}` must not be negative, got `{value}`"


def _expected(kind: str) -> str:
    base = kind.removesuffix("_type").removesuffix("_attributes")
    return {
        "string": "text",
        "int": "a whole number",
        "float": "a number",
        "date": "a date written as YYYY-MM-DD",
        "model": "a mapping of keys",
        "dict": "a mapping of keys",
        "list": "a list",
        "bool": "`true` or `false`",
    }.get(base, base)


def _date_hint(text: str) -> str:
    """`2026-10-1` → ` (write `2026-10-01`)`: a date with a one-digit month or day."""
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        padded = f"{parts[0]}-{int(parts[1]):02d}-{int(parts[2]):02d}"
        return f" (write `{padded}`)"
    return ""


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (true/false)"
    if isinstance(value, int | float):
        return f"the number `{value}` (quote it if it is text)"
    if isinstance(value, dt.datetime):
        return f"a date and time `{value.isoformat()}`"
    if isinstance(value, dt.date):
        return f"the date `{value.isoformat()}` (quote it if it is text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    return f"the text `{text[:40]}{'…' if len(text) > 40 else ''}`"


def _repeated(ids: list[str]) -> tuple[set[str], list[int]]:
    """The ids, and the index of each one that repeats an earlier one."""
    seen: set[str] = set()
    twice: list[int] = []
    for i, pid in enumerate(ids):
        if pid in seen:
            twice.append(i)
        seen.add(pid)
    return seen, twice


def consistency(model: Partnership, doc: Document, path: str) -> Iterator[Finding]:
    """References and consistency inside one file (PK2xx)."""

    def at(loc: Loc, code: str, message: str, *, key: bool = False) -> Finding:
        line, col = locate(doc.root, loc)[:2] if key else value_position(doc.root, loc)
        return Finding(path, line, col, code, Severity.ERROR, message, field_path(loc))

    ids = model.partner_ids()
    seen, twice = _repeated(ids)
    for n, i in enumerate(twice[: MAX_SAME_PROBLEM + 1]):
        message = f"partner id `{ids[i]}` is used twice; ids must be unique"
        if n == MAX_SAME_PROBLEM:
            message = more_like_this(len(twice) - MAX_SAME_PROBLEM)
        yield at(("partners", i, "id"), "PK202", message)
    known = ", ".join(f"`{p}`" for p in ids[:10]) + (" …" if len(ids) > 10 else "")
    unknown = [(loc, value, key) for loc, value, key in _references(model) if value not in seen]
    for loc, value, key in unknown[:MAX_SAME_PROBLEM]:  # the rest counted, not matched
        close = difflib.get_close_matches(value, ids, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"use one of {known}"
        message = f"`{value}` is not a partner of this partnership; {hint}"
        yield at(loc, "PK201", message, key=key)
    if len(unknown) > MAX_SAME_PROBLEM:
        message = more_like_this(len(unknown) - MAX_SAME_PROBLEM)
        yield at(unknown[MAX_SAME_PROBLEM][0], "PK201", message)
    if model.period and model.period.end and model.period.end < model.period.start:
        yield at(
            ("period", "end"),
            "PK204",
            f"the period ends ({model.period.end}) before it starts ({model.period.start})",
        )


def _references(model: Partnership) -> Iterator[tuple[Loc, str, bool]]:
    """Every partner reference in the file: where, the id it names, whether it is a key."""
    for i, cost in enumerate(model.costs):
        if cost.borne_by is not None:
            yield ("costs", i, "borne_by"), cost.borne_by, False
    for i, c in enumerate(model.success.criteria if model.success else []):
        for j, b in enumerate(c.benefits):
            if b.accrues_to is not None:
                yield ("success", "criteria", i, "benefits", j, "accrues_to"), b.accrues_to, False
    for i, exp in enumerate(model.expectations):
        if exp.owner is not None:
            yield ("expectations", i, "owner"), exp.owner, False
    for key in model.decisions.independent if model.decisions else {}:
        yield ("decisions", "independent", key), key, True
    for role in ("manager", "sponsor") if model.governance else ():
        steward = getattr(model.governance, role)
        if steward is not None and steward.partner is not None:
            yield ("governance", role, "partner"), steward.partner, False
    for i, review in enumerate(model.reviews.history if model.reviews else []):
        for key in review.partner_ratings:
            yield ("reviews", "history", i, "partner_ratings", key), key, True
    if model.terms:
        for i, pay in enumerate(model.terms.payments):
            for role in ("payer", "payee"):
                if getattr(pay, role) is not None:
                    yield ("terms", "payments", i, role), getattr(pay, role), False
        ip = model.terms.intellectual_property
        if ip is not None and ip.owner is not None and ip.owner not in ("joint", "each"):
            yield ("terms", "intellectual_property", "owner"), ip.owner, False
    for i, amendment in enumerate(model.amendments):
        for key in amendment.signed:
            yield ("amendments", i, "signed", key), key, True

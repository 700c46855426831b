"""The filters document templates use: words, numbers, dates and escapes as partners read them.

Each is a plain function of what a template passes it, so it is tested on its own;
`FILTERS` is the table `templates.environment` gives Jinja, by the name templates use.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from partnerkit.check.ratings import rating_text
from partnerkit.format.thresholds import health_level
from partnerkit.judge.selection import break_even_text, sensitivity_text
from partnerkit.support.sanitize import markdown, markdown_code, markdown_message
from partnerkit.support.trends import sparkline, svg_sparkline
from partnerkit.support.words import long_dates, short_date, status_words, with_unit


def article(word: Any) -> str:
    """`internal` → `an internal`, `community` → `a community`."""
    text = str(word)
    return ("an " if text[:1].lower() in "aeiou" else "a ") + text


def and_join(items: Any, last: str = "and") -> str:
    """[A, B, C] → `A, B and C`: four partners read as four, not five; with semicolons
    when a name holds a comma (`Harbor Community College, Early Childhood Department`)."""
    names = [str(x) for x in items]
    if len(names) <= 2:
        return f" {last} ".join(names)
    if any("," in x for x in names):
        return "; ".join(names[:-1]) + f"; {last} " + names[-1]
    return ", ".join(names[:-1]) + f" {last} " + names[-1]


def inline_items(items: Any) -> str:
    """[X, Y, Z] → `(a) X; (b) Y; and (c) Z`, as clauses list things inline."""
    texts = [str(x).rstrip(".;") for x in items]
    if len(texts) == 1:
        return texts[0]
    marks = [f"({chr(97 + i)}) " if i < 26 else f"({i + 1}) " for i in range(len(texts))]
    parts = [m + x for m, x in zip(marks, texts, strict=True)]
    return "; ".join(parts[:-1]) + "; and " + parts[-1]


def role_phrase(role: Any) -> str:
    """How a party takes part: `the lead partner`, `a provider`, `an advisor`."""
    return "the lead partner" if role == "lead" else article(role)


_CODE_ASIDE = re.compile(r"\s*\(`[^`]*`\)")
_CODE = re.compile(r"`([^`]*)`")


def plain_words(text: Any) -> str:
    """Advice without the file's key names: `(`changes.amendment`)` asides dropped, other
    quoted keys turned into words, for documents partners read."""
    out = _CODE_ASIDE.sub("", str(text))
    return _CODE.sub(lambda m: re.sub(r"[._\[\]]+", " ", m.group(1)).strip(), out)


def money(amount: Any, currency: Any = None) -> str:
    """`USD 24,000`; without a currency the amount says so rather than floating alone."""
    if amount is None:
        return ""
    shown = num(amount)
    return f"{currency} {shown}" if currency else f"{shown} (currency not stated)"


def _sparkline(values: Any, lo: float | None = 1, hi: float | None = 5) -> str:
    return sparkline(list(values), lo, hi)


def _sparksvg(values: Any, lo: float | None = 1, hi: float | None = 5, label: str = "trend") -> Any:
    return svg_sparkline(list(values), lo, hi, label=label)


def longdate(value: Any) -> str:
    """2026-01-15 → 15 January 2026."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return "" if value is None else str(value)


def num(value: Any) -> str:
    """24000.0 → 24,000; 9.5 → 9.5."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def css_string(value: Any) -> Any:
    """A quoted CSS string with everything but plain characters escaped (safe in <style>)."""
    from markupsafe import Markup

    out = "".join(c if c.isalnum() or c in " .-_/·" else f"\\{ord(c):x} " for c in str(value))
    return Markup(f'"{out}"')


def ticks(value: Any) -> Any:
    """HTML-escape text, then show `backticked` names as code (messages quote keys that way)."""
    from markupsafe import Markup, escape

    escaped = str(escape(str(value)))
    return Markup(re.sub(r"`([^`<>]+)`", r"<code>\1</code>", escaped))


def pct(value: Any) -> str:
    return f"{float(value):.0f}"


FILTERS: dict[str, Any] = {
    "longdate": longdate,
    "rating": rating_text,
    "num": num,
    "md": markdown,
    "mdcode": markdown_code,
    "mdmsg": markdown_message,
    "pct": pct,
    "title_c": lambda c: str(c).title(),
    "css_string": css_string,
    "ticks": ticks,
    "sparkline": _sparkline,
    "sparksvg": _sparksvg,
    "sensitivity": sensitivity_text,
    "break_even": break_even_text,
    "health_level": health_level,
    "article": article,
    "andjoin": and_join,
    "items": inline_items,
    "role_phrase": role_phrase,
    "plain": plain_words,
    "money": money,
    "longdates": long_dates,
    "shortdate": short_date,
    "withunit": with_unit,
    "statuswords": status_words,
}
"""Every filter, by the name templates use (`{{ amount | money(currency) }}`)."""

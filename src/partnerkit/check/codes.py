"""Finding codes as users write them: `--select`, `--ignore`, `[severity]`, suppressions.

Two promises live here. A code or prefix that matches no rule is a usage error with
a did-you-mean, never a silent "0 errors". And file, YAML, schema and reference
errors (PK1xx, PK2xx) always count: selection, ignoring, severity overrides and
suppression comments cannot hide a file that is broken.
"""

from __future__ import annotations

import difflib
import re

from partnerkit.check.rules import all_rules
from partnerkit.support.errors import UsageError

# Lint-like codes of the PK1/PK2 areas that may be switched off like any rule.
_SWITCHABLE = frozenset({"PK116", "PK120"})
_CODE_SHAPE = re.compile(r"^PK\d{0,3}$")


def always_counts(code: str) -> bool:
    """A broken file or a broken reference: never hidden by configuration."""
    return code[:3] in ("PK1", "PK2") and code not in _SWITCHABLE


def known_codes() -> dict[str, str]:
    """Every documented code, by code, and the rule name it has."""

    return {code: r.name for code, r in all_rules().items()}


def parse_codes(values: list[str], where: str) -> list[str]:
    """`["PK4,PK5", "pk301"]` → `["PK4", "PK5", "PK301"]`; rule names become their code.

    Each item must be a code or a prefix of one (`PK3`) or a rule name; anything else
    is a `UsageError` naming `where` it was written and the nearest known code.
    """
    codes = known_codes()
    by_name = {name: code for code, name in codes.items()}
    out: list[str] = []
    for value in values:
        for item in (part.strip() for part in value.split(",")):
            if not item:
                continue
            upper = item.upper()
            if item in by_name:
                out.append(by_name[item])
            elif _CODE_SHAPE.match(upper) and any(c.startswith(upper) for c in codes):
                out.append(upper)
            else:
                raise UsageError(f"{where} {item}: {unknown_code_hint(item, codes)}")
    return out


def unknown_code_hint(item: str, codes: dict[str, str] | None = None) -> str:
    """ "no rule has this code" with the nearest code or name, and where to list them."""
    codes = codes or known_codes()
    upper = item.upper()
    # Letters typed for digits (PK4O2, PKl01) first, then the nearest spelling.
    digits = upper[:2] + upper[2:].translate(str.maketrans("OIL", "011"))
    close = [digits] if digits in codes else []
    close = close or difflib.get_close_matches(upper, list(codes), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(item, list(codes.values()), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"no rule has this code or prefix{hint}; `partnerkit rules` lists them"

"""What the wording of every clause shares: which terms are legal, the partners' short
names, the numbers by which one clause cites another, lists and sentences in plain words.

Clause numbers that one clause cites in another (`clause 9.2`) are computed from the
same section order the templates follow.
"""

from __future__ import annotations

import re

from partnerkit.format.model import Partner, Partnership
from partnerkit.format.standard import of_partnership

# The legal terms the agreement prints, in the order its "Legal terms" section lists them.
LEGAL_TERMS = (
    ("confidentiality", "Confidentiality"),
    ("data_protection", "Personal data"),
    ("intellectual_property", "Intellectual property"),
    ("publicity", "Publicity"),
    ("liability", "Liability"),
    ("insurance", "Insurance"),
)
# Terms that still bind partners whose agreement otherwise records intent only.
ALWAYS_BINDING = ("confidentiality", "data_protection")
# Documents that partners' own wording names and the agreement must incorporate.
NAMED_DOCUMENT = re.compile(
    r"(?:\b(?:the\s+)?(?P<owner>[A-Za-z][\w-]*'s)\s+)?"
    r"\b(?P<doc>business associate agreement|statement of work|"
    r"data (?:sharing|processing) agreement|"
    r"master services agreement|service level agreement|purchase order|"
    r"standard (?:contract|service|purchasing) terms|code of conduct)s?\b",
    re.I,
)
_LAW_WORDS = ("Act", "Regulation", "Directive", "Code", "Rule", "Statute")


def legal(p: Partnership) -> bool:
    """Organisations sign agreements; teams of one organisation agree a working charter."""
    return p.kind != "internal"


def binding(p: Partnership) -> bool | None:
    return p.terms.binding if p.terms else None


def terms_list_what_binds(p: Partnership) -> bool:
    """The Standard Terms themselves list the clauses that bind a non-binding agreement
    (and have the Governing Law govern all of it): the cover page must not narrow them."""
    st = of_partnership(p)
    return st is not None and any(
        c.key == "legal_effect" and "only these clauses bind" in c.text
        for s in st.sections
        for c in s.clauses
    )


def short_name(x: Partner, wording: str = "") -> str:
    """The name the agreement defines for a party: the first word of its name when the
    partners' own clauses already call it that (`Riverside owns the modules`); else the
    words its legal name and its usual name share (`Riverside Health` for Riverside Health
    System, Inc. and Riverside Health — Learning & Development); else its usual name."""
    words = x.name.split()
    first = words[0].strip(",")
    after = words[1].strip(",") if len(words) > 1 else ""
    used = (
        re.search(rf"\b{re.escape(first)}\b(?!\s+{re.escape(after)})", wording) if after else None
    )
    if len(first) > 3 and first[:1].isupper() and used:
        return first
    if not x.legal_name:
        return x.name
    a, b = x.legal_name.split(), x.name.split()
    common: list[str] = []
    for u, v in zip(a, b, strict=False):
        if u.strip(",") != v.strip(","):
            break
        common.append(u.strip(","))
    return " ".join(common) if len(common) >= 2 else x.name


def short_names(p: Partnership) -> dict[str, str]:
    """Defined names by partner id; the usual names wherever two would coincide, and a
    partner's usual name where its short name begins another party's name (“Harbor
    County” beside Harbor County Head Start), which a reader could take for either."""
    text = " ".join(own_wording(p))
    short = {x.id: short_name(x, text) for x in p.partners}
    if len(set(short.values())) < len(short):
        return {x.id: x.name for x in p.partners}
    for x in p.partners:
        others = [n for y in p.partners if y.id != x.id for n in (short[y.id], y.name)]
        if short[x.id] != x.name and any(_begins(n, short[x.id]) for n in others):
            short[x.id] = x.name
    return short


def _begins(name: str, prefix: str) -> bool:
    """`prefix` is the whole of `name`'s first words."""
    a, b = name.split(), prefix.split()
    return len(a) >= len(b) and [w.strip(",") for w in a[: len(b)]] == b


def legal_keys(p: Partnership) -> list[str]:
    t = p.terms
    return [k for k, _ in LEGAL_TERMS if t and getattr(t, k)]


def refs(p: Partnership) -> dict[str, str]:
    """Numbers of the clauses other clauses cite, in the templates' section order:
    1 Background … 6 Working together, 7 Success and review, [8 Legal terms],
    then Amendment and termination, then General."""
    keys = legal_keys(p)
    amend = 8 + bool(keys)
    out = {
        "disagreements": "6.3",
        "amendment": f"{amend}.1",
        "termination": f"{amend}.2",
        "notices": f"{amend + 1}.1",
    }
    out.update({k: f"8.{i + 1}" for i, k in enumerate(keys)})
    return out


def titled_refs(p: Partnership, keys: list[str]) -> str:
    """`clauses 8.1 (Confidentiality) and 8.2 (Personal data)`."""
    r, titles = refs(p), dict(LEGAL_TERMS)
    parts = [f"{r[k]} ({titles[k]})" for k in keys]
    return ("clause " if len(parts) == 1 else "clauses ") + join_and(parts)


def join_and(items: list[str]) -> str:
    """`A, B and C`; with semicolons when an item holds a comma, so names stay whole."""
    if len(items) == 2 and " and " in items[0]:
        return f"{items[0]}; and {items[1]}"
    if len(items) <= 2:
        return " and ".join(items)
    if any("," in x or " and " in x for x in items):  # items that hold `and` stay whole
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


_TITLE_PAIR = re.compile(r"(?:and|or|&)\s+[A-Z]")  # `Dean and Chief …`: one title of two


def lower_first(text: str, names: list[str]) -> str:
    """`Capped at ten days` → `capped at ten days` mid-sentence; names and acronyms kept."""
    first, _, rest = text.partition(" ")
    proper = {w for n in names for w in n.split()}
    named = rest.split(" ", 1)[0].removesuffix("'s") in proper  # `Which Cornerstone coach`
    if (rest[:1].isupper() and not named) or _TITLE_PAIR.match(rest):
        return text  # `Assistant Superintendent…`, `Dean and Chief Nursing Officer…`: titles
    titled = first == "A" or (len(first) > 1 and first[0].isupper() and first[1:].islower())
    if titled and first not in proper:
        return first[0].lower() + text[1:]
    return text


def sentence(text: str) -> str:
    """Partner-written text as a sentence: capital first letter, closing full stop."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def law_phrase(law: str) -> str:
    """`Oregon Student Information Protection Act` takes `the`; `FERPA` does not."""
    words = law.split()
    if len(words) > 1 and words[-1] in _LAW_WORDS and words[0].lower() != "the":
        return "the " + law
    return law


def binding_clauses(p: Partnership) -> list[str]:
    """Legal terms that bind even when the agreement otherwise records intent."""
    return [k for k in legal_keys(p) if k in ALWAYS_BINDING]


def own_wording(p: Partnership) -> list[str]:
    """The clauses the partners wrote themselves: terms, changes, costs, escalation."""
    texts: list[str] = []
    t, ch = p.terms, p.changes
    if t:
        dp, ip = t.data_protection, t.intellectual_property
        texts += [t.confidentiality or "", t.publicity or "", t.liability or "", *t.insurance]
        texts += [dp.summary or "" if dp else "", ip.summary or "" if ip else ""]
        texts += [x.note or "" for x in t.payments]
    if ch:
        texts += [ch.amendment or "", ch.termination.procedure or "" if ch.termination else ""]
    texts += [c.note or "" for c in p.costs] + [e.note or "" for e in p.expectations]
    texts += p.disagreements.steps if p.disagreements else []
    return texts


def named_documents(p: Partnership) -> list[str]:
    """Documents the partners' own wording refers to (`the business associate agreement`)."""
    found: list[str] = []
    for text in own_wording(p):
        for m in NAMED_DOCUMENT.finditer(text):
            owner = m.group("owner")
            name = f"{owner} " if owner else "the "
            name += m.group("doc").lower()
            if name not in found:
                found.append(name)
    return found

"""The sentences of each clause whose wording depends on the partnership.

Written for the reader of an agreement, a partner's counsel: one rule per clause, the
partners' own wording presented as the procedure or the detail under that rule, defined
names used throughout, and clauses that cite each other by number.
"""

from __future__ import annotations

import re
from typing import Any

from partnerkit.documents.phrasing import (
    binding,
    binding_clauses,
    join_and,
    law_phrase,
    legal,
    legal_keys,
    lower_first,
    named_documents,
    refs,
    sentence,
    short_names,
    terms_list_what_binds,
    titled_refs,
)
from partnerkit.format.model import Partnership

_NOTICE = re.compile(r"\bnotice\b", re.I)


def agreement_wording(p: Partnership) -> dict[str, Any]:
    noun = "agreement" if legal(p) else "charter"
    return {
        "legal": legal(p),
        "noun": noun,
        "short": short_names(p),
        "refs": refs(p),
        "term": term(p),
        "amendment": amendment(p),
        "termination": termination(p),
        "management": management(p),
        "data": data_protection(p),
        "ip": intellectual_property(p),
        "costs_unpriced": unpriced_costs(p),
        "success_note": success_note(p),
        "legal_effect": legal_effect(p),
        "survival": survival(p),
        "governing_law": governing_law(p),
        "entire": entire_agreement(p),
        "signing": signing_intro(p),
        "notices": notices(p),
        **working_together(p),
    }


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _start(p: Partnership) -> Any:
    t = p.terms
    return t.effective if t and t.effective else (p.period.start if p.period else None)


def _date(d: Any) -> str:
    return f"{d.day} {d:%B %Y}"


def term(p: Partnership) -> str:
    """When the agreement takes effect and runs: the effective date the partners agreed;
    without one, the date is to be agreed (the DRAFT's open point says so too) and the
    period is what the partnership plans."""
    noun = "agreement" if legal(p) else "charter"
    start, end = _start(p), p.period.end if p.period else None
    if not (p.terms and p.terms.effective) and p.period:
        plan = f"The partnership is planned to run from {_date(p.period.start)}"
        plan += f" until {_date(end)}." if end else "."
        return f"The date this {noun} takes effect is to be agreed. {plan}"
    first = (
        f"This {noun} takes effect on {_date(start)}"
        if start
        else f"The date this {noun} takes effect is to be agreed"
    )
    if end:
        return f"{first} and runs until {_date(end)} unless it is ended earlier under " + (
            f"clause {refs(p)['termination']}."
        )
    return first + (" and has no fixed end date." if start else ".")


def amendment(p: Partnership) -> str:
    """One rule for changes; the partners' own text is how a change is prepared."""
    ch = p.changes
    if not legal(p):
        rule = (
            "A change to this charter has effect once it is recorded in writing and "
            "accepted by each Partner."
        )
    elif binding(p) is False:
        rule = (
            "A change to this agreement is made only by a written amendment signed for "
            "each Partner."
        )
    else:
        rule = (
            "A change to this agreement takes effect only when it is set out in a written "
            "amendment signed for each Partner by its authorised signatory."
        )
    if ch and ch.amendment:
        return f"{rule} The Partners prepare a change as follows: {sentence(ch.amendment)}"
    return rule


def _without_notice(text: str) -> str:
    """The partners' termination text without its own notice sentence (clause says it)."""
    kept: list[str] = []
    for part in re.split(r"(?<=[.;])\s+", " ".join(text.split())):
        if not _NOTICE.search(part):
            kept.append(part)
    out = " ".join(kept).strip()
    out = re.sub(r";$", ".", out)
    return sentence(out) if out else ""


def termination(p: Partnership) -> str:
    ch = p.changes
    tm = ch.termination if ch else None
    if tm is None:
        return "How a Partner may leave the partnership is to be agreed."
    two = len(p.partners) == 2
    rule = ""
    if tm.notice_days is not None:
        days = f"{tm.notice_days} days' written notice"
        if not legal(p):
            who = "Either Partner" if two else "Any Partner"
            rule = f"{who} may leave this charter on {days} to the other Partners' spokespeople."
        elif two:
            rule = (
                f"Either Partner may terminate this agreement on {days} to the other, given "
                f"under clause {refs(p)['notices']}."
            )
        else:
            rule = (
                f"Any Partner may withdraw from this agreement on {days} to the other "
                f"Partners, given under clause {refs(p)['notices']}."
            )
    detail = tm.procedure or ""
    detail = _without_notice(detail) if rule else sentence(detail)
    if detail:
        lead = "On termination" if two or not legal(p) else "When a Partner withdraws"
        detail = f"{lead}: {detail}" if rule else detail
    return " ".join(x for x in (rule, detail) if x) or "How a Partner may leave is to be agreed."


def management(p: Partnership) -> str:
    g, short = p.governance, short_names(p)

    def of(pid: str | None) -> str:
        return f" of {short.get(pid, pid)}" if pid else ""

    if not g or not (g.manager or g.sponsor):
        return "Who manages and who sponsors the partnership is to be agreed."
    out = []
    if g.manager:
        out.append(f"{g.manager.name}{of(g.manager.partner)} manages the partnership day to day.")
    if g.sponsor:
        out.append(f"{g.sponsor.name}{of(g.sponsor.partner)} sponsors it.")
    if p.disagreements and p.disagreements.steps:
        out.append(
            "A matter the manager cannot settle goes through the disagreement steps in "
            f"clause {refs(p)['disagreements']}."
        )
    else:
        out.append("A matter the manager cannot settle is decided by the Partners together.")
    return " ".join(out)


def data_protection(p: Partnership) -> str:
    dp = p.terms.data_protection if p.terms else None
    if dp is None:
        return ""
    noun = "agreement" if legal(p) else "charter"
    first = ""
    if dp.personal_data:
        first = f"Personal data passes between the Partners under this {noun}"
        if dp.laws:
            laws = join_and([law_phrase(x) for x in dp.laws])
            verb = "requires" if len(dp.laws) == 1 else "require"
            first += f", and each Partner handles it as {laws} {verb}"
        first += "."
    elif dp.personal_data is False:
        first = f"No personal data passes between the Partners under this {noun}."
    return " ".join(x for x in (first, sentence(dp.summary or "")) if x)


def intellectual_property(p: Partnership) -> str:
    """The partners' own ownership wording when they wrote it; a default sentence only
    when they named an owner and nothing else."""
    ip = p.terms.intellectual_property if p.terms else None
    if ip is None:
        return ""
    if ip.summary:
        return sentence(ip.summary)
    if ip.owner == "joint":
        return (
            "The Partners jointly own what they make together under this agreement, and "
            "each may use and adapt it for its own training without the others' consent."
        )
    if ip.owner == "each":
        return (
            "Each Partner keeps ownership of what it brings and of what it makes alone; "
            "what the Partners make together is owned by them jointly."
        )
    if ip.owner:
        owner = short_names(p).get(ip.owner, ip.owner)
        return f"What is made under this agreement belongs to {owner}."
    return ""


def unpriced_costs(p: Partnership) -> list[str]:
    """Costs without an amount: in-kind costs each partner bears, and costs that may
    arise; each with its note (a cap or a condition is part of the deal)."""
    short = short_names(p)
    names = [*short.values(), *(x.name for x in p.partners)]
    kinds: dict[str, list[str]] = {"intangible": [], "possible": []}
    for c in p.costs:
        if c.amount is not None or c.type not in kinds:
            continue
        who = f", borne by {short.get(c.borne_by, c.borne_by)}" if c.borne_by else ""
        note = f" ({lower_first(c.note.rstrip('.'), names)})" if c.note else ""
        kinds[c.type].append(f"{c.item}{who}{note}")
    out = []
    if kinds["intangible"]:
        out.append(
            "Each Partner bears its own time and in-kind contributions, which carry no "
            f"agreed amount: {'; '.join(kinds['intangible'])}."
        )
    if kinds["possible"]:
        out.append(
            f"These costs may arise and carry no agreed amount: {'; '.join(kinds['possible'])}."
        )
    return out


def success_note(p: Partnership) -> str:
    if legal(p) and binding(p) and p.success and p.success.criteria:
        return (
            "The criteria are aims the Partners share; missing one is not a breach of this "
            "agreement."
        )
    return ""


def legal_effect(p: Partnership) -> str:
    b = binding(p)
    if not legal(p):
        return ""
    if b:
        return "This agreement is legally binding on the Partners once each of them has signed it."
    if b is None:
        return "Whether this agreement is legally binding is still to be agreed."
    keys = binding_clauses(p)
    rest = (
        "records what the Partners intend and how they mean to work together. It creates no "
        "other legal obligations, and no Partner may enforce it against another."
    )
    if terms_list_what_binds(p):
        listed = "the clauses the Standard Terms list as binding"
        cited = f"{titled_refs(p, keys)}, and {listed}," if keys else listed
        return f"{_upper(cited)} bind each Partner once it has signed this agreement. " + (
            f"The rest of it {rest}"
        )
    if not keys:
        return "This agreement " + rest.replace("no other", "no")
    cited = _upper(titled_refs(p, keys))
    return f"{cited} bind each Partner once it has signed this agreement. The rest of it {rest}"


def survival(p: Partnership) -> str:
    if not legal(p) or binding(p) is None:
        return ""
    keys = [
        k
        for k in legal_keys(p)
        if k in ("confidentiality", "data_protection", "intellectual_property")
    ]
    if binding(p) is False:
        keys = binding_clauses(p)
        if not keys:
            return ""
        cited = _upper(titled_refs(p, keys))
        return f"{cited} continue to bind a Partner after it leaves or the partnership ends."
    what = "Payment for work done before this agreement ends"
    if keys:
        return f"{what}, and {titled_refs(p, keys)}, survive its expiry or termination."
    return f"{what} survives its expiry or termination."


def governing_law(p: Partnership) -> str:
    t = p.terms
    if not legal(p) or not t or not t.governing_law:
        return ""
    law = t.governing_law
    first = law.split(" ")[0]
    the = (
        "the "
        if first in ("State", "Commonwealth", "Province", "Republic", "Kingdom", "District")
        else ""
    )
    if binding(p) is False and not terms_list_what_binds(p):
        keys = binding_clauses(p)
        if not keys:
            return ""
        return f"{_upper(titled_refs(p, keys))} are governed by the law of {the}{law}."
    return f"This agreement is governed by the law of {the}{law}."


def entire_agreement(p: Partnership) -> str:
    """Only for agreements that bind: the named documents form part of it."""
    if not legal(p) or binding(p) is False:
        return ""
    docs = named_documents(p)
    amend = f"any amendments signed under clause {refs(p)['amendment']}"
    if not docs:
        return (
            f"This agreement, with {amend}, is the whole of what the Partners have agreed about "
            "this partnership and replaces earlier discussions and drafts on the same subject."
        )
    return (
        f"This agreement, the documents it names as part of it ({join_and(docs)}) and {amend} "
        "are the whole of what the Partners have agreed about this partnership and replace "
        "earlier discussions and drafts on the same subject. Where a named document and this "
        "agreement differ, the named document prevails on the matter it was made for."
    )


def _lettered(p: Partnership, items: list[str], lead: str = "", numbers: bool = False) -> str:
    """`(a) cut the time…; and (b) keep…`: lettered, lower-case mid-sentence; a list of
    several is introduced by `lead` (`these matters: `)."""
    names = [*short_names(p).values(), *(x.name for x in p.partners)]
    texts = [lower_first(x.rstrip(".;"), names) for x in items]
    if len(texts) <= 1:
        return texts[0] if texts else ""
    marks = [
        f"({i + 1}) " if numbers or i >= 26 else f"({chr(97 + i)}) " for i in range(len(texts))
    ]
    parts = [m + x for m, x in zip(marks, texts, strict=True)]
    return lead + "; ".join(parts[:-1]) + ("; " if numbers else "; and ") + parts[-1]


def working_together(p: Partnership) -> dict[str, str]:
    """Recitals, decisions and communication, with the partners' lists run into sentences."""
    v, d, cm = p.value, p.decisions, p.communication
    short = short_names(p)
    decisions = []
    if d and d.joint:
        joint = _lettered(p, d.joint, "these matters: ")
        decisions.append(f"The Partners decide together on {joint}.")
    for pid, items in d.independent.items() if d else []:
        decisions.append(f"{short.get(pid, pid)} decides alone on {_lettered(p, items)}.")
    talk = ""
    if cm and (cm.meetings or cm.channels):
        said = cm.meetings and any(cm.meetings in x.lower() for x in cm.channels)
        meet = f"The Partners meet {cm.meetings}" if cm.meetings and not said else ""
        channels = _lettered(p, cm.channels, "these channels: ")
        via = f"keep in touch through {channels}" if cm.channels else ""
        talk = (f"{meet} and {via}" if meet and via else meet or "The Partners " + via) + "."
    return {
        "goals": _lettered(p, v.goals) if v and v.goals else "",
        "strategies": _lettered(p, v.strategies) if v and v.strategies else "",
        "needs": _lettered(p, v.needs) if v and v.needs else "",
        "decisions": " ".join(decisions),
        "steps": _lettered(p, p.disagreements.steps, numbers=True) if p.disagreements else "",
        "communication": talk,
    }


def notices(p: Partnership) -> str:
    short = short_names(p)
    missing = [short[x.id] for x in p.partners if not x.address]
    gap = ""
    if missing:
        verb = "has" if len(missing) == 1 else "have"
        gap = f"; {join_and(missing)} still {verb} to give one"
    return (
        "Formal notices under this agreement (of termination, non-renewal or a dispute) are "
        "given in writing and sent to each Partner at the address stated for it above"
        f"{gap}. Day-to-day matters go through the spokespeople."
    )


def signing_intro(p: Partnership) -> str:
    if not legal(p):
        return "Confirmed for each Partner by the person who leads its part in the partnership."
    if binding(p) is False:
        return "Signed for each Partner by a person with authority to sign for it."
    return "Signed for each Partner by a person with authority to commit it to this agreement."

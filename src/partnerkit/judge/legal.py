"""What an agreement of each kind needs before partners can sign it (PK420–PK429).

One place answers "does this partnership's agreement hold what its kind needs?":
the PK42x rules report each gap at its place in the file, and readiness counts the
same checks as evidence under the C they belong to. A partnership that is still
`exploring` is not judged on them; an `internal` one (teams of one organisation)
needs no legal boilerplate, only a start date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from partnerkit.format.model import Partnership
from partnerkit.judge.names import same_person

Loc = tuple[str | int, ...]

# Statuses in which the agreement is on the table or in force.
AGREEMENT_STATUSES = frozenset({"proposed", "active", "under-review", "renewing"})
# Deliverables whose names say that materials are being made.
MATERIALS = re.compile(
    r"\b(curricul\w*|modules?|materials?|courses?|guides?|toolkits?|content|scenarios?|"
    r"resources?|videos?|handbooks?|lessons?|e-?learning|templates?)\b",
    re.I,
)
# Contributions or needs that say personal data changes hands.
PERSONAL_DATA = re.compile(
    r"\b(learner|student|patient|staff|employee|personal|assessment)\s+(data|records?)\b"
    r"|\bdata\s+(from|about)\s+(the\s+)?(lms|learners|students|patients|staff)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Need:
    """One thing the agreement needs: held or not, where, and what to do."""

    code: str
    c: str  # the Six-C it is evidence for
    name: str  # evidence name in the readiness breakdown
    held: bool
    loc: Loc
    message: str  # the finding, when it does not hold
    action: str  # the readiness advice


def applies(p: Partnership) -> bool:
    """Agreement needs are judged once a partnership is proposed or in force."""
    return p.status in AGREEMENT_STATUSES


def legal(p: Partnership) -> bool:
    """Partnerships between organisations need the legal parts; internal ones do not."""
    return p.kind != "internal"


def binding(p: Partnership) -> bool:
    return bool(p.terms and p.terms.binding)


# Kinds whose agreement is a contract unless the file says it is not.
CONTRACT_KINDS = ("vendor", "school")


def contract(p: Partnership) -> bool:
    """Binding, or unstated for a kind that is a contract by nature."""
    b = p.terms.binding if p.terms else None
    return bool(b) or (b is None and p.kind in CONTRACT_KINDS)


def personal_data(p: Partnership) -> bool:
    """Personal data changes hands: the file says so, or (unless it says not) the
    partnership places people in schools, where student records are always near."""
    dp = p.terms.data_protection if p.terms else None
    if dp is not None and dp.personal_data is not None:
        return dp.personal_data
    return p.kind == "school"


def needs(p: Partnership) -> Iterator[Need]:
    """Every agreement need of the partnership, held or not (nothing when exploring)."""
    if not applies(p):
        return
    t = p.terms
    terms_loc: Loc = ("terms",) if t else ()
    if legal(p):
        yield from _parties(p)
    yield Need(
        "PK424", "commitment", "an effective date", bool(t and t.effective), terms_loc,
        "the agreement has no effective date: set `terms.effective`",
        "set the date the agreement takes effect (`terms.effective`)",
    )  # fmt: skip
    if not legal(p):
        return
    yield from _data_protection(p)
    yield from _intellectual_property(p)
    yield from _binding(p, terms_loc)


def _parties(p: Partnership) -> Iterator[Need]:
    """Each party's legal name, notice address and signatory, and who signed (PK420–PK423)."""
    for i, x in enumerate(p.partners):
        yield Need(
            "PK420", "commitment", f"{x.name}: legal name", bool(x.legal_name), ("partners", i),
            f"{x.name} has no `legal_name`: the agreement must name the legal entity "
            "that is the party",
            f"give {x.name} its `legal_name`",
        )  # fmt: skip
    for i, x in enumerate(p.partners):
        yield Need(
            "PK421", "communication", f"{x.name}: notice address", bool(x.address),
            ("partners", i),
            f"{x.name} has no `address`: formal notices under the agreement have "
            "nowhere to go",
            f"give {x.name} the `address` where formal notices go",
        )  # fmt: skip
    for i, x in enumerate(p.partners):
        yield Need(
            "PK422", "commitment", f"{x.name}: authorised signatory", bool(x.signatory),
            ("partners", i),
            f"{x.name} has no `signatory`: name the person authorised to commit it "
            "(often not the spokesperson)",
            f"name the person who may sign for {x.name} (`signatory`)",
        )  # fmt: skip
    for i, x in enumerate(p.partners):
        if x.signed and x.signatory:
            same = same_person(x.signed.by, x.signatory.name)
            yield Need(
                "PK423", "commitment", f"{x.name}: signed by its signatory", same,
                ("partners", i, "signed", "by"),
                f"{x.name}'s agreement was signed by {x.signed.by}, not by its named "
                f"signatory {x.signatory.name}: confirm their authority or correct "
                "`signatory`",
                f"have {x.name}'s signatory sign, or correct `signatory`",
            )  # fmt: skip


def _binding(p: Partnership, terms_loc: Loc) -> Iterator[Need]:
    """Governing law, whether it binds, liability and insurance (PK427–PK429)."""
    t = p.terms
    if binding(p):
        assert t is not None
        yield Need(
            "PK427", "clarity", "governing law", bool(t.governing_law), ("terms", "binding"),
            "the agreement binds the partners but names no governing law: set "
            "`terms.governing_law`",
            "name the law that governs the agreement (`terms.governing_law`)",
        )  # fmt: skip
    stated = bool(t and t.binding is not None)
    yield Need(
        "PK428", "clarity", "whether the agreement binds", stated, terms_loc,
        "the file does not say whether the agreement is legally binding: set "
        "`terms.binding` (false for an MOU that records intent)",
        "say whether the agreement binds (`terms.binding`)",
    )  # fmt: skip
    if contract(p) and p.kind in CONTRACT_KINDS:
        liability, insurance = (t.liability, t.insurance) if t else (None, [])
        covered = bool(liability and insurance)
        lacking = " and ".join(
            k for k, v in (("`terms.liability`", liability), ("`terms.insurance`", insurance))
            if not v
        )  # fmt: skip
        yield Need(
            "PK429", "clarity", "liability and insurance", covered,
            ("terms", "binding") if t and t.binding is not None else terms_loc,
            f"a {p.kind} agreement whose people work on the other's premises needs "
            f"{lacking or 'liability and insurance'}",
            "say who answers for what goes wrong and what insurance is held "
            "(`terms.liability`, `terms.insurance`)",
        )  # fmt: skip


def _data_protection(p: Partnership) -> Iterator[Need]:
    t = p.terms
    dp = t.data_protection if t else None
    if dp and dp.personal_data:
        lacking = [k for k in ("laws", "summary") if not getattr(dp, k)]
        yield Need(
            "PK425", "clarity", "data protection", not lacking,
            ("terms", "data_protection", "personal_data"),
            "personal data changes hands but the data clause has no "
            + " and no ".join(f"`{k}`" for k in lacking)
            + ": say which laws apply and how the data is used, kept and deleted",
            "complete the data protection clause (`terms.data_protection`)",
        )  # fmt: skip
        return
    if dp is not None and dp.personal_data is False:
        return
    if dp is None and p.kind == "school":
        yield Need(
            "PK425", "clarity", "data protection", False, ("kind",),
            "a placement in schools or clinics brings student or patient records near and "
            "the agreement has no data protection clause: add `terms.data_protection` "
            "(or `personal_data: false` if none changes hands)",
            "say how personal data is protected (`terms.data_protection`)",
        )  # fmt: skip
        return
    for i, x in enumerate(p.partners):
        for j, item in enumerate(x.contributes):
            if PERSONAL_DATA.search(item):
                yield Need(
                    "PK425", "clarity", "data protection", False, ("partners", i, "contributes", j),
                    f"{x.name} contributes `{item}`, which looks like personal data, and the "
                    "agreement has no data protection clause: add `terms.data_protection`",
                    "say how personal data is protected (`terms.data_protection`)",
                )  # fmt: skip
                return


def _intellectual_property(p: Partnership) -> Iterator[Need]:
    t = p.terms
    ip = t.intellectual_property if t else None
    if ip and ip.owner:
        return
    for i, e in enumerate(p.expectations):
        if MATERIALS.search(e.deliverable):
            yield Need(
                "PK426", "clarity", "ownership of materials", False, ("expectations", i),
                f"`{e.deliverable}` is material made in the partnership and the agreement "
                "does not say who owns it: set `terms.intellectual_property.owner`",
                "say who owns the materials made together (`terms.intellectual_property`)",
            )  # fmt: skip
            return

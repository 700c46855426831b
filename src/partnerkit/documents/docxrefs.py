"""Clause cross-references in Word as real references: a bookmark on each numbered clause,
and every "clause 9.2" in the text a REF field to it.

Word numbers the clauses itself (`docxstyle.number`); typed "clause 9.2" would go stale the
moment counsel inserts a clause. A REF field with `\\r` shows the paragraph number of its
bookmark, so Word updates it with the numbering. The agreement's own clauses and the
standard terms' are numbered separately: "clause 2.3(b) of the Standard Terms" and any
reference inside the standard terms point at theirs.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# A number cited as a clause: after "clause ", or in a list after "clauses ".
_CITED = re.compile(
    r"(?P<lead>\bclauses?\s+|(?<=\d)\s*(?:\([^)]*\))?(?:,\s*|\s+and\s+|\s+or\s+))"
    r"(?P<num>\d{1,2}\.\d{1,2})(?![\d.]\d)"
)
_STANDARD = re.compile(r"^(?:\([a-z]\))?\s+of\s+the\s+Standard\s+Terms", re.I)


def bookmark_name(number: str, standard: bool) -> str:
    """`_RefClause9_2`, `_RefTerms2_3`: hidden bookmarks, as Word names its own."""
    return ("_RefTerms" if standard else "_RefClause") + number.replace(".", "_")


class References:
    """Collects the numbered clauses while the document is built, then links them."""

    def __init__(self) -> None:
        self.clauses: dict[str, Any] = {}  # bookmark name → paragraph element
        self.standard: set[Any] = set()  # paragraphs inside the standard terms

    def clause(self, para: Any, number: str | None, standard: bool) -> None:
        """Note a paragraph as built: its clause number, if it has one, and its part."""
        if standard:
            self.standard.add(para._p)
        if number is not None:
            self.clauses.setdefault(bookmark_name(number, standard), para._p)

    def link(self, body: Any) -> None:
        """Bookmark every clause that is cited, and turn the citations into REF fields."""
        cited: set[str] = set()
        for p in body.iter(qn("w:p")):
            for run in list(p.iter(qn("w:r"))):
                if run.getparent() is p:  # not inside a tracked change or a field
                    cited |= _split(run, p in self.standard, self.clauses)
        for number, name in enumerate(sorted(cited), start=9000):
            _bookmark(self.clauses[name], name, number)


def _split(run: Any, standard: bool, known: dict[str, Any]) -> set[str]:
    """Split one run at each cited clause number that has a bookmark target."""
    texts = run.findall(qn("w:t"))
    if len(texts) != 1 or "clause" not in (texts[0].text or "").lower():
        return set()
    text = texts[0].text or ""
    parts: list[tuple[str, str | None]] = []
    at, last, used = 0, -1, set()
    for m in _CITED.finditer(text):
        lead = m.group("lead").strip().lower()
        if lead not in ("clause", "clauses") and m.start() != last:
            continue  # a list goes on only straight after a cited number
        after = text[m.end() :]
        name = bookmark_name(m.group("num"), standard or bool(_STANDARD.match(after)))
        last = m.end()
        if name not in known:
            continue
        parts += [(text[at : m.start("num")], None), (m.group("num"), name)]
        at = m.end("num")
        used.add(name)
    if not used:
        return set()
    parts.append((text[at:], None))
    for shown, name in parts:
        if name is None:
            if shown:
                run.addprevious(_run(run, shown))
        else:
            for piece in _field(run, name, shown):
                run.addprevious(piece)
    run.getparent().remove(run)
    return used


def _run(model: Any, text: str | None = None) -> Any:
    """A run with the formatting of `model`, holding `text` (or nothing)."""
    r = OxmlElement("w:r")
    rpr = model.find(qn("w:rPr"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    if text is not None:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
    return r


def _field(model: Any, name: str, shown: str) -> list[Any]:
    """REF NAME \\r \\h: the clause's paragraph number, a link to it; `shown` until Word
    updates the field."""
    out = []
    for kind in ("begin", None, "separate"):
        r = _run(model)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" REF {name} \\r \\h "
            r.append(instr)
        out.append(r)
    out.append(_run(model, shown))
    end = _run(model)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end.append(char)
    out.append(end)
    return out


def _bookmark(p: Any, name: str, number: int) -> None:
    """A bookmark around the whole paragraph's content."""
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)

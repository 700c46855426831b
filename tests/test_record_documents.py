"""Every document in every format states the record's facts and nothing else.

For each state of signature and time (and `terms.binding` true, false and missing), each
document is rendered to Markdown, HTML and Word (and a few to PDF) and read as text: the
status words, the "/s/" marks, the notes under blank signature lines and the DRAFT box's
open points must be exactly those the facts give.
"""

from __future__ import annotations

import html as htmllib
import io
import re
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

from partnerkit.check.record import Record, Signed, record_for
from partnerkit.documents import render, templates
from partnerkit.format.model import Partnership
from partnerkit.judge.scoring import assess

from states import BASE, STATES, TODAY, state

DOCUMENTS = ("agreement", "mou", "checklist", "review-report", "one-pager", "assessment", "agenda")
HEADED = {"agreement", "mou", "checklist", "review-report", "one-pager", "assessment"}
SIGNED = {"agreement", "mou"}
BINDINGS = {"binding": True, "non-binding": False, "binding not stated": None}


@cache
def _env() -> object:
    return templates.environment(None)


def _facts(p: Partnership) -> Record:
    return record_for(p, TODAY, assess(p, TODAY))


def _render(p: Partnership, template: str, fmt: str) -> str:
    """The document as plain text, whatever its format."""
    a = assess(p, TODAY)
    facts = record_for(p, TODAY, a)
    meta = render.DocumentMeta("p.yaml", "0" * 64, template, fmt, facts.draft, False, None)
    variables = render.context(render.RenderInput(p, a, [], TODAY, facts), meta)
    text = render.render_text(_env(), template, fmt, variables)
    if fmt == "md":
        return re.sub(r"\\(.)", r"\1", text)
    if fmt == "html":
        return _plain_html(text)
    from docx import Document
    from docx.oxml.ns import qn

    from partnerkit.documents import docxout

    data = docxout.from_html(text, meta, p.title, when=TODAY)
    body = Document(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in x.iter(qn("w:t"))) for x in body.iter(qn("w:p")))


def _plain_html(text: str) -> str:
    text = re.sub(r"<(style|script)\b.*?</\1>", "", text, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", text))


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


CASES = [
    (name, binding, template, fmt)
    for name in STATES
    for binding in BINDINGS
    for template in DOCUMENTS
    for fmt in ("md", "html", "docx")
    if fmt != "docx" or template in SIGNED or binding == "binding"
]


@pytest.mark.parametrize(("name", "binding", "template", "fmt"), CASES)
def test_each_document_states_the_facts(name: str, binding: str, template: str, fmt: str) -> None:
    p = state(name, BINDINGS[binding])
    facts = _facts(p)
    text = _squash(_render(p, template, fmt))
    if template in HEADED:
        assert _squash(facts.status) in text
    in_force = "In force" in text.replace("In force until", "")
    assert in_force is facts.in_force or template not in HEADED
    if facts.draft and template in HEADED - {"review-report", "assessment"}:
        assert "DRAFT" in text
        for point in facts.open_points:
            assert _squash(point) in text, point
    if "DRAFT" in text:
        assert not facts.in_force and "In force" not in text
    _signatures(p, facts, template, text)


def _signatures(p: Partnership, facts: Record, template: str, text: str) -> None:
    summarises = template == "mou" and p.terms is not None and p.terms.binding is True
    if template not in SIGNED or summarises:
        assert "/s/" not in text and "Signature:" not in text
        if summarises:
            assert "This memorandum is not signed" in text
        return
    conformed = [s for s in facts.signing if s.conformed]
    assert text.count("/s/ ") == len(conformed)
    for s in facts.signing:
        assert s.signature is None or s.conformed or _squash(s.note) in text
        if s.state is Signed.CURRENT:
            assert s.signature is not None and f"/s/ {s.signature.by}" in text
    assert ("conformed copy" in text) is bool(conformed)


# The same facts, read in the words a partner's counsel would look for.
WORDS = {
    "unsigned": ("/s/ ", 0),
    "partly signed": ("/s/ ", 2),
    "every partner signed": ("/s/ ", 3),
    "signed without fingerprints": ("does not record which version", 3),
    "signed then changed": ("Signed an earlier version of the terms on 15 December 2025", 3),
    "amendment pending": ("Signed an earlier version of the terms on 15 December 2025", 2),
    "renewing after the end": ("Signed the term that ended on 30 April 2026", 3),
    "ended": ("/s/ ", 3),
}


@pytest.mark.parametrize("name", WORDS)
def test_the_agreement_says_who_signed_what_in_plain_words(name: str) -> None:
    words, count = WORDS[name]
    text = _squash(_render(state(name), "agreement", "md"))
    assert text.count(words) == count


def test_a_draft_never_gives_an_effective_date_it_calls_not_agreed() -> None:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    del data["terms"]["effective"]
    data["status"] = "proposed"
    from states import model_of

    text = _squash(_render(model_of(data), "agreement", "md"))
    assert "not yet agreed the date the agreement takes effect" in text
    assert not re.search(r"takes effect on \d", text)
    assert "The date this agreement takes effect is to be agreed." in text
    data["terms"]["binding"] = False  # the MOU is the instrument: the same holds
    for fmt in ("md", "html"):
        mou = _squash(_render(model_of(data), "mou", fmt))
        assert "not yet agreed the date the agreement takes effect" in mou
        assert not re.search(r"takes effect on \d", mou)
        assert "The date this understanding takes effect is to be agreed" in mou


PDF_STATES = ("partly signed", "renewing after the end", "every partner signed")


@pytest.mark.parametrize("name", PDF_STATES)
def test_the_pdf_states_the_same_facts(cli, tmp_path: Path, name: str) -> None:
    """PDF for a few states, read back with pdftotext (text extraction as counsel copies)."""
    p = state(name)
    source = tmp_path / "p.yaml"
    source.write_text(yaml.safe_dump(p.model_dump(mode="json", by_alias=True, exclude_none=True)))
    out = tmp_path / "a.pdf"
    r = cli("render", source, "-f", "pdf", "-o", out, "--today", TODAY.isoformat())
    if r.code == 2 and ("browser" in r.err.lower() or "chromium" in r.err.lower()):
        pytest.skip("no PDF printer here")
    assert r.code == 0, r.err
    done = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True)
    text = _squash(done.stdout)
    facts = _facts(p)
    assert _squash(facts.status) in text or facts.status.split(";")[0] in text
    assert text.count("/s/ ") == sum(s.conformed for s in facts.signing)
    if facts.draft:
        assert "DRAFT" in text and "In force" not in text


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_an_amendment_not_yet_signed_is_not_listed_as_signed(fmt: str) -> None:
    """The agreement listed every amendment under 'Amendments signed so far', the pending
    one too, as one unheaded run-on clause with no full stop."""
    text = _squash(_render(state("amendment pending"), "agreement", fmt))
    assert "signed so far" not in text
    assert "Amendments. 1 May 2026:" in text.replace("**", "")
    assert "Not yet signed by every Partner." in text


def test_the_page_number_stays_on_one_line_beside_a_long_footer() -> None:
    """A file in a deep folder pushed 'Page 4 of' and '4' onto two lines of the PDF footer."""
    weasyprint = pytest.importorskip("weasyprint")
    from states import model_of

    source = "tests/data/cycle/simulation-funder-unsigned.yaml"
    data = yaml.safe_load((Path(__file__).parent.parent / source).read_text(encoding="utf-8"))
    html = _render_html_raw(model_of(data), source)
    page = weasyprint.HTML(string=html).render().pages[-1]._page_box
    boxes = [b for b in page.children if type(b).__name__ == "MarginBox"]
    right = [b for b in boxes if b.at_keyword == "@bottom-right"]
    assert right and len(right[0].children) == 1


def _render_html_raw(p: Partnership, source: str, template: str = "agreement") -> str:
    a = assess(p, TODAY)
    facts = record_for(p, TODAY, a)
    meta = render.DocumentMeta(source, "0" * 64, template, "html", facts.draft, False, None)
    variables = render.context(render.RenderInput(p, a, [], TODAY, facts), meta)
    return render.render_text(_env(), template, "html", variables)


def test_the_mou_partners_table_is_not_split_after_its_first_row() -> None:
    """Harbor's MOU printed the header and one partner at the foot of page 1 and the
    other three partners on page 2."""
    weasyprint = pytest.importorskip("weasyprint")
    from states import model_of

    source = "examples/harbor-county-early-learning.yaml"
    data = yaml.safe_load((Path(__file__).parent.parent / source).read_text(encoding="utf-8"))
    html = _render_html_raw(model_of(data), source, "mou")

    def texts(box: object) -> Iterator[str]:
        if hasattr(box, "text"):
            yield box.text
        for child in getattr(box, "children", None) or []:
            yield from texts(child)

    pages = weasyprint.HTML(string=html).render().pages
    holding = [i for i, pg in enumerate(pages) if "Speaks for it" in " ".join(texts(pg._page_box))]
    assert len(holding) == 1


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_an_mou_that_is_not_signed_says_its_status_is_the_agreements(fmt: str) -> None:
    """Riverside's MOU headed 'Signed; the signatures do not record…' and ended 'This
    memorandum is not signed': the status was the agreement's, not the memorandum's."""
    p = state("signed without fingerprints")
    assert p.terms is not None and p.terms.binding is True
    text = _squash(_render(p, "mou", fmt))
    assert "Agreement: Signed; the signatures do not record which terms they cover" in text
    assert "This memorandum is not signed" in text

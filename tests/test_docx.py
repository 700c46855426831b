"""Word output: read back with python-docx, as Word's model sees it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from partnerkit.documents.render import sha256_of

from conftest import EXAMPLES, TODAY

RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"
HARBOR = EXAMPLES / "harbor-county-early-learning.yaml"


def render(cli, source: Path, out: Path, *extra: str) -> Path:
    r = cli("render", source, "-f", "docx", "-o", out, "--today", TODAY, *extra)
    assert r.code == 0, r.err
    return out


def paragraphs(doc) -> list[Paragraph]:
    """Every paragraph, in the body and in table cells (the signing page is one)."""
    return [Paragraph(p, doc._body) for p in doc.element.body.iter(qn("w:p"))]


def all_text(doc) -> str:
    """Every paragraph, in the body and in table cells."""
    body = doc.element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


@pytest.mark.parametrize("template", ["agreement", "mou"])
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_agreement_and_mou_are_real_word_documents(
    cli, workdir: Path, example: Path, template: str
) -> None:
    out = render(cli, example, workdir / f"{template}.docx", "-t", template)
    doc = Document(str(out))
    styles = [p.style.name for p in paragraphs(doc)]
    assert styles.count("Heading 1") == 1 and styles.count("Heading 2") >= 3
    headings = [p.text for p in paragraphs(doc) if p.style.name == "Heading 2"]
    summarises = template == "mou" and "binding: true" in example.read_text()
    assert ("Signatures" in headings) is not summarises  # its agreement is what is signed
    text = all_text(doc)
    assert not re.search(r"\bPK\d{3}\b", text) and not re.search(r"\bline \d+", text)
    assert "signed: {" not in text and "{by:" not in text and "partners[" not in text
    assert not re.search(r"^\d+\.\d+\s", text, re.M)  # numbers are Word's, not typed
    assert len(doc.tables) >= (1 if summarises else 2)
    for table in doc.tables:
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    footer = doc.sections[0].footer._element
    instructions = "".join(t.text for t in footer.iter(qn("w:instrText")))
    assert "PAGE" in instructions and "NUMPAGES" in instructions
    footer_text = "".join(t.text or "" for t in footer.iter(qn("w:t")))
    assert sha256_of(example.read_bytes())[:12] in footer_text and "terms " in footer_text
    assert doc.core_properties.subject.endswith(sha256_of(example.read_bytes()))


def test_agreement_clauses_and_sections_carry_word_numbering(cli, workdir: Path) -> None:
    doc = Document(str(render(cli, RIVERSIDE, workdir / "a.docx")))
    numbered = [p for p in paragraphs(doc) if p._p.pPr is not None and p._p.pPr.numPr is not None]
    levels = {int(p._p.pPr.numPr.ilvl.val) for p in numbered}
    sections = [p.text for p in numbered if p.style.name == "Heading 2"]
    assert sections[:3] == ["Background", "Term and renewal", "Roles and contributions"]
    assert levels == {0, 1} and len(numbered) > 30
    firms = ("Riverside Health System", "Meridian")
    parties = [p.text for p in numbered if p.text.startswith(firms)]
    assert len(parties) == 2  # (a), (b): lettered, not typed
    signing = doc.tables[-1]  # the signing page: one row that never splits
    assert signing._tbl.tblPr is not None and len(signing.rows) == 1
    blocks = signing.cell(0, 0).tables[0]
    assert "Riverside Health System" in blocks.cell(0, 0).text
    assert "Lee Park" in blocks.cell(2, 0).text and "Olivia Grant" in blocks.cell(2, 1).text
    # signed by hand with no terms fingerprint: blank lines, not a conformed copy
    assert "conformed copy" not in signing.cell(0, 0).text
    signed = "\n".join(c.text for row in blocks.rows for c in row.cells)
    assert "/s/" not in signed and "does not record which version of the terms" in signed
    assert "27\u00a0February\u00a02026" in all_text(doc)  # a date never breaks in a column


def test_a_long_table_flows_over_pages_and_a_short_one_is_kept_whole(cli, workdir: Path) -> None:
    def kept(row) -> bool:
        return all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)

    doc = Document(str(render(cli, RIVERSIDE, workdir / "c.docx", "-t", "checklist")))
    questions = max(doc.tables, key=lambda t: len(t.rows))
    assert kept(questions.rows[0]) and not kept(questions.rows[3])
    doc = Document(str(render(cli, RIVERSIDE, workdir / "a.docx")))
    deliverables = next(t for t in doc.tables if t.cell(0, 0).text == "Deliverable")
    assert all(kept(row) for row in deliverables.rows[:-1])
    due = deliverables.columns[2].width
    assert due is not None and due.pt >= 17 * 6  # "15 September 2026" fits on one line


def test_draft_is_marked_in_plain_sentences(cli, workdir: Path) -> None:
    doc = Document(str(render(cli, HARBOR, workdir / "a.docx")))
    header = "".join(p.text for p in doc.sections[0].header.paragraphs)
    assert header.startswith("DRAFT")
    box = doc.tables[0].cell(0, 0).text
    assert "These points are still open" in box and "PK" not in box  # three have signed


def test_two_renders_give_the_same_bytes_and_a_date_is_only_there_when_asked(
    cli, workdir: Path
) -> None:
    first = render(cli, RIVERSIDE, workdir / "one" / "a.docx").read_bytes()
    second = render(cli, RIVERSIDE, workdir / "two" / "a.docx").read_bytes()
    assert first == second
    assert Document(str(workdir / "one" / "a.docx")).core_properties.created is None
    dated = render(cli, RIVERSIDE, workdir / "d.docx", "--date", "2026-02-01")
    assert Document(str(dated)).core_properties.created.date().isoformat() == "2026-02-01"
    footer = Document(str(dated)).sections[0].footer.paragraphs[0].text
    assert "on 1 February 2026" in footer


def test_letter_paper(cli, workdir: Path) -> None:
    doc = Document(str(render(cli, RIVERSIDE, workdir / "a.docx", "--paper", "letter")))
    section = doc.sections[0]
    assert round(section.page_width.inches, 2) == 8.5 and round(section.page_height.inches) == 11


def test_existing_file_is_kept_without_force(cli, workdir: Path) -> None:
    target = workdir / "riverside-clinical-onboarding-agreement.docx"
    target.write_bytes(b"mine")
    r = cli("render", RIVERSIDE, "-f", "docx", "--today", TODAY)
    assert r.code == 2 and "already exists" in r.err and target.read_bytes() == b"mine"
    r = cli("render", RIVERSIDE, "-f", "docx", "--today", TODAY, "--force")
    assert r.code == 0 and target.read_bytes()[:2] == b"PK"
    r = cli("render", RIVERSIDE, "-f", "docx", "-o", "-")
    assert r.code == 2 and "standard output" in r.err


def test_several_files_render_into_a_folder(cli, workdir: Path) -> None:
    files = sorted(EXAMPLES.glob("*.yaml"))
    r = cli("render", *files, "-f", "docx", "-t", "mou", "-o", workdir / "out", "--today", TODAY)
    assert r.code == 0, r.err
    assert len(list((workdir / "out").glob("*-mou.docx"))) == len(list(EXAMPLES.glob("*.yaml")))


@pytest.mark.parametrize(
    "template", ["checklist", "review-report", "one-pager", "assessment", "agenda"]
)
def test_every_document_template_renders_to_word(cli, workdir: Path, template: str) -> None:
    doc = Document(str(render(cli, RIVERSIDE, workdir / "x.docx", "-t", template)))
    assert any(p.style.name == "Heading 1" for p in doc.paragraphs)
    assert not re.search(r"<[a-z/][^>]*>", all_text(doc))  # no markup leaks as text


def test_agenda_command_writes_word(cli, workdir: Path) -> None:
    r = cli("agenda", RIVERSIDE, "-f", "docx", "-o", workdir / "agenda.docx", "--today", TODAY)
    assert r.code == 0, r.err
    doc = Document(str(workdir / "agenda.docx"))
    assert [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Simulation-day facilitator guide" in all_text(doc)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_converts_the_agreement_and_the_one_pager_fits_one_page(
    cli, workdir: Path
) -> None:
    import pikepdf

    agreement = render(cli, RIVERSIDE, workdir / "a.docx")
    northgate = EXAMPLES / "northgate-crm-golive.yaml"  # a draft: the longest one-pager
    one_pager = render(cli, northgate, workdir / "o.docx", "-t", "one-pager", "--paper", "letter")
    profile = workdir / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(workdir), str(agreement), str(one_pager)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    with pikepdf.open(workdir / "a.pdf") as pdf:
        assert 2 <= len(pdf.pages) <= 8
    with pikepdf.open(workdir / "o.pdf") as pdf:
        assert len(pdf.pages) == 1


def test_the_footer_keeps_its_parts_apart(cli, workdir: Path) -> None:
    """"sha256 1580c673edbaPage 1 of 4": the text ran past a tab stop set for Letter."""
    harbor = EXAMPLES / "harbor-county-early-learning.yaml"
    doc = Document(str(render(cli, harbor, workdir / "h.docx")))
    text, page = doc.sections[0].footer.paragraphs
    assert "sha256 " in text.text and "Page" not in text.text
    assert page.text.startswith("Page ") and page.alignment == 2  # right
    assert "PAGE" in "".join(t.text for t in page._p.iter(qn("w:instrText")))
    tabs = doc.styles["Footer"].element.find(qn("w:pPr"))
    assert tabs is None or tabs.find(qn("w:tabs")) is None  # no stop beyond an A4 text width


def test_clause_cross_references_are_word_references_to_bookmarks(cli, workdir: Path) -> None:
    """"clause 9.2" was typed text: it went stale when counsel inserted a clause."""
    doc = Document(str(render(cli, RIVERSIDE, workdir / "a.docx")))
    body = doc.element.body
    fields = [t.text.split() for t in body.iter(qn("w:instrText"))]
    refs = [f[1] for f in fields if f[0] == "REF"]
    marks = {b.get(qn("w:name")): b.getparent() for b in body.iter(qn("w:bookmarkStart"))}
    assert "_RefClause9_2" in refs and "_RefTerms2_3" in refs
    for name in refs:
        assert name in marks  # every reference has its clause to point at
    text = "".join(t.text or "" for t in marks["_RefClause9_2"].iter(qn("w:t")))
    assert text.startswith("Termination.")
    assert marks["_RefClause9_2"].pPr.numPr is not None  # a numbered clause: REF \r follows it
    assert len(refs) == 7  # 2.1, 6.4, 9.2, the three survivors and Schedule 1's 2.3(b)
    assert "ended earlier under clause 9.2." in all_text(doc)  # shown until Word updates it


def test_documents_built_in_one_process_share_nothing_but_the_styles() -> None:
    """Each Word document is a copy of one styled base: what one adds (its header, lists,
    tracked changes, footer) must not reach the next, and the styles stay as set up."""
    import datetime as dt
    import io
    import zipfile

    from partnerkit.documents import docxout
    from partnerkit.documents.render import DocumentMeta

    html = (
        "<body><h1>Terms</h1><h2><span class='num'>1.</span> Scope</h2>"
        "<p><span class='cn'>1.1</span> Each partner <ins>now</ins> <del>then</del> agrees.</p>"
        "<p><span class='cn'>(a)</span> first</p><ol><li>one</li><li>two</li></ol>"
        "<table><tr><th>Who</th><th class='num'>Amount</th></tr>"
        "<tr><td>A</td><td class='num'>$1,000</td></tr></table>"
        "<footer><span>a footer</span></footer></body>"
    )

    def build(draft: bool, redline: str | None) -> bytes:
        meta = DocumentMeta("p.yaml", "0" * 64, "agreement", "docx", draft, False, None)
        return docxout.from_html(html, meta, "T", redline=redline, when=dt.date(2026, 1, 1))

    plain = build(False, None)
    build(True, "signed")  # a draft redline in between: header, tracked changes, lists
    assert build(False, None) == plain
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        assert "word/header1.xml" not in z.namelist() or b"DRAFT" not in z.read("word/header1.xml")
        styles = z.read("word/styles.xml")
    footer_style = styles.split(b'w:styleId="Footer"')[1].split(b"</w:style>")[0]
    assert b'w:styleId="TableText"' in styles and b"w:tabs" not in footer_style
    doc = Document(io.BytesIO(build(True, "signed")))
    assert "DRAFT" in doc.sections[0].header.paragraphs[0].text
    assert doc.element.body.find(f".//{qn('w:ins')}") is not None

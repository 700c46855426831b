"""PDFs: the same input gives the same bytes, fixed metadata, shipped fonts.

Page layout (one page summaries, no stranded footer) is in test_pdf_layout.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

pikepdf = pytest.importorskip("pikepdf")
pytestmark = pytest.mark.skipif(
    not any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")),
    reason="PDF needs a Chromium on PATH",
)
RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


def _pdf(cli, workdir: Path, name: str, *args: str) -> bytes:
    out = workdir / name
    result = cli("render", RIVERSIDE, "-f", "pdf", "-o", out, "--today", TODAY, *args)
    assert result.code == 0, result.err
    return out.read_bytes()


def test_two_renders_are_byte_identical(cli, workdir: Path) -> None:
    first = _pdf(cli, workdir, "a.pdf", "-t", "agreement")
    second = _pdf(cli, workdir, "b.pdf", "-t", "agreement")
    assert first == second


def test_metadata_is_fixed_and_dated_only_when_asked(cli, workdir: Path) -> None:
    with pikepdf.open(io.BytesIO(_pdf(cli, workdir, "a.pdf"))) as doc:
        info = doc.docinfo
        assert str(info["/Title"]) == "Clinical onboarding curriculum for new nurses"
        assert "sha256 " in str(info["/Subject"])
        assert "/CreationDate" not in info and "/ModDate" not in info
        assert "Chrome" not in str(info.get("/Creator", ""))
        fonts = {
            str(f.get("/BaseFont"))
            for page in doc.pages
            for f in (page.Resources.get("/Font") or {}).values()
        }
        assert fonts and all("DejaVu" in f for f in fonts), fonts
    with pikepdf.open(io.BytesIO(_pdf(cli, workdir, "b.pdf", "--date", "2026-02-01"))) as doc:
        assert str(doc.docinfo["/CreationDate"]).startswith("D:20260201")


def _tagged_pdf(first: int) -> bytes:
    """A tagged PDF whose element IDs are numbered from `first`, as Chromium numbers
    them after its DOM nodes (a table header and a cell that points at it)."""
    import io

    doc = pikepdf.new()
    doc.add_blank_page()
    th = doc.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.TH, ID=pikepdf.String(f"node{first:08d}"))
    )
    td = doc.make_indirect(
        pikepdf.Dictionary(
            S=pikepdf.Name.TD,
            ID=pikepdf.String(f"node{first + 7:08d}"),
            A=pikepdf.Dictionary(
                O=pikepdf.Name.Table, Headers=[pikepdf.String(f"node{first:08d}")]
            ),
        )
    )
    table = doc.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Table, K=pikepdf.Array([th, td])))
    ids = pikepdf.Dictionary(
        Kids=[doc.make_indirect(pikepdf.Dictionary(Names=[
            pikepdf.String(f"node{first:08d}"), th, pikepdf.String(f"node{first + 7:08d}"), td,
        ]))]
    )  # fmt: skip
    doc.Root.StructTreeRoot = pikepdf.Dictionary(K=table, IDTree=ids)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_element_ids_numbered_by_the_printer_do_not_change_the_bytes() -> None:
    from partnerkit.documents.pdfmeta import fix_metadata

    fixed = [fix_metadata(_tagged_pdf(n), title="T", subject="S", date=None) for n in (55, 61)]
    assert fixed[0] == fixed[1]
    with pikepdf.open(io.BytesIO(fixed[0])) as doc:
        table = doc.Root.StructTreeRoot.K
        th, td = table.K[0], table.K[1]
        assert str(td.A.Headers[0]) == str(th.ID) == "id000001"
        names = dict(pikepdf.NameTree(doc.Root.StructTreeRoot.IDTree).items())
        assert set(names) == {"id000001", "id000002"}
        assert names["id000002"].objgen == td.objgen

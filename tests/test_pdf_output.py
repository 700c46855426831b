"""PDFs: the same input gives the same bytes, fixed metadata, the source attached.

Page layout (one page summaries, no stranded footer) is in test_pdf_layout; PDF/A and
tagging in test_pdf_archive.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY, git

pikepdf = pytest.importorskip("pikepdf")
RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


def _pdf(cli, workdir: Path, name: str, *args: str) -> bytes:
    out = workdir / name
    result = cli("render", RIVERSIDE, "-f", "pdf", "-o", out, "--today", TODAY, *args)
    assert result.code == 0, result.err
    return out.read_bytes()


def test_two_renders_in_two_processes_are_byte_identical(cli, workdir: Path) -> None:
    first = _pdf(cli, workdir, "a.pdf", "-t", "agreement")
    subprocess.run(
        [sys.executable, "-m", "partnerkit", "render", str(RIVERSIDE), "-f", "pdf", "-o",
         str(workdir / "b.pdf"), "--today", TODAY],
        check=True, capture_output=True, cwd=workdir,
    )  # fmt: skip
    assert first == (workdir / "b.pdf").read_bytes()


def test_a_document_printed_among_many_is_the_same_bytes_as_alone(cli, workdir: Path) -> None:
    """Many documents print on worker processes; each is what one printed alone would be."""
    examples = sorted(EXAMPLES.glob("*.yaml"))
    result = cli("render", *examples, "-f", "pdf", "-o", "many", "--today", TODAY)
    assert result.code == 0, result.err
    made = sorted((workdir / "many").iterdir())
    assert len(made) == len(examples)
    alone = _pdf(cli, workdir, "alone.pdf")
    assert (workdir / "many" / "riverside-clinical-onboarding-agreement.pdf").read_bytes() == alone


def test_metadata_is_fixed_and_dated_only_when_asked(cli, workdir: Path) -> None:
    with pikepdf.open(io.BytesIO(_pdf(cli, workdir, "a.pdf"))) as doc:
        info = doc.docinfo
        assert str(info["/Title"]) == "Clinical onboarding curriculum for new nurses"
        assert "sha256 " in str(info["/Subject"]) and " · terms " in str(info["/Subject"])
        assert str(info["/Creator"]).startswith("partnerkit ")
        assert "/CreationDate" not in info and "/ModDate" not in info
        for spec in doc.attachments.values():
            params = spec.get_file().obj.Params
            assert "/CreationDate" not in params and "/ModDate" not in params
    with pikepdf.open(io.BytesIO(_pdf(cli, workdir, "b.pdf", "--date", "2026-02-01"))) as doc:
        assert str(doc.docinfo["/CreationDate"]).startswith("D:20260201")


def test_the_partnership_file_is_attached_as_it_was_read(cli, workdir: Path) -> None:
    with pikepdf.open(io.BytesIO(_pdf(cli, workdir, "a.pdf"))) as doc:
        files = {name: spec.get_file().read_bytes() for name, spec in doc.attachments.items()}
    assert files == {RIVERSIDE.name: RIVERSIDE.read_bytes()}


def test_a_redline_attaches_both_versions_labelled(cli, workdir: Path) -> None:
    partnership = workdir / "riverside.yaml"
    before = RIVERSIDE.read_text("utf-8")
    partnership.write_text(before)
    git(workdir, "init", "-q")
    git(workdir, "add", ".")
    git(workdir, "commit", "-qm", "first")
    after = before.replace("title: Clinical onboarding", "title: Clinical induction", 1)
    assert after != before
    partnership.write_text(after)
    result = cli("render", partnership, "-f", "pdf", "-o", "r.pdf", "--redline", "HEAD",
                 "--today", TODAY)  # fmt: skip
    assert result.code == 0, result.err
    with pikepdf.open(workdir / "r.pdf") as doc:
        files = {
            name: (str(spec.description), spec.get_file().read_bytes())
            for name, spec in doc.attachments.items()
        }
    (earlier,) = [name for name in files if name.startswith("riverside@")]
    assert files[earlier][1] == before.encode() and files["riverside.yaml"][1] == after.encode()
    assert files[earlier][0].startswith("Earlier version (")
    assert files["riverside.yaml"][0].startswith("Later version")

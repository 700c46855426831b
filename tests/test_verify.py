"""`partnerkit verify`: a PDF matched to its partnership file, by what it carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY, git

pikepdf = pytest.importorskip("pikepdf")
RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


def _agreed_change(text: str) -> str:
    """The file with a change to agreed content (how an amendment is made)."""
    return text.replace("a change in writing", "a change by letter", 1)


@pytest.fixture
def printed(cli, workdir: Path) -> Path:
    """riverside.yaml committed in a repository, and its agreement as a PDF."""
    (workdir / "riverside.yaml").write_bytes(RIVERSIDE.read_bytes())
    git(workdir, "init", "-q")
    git(workdir, "add", ".")
    git(workdir, "commit", "-qm", "signed")
    result = cli("render", "riverside.yaml", "-f", "pdf", "-o", "signed.pdf", "--today", TODAY)
    assert result.code == 0, result.err
    return workdir / "signed.pdf"


def test_the_document_and_its_file_match(cli, printed: Path) -> None:
    result = cli("verify", printed, "riverside.yaml")
    assert result.code == 0, result.err
    assert "made from riverside.yaml" in result.out
    assert "riverside.yaml: matches, the same bytes" in result.out
    assert "Riverside Health System, Inc.: signed by Lee Park on 10 January 2026" in result.out
    assert "Meridian Clinical Learning LLC: signed by Olivia Grant" in result.out


def test_changed_terms_do_not_match(cli, workdir: Path, printed: Path) -> None:
    text = (workdir / "riverside.yaml").read_text("utf-8")
    changed = text.replace("title: Clinical onboarding", "title: Clinical induction", 1)
    (workdir / "other.yaml").write_text(_agreed_change(changed))
    (workdir / "riverside.yaml").write_text(changed)  # the title is not agreed content
    same_terms = cli("verify", printed, "riverside.yaml")
    assert same_terms.code == 0, same_terms.out
    assert "the same agreed terms" in same_terms.out and "changed elsewhere" in same_terms.out
    other = cli("verify", printed, "other.yaml")
    assert other.code == 1, other.out
    assert "does NOT match" in other.out


def test_a_file_at_a_revision(cli, workdir: Path, printed: Path) -> None:
    text = (workdir / "riverside.yaml").read_text("utf-8")
    (workdir / "riverside.yaml").write_text(_agreed_change(text))
    assert cli("verify", printed, "riverside.yaml").code == 1
    at_head = cli("verify", printed, "riverside.yaml", "--rev", "HEAD")
    assert at_head.code == 0, at_head.out + at_head.err
    assert "riverside.yaml at " in at_head.out and "matches, the same bytes" in at_head.out
    wrong = cli("verify", printed, "riverside.yaml", "--rev", "--output=x")
    assert wrong.code == 2 and "not a revision" in wrong.err


def test_what_cannot_be_verified_exits_2(cli, workdir: Path, printed: Path) -> None:
    (workdir / "notes.pdf").write_text("not a pdf")
    result = cli("verify", "notes.pdf")
    assert result.code == 2 and "notes.pdf is not a PDF" in result.err
    bare = pikepdf.new()
    bare.add_blank_page()
    bare.save(workdir / "blank.pdf")
    result = cli("verify", "blank.pdf")
    assert result.code == 2 and "carries no partnership file" in result.err
    result = cli("verify", "missing.pdf")
    assert result.code == 2 and "Traceback" not in result.err
    result = cli("verify", printed, "--rev", "HEAD")
    assert result.code == 2 and "--rev needs the FILE" in result.err


def test_an_attachment_swapped_after_printing_is_found(cli, workdir: Path, printed: Path) -> None:
    with pikepdf.open(printed, allow_overwriting_input=True) as doc:
        spec = doc.attachments["riverside.yaml"]
        other = (EXAMPLES / "harbor-county-early-learning.yaml").read_bytes()
        doc.attachments["riverside.yaml"] = pikepdf.AttachedFileSpec(
            doc, other, description=spec.description
        )
        doc.save(printed)
    result = cli("verify", printed)
    assert result.code == 1, result.out
    assert "not the one whose sha256 the document prints" in result.out
    assert "not the terms the document prints" in result.out


def test_a_redline_is_verified_against_its_later_version(cli, workdir: Path, printed) -> None:
    text = (workdir / "riverside.yaml").read_text("utf-8")
    (workdir / "riverside.yaml").write_text(_agreed_change(text))
    result = cli("render", "riverside.yaml", "-f", "pdf", "-o", "red.pdf", "--redline", "HEAD",
                 "--today", TODAY)  # fmt: skip
    assert result.code == 0, result.err
    now = cli("verify", "red.pdf", "riverside.yaml")
    assert now.code == 0 and "matches, the same bytes" in now.out, now.out
    assert cli("verify", "red.pdf", "riverside.yaml", "--rev", "HEAD").code == 1

"""Word redlines and Word templates: tracked changes a legal team can accept or reject."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import EXAMPLES, TODAY, git

RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


def changes(path: Path, kind: str) -> list[tuple[str, str, str]]:
    """(text, author, date) of each w:ins or w:del in the body."""
    body = Document(str(path)).element.body
    text_tag = qn("w:delText" if kind == "del" else "w:t")
    return [
        (
            "".join(t.text or "" for t in el.iter(text_tag)),
            el.get(qn("w:author")),
            el.get(qn("w:date")),
        )
        for el in body.iter(qn(f"w:{kind}"))
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_redline_is_word_tracked_changes(cli, workdir: Path) -> None:
    git(workdir, "init", "-q")
    file = workdir / "p.yaml"
    file.write_text(RIVERSIDE.read_text())
    git(workdir, "add", "p.yaml")
    git(workdir, "commit", "-q", "-m", "signed")
    text = RIVERSIDE.read_text().replace("amount: 48000", "amount: 54000", 1)
    file.write_text(text.replace("  cadence: quarterly", "  cadence: monthly"))
    out = workdir / "redline.docx"
    r = cli("render", file, "--redline", "HEAD", "-f", "docx", "-o", out, "--date", "2026-06-01")
    assert r.code == 0, r.err
    inserted, deleted = changes(out, "ins"), changes(out, "del")
    # the whole amount, currency and separators with it (not "USD 48 54,000")
    assert ("USD\u00a054,000", "Changes since HEAD", "2026-06-01T00:00:00Z") in inserted
    assert ("USD\u00a048,000", "Changes since HEAD", "2026-06-01T00:00:00Z") in deleted
    assert any(t == "monthly" for t, _, _ in inserted)
    assert any(t == "quarterly" for t, _, _ in deleted)
    ids = [el.get(qn("w:id")) for el in Document(str(out)).element.body.iter(qn("w:ins"))]
    assert len(ids) == len(set(ids))
    settings = Document(str(out)).settings.element
    assert settings.find(qn("w:trackRevisions")) is not None
    # the rest of the text is unchanged: no marks where nothing changed
    assert not any("Background" in t for t, _, _ in inserted + deleted)


def _template(path: Path, *lines: str) -> None:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))


def test_user_word_template_is_filled_in_the_sandbox(cli, workdir: Path) -> None:
    folder = workdir / "templates"
    folder.mkdir()
    _template(
        folder / "agreement.docx",
        "{{ p.title }}",
        "{% for x in p.partners %}{{ x.name }} ({{ x.role | role_phrase }}); {% endfor %}",
        "Effective {{ p.period.start | longdate }} · sha256 {{ doc.sha_short }}",
    )
    source = workdir / "p.yaml"
    source.write_text(RIVERSIDE.read_text().replace("Meridian Clinical Learning", "M & <w:p> Co"))
    out = workdir / "a.docx"
    r = cli("render", source, "-f", "docx", "-o", out, "--templates", folder, "--today", TODAY)
    assert r.code == 0, r.err
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert texts[0] == "Clinical onboarding curriculum for new nurses"
    assert "M & <w:p> Co (a provider)" in texts[1]  # escaped: data, never markup
    assert texts[2].startswith("Effective 15 January 2026 · sha256 ")
    r = cli("templates", "--templates", folder)
    line = next(x for x in r.out.splitlines() if x.strip().startswith("agreement "))
    assert "docx/html/md" in line and "Word template" in line
    again = workdir / "b.docx"
    cli("render", source, "-f", "docx", "-o", again, "--templates", folder, "--today", TODAY)
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ p.__class__.__mro__ }}", "template"),
        ("{{ nothing_here }}", "template error"),
        ("{% for x in %}", "template error"),
    ],
)
def test_bad_word_templates_are_errors_not_tracebacks(
    cli, workdir: Path, line: str, message: str
) -> None:
    folder = workdir / "t"
    folder.mkdir()
    _template(folder / "mou.docx", line)
    r = cli("render", RIVERSIDE, "-t", "mou", "-f", "docx", "--templates", folder)
    assert r.code == 2 and message in r.err and "Traceback" not in r.err
    assert not list(workdir.glob("*.docx"))


def test_a_word_template_error_names_the_object_not_partnerkits_modules(
    cli, workdir: Path
) -> None:
    folder = workdir / "t"
    folder.mkdir()
    _template(folder / "mou.docx", "{{ p.colour }}")
    r = cli("render", RIVERSIDE, "-t", "mou", "-f", "docx", "--templates", folder)
    assert r.code == 2
    assert "template error: 'Partnership object' has no attribute 'colour'" in r.err
    assert "partnerkit." not in r.err


def test_a_file_that_is_not_a_word_document(cli, workdir: Path) -> None:
    folder = workdir / "t"
    folder.mkdir()
    (folder / "mou.docx").write_bytes(b"not a zip")
    r = cli("render", RIVERSIDE, "-t", "mou", "-f", "docx", "--templates", folder)
    assert r.code == 2 and "not a Word document" in r.err
    import zipfile

    with zipfile.ZipFile(folder / "mou.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"<" * (201 * 1024 * 1024))
    r = cli("render", RIVERSIDE, "-t", "mou", "-f", "docx", "--templates", folder)
    assert r.code == 2 and "unpacks to 201 MB" in r.err
    (folder / "mou.docx").unlink()
    (folder / "mou.docx").symlink_to(workdir / "elsewhere.docx")
    r = cli("render", RIVERSIDE, "-t", "mou", "-f", "docx", "--templates", folder)
    assert r.code == 2 and "symbolic link" in r.err


def test_characters_xml_forbids_are_replaced_not_a_crash(cli, workdir: Path) -> None:
    hostile = '"Meridian \\a\\x01 <w:p> &amp; Learning \\uFFFE"'
    source = workdir / "p.yaml"
    source.write_text(
        RIVERSIDE.read_text().replace("name: Meridian Clinical Learning\n", f"name: {hostile}\n")
    )
    folder = workdir / "t"
    folder.mkdir()
    _template(folder / "mou.docx", "{{ partners['meridian'].name }}")
    for extra in ([], ["-t", "mou", "--templates", str(folder)]):
        out = workdir / f"out{len(extra)}.docx"
        r = cli("render", source, "-f", "docx", "-o", out, "--today", TODAY, *extra)
        assert r.code == 0, r.err
        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
        assert "Meridian \ufffd\ufffd <w:p> &amp; Learning \ufffd" in text


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_redline_footer_names_both_versions_labelled(cli, workdir: Path, fmt: str) -> None:
    """The footer ran two fingerprints together (`terms a0812ea54de36cea34807ede`)."""
    from partnerkit.check.loader import load_bytes
    from partnerkit.history.fingerprint import fingerprint

    git(workdir, "init", "-q")
    file = workdir / "p.yaml"
    file.write_text(RIVERSIDE.read_text())
    git(workdir, "add", "p.yaml")
    git(workdir, "commit", "-q", "-m", "signed")
    file.write_text(RIVERSIDE.read_text().replace("amount: 48000", "amount: 54000", 1))
    old, new = (fingerprint(load_bytes(x.encode(), "p.yaml").model)  # type: ignore[arg-type]
                for x in (RIVERSIDE.read_text(), file.read_text()))  # fmt: skip
    out = workdir / f"r.{fmt}"
    r = cli("render", file, "--redline", "HEAD", "-f", fmt, "-o", out, "--today", TODAY)
    assert r.code == 0, r.err
    if fmt == "docx":
        footer = Document(str(out)).sections[0].footer._element
        text = "".join(t.text or "" for t in footer.iter(qn("w:t")))
    else:
        text = out.read_text().replace("`", "").replace("<code>", "").replace("</code>", "")
    assert f"this version: terms {new}" in text
    assert "compared with revision HEAD (commit " in text and f"): terms {old}" in text
    assert old + new not in text and f"<del>{old}" not in text

"""Hostile values over every page of `partnerkit site`: each file's free text, emails and
minutes made hostile, the pages parsed as a browser tokenises them (benchmarks/fuzz_site.py,
which the seeded fuzz of tests/test_fuzz_outputs.py runs on every batch too)."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, TODAY

sys.path.insert(0, str(ROOT / "benchmarks"))

from fuzz_outputs import _TEXT, _quoted
from fuzz_site import calendar_problems, site_problems, word_problems

# Every way out of a value: an attribute, an element, a comment, a script, a style, a
# link, a calendar line, a workflow command, a bidirectional override.
EVIL = (
    "\"><img src=x onerror=alert(1)><script>alert(2)</script>' onmouseover='alert(3)' "
    "</textarea></style></title><b id=pk-injected><!-- evil ]]> javascript:alert(4) "
    "data:text/html,evil file:///etc/passwd \\r\\nATTACH:https://evil.example\\r\\n "
    "a;b,c\\\\n ::error::forged ##[evil] \\u202eevil\\u2066 ../../evil"
)
EMAILS = ['"><script>alert(1)</script>@evil.example', "javascript:alert(1)//@evil.example"]
MINUTES = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
           'https://x.example/"><script>alert(1)</script>', "file:///etc/passwd"]  # fmt: skip


def _hostile(example: Path, n: int) -> str:
    """The example with every free text, email and minutes value hostile (still valid)."""
    lines = example.read_text("utf-8").split("\n")
    for i, line in enumerate(lines):
        if _TEXT.match(line):
            lines[i] = re.sub(r"^(\s*(?:- )?[A-Za-z_]+: |\s*- ).*$",
                              lambda m: m.group(1) + _quoted(EVIL), line)  # fmt: skip
    text = "\n".join(lines)
    text = re.sub(r"(\bemail: )[^,}\s]+", lambda m: m.group(1) + _quoted(EMAILS[n % 2]), text)
    text = re.sub(r"(\bminutes: )\S+", lambda m: m.group(1) + _quoted(MINUTES[n % 4]), text)
    return text


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    from partnerkit.entry import main

    top = tmp_path_factory.mktemp("hostile")
    src = top / "src"
    src.mkdir()
    files = []
    names = {0: '"><img src=x onerror=alert(1)> <!-- evil \u202ex.yaml',  # a path is shown
             1: "a\r\nATTACH:evil;,\\x ::error::forged.yaml"}  # fmt: skip
    for n, example in enumerate(sorted(EXAMPLES.glob("*.yaml"))):
        files.append(src / names.get(n, example.name))
        files[-1].write_text(_hostile(example, n), "utf-8")
    sneaky = src / "sneaky.yaml"  # an id that is a path: a row of errors, no page
    sneaky.write_text(
        re.sub(r"^id: .*$", 'id: "../../evil"', files[0].read_text("utf-8"), count=1, flags=re.M)
    )
    files.append(sneaky)
    out = top / "site"
    with pytest.raises(SystemExit) as stop:
        main(["site", str(src), "-o", str(out), "--today", TODAY, "--no-pdf", "--no-config"])
    assert stop.value.code == 1  # the sneaky file has errors
    assert sorted(p.name for p in top.iterdir()) == ["site", "src"]
    assert sorted(p.name for p in src.iterdir()) == sorted(f.name for f in files)
    return out, files


def test_every_page_keeps_hostile_values_as_text(hostile_site: tuple[Path, list[Path]]) -> None:
    out, files = hostile_site
    pages = sorted(out.rglob("*.html"))
    folders = sorted(p.name for p in (out / "p").iterdir())
    assert len(folders) == 4 and all(".." not in f for f in folders)
    assert len(pages) > 30  # index, filters, and each partnership's page, form, documents
    assert site_problems(out, files) == []


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.mark.parametrize("page", ["index.html", "p/riverside-clinical-onboarding/index.html",
                                  "p/riverside-clinical-onboarding/rate.html",
                                  "p/riverside-clinical-onboarding/agreement.html"])  # fmt: skip
def test_hostile_values_are_shown_as_the_text_they_are(
    hostile_site: tuple[Path, list[Path]], page: str
) -> None:
    parser = _Text()
    parser.feed((hostile_site[0] / page).read_text("utf-8"))
    assert '"><img src=x onerror=alert(1)><script>alert(2)</script>' in parser.text
    assert "\u202e" not in parser.text and "\ufffdevil" in parser.text


def test_addresses_a_file_gives_link_only_as_themselves(
    hostile_site: tuple[Path, list[Path]],
) -> None:
    out, _ = hostile_site
    page = (out / "p" / "riverside-clinical-onboarding" / "index.html").read_text("utf-8")
    hrefs = re.findall(r'href="([^"]*)"', page)
    outside = [h for h in hrefs if ":" in h]
    assert outside and all(h.startswith("mailto:") for h in outside)
    for page in out.rglob("*.html"):
        for href in re.findall(r'href="([^"]*)"', page.read_text("utf-8")):
            assert not re.match(r"\s*(javascript|data|file|vbscript):", href, re.I), (page, href)


def test_calendars_of_hostile_values_are_escaped_and_folded(
    hostile_site: tuple[Path, list[Path]],
) -> None:
    out, _ = hostile_site
    calendars = sorted(out.rglob("*.ics"))
    assert len(calendars) == 5
    for ics in calendars:
        data = ics.read_bytes()
        assert calendar_problems(data, ics.name) == []
        assert b"\r\nATTACH" not in data and b"evil" in data


def test_the_checks_see_what_gets_in(tmp_path: Path) -> None:
    """The oracle itself: markup, links and calendar lines that got in are each found."""
    given = tmp_path / "given.yaml"
    given.write_text("email: a@b.example\n")
    (tmp_path / "ok.html").write_text("<!DOCTYPE html><p>x</p>")
    cases = {
        '<p title="x" onmouseover="alert(1)">x</p>': "attribute onmouseover=",
        "<p>x<img src=x></p>": "element <img>",
        "<p><script>alert(1)</script></p>": "a script the templates do not hold",
        '<p><b id="pk-injected">x</b></p>': "element <b>",
        '<p><span class="evil">x</span></p>': "hostile value in class=",
        "<p>x</textarea></p>": "<textarea> opened -1",
        "<p>x<!-- evil --></p>": "comment",
        '<p><a href="javascript:alert(1)">x</a></p>': "link out of the site",
        '<p><a href=" JaVa\tscript:alert(1)">x</a></p>': "link out of the site",
        '<p><a href="//evil.example/">x</a></p>': "link out of the site",
        '<p><a href="https://evil.example/">x</a></p>': "link out of the site no file gives",
        '<p><a href="mailto:a@b.example">write</a></p>': "not shown as such",
        '<p><a href="../outside.html">x</a></p>': "link outside the site's folder",
        '<p><a href="missing.html">x</a></p>': "link to nothing",
        '<style>p { content: "" } body { background: url(evil) }</style>': "hostile style",
        "<p>\u202eevil</p>": "control or bidi character",
    }
    for markup, problem in cases.items():
        site = tmp_path / "site"
        site.mkdir(exist_ok=True)
        (site / "page.html").write_text(f"<!DOCTYPE html>{markup}", "utf-8")
        (site / "ok.html").write_text("<!DOCTYPE html><p>x</p>")
        found = site_problems(site, [given])
        assert any(problem in f for f in found), (markup, found)
    (site / "page.html").write_text('<!DOCTYPE html><p><a href="ok.html">x</a> '
                                    '<a href="mailto:a@b.example">a@b.example</a></p>')  # fmt: skip
    assert site_problems(site, [given]) == []
    good = b"BEGIN:VCALENDAR\r\nSUMMARY:a\\, b\\; c\\\\ d\\n\r\nEND:VCALENDAR\r\n"
    assert calendar_problems(good, "x") == []
    bad = {
        b"BEGIN:VCALENDAR\r\nSUMMARY:a, b\r\nEND:VCALENDAR\r\n": "SUMMARY not escaped",
        b"BEGIN:VCALENDAR\r\nSUMMARY:a\r\nATTACH:x\r\nEND:VCALENDAR\r\n": "property 'ATTACH'",
        b"BEGIN:VCALENDAR\r\nSUMMARY:" + b"x" * 80 + b"\r\nEND:VCALENDAR\r\n": "octets",
        b"BEGIN:VCALENDAR\nEND:VCALENDAR\n": "does not end with CRLF",
        b"BEGIN:VCALENDAR\r\nSUMMARY:a\rb\r\nEND:VCALENDAR\r\n": "bare line break",
    }
    for data, problem in bad.items():
        assert any(problem in f for f in calendar_problems(data, "x")), (data, problem)


def test_the_word_check_sees_fields_links_and_broken_xml(tmp_path: Path) -> None:
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts = {
        "word/document.xml": f"<w:document {w}><w:body><w:p><w:r><w:instrText xml:space="
        '"preserve"> REF _RefClause9_2 \\r \\h </w:instrText></w:r></w:p></w:body></w:document>',
        "word/_rels/document.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.'
        'org/package/2006/relationships"/>',
    }
    good = tmp_path / "good.docx"
    with zipfile.ZipFile(good, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    assert word_problems(good, "good.docx") == []
    bad = {
        "a field partnerkit does not write": ("word/document.xml", parts["word/document.xml"]
            .replace("REF _RefClause9_2 \\r \\h", 'INCLUDETEXT "file:///etc/passwd"')),
        "a link out of the file": ("word/_rels/document.xml.rels", parts[
            "word/_rels/document.xml.rels"].replace("/>", '><Relationship Id="r1" Type="x" '
            'Target="https://evil.example" TargetMode="External"/></Relationships>')),
        "not well-formed": ("word/document.xml", parts["word/document.xml"] + "<w:p>"),
    }  # fmt: skip
    for problem, (name, text) in bad.items():
        docx = tmp_path / "bad.docx"
        with zipfile.ZipFile(docx, "w") as package:
            for other, body in parts.items():
                package.writestr(other, text if other == name else body)
        assert any(problem in f for f in word_problems(docx, "bad.docx")), problem

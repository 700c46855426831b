"""Page layout of every document of every example, on A4 and Letter, as printed.

The module's fixture prints them all at once, on a worker per core, as `render` does
for many files. Text and positions are read back with pdftotext where installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, TODAY

pikepdf = pytest.importorskip("pikepdf")
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")

TEMPLATES = ["agreement", "mou", "checklist", "review-report", "one-pager", "agenda"]
PAPERS = ["a4", "letter"]
CANDIDATES = ROOT / "tests" / "data" / "candidates.yaml"
SHIPPED = {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Serif", "DejaVu-Serif-Bold",
           "DejaVu-Serif-Italic"}  # fmt: skip
SIGNATURE_LINE = re.compile(r"^(For |Name:|Title:|Date:|Signed|Fingerprint|(\d+\.\s*)?Signatures)")


def _render(args: list[str]) -> None:
    from partnerkit.entry import main

    try:
        main(args)
    except SystemExit as exc:
        assert exc.code in (0, None), (args, exc.code)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """{(paper, document name): PDF} for every example × template × paper."""
    from partnerkit.documents.pdf import print_all
    from partnerkit.documents.pdfmeta import PrintJob

    out = tmp_path_factory.mktemp("layout")
    examples = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    for paper in PAPERS:
        for template in [*TEMPLATES, "assessment"]:
            files = [str(CANDIDATES)] if template == "assessment" else examples
            _render(["render", *files, "-t", template, "-f", "html", "--paper", paper,
                     "-o", str(out / paper), "--today", TODAY])  # fmt: skip
    made: dict[tuple[str, str], Path] = {}
    pages = sorted(out.glob("*/*.html"))
    jobs = [PrintJob(page.read_text("utf-8"), page.stem, page.name, "0" * 64, "-")
            for page in pages]  # fmt: skip
    for page, printed in zip(pages, print_all(jobs, os.cpu_count() or 1), strict=True):
        pdf = page.with_suffix(".pdf")
        pdf.write_bytes(printed.pdf)
        made[(page.parent.name, page.stem)] = pdf
    assert len(made) == len(PAPERS) * (len(TEMPLATES) * len(examples) + 1)
    return made


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def _body(page: str) -> list[str]:
    """The page's lines without the page margin (source, hashes, page number)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("partnerkit ")]


def test_the_one_pager_fits_one_page_on_a4_and_letter(printed: dict) -> None:
    for (paper, name), pdf in printed.items():
        if name.endswith("-one-pager"):
            with pikepdf.open(pdf) as doc:
                assert len(doc.pages) == 1, (paper, name, len(doc.pages))


def test_only_the_shipped_fonts_are_embedded(printed: dict) -> None:
    for (paper, name), pdf in printed.items():
        with pikepdf.open(pdf) as doc:
            fonts = {
                str(font.get("/BaseFont")).split("+")[-1]
                for page in doc.pages
                for font in (page.Resources.get("/Font") or {}).values()
            }
        assert fonts and fonts <= SHIPPED, (paper, name, fonts - SHIPPED)


@needs_pdftotext
def test_no_page_holds_only_the_footer_a_hash_or_a_lone_signature_block(printed: dict) -> None:
    for (paper, name), pdf in printed.items():
        for number, page in enumerate(_pages_text(pdf), 1):
            body = _body(page)
            words = " ".join(line for line in body if not SIGNATURE_LINE.match(line)).split()
            where = f"{paper} {name} page {number}: {body}"
            assert len(words) >= 10, where
            assert not any(re.fullmatch(r"(sha256|terms) \w+", line) for line in body), where


@needs_pdftotext
def test_signature_lines_side_by_side_are_level(printed: dict) -> None:
    """A legal name that wraps moves its neighbour's line down with it."""
    checked = 0
    for (paper, name), pdf in printed.items():
        if not name.endswith(("-mou", "-agreement")):
            continue
        bbox = subprocess.run(
            ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        rows: dict[tuple[int, float], int] = defaultdict(int)
        page = 0
        for line in bbox.splitlines():
            page += "<page " in line
            found = re.search(r'yMin="([\d.]+)".*>Name:</word>', line)
            if found:
                rows[(page, round(float(found.group(1)), 1))] += 1
        blocks = sum(rows.values())
        assert len(rows) == (blocks + 1) // 2, (paper, name, dict(rows))
        checked += blocks
    assert checked >= 16


def test_open_points_never_ask_the_same_thing_twice(cli) -> None:
    result = cli("render", EXAMPLES / "northgate-crm-golive.yaml", "-t", "mou", "-o", "-",
                 "--today", TODAY)  # fmt: skip
    points = [line for line in result.out.splitlines() if line.startswith("> - ")]
    assert points and len(points) == len(set(points)), points
    assert sum("decisions" in point for point in points) == 1, points


def test_review_report_sentences_are_spaced(cli) -> None:
    result = cli("render", EXAMPLES / "riverside-clinical-onboarding.yaml", "-t", "review-report",
                 "-f", "html", "-o", "-", "--today", TODAY)  # fmt: skip
    assert "10 December 2026</strong>. Readiness" in result.out


def test_assessment_header_names_the_parties_not_the_placeholder(cli) -> None:
    result = cli("render", CANDIDATES, "-t", "assessment", "-f", "html", "-o", "-",
                 "--today", TODAY)  # fmt: skip
    header = result.out.split('<span class="who">', 1)[1].split("</span>", 1)[0]
    assert header == "Riverside Health with a partner chosen from 3 candidates"


@needs_pdftotext
def test_nothing_of_the_page_is_lost_in_print(printed: dict) -> None:
    """Every heading and list item of the HTML is in the PDF's text (WeasyPrint split a
    grid row across pages and dropped the start of its second column)."""
    from html.parser import HTMLParser

    class Items(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []
            self.depth = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in ("h1", "h2", "h3", "li"):
                self.found.append("")
                self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            if tag in ("h1", "h2", "h3", "li") and self.depth:
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth and self.found:
                self.found[-1] += data

    for (paper, name), pdf in printed.items():
        page = Items()
        page.feed(pdf.with_suffix(".html").read_text("utf-8"))
        plain = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        printed_words = set(re.findall(r"\w+", plain.stdout))  # cells interleave: words, not lines
        flat = re.sub(r"\W+", "", plain.stdout)  # pdftotext joins "half-" and "time"
        for item in page.found:
            words = re.findall(r"\w+", item)
            missing = [w for w in words if w not in printed_words and w not in flat]
            assert not missing, (paper, name, item, missing)

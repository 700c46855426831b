"""PDF printing of untrusted templates and values: nothing from outside, nothing lost.

A user's template may ask for anything: files, the network, a redirect, an attachment.
The printer loads only the package's own fonts and images and the `data:` URLs written
in the templates; it never runs scripts or follows refreshes (issue 12 item 7, issue
29 item 14). A long word wraps inside its cell and the text after it is printed
(issue 29 item 22); codes and hashes extract as printed, without ligatures (issue 23).
"""

from __future__ import annotations

import base64
import http.server
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

pikepdf = pytest.importorskip("pikepdf")
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")
RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"
SHIPPED = {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Serif", "DejaVu-Serif-Bold",
           "DejaVu-Serif-Italic"}  # fmt: skip
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db00000000049454e44ae426082"
    )
).decode()


CMAP_ENTRY = rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>"  # a glyph and the characters it stands for


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on this machine that records every request made to it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<p>NETWORKHIT</p>")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}", hits
    finally:
        httpd.shutdown()


def _hostile_page(secret: Path, url: str) -> str:
    """Every way a page can ask for something from outside: the values the Chromium
    printer's content-policy tests used, and what WeasyPrint itself would fetch."""
    target = secret.as_uri()
    return (
        "<!DOCTYPE html><html><head>"
        f'<meta http-equiv="&#82;efresh" content="1;url={target}">'
        f'<meta http-equiv="refresh" content="0;url={url}/refresh">'
        f'<link rel="stylesheet" href="{url}/style.css">'
        f'<link rel="stylesheet" href="{target}">'
        f'<link rel="attachment" href="{target}" title="leak">'
        f'<link rel="attachment" href="file:///etc/passwd">'
        f'<base href="{url}/base/">'
        f"<style>@import url({url}/import.css); @import url('file:///etc/passwd');"
        f"@font-face {{ font-family: X; src: url({target}) }}"
        f"body {{ background: url({url}/bg.png) }} h1 {{ font-family: X }}</style>"
        "</head><body><h1>VISIBLE</h1>"
        f'<svg><style><meta http-equiv="refresh" content="0;url={target}"></style>'
        f'<image href="{target}" width="10" height="10"/>'
        f'<image href="{url}/svg.png" width="10" height="10"/></svg>'
        f"<svg><style>@import url({url}/svgstyle.css);</style></svg>"
        f'<iframe src="{target}"></iframe><iframe src="file:///etc/passwd"></iframe>'
        f'<img src="{url}/pixel.png"><img src="relative.png"><object data="{target}"></object>'
        f'<embed src="{target}"><img src="data:image/png;base64,{PIXEL}">'
        f'<a rel="attachment" href="{target}">attached</a>'
        "<script>document.write('SCRIPTRAN')</script></body></html>"
    )


def test_a_hostile_template_prints_nothing_from_outside(cli, workdir: Path, server) -> None:
    url, hits = server
    secret = workdir / "secret.html"
    secret.write_text("<p>SECRETFILE</p>")
    templates = workdir / "tpl"
    templates.mkdir()
    (templates / "agreement.html.j2").write_text(_hostile_page(secret, url))
    result = cli("render", RIVERSIDE, "-f", "pdf", "--templates", templates,
                 "-o", workdir / "out.pdf", "--today", TODAY)  # fmt: skip
    assert result.code == 0, result.err
    text = _text(workdir / "out.pdf")
    assert "VISIBLE" in text
    for leaked in ("SECRETFILE", "root:", "NETWORKHIT", "SCRIPTRAN"):
        assert leaked not in text
    assert hits == []
    with pikepdf.open(workdir / "out.pdf") as doc:
        assert set(doc.attachments) == {RIVERSIDE.name}  # the source alone, nothing fetched
        fonts = {
            str(font.get("/BaseFont")).split("+")[-1]
            for page in doc.pages
            for font in (page.Resources.get("/Font") or {}).values()
        }
        assert fonts <= SHIPPED, fonts
        images = [
            name for page in doc.pages for name, x in (page.Resources.get("/XObject") or {}).items()
            if x.get("/Subtype") == "/Image"
        ]  # fmt: skip
        assert len(images) == 1  # the data: pixel the template itself wrote, and no other
    # Each refusal is named once, so the author of the template knows what was left out.
    assert f"{url}/style.css" in result.err and "/etc/passwd" in result.err
    assert result.err.count(f"{url}/pixel.png") == 1


def test_only_the_templates_own_data_urls_load(tmp_path: Path) -> None:
    from partnerkit.documents.pdf import print_pdf, template_data_urls
    from partnerkit.documents.pdfmeta import PrintJob

    image = f"data:image/png;base64,{PIXEL}"
    (tmp_path / "agreement.html.j2").write_text(f'<img src="{image}">')
    allowed = template_data_urls([tmp_path])
    assert allowed == {image}
    page = f'<p>x</p><img src="{image}"><img src="data:image/png;base64,{PIXEL}AAAA">'
    printed = print_pdf(PrintJob(page, "t", "s", "0" * 64, "-", allowed_data=allowed))
    assert len(printed.refused) == 1 and printed.refused[0].endswith("AAAA")
    assert b"/Subtype /Image" in printed.pdf or b"/Image" in printed.pdf


def test_a_refresh_hidden_in_svg_style_goes_nowhere(tmp_path: Path, server) -> None:
    """Issue 29 item 14: Chromium followed this refresh to a file: URL."""
    from partnerkit.documents.pdf import print_pdf
    from partnerkit.documents.pdfmeta import PrintJob

    url, hits = server
    secret = tmp_path / "secret.html"
    secret.write_text("<p>SECRETFILE</p>")
    page = (f'<p>STAYED</p><svg><style><meta http-equiv=refresh content="0;url={secret.as_uri()}">'
            f'<meta http-equiv=refresh content="0;url={url}/x"></style></svg>')  # fmt: skip
    printed = print_pdf(PrintJob(page, "t", "s", "0" * 64, "-"))
    out = tmp_path / "out.pdf"
    out.write_bytes(printed.pdf)
    text = _text(out)
    assert "STAYED" in text and "SECRETFILE" not in text
    assert hits == [] and printed.refused == ()


def test_fonts_of_the_machine_never_enter_a_document(tmp_path: Path) -> None:
    """A page asking for a system font (here DejaVu Sans Mono, installed on most Linux
    machines but not shipped) or a glyph DejaVu lacks gets a shipped font."""
    from partnerkit.documents.pdf import print_pdf
    from partnerkit.documents.pdfmeta import PrintJob

    page = (
        "<p style=\"font-family: 'DejaVu Sans Mono', monospace\">mono 漢字 ✓</p>"
        "<p style=\"font-family: 'Liberation Serif', 'Noto Sans', cursive\">other</p>"
    )
    printed = print_pdf(PrintJob(page, "t", "s", "0" * 64, "-"))
    out = tmp_path / "out.pdf"
    out.write_bytes(printed.pdf)
    listed = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    names = {line.split()[0].split("+")[-1] for line in listed.splitlines()[2:]}
    assert names and names <= SHIPPED, names


def test_a_long_word_wraps_in_its_cell_and_the_rest_is_printed(cli, workdir: Path) -> None:
    """Issue 29 item 22: the word ran off the page and the text after it was lost."""
    word = "Reference" + "X" * 150 + "END"
    text = RIVERSIDE.read_text("utf-8").replace(
        "deliverable: Training needs analysis report,",
        f"deliverable: Training needs analysis {word} then the words after it,",
    )
    source = workdir / "riverside.yaml"
    source.write_text(text)
    for paper in ("a4", "letter"):
        out = workdir / f"{paper}.pdf"
        result = cli("render", source, "-f", "pdf", "--paper", paper, "-o", out,
                     "--today", TODAY)  # fmt: skip
        assert result.code == 0, result.err
        flat = re.sub(r"\s+", "", _text(out))
        assert word in flat and "thenthewordsafterit" in flat, paper
        bbox = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
        right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
        assert right <= width - 40, (paper, right, width)  # inside the margin, not clipped


def test_codes_and_hashes_extract_as_printed(cli, workdir: Path) -> None:
    """Issue 23: `e9cff4f…` extracted as `e9cﬀ4f…` (a ligature), so no one could find it."""
    import hashlib

    base = RIVERSIDE.read_text("utf-8")
    # A comment changes the file's hash, not its content: pick one whose printed part has "ff".
    text = next(t for n in range(10_000) if "ff" in hashlib.sha256(
        (t := f"{base}# {n}\n").encode()).hexdigest()[:12])  # fmt: skip
    source = workdir / "riverside.yaml"
    source.write_text(text)
    result = cli("render", source, "-f", "pdf", "-o", "out.pdf", "--today", TODAY)
    assert result.code == 0, result.err
    sha = hashlib.sha256(text.encode()).hexdigest()
    extracted = _text(workdir / "out.pdf")
    assert f"sha256 {sha[:12]}" in extracted
    assert "confidential" in extracted.lower()  # words with "fi" are in the text too
    assert not re.search("[\ufb00-\ufb06]", extracted), "a ligature in the text"
    # No glyph stands for two letters: a ligature glyph ("ff" as one) is what a reader
    # that ignores the PDF's character map copies as U+FB00.
    with pikepdf.open(workdir / "out.pdf") as doc:
        several = [
            (str(font.BaseFont), target)
            for font in doc.objects
            if isinstance(font, pikepdf.Dictionary) and font.get("/ToUnicode") is not None
            for target in re.findall(CMAP_ENTRY, font.ToUnicode.read_bytes())
            if len(target) > 4
        ]
    assert several == [], several

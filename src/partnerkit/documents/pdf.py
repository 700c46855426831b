"""HTML to PDF with WeasyPrint: the shipped fonts only, nothing fetched from outside.

`print_pdf` prints one document; `print_all` prints the documents of one command
in order, on a worker process per core when there are several. Each PDF is tagged
and PDF/A-3b, carries the partnership file it was made from (see `pdfmeta`), and is
the same bytes for the same input on any machine with the same WeasyPrint.

What a page may load: the fonts and images inside the partnerkit package, and the
`data:` URLs written in the templates themselves. Everything else (`file:`, the
network, a `data:` URL that came from a partnership's values) is refused and named.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from partnerkit.documents import pdfmeta
from partnerkit.documents.pdfmeta import PrintJob
from partnerkit.documents.templates import builtin_dir

FONTS = Path(__file__).resolve().parents[1] / "fonts"  # partnerkit/fonts, above documents/
SERVED = (FONTS, builtin_dir())  # the only folders a page may load files from
TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".png": "image/png", ".svg": "image/svg+xml",
         ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".css": "text/css"}  # fmt: skip
# With every template's own styles: codes, hashes and words extract as printed (a
# ligature would turn the "ff" of a hash into one character no one can search for),
# and a word longer than its line breaks inside it instead of running off the page.
PRINT_CSS = "html, html * { font-variant-ligatures: none; overflow-wrap: break-word; }"
# In a table the word must also let its column shrink (`anywhere`); that doubles the
# time to lay a document out, so it applies only to a page with a cell holding a
# word this long.
LONG_WORD_CSS = "td, th, td *, th * { overflow-wrap: anywhere; }"
LONG_WORD = re.compile(r"[^\s<>]{30,}")
CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.S | re.I)


@dataclass(frozen=True)
class Printed:
    """One PDF and the URLs its page asked for that were refused."""

    pdf: bytes
    refused: tuple[str, ...] = ()


@functools.cache
def weasyprint() -> Any:
    """WeasyPrint, imported with fontconfig confined to the shipped fonts.

    Fontconfig reads `FONTCONFIG_FILE` once, when WeasyPrint loads it: the file
    beside the fonts lists their folder alone, so no font of the machine (and no
    fallback for a missing glyph) can enter a document. The fonts' subsets would carry
    the time they were made (fontTools stamps them); the reproducible-builds
    convention fixes it, unless the caller has set it.
    """
    os.environ["FONTCONFIG_FILE"] = str(FONTS / "fonts.conf")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    from partnerkit.support.errors import UsageError

    try:
        import weasyprint as module
    except ImportError:
        raise UsageError("PDF output needs WeasyPrint: `pip install weasyprint`") from None
    except OSError as exc:  # the Python package is there, its system library is not
        raise UsageError(
            f"PDF output needs the Pango library, which WeasyPrint could not load ({exc}). "
            "Install it (Debian/Ubuntu: `apt-get install libpango-1.0-0 libpangoft2-1.0-0`; "
            "Fedora: `dnf install pango`; macOS: `brew install pango`; Windows: MSYS2's "
            "`pacman -S mingw-w64-x86_64-pango`); HTML and Word "
            "output work without it"
        ) from None
    import logging

    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)  # refusals are named by us
    return module


def template_data_urls(folders: Iterable[Path]) -> frozenset[str]:
    """The `data:` URLs written in the templates of `folders` (what a page may use)."""
    import re

    found: set[str] = set()
    for folder in folders:
        for path in sorted(folder.glob("*.j2")) if folder.is_dir() else ():
            text = path.read_text("utf-8", "replace")
            found.update(re.findall(r"data:[^\s\"')>]+", text))
    return frozenset(found)


def _served(url: str) -> Path | None:
    """The package file `url` names, when it is one a page may load."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query:
        return None
    path = Path(unquote(parts.path)).resolve()
    if path.suffix.lower() not in TYPES or not path.is_file():
        return None
    return path if any(path.is_relative_to(folder) for folder in SERVED) else None


def _fetcher(allowed_data: frozenset[str], refused: list[str]) -> Any:
    base = weasyprint().urls.URLFetcher

    class Fetcher(base):  # type: ignore[misc, valid-type]
        """Serves the package's own files and the templates' data: URLs; refuses the rest."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:") and url in allowed_data:
                return super().fetch(url, headers)  # decoded by urllib: no network
            path = _served(url)
            if path is None:
                refused.append(url)
                raise ValueError("partnerkit prints nothing from outside its package")
            response = weasyprint().urls.URLFetcherResponse
            return response(url, path.read_bytes(), {"Content-Type": TYPES[path.suffix.lower()]})

    return Fetcher(allowed_protocols=("file", "data"), allow_redirects=False)


def print_pdf(job: PrintJob) -> Printed:
    """One document as a tagged PDF/A-3b with its sources attached."""
    module = weasyprint()
    refused: list[str] = []
    html = module.HTML(string=job.html, base_url=SERVED[1].as_uri() + "/",
                       url_fetcher=_fetcher(job.allowed_data, refused))  # fmt: skip
    css = PRINT_CSS + (LONG_WORD_CSS if _long_word(job.html) else "")
    document = html.render(stylesheets=[module.CSS(string=css)])
    pdfmeta.describe(document.metadata, job)
    pdf = document.write_pdf(
        pdf_variant="pdf/a-3b",
        pdf_tags=True,
        attachments=pdfmeta.attachments(module, job),
        finisher=functools.partial(pdfmeta.finish, job=job),
    )
    return Printed(pdf, tuple(dict.fromkeys(refused)))


def _long_word(html: str) -> bool:
    """Whether a table cell of the page holds a word of 30 letters or more."""
    return any(LONG_WORD.search(re.sub(r"<[^>]*>", " ", c)) for c in CELL.findall(html))


def print_all(jobs: Sequence[PrintJob], workers: int) -> Iterator[Printed]:
    """Every job's PDF, in order: on `workers` processes when there are several jobs."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(print_pdf, jobs)
        return
    weasyprint()  # loaded once, before the workers are forked, so each starts ready
    from partnerkit.support.parallel import map_ordered

    yield from map_ordered(print_pdf, jobs, min(workers, len(jobs)), size=1)

"""The site's own pages (the index, its filters, each partnership's page and rating form)
speak to a sponsor or a partner who never opens a terminal: no command, rule code, file
name or line number, whatever the files say."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import examples_site

# What only someone at a terminal reads: a command and its options, a finding's code, a
# YAML file, a file:line:column, a code span.
JARGON = re.compile(
    r"\bpartnerkit [a-z-]+ |--[a-z]|\bPK\d{3}\b|\.ya?ml\b|:\d+:\d+|`|\b[a-z]+\[\]\.", re.I
)


class _Visible(HTMLParser):
    """The text a reader sees or hears: the page's text and its labels, not its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")
        self.text += [v for k, v in attrs if k in ("title", "aria-label", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_site(tmp_path_factory)


def test_no_page_a_partner_reads_shows_terminal_jargon(built: Path) -> None:
    pages = [*built.glob("*.html"), *built.glob("p/*/index.html"), *built.glob("p/*/rate.html")]
    assert len(pages) > 15
    found = []
    for page in pages:
        seen = _Visible()
        seen.feed(page.read_text("utf-8"))
        text = " ".join(" ".join(seen.text).split())
        found += [f"{page.relative_to(built)}: …{text[max(0, m.start() - 40):m.end() + 30]}…"
                  for m in JARGON.finditer(text)]  # fmt: skip
    assert found == []

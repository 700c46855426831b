"""The site's own pages (the index, its filters, each partnership's page and rating form)
speak to a sponsor or a partner who never opens a terminal: no command, rule code, file
name or line number, whatever the files say."""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import TODAY, examples_site

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


def _text(html: str) -> str:
    seen = _Visible()
    seen.feed(html)
    return " ".join(" ".join(seen.text).split())


def _section(page: Path, sid: str) -> str:
    """The visible text of one section of a partnership page, by its heading's id."""
    html = page.read_text("utf-8")
    start = html.index(">", html.index(f'id="{sid}"')) + 1
    return _text(html[start:html.index("</section>", start)])


def _steps(page: Path) -> str:
    """The text of "What to do next", without the open points under it."""
    return _section(page, "next").split("Open points")[0]


def _pages(built: Path) -> list[Path]:
    found = sorted(built.glob("p/*/index.html"))
    assert len(found) == 4
    return found


LONG = re.compile(r"\b(\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
                  r"October|November|December) \d{4})\b")  # fmt: skip


def test_next_steps_write_dates_in_words_and_say_when_one_has_passed(built: Path) -> None:
    today = dt.date.fromisoformat(TODAY)
    for page in _pages(built):
        text = _steps(page)
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), page  # one style: words
        for m in re.finditer(r"\(by " + LONG.pattern + r"\)", text):
            assert dt.datetime.strptime(m.group(1), "%d %B %Y").date() >= today, (page, m[0])
    riverside = _steps(built / "p/riverside-clinical-onboarding/index.html")
    assert "overdue since 15 September 2026" in riverside  # the late facilitator guide


def test_next_steps_say_each_decision_and_each_reason_once(built: Path) -> None:
    northgate = _steps(built / "p/northgate-crm-golive/index.html")
    assert northgate.count("decisions") == 1, northgate
    for page in _pages(built):
        text = _steps(page)
        reasons = re.findall(r"Why(?:, for the \d+ steps above)?: ([^A-Z“]+)", text)
        assert len(reasons) == len(set(reasons)), (page, reasons)


def test_readiness_is_the_partnerships_not_a_files(built: Path) -> None:
    # A sponsor has no "file": readiness is named as the partnership's, on its page and on
    # the one-pager it links.
    for page in [*_pages(built), *built.glob("p/*/one-pager.html")]:
        text = _text(page.read_text("utf-8"))
        assert not re.search(r"\bthe file\b", text), (page, re.findall(r".{60}\bthe file\b", text))
    assert "the partnership's readiness" in _section(_pages(built)[0], "cs")


def test_health_and_each_partners_ratings_say_which_review_they_come_from(built: Path) -> None:
    # Riverside's partners last rated separately on 16 July; the latest review (15 October)
    # rated once for all: the two tables differ, and each says its review.
    text = _section(built / "p/riverside-clinical-onboarding/index.html", "cs")
    assert "Health, review of 15 October 2026" in text
    assert ("ratings at the review of 16 July 2026, the last review at which each partner "
            "rated separately (the health column is from the later review of 15 October 2026)"
            in text)  # fmt: skip


def test_a_signature_that_names_no_terms_says_so_in_words(built: Path) -> None:
    text = _section(built / "p/riverside-clinical-onboarding/index.html", "people")
    assert "unrecorded" not in text
    assert text.count("signed; version not recorded") == 2
    assert "does not record which version of the terms it covers" in text


def test_the_rating_form_explains_the_whole_numbers_it_asks_for(built: Path) -> None:
    for form in built.glob("p/*/rate.html"):
        text = _text(form.read_text("utf-8"))
        assert "4.0" not in text and "3.9" not in text, form  # no averages: people pick 1 to 5
        assert ("5 or 4 means it is a strength, 3 that it is worth discussing, 2 or 1 that it "
                "is a concern") in text  # fmt: skip


def test_the_index_counts_next_steps_and_links_them_not_lint_findings(built: Path) -> None:
    # "Errors / warnings" counted findings no page shows; the index now counts the steps a
    # partnership's page lists under "What to do next", and links there.
    index = (built / "index.html").read_text("utf-8")
    assert "Errors / warnings" not in _text(index) and "Next steps" in _text(index)
    links = re.findall(r'<a href="(p/[a-z0-9-]+/index\.html)#next">(\d+) to do</a>', index)
    assert len(links) == 4
    for href, count in links:
        html = (built / href).read_text("utf-8")
        start = html.index('<ol class="steps">')
        steps = html[start:html.index("</ol>", start)]
        assert steps.count("<li>") - steps.count("<ul>") == int(count), href


def test_the_calendar_link_says_it_adds_the_dates_once_and_how_to_subscribe(built: Path) -> None:
    # Opened from a folder (or without scripts) the link downloads the dates once: the page
    # says so, and how to subscribe instead; it no longer calls a download "Subscribe".
    for page in [built / "index.html", *_pages(built)]:
        text = _text(page.read_text("utf-8").split("<script")[0])
        assert "Subscribe" not in text, page
        assert "adds the dates once" in text and "calendar from a URL" in text, page
        assert "“Add by URL”" in text, page


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Serves without printing a line a request."""


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                    reason="Chromium or chromedriver is not installed")  # fmt: skip
def test_served_over_the_web_the_calendar_link_subscribes(built: Path, tmp_path: Path) -> None:
    from browsing import chrome

    handler = functools.partial(_Quiet, directory=str(built))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    driver = chrome(tmp_path / "profile", tmp_path / "downloads")
    link = "return [document.querySelector('a[data-subscribe]').href, document.querySelector("
    link += "'a[data-subscribe]').textContent, document.getElementById('calendar-how').textContent]"
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        driver.get(f"{base}/p/riverside-clinical-onboarding/index.html")
        href, words, how = driver.execute_script(link)
        feed = "/p/riverside-clinical-onboarding/calendar.ics"
        assert href == base.replace("http:", "webcal:") + feed
        assert words == "Subscribe to this partnership's dates in your calendar"
        assert "keeps them up to date" in how
        driver.get(f"{base}/index.html")
        assert driver.execute_script(link)[0].startswith("webcal://127.0.0.1:")
        driver.get((built / "p/riverside-clinical-onboarding/index.html").as_uri())
        href, words, how = driver.execute_script(link)
        assert href == (built / "p/riverside-clinical-onboarding/calendar.ics").as_uri()
        assert words.startswith("Add ") and "adds the dates once" in how
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()

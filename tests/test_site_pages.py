"""The site's own pages in a real browser (Chromium through Selenium), beyond links and
axe: printed (print media through CDP), walked with the keyboard alone (Tab, arrows, Space,
Enter), and the partnership page's deliverables drawn as a timeline.

Skipped when Chromium, chromedriver or Selenium is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from browsing import PHONE, chrome, missing

from conftest import EXAMPLES, TODAY, examples_site

webdriver = pytest.importorskip("selenium.webdriver")
pytestmark = missing
HARBOR = "p/harbor-county-early-learning"
RIVERSIDE = "p/riverside-clinical-onboarding"
A4_PORTRAIT = 688  # 210 mm less 14 mm margins, at 96 px an inch
A4_LANDSCAPE = 1032  # 297 mm less 12 mm margins (the dashboard prints landscape)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_site(tmp_path_factory)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[object]:
    driver = chrome(tmp_path_factory.mktemp("profile"), downloads)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def printed(browser) -> Iterator[object]:
    """The browser with print media emulated (what Chromium lays out for paper)."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


SCREEN_ONLY = "nav, .filters, #search, .skip, #download, .noprint"
SHOWN = (
    "return Array.from(document.querySelectorAll(arguments[0]))"
    ".filter(e => !e.hidden && getComputedStyle(e).display !== 'none')"
    ".map(e => e.outerHTML.slice(0, 60))"
)


@pytest.mark.parametrize("page", ["index.html", "kind-vendor.html", f"{HARBOR}/index.html",
                                  f"{HARBOR}/rate.html"])  # fmt: skip
def test_print_hides_navigation_filters_search_and_buttons(site: Path, browser, page: str) -> None:
    browser.get((site / page).as_uri())
    on_screen = browser.execute_script(SHOWN, SCREEN_ONLY)
    assert on_screen  # the page has something a printed page leaves out
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script(SHOWN, SCREEN_ONLY) == []
        assert browser.execute_script(SHOWN, "main, table, h1, .timeline")  # the content stays
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


AFTER = (
    "return Array.from(document.querySelectorAll(arguments[0]),"
    " a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"
)


def test_printed_downloads_name_their_file(site: Path, browser) -> None:
    """On paper a link cannot be followed: a document's Word or PDF link shows its file."""
    browser.get((site / HARBOR / "index.html").as_uri())
    on_screen = browser.execute_script(AFTER, ".downloads a")
    assert on_screen and all(content in ("none", "normal") for _, content in on_screen)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        on_paper = browser.execute_script(AFTER, ".downloads a")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert all(href in content for href, content in on_paper), on_paper


WIDER = """
const page = document.documentElement.clientWidth, out = [];
for (const e of document.querySelectorAll('table, .scroll, .timeline')) {
  const box = e.getBoundingClientRect();
  if (box.right > page + 0.5 || e.scrollWidth > e.clientWidth + 1)
    out.push(e.outerHTML.slice(0, 60) + ' ' + Math.round(box.right) + '/' + page);
}
return [document.documentElement.scrollWidth, out];
"""


@pytest.mark.parametrize(("page", "width"), [("index.html", A4_LANDSCAPE),
                                             (f"{HARBOR}/index.html", A4_PORTRAIT),
                                             (f"{RIVERSIDE}/index.html", A4_PORTRAIT)])  # fmt: skip
def test_printed_tables_are_whole(site: Path, printed, page: str, width: int) -> None:
    """On paper no table is cut off: none is wider than the printable width, and no scroll
    box hides part of one (on screen the dashboard's table scrolls in its box)."""
    printed.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 1100, "deviceScaleFactor": 1, "mobile": False},
    )
    printed.get((site / page).as_uri())
    scroll_width, cut = printed.execute_script(WIDER)
    assert scroll_width <= width and not cut, (page, scroll_width, cut)


def test_the_printed_dashboard_fits_with_only_dejavu_fonts(
    site: Path, tmp_path: Path, downloads: Path
) -> None:
    """Many Linux desktops have DejaVu Sans, wider than most, as their only sans-serif:
    the dashboard printed from such a browser is not cut off either (it was 1064 px
    against 1032)."""
    import partnerkit

    fonts = Path(partnerkit.__file__).parent / "fonts" / "fonts.conf"
    browser = chrome(tmp_path / "profile", downloads, fontconfig=fonts)
    try:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": A4_LANDSCAPE, "height": 1100, "deviceScaleFactor": 1, "mobile": False},
        )
        browser.get((site / "index.html").as_uri())
        scroll_width, cut = browser.execute_script(WIDER)
    finally:
        browser.quit()
    assert scroll_width <= A4_LANDSCAPE and not cut, (scroll_width, cut)

FOCUS = """
const e = document.activeElement, s = getComputedStyle(e);
let bg = 'rgba(0, 0, 0, 0)';
for (let p = e.parentElement; p; p = p.parentElement) {
  const c = getComputedStyle(p).backgroundColor;
  if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
}
const r = e.getBoundingClientRect();
return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '',
        type: e.type || '', href: e.getAttribute('href') || '',
        text: e.textContent.trim().slice(0, 40),
        key: e.dataset.key || '', outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
        color: s.outlineColor, bg: bg, top: r.top, bottom: r.bottom,
        visible: r.width > 0 && r.height > 0};
"""
REACHABLE = """
let n = 0;
const out = [];
for (const e of document.querySelectorAll(
    'a[href], button, input, textarea, select, [tabindex="0"]')) {
  const r = e.getBoundingClientRect();
  if (e.hidden || e.disabled || getComputedStyle(e).visibility === 'hidden'
      || (r.width === 0 && r.height === 0 && !e.classList.contains('skip'))) continue;
  e.dataset.key = 'k' + (n++);
  out.push(e.type === 'radio' ? 'radio:' + e.name : e.dataset.key);
}
return out;
"""


def _luminance(rgb: str) -> float:
    channels = [int(x) / 255 for x in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _tab(browser, shift: bool = False) -> dict:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    chain = ActionChains(browser)
    if shift:
        chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    else:
        chain.send_keys(Keys.TAB).perform()
    return browser.execute_script(FOCUS)


def _walk(browser) -> list[dict]:
    """Tab from the top of the page until focus leaves it; every stop, in order."""
    expected = browser.execute_script(REACHABLE)
    stops: list[dict] = []
    for _ in range(len(expected) + 5):
        stop = _tab(browser)
        if stop["tag"] == "body" or (stops and stop["key"] == stops[0]["key"]):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("page", ["index.html", f"{HARBOR}/index.html", f"{RIVERSIDE}/rate.html",
                                  f"{HARBOR}/review-report.html"])  # fmt: skip
def test_every_control_is_reached_by_tab_with_a_visible_focus(
    site: Path, browser, page: str
) -> None:
    """Tab reaches every link, field, button and scroll box (a radio group is one stop),
    and each shows a focus ring of at least 2 px at 3:1 against what is around it; on a
    document too (the review report's tables scroll in boxes the keyboard must reach)."""
    browser.get((site / page).as_uri())
    expected = browser.execute_script(REACHABLE)
    stops = _walk(browser)
    assert len(expected) >= 3
    reached = [("radio:" + s["name"]) if s["type"] == "radio" else s["key"] for s in stops]
    assert sorted(set(reached)) == sorted(set(expected)), (page, set(expected) - set(reached))
    faint = [s for s in stops if not (s["outline"] not in ("none", "") and s["width"] >= 2
                                      and _contrast(s["color"], s["bg"]) >= 3)]  # fmt: skip
    assert not faint, (page, faint[:3])


@pytest.mark.parametrize(("page", "target"), [("index.html", "list"),
                                              (f"{HARBOR}/index.html", "main"),
                                              (f"{RIVERSIDE}/rate.html", "main")])  # fmt: skip
def test_the_skip_link_comes_first_and_jumps_to_the_content(
    site: Path, browser, page: str, target: str
) -> None:
    """The first Tab shows the skip link; Enter on it moves the focus to the content, so
    the next Tab is inside it, past the breadcrumb, the summary and the filters."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get((site / page).as_uri())
    stop = _tab(browser)
    assert stop["href"] == f"#{target}" and stop["text"].startswith("Skip to")
    assert stop["top"] >= 0 and stop["visible"]  # shown on the screen once focused
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return document.activeElement.id") == target
    _tab(browser)
    inside = "return document.getElementById(arguments[0]).contains(document.activeElement)"
    assert browser.execute_script(inside, target)


PLAN = {
    1: {"commitment": 5, "communication": 4, "credibility": 3, "clarity": 2, "cadence": 1,
        "collaboration": 4},
    2: {"commitment": 3, "communication": 3, "credibility": 4, "clarity": 5, "cadence": 2},
}  # fmt: skip


def test_the_rating_form_is_filled_and_downloaded_from_the_keyboard(
    site: Path, browser, downloads: Path, tmp_path: Path, cli
) -> None:
    """Tab to each C, Space then the arrow keys for its rating, type the comments, Enter
    on the button: the CSV it saves has what was typed, and `record` takes it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get((site / RIVERSIDE / "rate.html").as_uri())
    for _ in range(80):
        stop = _tab(browser)
        field = stop["name"].rsplit("-", 1)
        keys = ActionChains(browser)
        if stop["type"] == "radio":
            value = PLAN[int(field[1])].get(field[0])
            if value:
                keys.send_keys(Keys.SPACE).send_keys(*[Keys.ARROW_RIGHT] * (value - 1)).perform()
        elif stop["tag"] == "textarea":
            keys.send_keys(f"typed for {field[1]}").perform()
        elif stop["id"] == "download":
            keys.send_keys(Keys.ENTER).perform()
            break
    else:
        pytest.fail("Tab never reached the download button")
    sheet = downloads / "riverside-clinical-onboarding-ratings.csv"
    deadline = time.monotonic() + 30
    while not sheet.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    for n, row in enumerate(rows, 1):
        assert {c: row[c] for c in PLAN[n]} == {c: str(v) for c, v in PLAN[n].items()}
        assert row["comments"] == f"typed for {n}"
    assert rows[1]["collaboration"] == ""  # left blank: not rated
    target = tmp_path / "riverside.yaml"
    shutil.copy(EXAMPLES / "riverside-clinical-onboarding.yaml", target)
    result = cli("record", str(target), "--date", "2026-12-10", "--ratings", str(sheet),
                 "--no-config")  # fmt: skip
    assert result.code == 0, result.out + result.err


TIMELINE = """
return Array.from(document.querySelectorAll('.timeline > li'), li => {
  const mark = li.querySelector('.tl-mark'), s = getComputedStyle(mark);
  return {cls: li.className, text: li.textContent.replace(/\\s+/g, ' ').trim(),
          date: li.querySelector('time') ? li.querySelector('time').getAttribute('datetime') : '',
          glyph: mark.textContent.trim(), hidden: mark.getAttribute('aria-hidden'),
          shape: s.borderRadius + ' ' + s.transform, top: li.getBoundingClientRect().top,
          gap: parseFloat(getComputedStyle(li).marginTop)};
});
"""


@pytest.mark.parametrize("width", [1280, 390])
def test_deliverables_are_a_timeline_with_today_marked(site: Path, browser, width: int) -> None:
    """Harbor's deliverables on a line by date: today between the past and the future,
    done and overdue told apart by the mark's shape and glyph and by a word, the gap between
    two rows growing with the time between them; the marks are hidden from screen readers,
    which read each row's date, deliverable and status."""
    if width == 390:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        browser.get((site / HARBOR / "index.html").as_uri())
        items = browser.execute_script(TIMELINE)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    today = dt.date.fromisoformat(TODAY)
    dated = [(i, dt.date.fromisoformat(x["date"])) for i, x in enumerate(items) if x["date"]]
    assert [d for _, d in dated] == sorted(d for _, d in dated)
    assert [x["top"] for x in items] == sorted(x["top"] for x in items)
    (at,) = [i for i, x in enumerate(items) if "today" in x["cls"]]
    assert items[at]["date"] == TODAY
    assert all((d < today) == (i < at) for i, d in dated if i != at)
    done = [x for x in items if " done" in x["cls"]]
    late = [x for x in items if " late" in x["cls"]]
    assert done and late
    assert all(x["glyph"] == "✓" and "done" in x["text"] for x in done)
    assert all(x["glyph"] == "!" and "overdue" in x["text"] for x in late)
    assert {x["shape"] for x in done}.isdisjoint({x["shape"] for x in late})
    assert all(x["hidden"] == "true" for x in items)
    spaced = sorted((b - a, items[j]["gap"]) for (_, a), (j, b) in pairwise(dated))
    assert spaced[0][1] < spaced[-1][1]  # a longer wait, a longer gap


def test_a_name_with_no_space_does_not_widen_a_page(tmp_path: Path, browser, cli) -> None:
    """A partner's name and a deliverable longer than a phone's width, with no space to
    break at, wrap on the index, the filter pages, the partnership page and the form; in a
    document's table they scroll in the table's own box."""
    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
    long = "RiversideHealthLearningAndDevelopment" * 3
    text = text.replace("Riverside Health — Learning & Development", long, 1)
    text = text.replace("Training needs analysis report", "Trainingneedsanalysis" * 6, 1)
    (tmp_path / "r.yaml").write_text(text, "utf-8")
    out = tmp_path / "site"
    built = cli("site", str(tmp_path / "r.yaml"), "-o", str(out), "--today", TODAY, "--no-pdf",
                "--no-config")  # fmt: skip
    assert built.code == 0, built.err
    pages = sorted(out.rglob("*.html"))
    assert len([p for p in pages if p.parent.name != "site"]) == 7  # page, form, 5 documents
    assert any(long in p.read_text("utf-8") for p in pages)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    wide = {}
    try:
        for page in pages:
            browser.get(page.as_uri())
            width = browser.execute_script("return document.documentElement.scrollWidth")
            if width > 390:
                wide[str(page.relative_to(out))] = width
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not wide, wide

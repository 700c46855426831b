"""`partnerkit site` in a real browser: the distribution's Chromium and chromedriver,
through Selenium. Every link resolves, the filters and the search work, no page scrolls
sideways on a 390-pixel phone, axe-core finds no serious or critical violation (on every
page, render's documents and a redline included), and the rating form's download is
accepted by `record`.

Skipped when Chromium, chromedriver or Selenium is missing. axe-core is read from
`$AXE_CORE_JS`, else `~/node_modules/axe-core/axe.min.js` (`npm install axe-core` in a
folder outside the repository); its test is skipped without it.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browsing import AXE, PHONE, chrome, every_page, missing, name, redline_site

from conftest import EXAMPLES, examples_site

webdriver = pytest.importorskip("selenium.webdriver")
pytestmark = missing


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_site(tmp_path_factory)


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return redline_site(tmp_path_factory)


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


def test_every_link_resolves_in_the_browser(site: Path, amended: Path, browser) -> None:
    for root, page in every_page(site, amended):
        browser.get(page.as_uri())
        hrefs = browser.execute_script(
            "return Array.from(document.querySelectorAll('a[href]'), a => a.href)"
        )
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme == "mailto":
                continue
            assert parts.scheme == "file", (page, href)
            target = Path(unquote(parts.path))
            assert target.is_file(), (name(root, page), href)
            assert root.resolve() in target.resolve().parents


def _visible_rows(browser) -> list[str]:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#portfolio tbody tr'))"
        ".filter(r => !r.hidden).map(r => r.getAttribute('data-text'))"
    )


def test_filters_and_search_work(site: Path, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    every = _visible_rows(browser)
    assert len(every) == 4
    box = browser.find_element(By.ID, "q")
    assert box.is_displayed()
    box.send_keys("riverside")
    shown = _visible_rows(browser)
    assert len(shown) == 1 and "riverside" in shown[0]
    assert "1 of 4 shown" in browser.find_element(By.ID, "found").text
    box.clear()
    box.send_keys("x")
    box.send_keys("\b")
    assert len(_visible_rows(browser)) == 4
    browser.find_element(By.LINK_TEXT, "vendor").click()
    assert browser.current_url.endswith("/kind-vendor.html")
    rows = _visible_rows(browser)
    assert rows and all(" vendor " in f" {r} " for r in rows) and len(rows) < len(every)
    browser.find_element(By.LINK_TEXT, "Show every partnership").click()
    assert browser.current_url.endswith("/index.html")


def test_every_kind_of_page_is_covered(site: Path, amended: Path) -> None:
    """The phone and axe tests below read every page: the site's own, and render's
    documents (the redline of a pending amendment included)."""
    names = {page.name for _, page in every_page(site, amended)}
    documents = {"agreement", "mou", "one-pager", "review-report", "agenda"}
    assert {f"{d}.html" for d in documents} | {"agreement-redline.html", "index.html",
                                               "rate.html", "due.html"} <= names  # fmt: skip


def test_no_page_scrolls_sideways_on_a_phone(site: Path, amended: Path, browser) -> None:
    """At 390 px nothing is wider than the screen: not a table, a date, a badge, the DRAFT
    mark or a sparkline (a table of one column per review scrolls in its own box)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    wide = {}
    try:
        for root, page in every_page(site, amended):
            browser.get(page.as_uri())
            width = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]"
            )
            if width != [390, 390]:
                wide[name(root, page)] = width
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not wide, wide


AXE_RUN = (
    "const done = arguments[arguments.length - 1];"
    "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',"
    " 'wcag21aa', 'wcag22aa']}}).then(r => done(r.violations.map(v => [v.id, v.impact,"
    " v.nodes.map(n => n.target.join(' ')).slice(0, 3)])), e => done([['error', String(e), []]]));"
)


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed (npm install axe-core)")
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_serious_or_critical_violation(
    site: Path, amended: Path, browser, width: int
) -> None:
    """Every page, on a desktop and on a phone (where tables scroll in their own boxes,
    which the keyboard must reach): no serious or critical WCAG 2.x A/AA violation."""
    script = AXE.read_text("utf-8")
    found = {}
    if width == 390:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        for root, page in every_page(site, amended):
            browser.get(page.as_uri())
            browser.execute_script(script)
            result = browser.execute_async_script(AXE_RUN)
            bad = [v for v in result if v[1] in ("serious", "critical") or v[0] == "error"]
            if bad:
                found[name(root, page)] = bad
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not found, found


def test_the_rating_forms_download_is_accepted_by_record(
    site: Path, browser, downloads: Path, tmp_path: Path, cli
) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "p" / "riverside-clinical-onboarding" / "rate.html").as_uri())
    for n, value in ((1, "5"), (2, "3")):
        for c in ("commitment", "communication", "credibility", "clarity", "cadence"):
            browser.find_element(By.CSS_SELECTOR, f'input[name="{c}-{n}"][value="{value}"]').click()
    browser.find_element(By.NAME, "comments-1").send_keys('=1+1, "quoted"')
    browser.find_element(By.ID, "download").click()
    sheet = downloads / "riverside-clinical-onboarding-ratings.csv"
    deadline = time.monotonic() + 30
    while not sheet.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sheet.is_file(), list(downloads.iterdir())
    target = tmp_path / "riverside.yaml"
    shutil.copy(EXAMPLES / "riverside-clinical-onboarding.yaml", target)
    result = cli("record", str(target), "--date", "2026-12-10", "--ratings", str(sheet),
                 "--no-config")  # fmt: skip
    assert result.code == 0, result.out + result.err
    text = target.read_text("utf-8")
    assert "2026-12-10" in text and "'=1+1" in text

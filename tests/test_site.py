"""`partnerkit site`: the static site, its links, filters, incremental builds, hostile
values and the rating form's CSV (built by the page's own script, run in Node)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import EXAMPLES, TODAY, examples_site, git

RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser


def _build(cli, src: Path | str, out: Path, *more: str):
    return cli("site", str(src), "-o", str(out), "--today", TODAY, "--no-pdf", "--no-config", *more)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_site(tmp_path_factory)


def test_every_link_of_every_page_resolves_inside_the_site(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert (built / "index.html") in pages
    outside = set()
    for page in pages:
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "https", "http"):
                outside.add(link)
                continue
            assert not parts.scheme and not parts.netloc, (page, link)
            if not parts.path:
                continue
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), (page.relative_to(built), link)
            assert built.resolve() in target.parents, (page, link)
    # the only links out of the site are the addresses the files give
    given = "".join(p.read_text("utf-8") for p in EXAMPLES.glob("*.yaml"))
    for link in outside:
        assert urlsplit(link).path in given, link


def test_index_links_each_partnership_and_its_documents(built: Path) -> None:
    index = _parse(built / "index.html").links
    for example in EXAMPLES.glob("*.yaml"):
        pid = re.search(r"^id: (\S+)", example.read_text("utf-8"), re.M)
        assert pid is not None
        assert f"p/{pid.group(1)}/index.html" in index
        folder = built / "p" / pid.group(1)
        links = _parse(folder / "index.html").links
        for name in ("agreement.html", "agreement.docx", "agenda.html", "review-report.html",
                     "one-pager.html", "rate.html", "calendar.ics"):  # fmt: skip
            assert name in links
        assert (folder / "agreement.docx").read_bytes()[:2] == b"PK"
    page = (built / "p" / "riverside-clinical-onboarding" / "index.html").read_text("utf-8")
    headings = (
        "Partners and people",
        "What to do next",
        "Six C's",
        "Success criteria",
        "Deliverables by due date",
        "Review history",
        "Amendments and signatures",
    )
    for heading in headings:
        assert heading in page
    assert "Each partner's ratings" in page and "Meridian Clinical Learning" in page


def test_filter_pages_show_only_their_rows(built: Path) -> None:
    index = _parse(built / "index.html").links
    assert "status-active.html" in index and "due.html" in index
    kinds = [x for x in index if x.startswith("kind-")]
    assert kinds
    for name in kinds:
        kind = name.removeprefix("kind-").removesuffix(".html")
        page = (built / name).read_text("utf-8")
        cells = re.findall(r"<td>(vendor|internal|community|school|other)</td>", page)
        assert cells and set(cells) == {kind}, name
    all_rows = (built / "index.html").read_text("utf-8").count("data-text=")
    active = (built / "status-active.html").read_text("utf-8").count("data-text=")
    assert 0 < active < all_rows


def _events(text: str) -> dict[str, dict[str, str]]:
    """Each event of a calendar by UID: its properties as text, the description without the
    line `calendar` adds to name the event's file."""
    import icalendar

    found = {}
    for e in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        said = {k: e[k].to_ical().decode() for k in e if k not in ("UID", "DESCRIPTION")}
        said["DESCRIPTION"] = re.sub(r"\nSource: .*\Z", "", str(e["DESCRIPTION"]))
        found[str(e["UID"])] = said
    return found


def test_calendars_have_the_events_and_uids_of_the_calendar_command(built: Path, cli) -> None:
    whole = cli("calendar", str(EXAMPLES), "--today", TODAY, "--no-config")
    assert "Source: " in whole.out  # `calendar` names each event's file for its reader
    site = (built / "calendar.ics").read_text("utf-8")
    assert _events(site) == _events(whole.out) and len(_events(site)) > 10
    one = cli("calendar", str(RIVERSIDE), "--today", TODAY, "--no-config")
    mine = (built / "p" / "riverside-clinical-onboarding" / "calendar.ics").read_text("utf-8")
    assert _events(mine) == _events(one.out) and _events(mine)


def test_the_sites_calendars_name_no_file(built: Path) -> None:
    # A sponsor subscribes to these: a line naming a YAML path is noise to them.
    for feed in [built / "calendar.ics", *built.glob("p/*/calendar.ics")]:
        text = feed.read_text("utf-8").replace("\r\n ", "")
        assert "Source:" not in text and ".yaml" not in text, feed


def test_rebuild_renders_only_the_partnership_that_changed(tmp_path: Path, cli) -> None:
    src = tmp_path / "src"
    shutil.copytree(EXAMPLES, src)
    out = tmp_path / "site"
    first = _build(cli, src, out)
    assert first.code == 0 and "4 partnership(s) rendered, 0 unchanged" in first.err
    kept = out / "p" / "lakeview-literacy-coaching" / "agreement.html"
    before = kept.stat().st_mtime_ns
    again = _build(cli, src, out)
    assert "0 partnership(s) rendered, 4 unchanged" in again.err
    file = src / "riverside-clinical-onboarding.yaml"
    file.write_text(file.read_text("utf-8").replace("Clinical onboarding curriculum",
                                                    "Clinical onboarding programme"))  # fmt: skip
    changed = _build(cli, src, out)
    assert "1 partnership(s) rendered, 3 unchanged" in changed.err
    assert kept.stat().st_mtime_ns == before
    page = (out / "p" / "riverside-clinical-onboarding" / "index.html").read_text("utf-8")
    assert "Clinical onboarding programme" in page
    assert "Clinical onboarding programme" in (out / "index.html").read_text("utf-8")
    file.unlink()  # a partnership gone from the portfolio leaves the site
    _build(cli, src, out)
    assert not (out / "p" / "riverside-clinical-onboarding").exists()
    manifest = json.loads((out / ".partnerkit-site.json").read_text("utf-8"))
    assert "riverside-clinical-onboarding" not in manifest["partnerships"]


def test_hostile_values_stay_text_on_every_page(tmp_path: Path, cli) -> None:
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    text = RIVERSIDE.read_text("utf-8")
    text = text.replace("title: Clinical onboarding curriculum for new nurses",
                        f"title: '{evil}'", 1)  # fmt: skip
    text = text.replace("name: Meridian Clinical Learning", f"name: '{evil} Meridian'", 1)
    src = tmp_path / "evil.yaml"
    src.write_text(text, "utf-8")
    out = tmp_path / "site"
    result = _build(cli, src, out)
    assert result.code in (0, 1), result.err
    pages = list(out.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
    assert "&lt;script&gt;alert(1)" in (out / "index.html").read_text("utf-8")


def test_output_must_be_a_folder(tmp_path: Path, cli) -> None:
    file = tmp_path / "file.txt"
    file.write_text("x")
    assert _build(cli, RIVERSIDE, file).code == 2
    assert file.read_text() == "x"
    assert cli("site", str(RIVERSIDE), "--no-config").code == 2


def test_a_link_in_the_site_is_replaced_never_followed(tmp_path: Path, cli) -> None:
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    (out / "p").mkdir(parents=True)
    elsewhere.mkdir()
    (out / "p" / "riverside-clinical-onboarding").symlink_to(elsewhere)
    result = _build(cli, RIVERSIDE, out)
    assert result.code == 2 and "outside" in result.err
    assert not list(elsewhere.iterdir())
    (out / "index.html").symlink_to(elsewhere / "index.html")
    (out / "p" / "riverside-clinical-onboarding").unlink()
    assert _build(cli, RIVERSIDE, out).code == 0
    assert not (elsewhere / "index.html").exists()


def _form_script(page: Path) -> str:
    scripts = _parse(page).scripts
    found = [s for s in scripts if "function buildCsv" in s]
    assert len(found) == 1
    return found[0].split("(function () {")[0]  # the functions, without the page's wiring


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_rating_forms_csv_is_accepted_by_record(tmp_path: Path, built: Path, cli) -> None:
    page = built / "p" / "riverside-clinical-onboarding" / "rate.html"
    html = page.read_text("utf-8")
    columns = re.search(r'data-columns="([^"]+)"', html)
    assert columns is not None
    rows = [
        {"respondent": "Dana Ortiz", "partner": "riverside", "commitment": "5",
         "communication": "4", "credibility": "5", "clarity": "4", "cadence": "3",
         "collaboration": "", "comments": '=SUM(A1), "quoted"\nsecond line'},
        {"respondent": "Sam Reyes", "partner": "meridian", "commitment": "4",
         "communication": "4", "credibility": "4", "clarity": "3", "cadence": "3",
         "collaboration": "4", "comments": ""},
    ]  # fmt: skip
    js = _form_script(page) + (
        f"process.stdout.write(buildCsv({json.dumps(columns.group(1).split(','))}, "
        f"{json.dumps(rows)}));"
    )
    made = subprocess.run(
        ["node", "-e", js], capture_output=True, text=True, timeout=60, check=True
    )
    sheet = tmp_path / "ratings.csv"
    sheet.write_bytes(made.stdout.encode("utf-8"))
    target = tmp_path / "riverside.yaml"
    shutil.copy(RIVERSIDE, target)
    result = cli("record", str(target), "--date", "2026-12-10", "--ratings", str(sheet),
                 "--no-config")  # fmt: skip
    assert result.code == 0, result.out + result.err
    recorded = target.read_text("utf-8")
    assert "2026-12-10" in recorded and "Dana Ortiz" in recorded
    assert "'=SUM(A1)" in recorded  # the formula stays text


def test_documents_have_their_pdf_unless_no_pdf(tmp_path: Path, cli) -> None:
    out = tmp_path / "site"
    result = cli("site", str(RIVERSIDE), "-o", str(out), "--today", TODAY, "--no-config")
    assert result.code == 0, result.out + result.err
    folder = out / "p" / "riverside-clinical-onboarding"
    links = _parse(folder / "index.html").links
    for template in ("agreement", "mou", "one-pager", "review-report", "agenda"):
        assert f"{template}.pdf" in links
        assert (folder / f"{template}.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_pending_amendment_gets_its_redline(cli, workdir: Path) -> None:
    git(workdir, "init", "-q")
    file = workdir / "p.yaml"
    shutil.copy(RIVERSIDE, file)
    for partner, by, day in (("riverside", "Lee Park", "2026-02-01"),
                             ("meridian", "Olivia Grant", "2026-02-02")):  # fmt: skip
        assert (
            cli("sign", file, "--partner", partner, "--by", by, "--force", "--date", day).code == 0
        )
    git(workdir, "add", "p.yaml")
    git(workdir, "commit", "-q", "-m", "signed")
    out = workdir / "site"
    assert _build(cli, file, out).code == 0
    folder = out / "p" / "riverside-clinical-onboarding"
    assert not (folder / "agreement-redline.html").exists()  # nothing pending yet
    file.write_text(file.read_text("utf-8").replace("amount: 48000", "amount: 54000", 1))
    assert cli("amend", file, "--summary", "The fee rises", "--date", "2026-03-01").code == 0
    signed = cli("sign", file, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-03-02")
    assert signed.code == 0
    assert _build(cli, file, out).code == 0
    links = _parse(folder / "index.html").links
    assert "agreement-redline.html" in links and "agreement-redline.docx" in links
    redline = (folder / "agreement-redline.html").read_text("utf-8")
    assert "<ins" in redline and "<del" in redline and "54,000" in redline


def test_a_teams_template_is_rendered_for_each_format_it_is_made_in(tmp_path: Path, cli) -> None:
    """The site renders a built-in template once for its HTML, Word and PDF (they do not
    read `doc.format`); a team's own template may, so it is rendered for each format."""
    from docx import Document

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "one-pager.html.j2").write_text(
        "<html><body><p>Made as {{ doc.format }} for {{ p.title }}</p></body></html>\n", "utf-8"
    )
    config = tmp_path / "partnerkit.toml"
    config.write_text('templates = "templates"\n', "utf-8")
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(RIVERSIDE, src)
    out = tmp_path / "site"
    r = cli("site", str(src), "-o", str(out), "--today", TODAY, "--no-pdf", "--config", str(config))
    assert r.code == 0, r.err
    folder_out = out / "p" / "riverside-clinical-onboarding"
    assert "Made as html for" in (folder_out / "one-pager.html").read_text("utf-8")
    word = Document(str(folder_out / "one-pager.docx"))
    assert any("Made as docx for" in p.text for p in word.paragraphs)
    agreement = (folder_out / "agreement.html").read_text("utf-8")  # built in: one rendering
    assert "Termination" in agreement and "Termination" in "\n".join(
        p.text for p in Document(str(folder_out / "agreement.docx")).paragraphs
    )


def test_a_bug_in_one_partnership_built_by_a_worker_is_its_finding_only(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Partnerships are built in worker processes: a bug met on one is that file's
    finding, the others are built and the manifest names only what was built."""
    from partnerkit.reporters import site

    real = site.rate_page

    def broken(env, p):  # forked workers inherit the patch
        if p.id == "lakeview-literacy-coaching":
            raise KeyError("a bug")
        return real(env, p)

    monkeypatch.setattr(site, "rate_page", broken)
    out = tmp_path / "site"
    r = _build(cli, EXAMPLES, out, "--jobs", "2")
    assert r.code == 1
    assert "lakeview-literacy-coaching.yaml" in r.out and "KeyError" in r.out
    assert "Traceback" not in r.out + r.err
    assert "3 partnership(s) rendered" in r.err
    assert not (out / "p" / "lakeview-literacy-coaching").exists()  # nothing of it half-made
    assert (out / "p" / "riverside-clinical-onboarding" / "agreement.docx").is_file()
    manifest = json.loads((out / ".partnerkit-site.json").read_text("utf-8"))
    assert "lakeview-literacy-coaching" not in manifest["partnerships"]
    assert len(manifest["partnerships"]) == 3

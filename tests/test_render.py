"""`partnerkit render`: complete, escaped, reproducible documents from sandboxed templates."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import BAD, EXAMPLES, ROOT, TODAY

GOLDEN = Path(__file__).parent / "golden"
TEMPLATES = ["agreement", "mou", "checklist", "review-report", "one-pager"]
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Render from the repository root, so documents name `examples/…` as their source."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_golden(
    cli, at_root: Path, update_golden: bool, example: str, template: str, fmt: str
) -> None:
    result = cli(
        "render", f"examples/{example}", "-t", template, "-f", fmt, "-o", "-", "--today", TODAY
    )
    assert result.code == 0, result.err
    golden = GOLDEN / f"{example.removesuffix('.yaml')}.{template}.{fmt}"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.out, "utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run pytest --update-golden"
    expected = golden.read_text("utf-8")
    if result.out != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), result.out.splitlines(True), str(golden), "rendered"
        ))  # fmt: skip
        pytest.fail(f"{golden.name} differs (refresh with --update-golden):\n{diff[:4000]}")


def test_no_unused_golden_files() -> None:
    expected = {
        f"{e.removesuffix('.yaml')}.{t}.{f}"
        for e in EXAMPLE_FILES
        for t in TEMPLATES
        for f in ("md", "html")
    }
    expected |= {f"candidates.assessment.{f}" for f in ("md", "html")}  # tests/test_selection.py
    assert {p.name for p in GOLDEN.iterdir()} == expected


@pytest.mark.parametrize("template", TEMPLATES)
def test_pdf_every_template_every_example(cli, workdir: Path, template: str) -> None:
    result = cli(
        "render",
        *sorted(EXAMPLES.glob("*.yaml")),
        "-t",
        template,
        "-f",
        "pdf",
        "-o",
        "pdf",
        "--today",
        TODAY,
    )
    assert result.code == 0, result.err
    made = sorted((workdir / "pdf").iterdir())
    assert len(made) == len(EXAMPLE_FILES)
    for pdf in made:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and len(data) > 5000, pdf


def test_pdf_without_pango_names_what_to_install(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint installs with pip; the Pango it loads may be missing: exit 2, what to do."""
    from partnerkit.documents import pdf

    fake = workdir / "fake"
    (fake / "weasyprint").mkdir(parents=True)
    (fake / "weasyprint" / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0'\")\n"
    )
    monkeypatch.syspath_prepend(str(fake))
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    pdf.weasyprint.cache_clear()
    try:
        result = cli("render", EXAMPLES / EXAMPLE_FILES[0], "-f", "pdf", "-o", "out")
    finally:
        pdf.weasyprint.cache_clear()
        sys.modules.pop("weasyprint", None)
    assert result.code == 2, result.err
    assert "Pango" in result.err and "apt-get install" in result.err
    assert "Traceback" not in result.err
    assert not (workdir / "out").exists()


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>&'
KEEP = {"id", "kind", "status", "role", "interest", "type", "level", "cadence", "meetings",
        "email", "currency", "owner", "borne_by", "partner", "partnerkit",
        "standard_terms"}  # fmt: skip


def _inject(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: (v if k in KEEP else _inject(v, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_inject(v, key) for v in node]
    if isinstance(node, str):
        return f"{node} {PAYLOAD}"
    return node


@pytest.mark.parametrize("template", TEMPLATES)
def test_markup_in_any_text_field_is_escaped(cli, workdir: Path, template: str) -> None:
    data = yaml.safe_load((EXAMPLES / "harbor-county-early-learning.yaml").read_text("utf-8"))
    hostile = _inject(data)
    hostile["decisions"]["independent"] = {
        k: [f"x {PAYLOAD}"] for k in data["decisions"]["independent"]
    }
    (workdir / "h.yaml").write_text(yaml.safe_dump(hostile, allow_unicode=True, sort_keys=False))
    result = cli("render", "h.yaml", "-t", template, "-f", "html", "-o", "-", "--today", TODAY)
    assert result.code == 0, result.err
    assert "<script>" not in result.out and "<img" not in result.out
    assert "&lt;script&gt;" in result.out


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ p.__class__.__mro__ }}", "refused by the sandbox"),
        ("{{ ''.__class__.__subclasses__() }}", "refused by the sandbox"),
        ("{{ cycler.__init__.__globals__ }}", "refused by the sandbox"),
        ("{{ p.partners.append(1) }}", "refused by the sandbox"),
        ("line one\n{{ p.no_such_field }}", "evil.md.j2:2: template error"),
        ("{% for x in %}", "evil.md.j2:1: template syntax error"),
        ("{% include 'missing.md.j2' %}", "includes `missing.md.j2`, which does not exist"),
    ],
)
def test_hostile_or_broken_user_templates_are_refused(
    cli, workdir: Path, source: str, message: str
) -> None:
    (workdir / "tpl").mkdir()
    (workdir / "tpl" / "evil.md.j2").write_text(source)
    result = cli(
        "render", EXAMPLES / EXAMPLE_FILES[0], "--templates", "tpl", "-t", "evil", "-o", "-"
    )
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_a_template_error_names_the_object_not_partnerkits_modules(cli, workdir: Path) -> None:
    """Jinja names an object by its module path (`partnerkit.format.model.Partnership`):
    the message names what the template author sees, which the package layout does not move."""
    (workdir / "tpl").mkdir()
    (workdir / "tpl" / "x.md.j2").write_text("{{ partners['meridian'].colour }}\n")
    example = EXAMPLES / "riverside-clinical-onboarding.yaml"
    result = cli("render", example, "--templates", "tpl", "-t", "x", "-o", "-")
    assert result.code == 2
    assert "x.md.j2:1: template error: 'Partner object' has no attribute 'colour'" in result.err
    assert "partnerkit." not in result.err


def test_user_templates_add_and_override(cli, workdir: Path) -> None:
    (workdir / "tpl").mkdir()
    (workdir / "tpl" / "mou.md.j2").write_text(
        "{#- description: Our own MOU. -#}\nOUR MOU for {{ p.title }}\n"
    )
    (workdir / "tpl" / "letter.html.j2").write_text(
        "{# description: A cover letter. #}<p>Dear {{ p.partners[1].name }}</p>\n"
    )
    (workdir / "partnerkit.toml").write_text('templates = "tpl"\n')
    example = EXAMPLES / "riverside-clinical-onboarding.yaml"
    assert (
        cli("render", example, "-t", "mou", "-o", "-").out
        == "OUR MOU for Clinical onboarding curriculum for new nurses\n"
    )
    assert (
        cli("render", example, "-t", "letter", "-f", "html", "-o", "-").out
        == "<p>Dear Meridian Clinical Learning</p>\n"
    )
    listing = cli("templates").out
    assert "mou" in listing and "Our own MOU.  [user (overrides built-in)]" in listing
    assert re.search(r"letter\s+html\s+A cover letter\.\s+\[user\]", listing)
    assert "agreement" in listing and "doc " in listing


def _listed_filters(listing: str) -> dict[str, str]:
    """The `Filters:` paragraph of `partnerkit templates`, as {name: its phrase}."""
    section = listing.split("\nFilters:", 1)[1].split("\nTemplates run in", 1)[0]
    items, depth, item = [], 0, ""
    for char in " ".join(section.split()):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(item.strip())
            item = ""
        else:
            item += char
    items.append(item.strip().rstrip("."))
    return dict(x.split(" ", 1) if " " in x else (x, "") for x in items)


def test_the_templates_help_lists_every_filter_with_a_phrase(cli) -> None:
    """Every filter a template can use is named, with what it does, and no other name."""
    from partnerkit.documents.filters import FILTERS

    listed = _listed_filters(cli("templates").out)
    assert sorted(listed) == sorted(FILTERS)
    assert all(re.fullmatch(r"\(.+\)", phrase) for phrase in listed.values()), listed


def test_the_templates_listing_says_how_every_format_is_made(cli) -> None:
    """Built-ins list html/md files; the listing says PDF and Word come from those too."""
    from partnerkit.commands.render import RenderFormat

    listing = cli("templates").out
    about = listing.split("\nA template NAME", 1)[1].split("\n\n", 1)[0]
    for fmt in RenderFormat:
        assert {"md": ".md.j2", "html": ".html.j2", "pdf": "PDF", "docx": "Word"}[fmt] in about


def test_the_ticks_filter_escapes_before_it_marks_code(cli, workdir: Path) -> None:
    """`ticks` (for user templates) returns markup: it escapes the text itself."""
    (workdir / "tpl").mkdir()
    (workdir / "tpl" / "note.html.j2").write_text("<p>{{ p.title | ticks }}</p>\n")
    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
    title = next(x for x in text.splitlines() if x.startswith("title: "))
    hostile = 'title: "Use `owner` <script>x</script> & more"'
    (workdir / "p.yaml").write_text(text.replace(title, hostile, 1), "utf-8")
    out = cli("render", "p.yaml", "--templates", "tpl", "-t", "note", "-f", "html", "-o", "-")
    assert out.code == 0, out.err
    assert out.out == "<p>Use <code>owner</code> &lt;script&gt;x&lt;/script&gt; &amp; more</p>\n"


def test_rendering_twice_gives_identical_bytes(cli, workdir: Path) -> None:
    example = EXAMPLES / "lakeview-literacy-coaching.yaml"
    for out in ("a", "b"):
        assert (
            cli(
                "render", example, "-t", "agreement", "-f", "html", "-o", out, "--today", TODAY
            ).code
            == 0
        )
    first = (workdir / "a" / "lakeview-literacy-coaching-agreement.html").read_bytes()
    assert first == (workdir / "b" / "lakeview-literacy-coaching-agreement.html").read_bytes()
    assert (
        b"Generated by partnerkit" in first and b" on " not in first.split(b"Generated by")[1][:200]
    )
    dated = cli("render", example, "-o", "-", "--date", "2026-12-01").out
    assert "on 1 December 2026" in dated


def test_document_carries_the_source_hash(cli, workdir: Path) -> None:
    example = EXAMPLES / "lakeview-literacy-coaching.yaml"
    digest = hashlib.sha256(example.read_bytes()).hexdigest()
    html = cli("render", example, "-f", "html", "-o", "-").out
    assert f'content="{digest}"' in html and f"sha256 <code>{digest[:12]}</code>" in html
    assert f"sha256 `{digest[:12]}`" in cli("render", example, "-o", "-").out


def test_existing_output_survives_without_force(cli, workdir: Path) -> None:
    example = EXAMPLES / "riverside-clinical-onboarding.yaml"
    target = workdir / "riverside-clinical-onboarding-agreement.md"
    target.write_text("signed copy")
    result = cli("render", example)
    assert result.code == 2 and "already exists" in result.err
    assert target.read_text() == "signed copy"
    assert cli("render", example, "--force").code == 0
    assert target.read_text().startswith("# Clinical onboarding curriculum")


def test_draft_marking_and_final(cli, workdir: Path) -> None:
    draft = cli(
        "render", EXAMPLES / "northgate-crm-golive.yaml", "-f", "html", "-o", "-", "--today", TODAY
    )
    assert "DRAFT — for discussion, not for signature" in draft.out
    assert "have not yet agreed how they propose and approve a change." in draft.out
    assert "PK303" not in draft.out
    refused = cli("render", EXAMPLES / "northgate-crm-golive.yaml", "--final", "--today", TODAY)
    assert refused.code == 1 and "--final refuses" in refused.err
    assert not list(workdir.iterdir())
    ready = cli(
        "render",
        EXAMPLES / "riverside-clinical-onboarding.yaml",
        "--final",
        "-o",
        "-",
        "--today",
        TODAY,
    )
    assert ready.code == 0 and "DRAFT" not in ready.out


def test_file_with_errors_is_not_rendered(cli, workdir: Path) -> None:
    result = cli("render", BAD / "bad-enum.yaml")
    assert result.code == 1
    assert "error PK113" in result.out
    assert not list(workdir.iterdir())


def test_output_destinations(cli, workdir: Path) -> None:
    example = EXAMPLES / "riverside-clinical-onboarding.yaml"
    assert cli("render", example, "-o", "docs/agreement.md").code == 0
    assert (workdir / "docs" / "agreement.md").is_file()
    assert cli("render", example, "-o", "docs/agreement.html").code == 2  # wrong suffix for md
    other = EXAMPLES / "lakeview-literacy-coaching.yaml"
    assert cli("render", example, other, "-o", "one.md").code == 2
    assert cli("render", EXAMPLES, "-o", "one.md").code == 2  # a folder holds several
    assert cli("render", example, "-t", "../../etc/passwd").code == 2
    assert cli("render", example, "-t", "nope").code == 2
    assert sorted(os.listdir(workdir)) == ["docs"]

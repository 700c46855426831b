"""A team's templates cannot run for ever, write a gigabyte or crash partnerkit: each limit
is a template error naming the template, in Jinja and Word templates alike (issue 29,
item 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from conftest import EXAMPLES, TODAY

RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"

REFUSED = [
    "{{ range(10**9)|length }}",
    "{{ ('a' * 10**10)|length }}",
    "{{ ([1] * 10**10)|length }}",
    "{{ p.model_dump_json(indent=10**8)|length }}",
    "{{ p.json() }}",
    "{{ p.partners[0].model_dump() }}",
    "{{ 'a'.ljust(10**10) }}",
    "{{ 'a'|center(10**10) }}",
    "{{ 'a'|indent(10**10, true) }}",
    "{{ '{:>10000000000}'.format(1) }}",
    "{{ '%10000000000s'|format(1) }}",
    "{{ '%s' % 1 ~ ('%*d' % (10**10, 1)) }}",
    "{{ ('a' * 10**7)|replace('a', 'a' * 100) }}",
    "{{ ('a' * 10**7).replace('a', 'a' * 100) }}",
    "{{ 7 ** 100000000 }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
]


def _jinja(folder: Path, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "x.md.j2").write_text(text, "utf-8")


def _word(folder: Path, *lines: str) -> None:
    folder.mkdir(exist_ok=True)
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(folder / "x.docx"))


def _render(cli, folder: Path, fmt: str):
    return cli("render", RIVERSIDE, "-t", "x", "-f", fmt, "--templates", folder,
               "--today", TODAY, "-o", "-" if fmt == "md" else "out.docx")  # fmt: skip


def _a_template_error(result) -> None:
    assert result.code == 2, (result.code, result.out, result.err)
    assert "template error" in result.err or "refused by the sandbox" in result.err, result.err
    assert "PK115" not in result.out + result.err and "internal error" not in result.err
    assert "x." in result.err  # the template is named


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("text", REFUSED)
def test_what_would_exhaust_memory_or_crash_is_a_template_error(
    cli, workdir: Path, text: str, fmt: str
) -> None:
    folder = workdir / "t"
    _jinja(folder, text) if fmt == "md" else _word(folder, text)
    _a_template_error(_render(cli, folder, fmt))
    assert not (workdir / "out.docx").exists()


NO_END = [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% set l = range(100000)|list %}{% for i in l %}{% for j in l %}{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{{ p.id }}{% endfor %}{% endfor %}",
]


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("text", NO_END)
def test_a_template_that_runs_too_long_stops(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, text: str, fmt: str
) -> None:
    monkeypatch.setattr("partnerkit.documents.sandbox.MAX_SECONDS", 0.5)
    monkeypatch.setattr("partnerkit.documents.sandbox.MAX_CHARS", 10**12)
    folder = workdir / "t"
    _jinja(folder, text) if fmt == "md" else _word(folder, text)
    result = _render(cli, folder, fmt)
    _a_template_error(result)
    assert "ran for more than 0.5 s" in result.err


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_template_that_writes_too_much_stops(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """The same limit as a gigabyte, at a size a test can reach in a moment."""
    monkeypatch.setattr("partnerkit.documents.sandbox.MAX_CHARS", 200_000)
    text = "{% for i in range(100000) %}{% for j in range(100000) %}{{ p.title }}{% endfor %}{% endfor %}"  # noqa: E501
    folder = workdir / "t"
    _jinja(folder, text) if fmt == "md" else _word(folder, text)
    result = _render(cli, folder, fmt)
    _a_template_error(result)
    assert "at most 200,000" in result.err


def test_templates_within_the_limits_render_as_before(cli, workdir: Path) -> None:
    folder = workdir / "t"
    text = (
        "{{ p.title }}|{{ range(3)|list }}|{{ range(5)|length }}|{{ 'ab' * 2 }}|"
        "{{ '%05d'|format(42) }}|{{ '{:>4}'.format(7) }}|{{ 2 ** 10 }}|"
        "{{ 5 in range(6) }}|{% for i in range(2)|reverse %}{{ i }}{% endfor %}"
    )
    _jinja(folder, text)
    result = _render(cli, folder, "md")
    assert result.code == 0, result.err
    assert result.out.strip() == (
        "Clinical onboarding curriculum for new nurses|[0, 1, 2]|5|abab|00042|   7|1024|True|10"
    )


HUNGRY = [
    '{% set ns = namespace(x="a") %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}'
    "{% endfor %}{{ ns.x|length }}",
    "{{ [1]|batch(10**9, 0)|list|length }}",
    "{{ range(1000)|list|tojson(indent=10**7)|length }}",
]


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("text", HUNGRY)
def test_a_template_that_needs_too_much_memory_stops(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, text: str, fmt: str
) -> None:
    """What no hook sees (a string doubled in a loop, a filter filling a list) meets the
    memory limit; here 200 MB, a moment's work."""
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    monkeypatch.setattr("partnerkit.documents.sandbox.MAX_MEMORY", 200 * 1024**2)
    folder = workdir / "t"
    _jinja(folder, text) if fmt == "md" else _word(folder, text)
    result = _render(cli, folder, fmt)
    _a_template_error(result)
    assert "MB of memory" in result.err or "MemoryError" in result.err
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # put back

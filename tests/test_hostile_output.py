"""Hostile values in files and paths: nothing forged, nothing live in any output (issue 12)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

BASE = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
FORGE = "\\n::add-mask::x\\nforged.yaml:1:1: error PK999 pwned\\r::error file=a::b"
ESC = "\\e]0;owned\\a\\e[2J\\x9b31m"
MARKUP = "[/][link=https://evil.example]Click to approve[/link][bold]"
MD = "<script>alert(1)</script> [x](javascript:alert(1)) &copy; ~~gone~~ | cell"


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar whose escapes (`\\n`, `\\e`) PyYAML turns into characters."""
    return '"' + text.replace('"', '\\"') + '"'


def hostile(value: str, *, unknown_key: bool = False) -> str:
    """The example with a hostile partner name, deliverable, criterion, unit and adjustment."""
    v = _yaml_string(value)
    text = BASE.replace("name: Meridian Clinical Learning", f"name: {v}", 1)
    text = text.replace("deliverable: Simulation-day facilitator guide", f"deliverable: {v}", 1)
    text = text.replace("title: Clinical onboarding curriculum for new nurses", f"title: {v}", 1)
    text = re.sub(r"(\n      unit: )[^\n]+", lambda m: m.group(1) + v, text, count=1)
    text = re.sub(r"(\n      - name: )[^\n]+", lambda m: m.group(1) + v, text, count=1)
    text = re.sub(r"(\n      adjustments:\n        - )[^\n]+", lambda m: m.group(1) + v, text)
    return text + f"{v}: 1\n" if unknown_key else text  # a key is quoted in a message


def _write(folder: Path, value: str, name: str = "p.yaml", *, unknown_key: bool = False) -> Path:
    path = folder / name
    path.write_text(hostile(value, unknown_key=unknown_key), "utf-8")
    return path


def _no_forged_lines(out: str) -> None:
    for line in out.splitlines():
        ours = line.startswith(("::error ", "::warning "))
        assert ours or not line.lstrip().startswith("::"), line
        assert "##[" not in line
        assert not line.startswith("forged.yaml"), line
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_check_cannot_forge_lines_or_annotations(cli, workdir: Path, fmt: str) -> None:
    _write(workdir, FORGE + "##[add-mask]y", unknown_key=True)
    result = cli("check", "--no-config", "--today", TODAY, "-f", fmt, ".")
    assert result.code == 1
    _no_forged_lines(result.out)
    if fmt == "github":
        annotations = [x for x in result.out.splitlines() if x.startswith("::")]
        assert annotations and all(x.startswith(("::error ", "::warning ")) for x in annotations)
        assert "::add-mask::" not in "".join(a.split("::", 2)[1] for a in annotations)


def test_path_starting_with_a_workflow_command_is_not_one(cli, workdir: Path) -> None:
    (workdir / "::error file=x.yaml::forged.yaml").write_text("partnerkit: 1\nid: [\n")
    result = cli("check", "--no-config", "-f", "github", ".")
    lines = result.out.splitlines()
    assert [x for x in lines if x.startswith("::")] == [
        x for x in lines if x.startswith("::error file=%3A%3Aerror")
    ]
    assert any(x.startswith("./::error file=x.yaml::forged.yaml:") for x in lines)


@pytest.mark.parametrize(
    "args",
    [("check", "--color"), ("score",), ("score", "--color"), ("review",), ("review", "--color")],
)
def test_terminal_views_show_values_as_text(cli, workdir: Path, args: tuple[str, ...]) -> None:
    _write(workdir, ESC + MARKUP)
    result = cli(*args, "--today", TODAY, "p.yaml")
    assert "internal error" not in result.err
    assert result.code in (0, 1)
    escapes = re.findall(r"\x1b[^m]*m", result.out)  # only colour codes of our own
    rest = re.sub(r"\x1b\[[0-9;]*m", "", result.out)
    assert "\x1b" not in rest and "\x07" not in rest and "\x9b" not in rest, escapes
    assert "Click to approve" in rest and "[link=" in rest  # shown, not interpreted
    assert "\x1b]8;" not in result.out  # no hyperlink


def test_review_table_shows_markup_as_text(cli, workdir: Path) -> None:
    _write(workdir, ESC + MARKUP)
    result = cli("review", "--today", TODAY, "--color", ".")
    assert "\x1b]8;" not in result.out and "\x1b]0;" not in result.out
    assert "internal error" not in result.err


def _markdown_safe(out: str) -> None:
    assert not re.search(r"(?<!\\)<script", out)
    assert not re.search(r"(?<!\\)\]\(javascript", out)
    assert "&copy;" not in out.replace("\\&copy;", "")
    assert "~~gone" not in out.replace("\\~\\~gone", "")
    assert "\x00" not in out


@pytest.mark.parametrize(
    "args", [("score", "-f", "markdown"), ("review", "-f", "markdown"), ("render",)]
)
def test_markdown_outputs_are_escaped(cli, workdir: Path, args: tuple[str, ...]) -> None:
    _write(workdir, MD + "\\0")
    extra = ("-o", "-") if args[0] == "render" else ()
    result = cli(*args, "--today", TODAY, "p.yaml", *extra)
    assert result.code in (0, 1), result.err
    _markdown_safe(result.out)
    if args[0] == "review":
        row = next(x for x in result.out.splitlines() if "script" in x)
        assert len(re.findall(r"(?<!\\)\|", row)) == 11  # the table has ten columns


def test_markdown_escaper() -> None:
    from partnerkit.support.sanitize import markdown, markdown_code, markdown_message

    assert markdown("<b>x</b>") == "\\<b\\>x\\</b\\>"
    assert markdown("a | b") == "a \\| b"
    assert markdown("- item") == "\\- item"
    assert markdown("&copy; ~~x~~") == "\\&copy; \\~\\~x\\~\\~"
    assert markdown("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x") == "`` `x ``"
    assert markdown_code("a|b") == "`a`\\|`b`"  # no backslash inside a code span
    assert markdown_code("x##[add-mask]y") == "`x##`\\[`add-mask]y`"
    assert markdown_message("unknown key `a<b>`; use *x*") == "unknown key `a<b>`; use \\*x\\*"
    touching = markdown_message("`x``[a](javascript:b)` is wrong")
    assert "\\[a\\](javascript" in touching


def test_csv_cells_are_never_formulas(cli, workdir: Path) -> None:
    _write(workdir, '=HYPERLINK("http://evil")')
    result = cli("review", "-f", "csv", "--today", TODAY, ".")
    rows = list(csv.reader(io.StringIO(result.out)))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or re.fullmatch(r"-[0-9.]+", cell), cell
    assert rows[1][2] == '\'=HYPERLINK("http://evil")'


def test_csv_cell() -> None:
    from partnerkit.support.sanitize import csv_cell

    assert [csv_cell(x) for x in ("=1+1", "+1", "-1", "@SUM", "\tx", "\rx", "ok")] == [
        "'=1+1", "'+1", "'-1", "'@SUM", "'\\tx", "'\\rx", "ok",
    ]  # fmt: skip
    assert csv_cell("a\n::add-mask::x") == "a\\n::add-mask::x"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_nul_or_controls_in_documents(cli, workdir: Path, fmt: str) -> None:
    _write(workdir, "a\\0b\\x01c\\N\\L")
    result = cli("render", "-f", fmt, "--today", TODAY, "p.yaml", "-o", "-")
    assert result.code == 0, result.err
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", result.out)


def test_no_nul_in_calendar(cli, workdir: Path) -> None:
    _write(workdir, "a\\0b\\x01c\\N\\L")
    result = cli("calendar", "--today", TODAY, ".")
    assert result.code in (0, 1), result.err
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", result.out)


def test_line_separators_do_not_shift_line_numbers(cli, workdir: Path) -> None:
    text = 'partnerkit: 1\nid: x\ntitle: "a\u0085b\u2028c\u2029d"\n# \u2028 \u0085\nbogus: 1\n'
    (workdir / "p.yaml").write_text(text, "utf-8")
    result = cli("check", "--no-config", "-f", "json", ".")
    findings = json.loads(result.out)["files"][0]["findings"]
    bogus = [f for f in findings if f["code"] == "PK110"]
    assert bogus and bogus[0]["line"] == 5, findings


def _md_templates() -> list[str]:
    from partnerkit.documents.templates import builtin_dir

    names = (p.name.removesuffix(".md.j2") for p in builtin_dir().glob("*.md.j2"))
    return sorted(n for n in names if not n.startswith("_"))


@pytest.mark.parametrize("template", _md_templates())
def test_markdown_templates_escape_every_value(cli, workdir: Path, template: str) -> None:
    """A bare CR before `::`, in a value or in the file's name, never starts a log line."""
    name = "a\r::add-mask::x\r##[add-mask]y.yaml"
    _write(workdir, "a\\r::add-mask::z\\r##[add-mask]w\\n::error::q", name)
    result = cli("render", "-t", template, "--today", TODAY, name, "-o", "-")
    assert result.code == 0, result.err
    for line in re.split(r"\r\n|\r|\n", result.out):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
    assert "\r" not in result.out


def test_calendar_folding_never_starts_a_workflow_command(cli, workdir: Path) -> None:
    """iCalendar folds long lines, so any part of a value may begin a line of the file."""
    _write(workdir, "".join("a" * k + "::add-mask::x " for k in range(1, 90)))
    result = cli("calendar", "--today", TODAY, ".")
    assert result.code in (0, 1), result.err
    lines = re.split(r"\r\n|\r|\n", result.out)
    assert any(line.startswith(" :") for line in lines)  # a fold did land on a colon
    assert not [line for line in lines if line.lstrip().startswith("::")]

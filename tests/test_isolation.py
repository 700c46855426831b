"""One file's failure anywhere (rules, scoring, a reporter, a renderer) is that file's PK115
finding and exit 1, while every other file is still checked and reported (issue 12)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, TODAY

GOOD = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")


def _two_files(folder: Path) -> None:
    (folder / "a.yaml").write_text(GOOD, "utf-8")
    (folder / "b.yaml").write_text(GOOD.replace("id: riverside-", "id: other-", 1), "utf-8")


def _names_b(value: Any) -> bool:
    """Whether b.yaml, as checked (not its PK115 stand-in), is among the arguments."""
    if isinstance(value, str):
        return value.endswith("b.yaml")
    if isinstance(value, list | tuple):
        return any(_names_b(v) for v in value)
    if isinstance(value, dict):
        return any(_names_b(v) for v in value.values())
    if hasattr(value, "files"):  # a CheckReport
        return _names_b(value.files)
    if hasattr(value, "valid") and hasattr(value, "path"):  # a FileResult or a portfolio Row
        return bool(value.valid) and _names_b(value.path)
    return hasattr(value, "source") and _names_b(value.source)  # a document's meta


def _failing_on_b(func: Callable[..., Any]) -> Callable[..., Any]:
    """`func`, except that it fails like a bug whenever its arguments involve b.yaml."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _names_b(args) or _names_b(kwargs):
            raise ZeroDivisionError("a bug")
        return func(*args, **kwargs)

    return wrapper


def _break(monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    module, _, name = target.rpartition(".")
    import importlib

    loaded = importlib.import_module(module)
    monkeypatch.setattr(loaded, name, _failing_on_b(getattr(loaded, name)))


def _pk115_on_b(text: str) -> None:
    assert "b.yaml:1:1: error PK115 partnerkit failed while" in text, text
    assert "internal error" not in text


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_check_reports_a_reporter_failure_against_its_file(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _two_files(workdir)
    import partnerkit.reporters as reporters

    real_get = reporters.get
    monkeypatch.setattr(reporters, "get", lambda name: _failing_on_b(real_get(name)))
    result = cli("check", "--no-config", "--today", TODAY, "-f", fmt, ".")
    assert result.code == 1, result.err
    assert "internal error" not in result.err
    assert "a.yaml" in result.out and "b.yaml" in result.out
    assert "PK115" in result.out
    if fmt == "json":
        files = {f["path"]: f for f in json.loads(result.out)["files"]}
        assert [x["code"] for x in files["b.yaml"]["findings"]] == ["PK115"]
        assert files["a.yaml"]["valid"] is True


def test_check_reports_a_rule_failure_against_its_file(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_files(workdir)
    _break(monkeypatch, "partnerkit.check.pipeline.run_rules")  # where the pass calls them
    result = cli("check", "--no-config", "--today", TODAY, ".")
    assert result.code == 1, result.err
    _pk115_on_b(result.out + result.err)
    assert "a.yaml:" in result.out  # a's own findings are still listed


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
def test_review_reports_a_row_failure_against_its_file(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _two_files(workdir)
    _break(monkeypatch, "partnerkit.check.portfolio.row_of")
    result = cli("review", "--today", TODAY, "-f", fmt, ".")
    assert result.code == 1, result.err
    assert "internal error" not in result.err
    assert "Clinical onboarding" in result.out  # a's row is still there


def test_calendar_reports_an_export_failure_against_its_file(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_files(workdir)
    _break(monkeypatch, "partnerkit.commands.calendar.build_calendar")
    result = cli("calendar", "--today", TODAY, ".")
    assert result.code == 1, result.err
    _pk115_on_b(result.err)
    assert "BEGIN:VEVENT" in result.out and "riverside-" in result.out


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (("score", "-f", "text"), "partnerkit.reporters.score.write_rich"),
        (("score", "-f", "json"), "partnerkit.reporters.score.write_json"),
        (("score", "-f", "markdown"), "partnerkit.reporters.score.write_markdown"),
        (("review",), "partnerkit.reporters.detail.write_detail"),
    ],
)
def test_one_file_views_report_a_failure_against_the_file(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], target: str
) -> None:
    _two_files(workdir)
    _break(monkeypatch, target)
    result = cli(*args, "--today", TODAY, "b.yaml")
    assert result.code == 1, result.err
    _pk115_on_b(result.out + result.err)


def test_render_reports_a_failure_against_its_file_and_renders_the_others(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_files(workdir)
    _break(monkeypatch, "partnerkit.documents.render.context")
    result = cli("render", "--today", TODAY, "a.yaml", "b.yaml", "-o", "out")
    assert result.code == 1, result.err
    _pk115_on_b(result.out + result.err)
    written = [p.name for p in (workdir / "out").iterdir()]
    assert written == ["riverside-clinical-onboarding-agreement.md"]

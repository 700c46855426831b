"""Writing a partnership file without YAML traps: every error at once, plain messages."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES

RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


def _write(workdir: Path, text: str, name: str = "p.yaml") -> Path:
    path = workdir / name
    path.write_text(text, "utf-8")
    return path


def _riverside(**swaps: str) -> str:
    text = RIVERSIDE.read_text("utf-8")
    for old, new in swaps.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_an_impossible_date_does_not_hide_the_other_errors(cli, workdir: Path) -> None:
    text = RIVERSIDE.read_text("utf-8")
    text = text.replace("due: 2026-09-15", "due: 2027-02-30", 1)
    text = text.replace("status: active", "status: activ", 1)
    text = text.replace("title: Clinical onboarding", "colour: blue\ntitle: Clinical onboarding")
    _write(workdir, text)
    result = cli("check", "--no-config", "p.yaml")
    assert result.code == 1
    assert "`2027-02-30` is not a real date" in result.out
    assert "`activ` is not a valid value for `status`" in result.out
    assert "unknown key `colour`" in result.out
    assert result.out.count("2027-02-30") == 1  # reported once, not by the reader and the model

"""Every broken input gives exit 1 and a located finding, never a traceback."""

from __future__ import annotations

import tomllib

import pytest

from conftest import BAD

EXPECTED = tomllib.loads((BAD / "expected.toml").read_text("utf-8"))


def test_every_bad_file_has_an_expectation() -> None:
    files = {p.name for p in BAD.iterdir() if p.suffix in (".yaml", ".yml")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_located(cli, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    want = EXPECTED[name]
    result = cli("check", "--no-config", "--today", "2026-11-23", name)
    assert result.code == 1, result.out + result.err
    first_error = next(line for line in result.out.splitlines() if ": error " in line)
    assert first_error.startswith(f"{name}:{want['line']}:{want['column']}: error {want['code']} ")
    assert "Traceback" not in result.out + result.err


def test_one_broken_file_does_not_hide_the_others(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    result = cli("check", "--no-config", *sorted(EXPECTED))  # named: none is skipped
    assert result.code == 1
    for name in EXPECTED:
        assert f"{name}:" in result.out
    assert f"Checked {len(EXPECTED)} files" in result.out

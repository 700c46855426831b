"""CI must not pass what it should fail: selection never hides a broken file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BAD, EXAMPLES, TODAY


@pytest.fixture
def broken(workdir: Path) -> Path:
    target = workdir / "syntax-error.yaml"
    shutil.copy(BAD / "syntax-error.yaml", target)
    return target


@pytest.mark.parametrize(
    "options",
    [["--select", "PK3"], ["--select", "PK4,PK5"], ["--ignore", "PK1"], ["--ignore", "PK"]],
)
def test_selection_never_hides_a_broken_file(cli, broken: Path, options: list[str]) -> None:
    result = cli("check", "--no-config", *options, broken.name)
    assert result.code == 1, result.out
    assert "error PK101" in result.out


def test_selection_never_hides_a_reference_error(cli, workdir: Path) -> None:
    text = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")
    (workdir / "a.yaml").write_text(text)
    (workdir / "b.yaml").write_text(text)
    result = cli("check", "--no-config", "--today", TODAY, "--select", "PK4", ".")
    assert result.code == 1
    assert "error PK205" in result.out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--select", "foo"], "--select foo: no rule has this code or prefix"),
        (["--select", "PK4,PK9"], "--select PK9: no rule has this code or prefix"),
        (["--ignore", "PK4O2"], "(did you mean PK402?)"),
        (["--ignore", "PK101"], "PK101 always counts as an error"),
    ],
)
def test_unknown_or_protected_code_is_exit_2(
    cli, broken: Path, options: list[str], message: str
) -> None:
    result = cli("check", "--no-config", *options, broken.name)
    assert result.code == 2
    assert message in result.err


def test_comma_lists_and_rule_names_select(cli, workdir: Path) -> None:
    shutil.copy(EXAMPLES / "northgate-crm-golive.yaml", workdir / "p.yaml")
    out = cli(
        "check", "--no-config", "--today", TODAY, "--select", "pk405,one-off-activity", "p.yaml"
    ).out
    codes = {word for word in out.split() if word.startswith("PK")}
    assert codes <= {"PK405", "PK409"}, out
    assert "PK405" in codes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('select = ["PK3", "PK47"]\n', "partnerkit.toml:1: `select`: PK47: no rule has this code"),
        ('\nignore = ["PK101"]\n', "partnerkit.toml:2: `ignore`: PK101 always counts"),
        ('[severity]\nPK4O2 = "error"\n', "partnerkit.toml:2: `[severity]` PK4O2: no rule"),
        ('[severity]\nPK110 = "warning"\n', "`severity.PK110`: PK110 always counts as an error"),
    ],
)
def test_unknown_codes_in_the_configuration_are_exit_2(
    cli, broken: Path, text: str, message: str
) -> None:
    (broken.parent / "partnerkit.toml").write_text(text)
    result = cli("check", broken.name)
    assert result.code == 2
    assert message in result.err


def test_a_suppression_comment_cannot_hide_a_broken_file(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text(
        "# partnerkit: ignore-file\n" + (BAD / "syntax-error.yaml").read_text("utf-8")
    )
    result = cli("check", "--no-config", "p.yaml")
    assert result.code == 1
    assert "error PK101" in result.out

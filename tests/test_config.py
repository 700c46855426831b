"""Configuration files and in-file suppressions change results as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

NORTHGATE = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")


@pytest.fixture
def repo(workdir: Path) -> Path:
    (workdir / "partnerships").mkdir()
    (workdir / "partnerships" / "northgate.yaml").write_text(NORTHGATE)
    (workdir / "ci.yaml").write_text("on: push\n")
    return workdir


def test_paths_and_exclude_from_partnerkit_toml(cli, repo: Path) -> None:
    (repo / "partnerkit.toml").write_text('paths = ["partnerships"]\n')
    result = cli("check", "--today", TODAY)
    assert result.code == 0, result.out
    assert "Checked 1 file" in result.out


def test_config_is_found_upward(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "partnerkit.toml").write_text('exclude = ["ci.yaml"]\n')
    monkeypatch.chdir(repo / "partnerships")
    assert cli("check", "--today", TODAY, "..").code == 0


def test_tool_table_in_pyproject(cli, repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.partnerkit]\nexclude = ["ci.yaml"]\nmin_score = 90\n'
    )
    result = cli("check", "--today", TODAY)
    assert result.code == 1
    assert "below the minimum readiness of 90" in result.out


def test_severity_override_and_ignore(cli, repo: Path) -> None:
    (repo / "partnerkit.toml").write_text(
        'paths = ["partnerships"]\nignore = ["PK3"]\n[severity]\nPK405 = "error"\n'
    )
    result = cli("check", "--today", TODAY)
    assert result.code == 1
    assert "error PK405" in result.out
    assert " PK30" not in result.out


def test_select_on_the_command_line_overrides(cli, repo: Path) -> None:
    (repo / "partnerkit.toml").write_text('paths = ["partnerships"]\nselect = ["PK5"]\n')
    out = cli("check", "--today", TODAY).out
    assert " PK4" not in out and " PK3" not in out
    assert " PK405" in cli("check", "--today", TODAY, "--select", "PK4").out


def test_strict_and_min_score_flags(cli, repo: Path) -> None:
    (repo / "partnerkit.toml").write_text('paths = ["partnerships"]\n')
    assert cli("check", "--today", TODAY).code == 0
    assert cli("check", "--today", TODAY, "--strict").code == 1
    assert cli("check", "--today", TODAY, "--min-score", "40").code == 0
    assert cli("check", "--today", TODAY, "--min-score", "50").code == 1


def test_bands_change_the_band(cli, repo: Path) -> None:
    target = repo / "partnerships" / "northgate.yaml"
    assert '"band": "not ready"' in cli("score", target, "-f", "json", "--today", TODAY).out
    (repo / "partnerkit.toml").write_text("[bands]\nready = 90\ndeveloping = 40\n")
    assert '"band": "developing"' in cli("score", target, "-f", "json", "--today", TODAY).out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("paths = [1]\n", "partnerkit.toml:1: `paths`: must be a list of strings"),
        (
            "min_scor = 80\n",
            "partnerkit.toml:1: `min_scor`: unknown setting (did you mean `min_score`?)",
        ),
        ('\n[severity]\nPK402 = "loud"\n', "partnerkit.toml:3: `severity.PK402`: must be one of"),
        ("min_score = 80\nmin_score = 90\n", "partnerkit.toml: invalid TOML"),
        ("[bands]\nready = 50\ndeveloping = 70\n", "`developing` must not be above `ready`"),
        ('max_file_size = "big"\n', "`max_file_size`: must be a size"),
    ],
)
def test_broken_config_is_exit_2_with_location(cli, repo: Path, text: str, message: str) -> None:
    (repo / "partnerkit.toml").write_text(text)
    result = cli("check")
    assert result.code == 2
    assert message in result.err


def test_line_suppression(cli, workdir: Path) -> None:
    text = NORTHGATE.replace(
        "    spokesperson: {name: Tomás Lindqvist, title: Project Manager}",
        "    spokesperson: {name: Tomás Lindqvist, title: Project Manager}",
    ).replace("  - id: crm-project\n", "  - id: crm-project  # partnerkit: ignore[PK405]\n")
    (workdir / "p.yaml").write_text(text)
    out = cli("check", "--no-config", "--today", TODAY, "p.yaml").out
    assert "PK405" not in out
    assert "PK120" not in out


def test_file_suppression(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text(
        "# partnerkit: ignore-file[PK301, PK303, PK305, PK306, PK307, PK308, PK309, PK310, PK401]\n"
        + NORTHGATE
    )
    out = cli("check", "--no-config", "--today", TODAY, "p.yaml").out
    assert " PK30" not in out and " PK31" not in out and "PK401" not in out
    assert "PK405" in out


def test_unused_suppression_is_reported(cli, workdir: Path) -> None:
    text = NORTHGATE.replace(
        "  - id: learning\n", "  - id: learning  # partnerkit: ignore[PK406]\n"
    )
    (workdir / "p.yaml").write_text(text)
    out = cli("check", "--no-config", "--today", TODAY, "p.yaml").out
    assert (
        "p.yaml:17:19: warning PK120 unused suppression: nothing here is reported as PK406" in out
    )


def test_setting_appended_after_the_last_table_is_named_at_its_line(cli, repo: Path) -> None:
    from partnerkit.commands.repo import CONFIG

    text = CONFIG + "min_score = 60\n"
    (repo / "partnerkit.toml").write_text(text)
    result = cli("check")
    assert result.code == 2
    line = text.count("\n")
    assert f"partnerkit.toml:{line}: `bands.min_score`: `min_score` is a top-level setting" in (
        result.err
    )


def test_pyproject_errors_point_at_the_tool_table_line(cli, repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\nstrict = 1\n\n[tool.partnerkit]\nstrict = "yes"\n'
    )
    assert "pyproject.toml:6: `strict`: must be true or false" in cli("check").err


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[project]\nname = "x"\n\n[tool]\npartnerkit = 5\n', 5),
        ('[project]\nname = "x"\n\n[tool]\nblack = {}\npartnerkit = "strict"\n', 6),
        ("tool.partnerkit = [1]\n", 1),
    ],
)
def test_pyproject_with_partnerkit_set_to_a_value_is_a_configuration_error(
    cli, repo: Path, text: str, line: int
) -> None:
    """`[tool]` then `partnerkit = 5` is a setting for partnerkit that cannot be read: it
    stops the command like any broken configuration, instead of being passed over."""
    (repo / "pyproject.toml").write_text(text)
    result = cli("check", "--today", TODAY)
    assert result.code == 2, result.out
    assert f"pyproject.toml:{line}: `tool.partnerkit`: must be a table" in result.err


def test_pyproject_naming_partnerkit_elsewhere_is_not_a_configuration(cli, repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["partnerkit>=0.1"]\n\n[tool.black]\n'
    )
    (repo / "partnerkit.toml").unlink(missing_ok=True)
    assert cli("check", "--today", TODAY, "partnerships").code == 0


@pytest.mark.parametrize("name", ["partnerkit.toml", "pyproject.toml"])
def test_a_configuration_with_a_byte_order_mark_reads_fine(cli, repo: Path, name: str) -> None:
    """Windows editors save UTF-8 with a BOM; it was "invalid TOML"."""
    table = "[tool.partnerkit]\n" if name == "pyproject.toml" else ""
    (repo / name).write_bytes(b"\xef\xbb\xbf" + f'{table}paths = ["partnerships"]\n'.encode())
    result = cli("check", "--today", TODAY)
    assert result.code == 0, result.err
    assert "Checked 1 file" in result.out

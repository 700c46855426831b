"""Options declared once: the Typer command and the fast parser read the same declaration."""

from __future__ import annotations

import dataclasses

import pytest

from partnerkit.commands.check import CheckFormat, CheckOptions
from partnerkit.commands.options import parse
from partnerkit.commands_index import DECLARED

from conftest import EXAMPLES, TODAY


def test_plain_arguments_are_parsed_without_typer() -> None:
    opts = parse(
        CheckOptions,
        ["a.yaml", "-f", "json", "--select", "PK4", "--select=PK5", "--no-strict",
         "--min-score", "70", "--today", TODAY, "-j", "2", "--no-config", "--", "-b.yaml"],
    )  # fmt: skip
    assert opts == CheckOptions(
        paths=["a.yaml", "-b.yaml"],  # as written: shown as given
        format=CheckFormat.json,
        select=["PK4", "PK5"],
        strict=False,
        min_score=70.0,
        today=TODAY,
        jobs=2,
        no_config=True,
    )


@pytest.mark.parametrize(
    "args",
    [["--help"], ["-f", "yaml"], ["--min-score", "101"], ["-j", "0"], ["--frobnicate"],
     ["--format"], ["-fjson"], ["--strict=yes"]],
)  # fmt: skip
def test_anything_unusual_is_left_to_typer(args: list[str]) -> None:
    assert parse(CheckOptions, args) is None


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-config", "--today", TODAY, "-f", "json", str(EXAMPLES)],
        ["check", "--no-config", "--today", TODAY, "--strict", "--select", "PK5", str(EXAMPLES)],
        ["score", str(EXAMPLES / "northgate-crm-golive.yaml"), "--today", TODAY, "-f", "json"],
        ["review", str(EXAMPLES), "--today", TODAY, "--sort", "title", "-f", "csv"],
        ["rules", "PK305"],
    ],
)
def test_fast_path_and_typer_agree(cli, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    fast = cli(*args)
    monkeypatch.setattr("partnerkit.commands.options.parse", lambda options, argv: None)
    slow = cli(*args)
    assert (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_every_declared_option_has_help_and_appears_in_help(cli, name: str) -> None:
    from partnerkit.clibuild import target

    options, _ = target(DECLARED[name])
    text = cli(name, "--help").out
    for f in dataclasses.fields(options):
        assert f.metadata["cli"].help
        declared = f.metadata["cli"]
        if not declared.argument:  # as declared (`--from`), or named after the field
            spellings = [p for d in declared.decls for p in d.split("/")]
            spellings = spellings or ["--" + f.name.replace("_", "-")]
            assert any(s in text for s in spellings), (name, f.name)


def test_every_command_is_built_from_its_one_declaration() -> None:
    """No command declares its options by hand in a Typer signature: all come from DECLARED."""
    from partnerkit.cli import app
    from partnerkit.commands_index import COMMANDS

    assert set(DECLARED) == set(COMMANDS)
    built = {c.name: c.callback for c in app.registered_commands}
    assert set(built) == set(COMMANDS)
    assert all(getattr(f, "__module__", None) == "partnerkit.clibuild" for f in built.values())


def test_init_runs_the_same_without_typer(cli, workdir, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["init", "--partner", "A", "--partner=b=B", "--kind", "school", "--today", TODAY]
    fast = cli(*args, "--force")
    made = sorted(workdir.rglob("*.yaml"))
    monkeypatch.setattr("partnerkit.commands.options.parse", lambda options, argv: None)
    slow = cli(*args, "--force")
    assert fast.code == 0 and (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)
    assert sorted(workdir.rglob("*.yaml")) == made

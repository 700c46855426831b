"""The command line: parse options, call a command, exit with its code.

No logic lives here. Heavy modules are imported inside the commands so that
`--help` and `--version` start fast.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from partnerkit import __version__
from partnerkit.clibuild import command
from partnerkit.commands_index import ABOUT, COMMANDS, DECLARED

app = typer.Typer(
    name="partnerkit",
    help=ABOUT,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"partnerkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Learning-and-development partnerships as code."""


# Every command is declared once, as an options dataclass beside its `run` function
# (see partnerkit.commands.options). A new command copies one of these modules and
# adds a line to DECLARED.
for _name, _target in DECLARED.items():
    command(app, _name, _target, COMMANDS[_name])


def command_line() -> Any:
    """The Click command of `app`: arguments named in help in plain words.

    Newer Typer versions print a Python type beside an argument (`PATH <list[str]>`):
    users read `PATH`. Older ones print a metavar as written, without the `[…]...` that
    says it is optional and repeatable: they name it after the parameter (`[PATHS]...`).
    """
    import typer.main

    group = typer.main.get_command(app)
    for sub in getattr(group, "commands", {}).values():
        for param in sub.params:
            if param.param_type_name != "argument":
                continue
            if hasattr(param, "display_type_rich"):
                param.display_type_rich = _no_type
            else:
                param.metavar = None
    return group


def _no_type(ctx: Any = None) -> None:
    return None

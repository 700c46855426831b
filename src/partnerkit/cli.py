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


def completion(option: str, named: str) -> int:
    """`--show-completion [SHELL]` and `--install-completion [SHELL]`, the shell named first.

    Typer's own options take no shell and look for one among the parent processes: run
    from CI, an editor or a test runner, there is none, and they print nothing useful.
    Without a name, the shell partnerkit runs under is used, else the login shell ($SHELL).
    """
    from typer.completion import get_completion_script, install

    from partnerkit.support.errors import UsageError

    shell = named.lower() or _running_shell()
    if not shell:
        raise UsageError(f"no shell found: name it, e.g. {option} bash (or zsh, fish)")
    if shell not in _SHELLS:
        raise UsageError(f"{option} {shell}: use one of {', '.join(_SHELLS)}")
    if option == "--show-completion":
        typer.echo(get_completion_script(
            prog_name="partnerkit", complete_var="_PARTNERKIT_COMPLETE", shell=shell
        ))  # fmt: skip
        return 0
    shell, path = install(shell=shell, prog_name="partnerkit", complete_var="_PARTNERKIT_COMPLETE")
    typer.echo(f"{shell} completion installed in {path}")
    typer.echo("Completion will take effect once you restart the terminal")
    return 0


_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _running_shell() -> str:
    import os

    try:
        import shellingham  # Typer's own way, when it is installed

        found: str = shellingham.detect_shell()[0]
        return found
    except Exception:  # not installed, or no shell among the parents
        return os.path.basename(os.environ.get("SHELL", ""))

"""The command line: parse options, call a command, exit with its code.

No logic lives here. Heavy modules are imported inside the commands so that
`--help` and `--version` start fast.
"""

from __future__ import annotations

from pathlib import Path
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


Today = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Judge dates as if today were this day (YYYY-MM-DD)."),
]
NoConfig = Annotated[bool, typer.Option("--no-config", help="Ignore configuration files.")]
Force = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
Jobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of cores)."),
]


@app.command(help=COMMANDS["init"])
def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="File or folder to create (default: partnerships/<id>.yaml); "
            "with --repo, the repository folder (default: here).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(metavar="KIND", help="vendor, internal, community, school or other."),
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Title of the partnership.")
    ] = None,
    id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="Partnership id (a slug).")
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME",
            help='A partner: "Name" or "id=Name". Repeat for each; the first leads.',
        ),
    ] = None,
    candidates: Annotated[
        bool,
        typer.Option(
            "--candidates",
            help="Compare candidate partners first: adds criteria and options to assess.",
        ),
    ] = False,
    candidate: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME", help='A candidate partner: "Name" or "id=Name". Repeat for each.'
        ),
    ] = None,
    repo: Annotated[
        bool,
        typer.Option(
            "--repo", help="Set up a partnership repository: config, schema, pre-commit, CI."
        ),
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt; use defaults or fail.")
    ] = False,
    today: Today = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    from partnerkit.commands.init import InitOptions, run_init

    opts = InitOptions(
        path=None if repo else path,
        kind=kind,
        title=title,
        id=id,
        partners=partner or [],
        force=force,
        today=today,
        interactive=False if no_input else None,
        candidates=candidates,
        candidate_names=candidate or [],
    )
    if repo:
        from partnerkit.commands.repo import run_init_repo

        if not partner:
            opts = None  # type: ignore[assignment]
        raise typer.Exit(run_init_repo(path or Path("."), opts))
    raise typer.Exit(run_init(opts))


# Commands declared once, as an options dataclass beside their `run` function (see
# partnerkit.commands.options). A new command copies one of these modules and adds a line here.
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

"""The command line: parse options, call a command, exit with its code.

No logic lives here. Heavy modules are imported inside the commands so that
`--help` and `--version` start fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from partnerkit import __version__
from partnerkit.commands_index import ABOUT, COMMANDS

app = typer.Typer(
    name="partnerkit",
    help=ABOUT,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


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
    typer.Option(metavar="YYYY-MM-DD", help="Judge dates as if today were this day."),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Configuration file (default: found upward).")
]
NoConfig = Annotated[bool, typer.Option("--no-config", help="Ignore configuration files.")]
Force = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
Jobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of cores)."),
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
]
Color = Annotated[
    bool | None,
    typer.Option("--color/--no-color", help="Force colour on or off (default: on in a terminal)."),
]


@app.command(help=COMMANDS["check"])
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders (default: configured paths, or this folder)."),
    ] = None,
    format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help="Output format (default: text; github under GitHub Actions)."
        ),
    ] = None,
    output: Output = None,
    strict: Annotated[
        bool | None, typer.Option("--strict/--no-strict", help="Fail on warnings too.")
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(min=0, max=100, help="Fail files whose readiness is below this score."),
    ] = None,
    today: Today = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these codes or prefixes (PK3, PK402).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these codes or prefixes.")] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Skip paths matching this glob.")
    ] = None,
    jobs: Jobs = None,
    max_file_size: Annotated[
        str | None, typer.Option(help='Refuse larger files, e.g. "5 MB".')
    ] = None,
    config: ConfigOpt = None,
    no_config: NoConfig = False,
    force: Force = False,
    color: Color = None,
) -> None:
    from partnerkit.commands.check import CheckOptions, run_check

    opts = CheckOptions(
        paths=paths or [],
        format=format.value if format else _default_check_format(),
        output=output,
        force=force,
        strict=strict,
        min_score=min_score,
        today=today,
        config=config,
        no_config=no_config,
        select=select or [],
        ignore=ignore or [],
        exclude=exclude or [],
        jobs=jobs,
        max_file_size=max_file_size,
        color=color,
    )
    raise typer.Exit(run_check(opts))


def _default_check_format() -> str:
    import os

    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command(help=COMMANDS["score"])
def score(
    path: Annotated[Path, typer.Argument(help="The partnership file.")],
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ScoreFormat.text
    ),
    output: Output = None,
    min_score: Annotated[
        float | None, typer.Option(min=0, max=100, help="Exit 1 when readiness is below this.")
    ] = None,
    today: Today = None,
    config: ConfigOpt = None,
    force: Force = False,
    color: Color = None,
) -> None:
    from partnerkit.commands.score import run_score

    raise typer.Exit(
        run_score(
            path,
            fmt=format.value,
            output=output,
            force=force,
            today=today,
            config_path=config,
            min_score=min_score,
            color=color,
        )
    )


class AssessFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"


@app.command(help=COMMANDS["assess"])
def assess(
    path: Annotated[Path, typer.Argument(help="The partnership file with `candidates`.")],
    format: Annotated[AssessFormat, typer.Option("--format", "-f", help="Output format.")] = (
        AssessFormat.text
    ),
    output: Output = None,
    today: Today = None,
    config: ConfigOpt = None,
    force: Force = False,
    color: Color = None,
) -> None:
    from partnerkit.commands.assess import run_assess

    raise typer.Exit(
        run_assess(
            path,
            fmt=format.value,
            output=output,
            force=force,
            today=today,
            config_path=config,
            color=color,
        )
    )


@app.command(help=COMMANDS["rules"])
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code or name to explain.")] = None,
    color: Color = None,
) -> None:
    from partnerkit.commands.rules import run_rules

    raise typer.Exit(run_rules(code, color=color))


@app.command(help=COMMANDS["init"])
def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="File or folder to create (default: partnerships/<id>.yaml); "
            "with --repo, the repository folder (default: here).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="vendor, internal, community, school or other.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of the partnership.")] = None,
    id: Annotated[str | None, typer.Option("--id", help="Partnership id (a slug).")] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option(help='A partner: "Name" or "id=Name". Repeat for each; the first leads.'),
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
        typer.Option(help='A candidate partner: "Name" or "id=Name". Repeat for each.'),
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


class RenderFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


@app.command(help=COMMANDS["render"])
def render(
    files: Annotated[list[Path], typer.Argument(help="Partnership files to render.")],
    template: Annotated[
        str, typer.Option("--template", "-t", help="Template name (see `partnerkit templates`).")
    ] = "agreement",
    format: Annotated[RenderFormat, typer.Option("--format", "-f", help="Output format.")] = (
        RenderFormat.md
    ),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder (default: here), file, or - for stdout."),
    ] = None,
    final: Annotated[
        bool, typer.Option("--final", help="Refuse partnerships below the ready band.")
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Print this date on the document (default: none)."),
    ] = None,
    paper: Annotated[str, typer.Option(help="Page size for HTML and PDF: a4 or letter.")] = "a4",
    templates: Annotated[
        Path | None, typer.Option(help="Folder of your own templates (adds or overrides).")
    ] = None,
    today: Today = None,
    config: ConfigOpt = None,
    force: Force = False,
) -> None:
    from partnerkit.commands.render import RenderOptions, run_render

    opts = RenderOptions(
        files=files,
        template=template,
        format=format.value,
        output=output,
        force=force,
        final=final,
        date=date,
        today=today,
        templates=templates,
        config=config,
        paper=paper,
    )
    raise typer.Exit(run_render(opts))


@app.command("templates", help=COMMANDS["templates"])
def templates_command(
    templates: Annotated[Path | None, typer.Option(help="Folder of your own templates.")] = None,
    config: ConfigOpt = None,
) -> None:
    from partnerkit.commands.render import run_templates

    raise typer.Exit(run_templates(templates, config))


class ReviewFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


class ReviewSort(StrEnum):
    next_review = "next-review"
    readiness = "readiness"
    status = "status"
    by_title = "title"


@app.command(help=COMMANDS["review"])
def review(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="One file for a detailed view; files or folders for the portfolio."),
    ] = None,
    format: Annotated[ReviewFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReviewFormat.table
    ),
    output: Output = None,
    sort: Annotated[ReviewSort, typer.Option(help="Order of the rows.")] = ReviewSort.next_review,
    status: Annotated[list[str] | None, typer.Option(help="Only this status (repeatable).")] = None,
    kind: Annotated[list[str] | None, typer.Option(help="Only this kind (repeatable).")] = None,
    partner: Annotated[
        str | None, typer.Option(help="Only partnerships with a partner matching this.")
    ] = None,
    due_within: Annotated[
        int | None, typer.Option(min=0, help="Only reviews due within DAYS (or overdue).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    jobs: Jobs = None,
    today: Today = None,
    config: ConfigOpt = None,
    force: Force = False,
    color: Color = None,
) -> None:
    from partnerkit.commands.review import ReviewOptions, run_review

    opts = ReviewOptions(
        paths=paths or [],
        format=format.value,
        output=output,
        force=force,
        sort=sort.value,
        status=status or [],
        kind=kind or [],
        partner=partner,
        due_within=due_within,
        today=today,
        strict=strict,
        config=config,
        jobs=jobs,
        color=color,
    )
    raise typer.Exit(run_review(opts))


@app.command(help=COMMANDS["calendar"])
def calendar(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: configured paths).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The .ics file to write (default: stdout)."),
    ] = None,
    jobs: Jobs = None,
    today: Today = None,
    config: ConfigOpt = None,
    force: Force = False,
) -> None:
    from partnerkit.commands.calendar import run_calendar

    raise typer.Exit(
        run_calendar(
            paths or [], output, force=force, today=today, config_path=config, jobs=jobs
        )
    )


@app.command(help=COMMANDS["schema"])
def schema(
    output: Output = None,
    force: Force = False,
) -> None:
    from partnerkit.commands.schema import run_schema

    raise typer.Exit(run_schema(output, force=force))

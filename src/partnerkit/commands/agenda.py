"""`partnerkit agenda`: the next review meeting's agenda, through the same renderer as `render`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from partnerkit.commands import options
from partnerkit.commands.options import argument, option
from partnerkit.commands.render import RenderFormat, RenderOptions, run_render


@dataclass(frozen=True)
class AgendaOptions:
    """Everything `agenda` can be asked: the one declaration of its options."""

    file: str = argument("The partnership file.", metavar="FILE")
    format: RenderFormat = option("--format", "-f", help="Output format.", default=RenderFormat.md)
    output: Path | None = options.output(
        "Folder (default: here), file, or - for stdout.", metavar="PATH"
    )
    date: str | None = option(metavar="DATE", help="Print this date on the agenda (default: none).")
    paper: str = option(
        metavar="[a4|letter]", help="Page size for HTML, PDF and DOCX: a4 or letter.", default="a4"
    )
    templates: Path | None = option(
        metavar="FOLDER", help="Folder of your own templates (an `agenda` overrides)."
    )
    today: str | None = options.today()
    config: Path | None = options.config()
    no_config: bool = options.no_config()
    force: bool = options.force()


def run_agenda(opts: AgendaOptions) -> int:
    """Render the `agenda` template for one file."""
    render = RenderOptions(
        files=[opts.file], template="agenda", format=opts.format, output=opts.output,
        date=opts.date, paper=opts.paper, templates=opts.templates, today=opts.today,
        config=opts.config, no_config=opts.no_config, force=opts.force,
    )  # fmt: skip
    return run_render(render)

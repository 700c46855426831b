"""`partnerkit rules [CODE]`: list the rules, or explain one."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from partnerkit.check.rules import all_rules
from partnerkit.commands import options
from partnerkit.commands.options import argument
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import use_color


@dataclass(frozen=True)
class RulesOptions:
    """Everything `rules` can be asked."""

    code: str | None = argument(
        "A rule code or name to explain.", default=None, metavar="CODE", complete="codes"
    )
    color: bool | None = options.color()


def run_rules(opts: RulesOptions) -> int:
    code, color = opts.code, opts.color
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.table import Table


    rules = all_rules()
    colored = use_color(color)
    console = Console(
        force_terminal=colored,
        no_color=not colored,
        highlight=False,
        width=None if colored else 110,
    )
    wanted = (code or "").upper()
    listed = (
        [r for r in rules.values() if r.code.startswith(wanted)]
        if code is None or (wanted not in rules and wanted.startswith("PK"))
        else []
    )
    if listed:  # no code, or a prefix such as PK4: the table of those rules
        title = "partnerkit rules" + (f" {wanted}…" if code else "")
        table = Table(title=title, title_justify="left")
        table.add_column("code", no_wrap=True)
        table.add_column("name", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("area")
        table.add_column("summary")
        for r in listed:
            sev = "red" if r.severity == "error" else "yellow"
            table.add_row(r.code, r.name, f"[{sev}]{r.severity.value}[/]", r.area, r.summary)
        console.print(table)
        console.print("Explain one with `partnerkit rules CODE`.", style="dim")
        return 0
    found = rules.get(wanted) or next((r for r in rules.values() if r.name == code), None)
    if found is None:
        from partnerkit.check.codes import unknown_code_hint

        raise UsageError(f"rules {code}: {unknown_code_hint(code or '')}")
    if not colored:
        sys.stdout.write(
            f"{found.code} {found.name} ({found.severity.value}, {found.area})\n"
            f"{found.summary}\n\n{found.doc}\n"
        )
        return 0
    console.print(
        f"[bold]{found.code}[/] {found.name}  [dim]{found.severity.value}, {found.area}[/]"
    )
    console.print(f"[bold]{found.summary}[/]\n")
    console.print(Markdown(found.doc))
    return 0

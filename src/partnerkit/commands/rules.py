"""`partnerkit rules [CODE]`: list the rules, or explain one."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from partnerkit import options
from partnerkit.errors import UsageError
from partnerkit.fsutil import use_color
from partnerkit.options import argument


@dataclass(frozen=True)
class RulesOptions:
    """Everything `rules` can be asked."""

    code: str | None = argument("A rule code or name to explain.", default=None)
    color: bool | None = options.color()


def run_rules(opts: RulesOptions) -> int:
    code, color = opts.code, opts.color
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.table import Table

    from partnerkit.rules import all_rules

    rules = all_rules()
    colored = use_color(color)
    console = Console(
        force_terminal=colored,
        no_color=not colored,
        highlight=False,
        width=None if colored else 110,
    )
    if code is None:
        table = Table(title="partnerkit rules", title_justify="left")
        table.add_column("code", no_wrap=True)
        table.add_column("name", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("area")
        table.add_column("summary")
        for r in rules.values():
            sev = "red" if r.severity == "error" else "yellow"
            table.add_row(r.code, r.name, f"[{sev}]{r.severity.value}[/]", r.area, r.summary)
        console.print(table)
        console.print("Explain one with `partnerkit rules CODE`.", style="dim")
        return 0
    wanted = code.upper()
    found = rules.get(wanted) or next((r for r in rules.values() if r.name == code), None)
    if found is None:
        import difflib

        close = difflib.get_close_matches(wanted, list(rules), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise UsageError(f"no rule {code}{hint}; `partnerkit rules` lists them")
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

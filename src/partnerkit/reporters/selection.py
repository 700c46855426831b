"""`partnerkit assess` views: the candidates compared, as a terminal table, JSON or CSV.

Everything shown comes from the user's file, so terminal text is `printable` inside
`Text` (never Rich markup, never a live escape) and CSV cells are never formulas.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from partnerkit.format.model import Money, Partnership
from partnerkit.judge.selection import Comparison, as_dict, break_even_text, sensitivity_text
from partnerkit.support.sanitize import WrappedLines, json_text, printable, printable_path
from partnerkit.support.sanitize import csv_cell as cell


def money(cost: Money | None) -> str:
    if cost is None:
        return "—"
    amount = f"{cost.amount:,.0f}" if float(cost.amount).is_integer() else f"{cost.amount:,.2f}"
    return f"{cost.currency} {amount}" if cost.currency else amount


def write_json(model: Partnership, comparison: Comparison, path: str, out: IO[str]) -> None:
    data = {"path": path, "id": model.id, "title": model.title, **as_dict(comparison)}
    out.write(json_text(data))


def write_csv(comparison: Comparison, out: IO[str]) -> None:
    """One row a candidate, best first: rank, total, a column per criterion, leads and lags."""
    names = list(comparison.weights)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "rank", "id", "name", "total", *(cell(n) for n in names),
            "leads", "lags", "cost", "currency", "unscored",
        ]
    )  # fmt: skip
    for s in comparison.standings:
        cost = s.candidate.cost
        writer.writerow(
            [
                s.rank, cell(s.id), cell(s.name), f"{s.total:g}",
                *(s.candidate.scores.get(n, "") for n in names),
                cell(s.leads or ""), cell(s.lags or ""),
                "" if cost is None else f"{cost.amount:g}",
                "" if cost is None else cell(cost.currency or ""),
                cell("; ".join(s.unscored)),
            ]
        )  # fmt: skip


def write_rich(
    model: Partnership, comparison: Comparison, path: str, out: IO[str], color: bool
) -> None:
    """Criteria down, candidates across (best first), totals, rank, leads, lags, sensitivity."""
    from rich import box
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    console = Console(
        file=WrappedLines(out), force_terminal=color, no_color=not color, highlight=False,
        width=None if color else 110, emoji=False, markup=False,
    )  # fmt: skip
    parts: list[Any] = [
        Text.assemble(
            (printable(model.title), "bold"), f"  ({printable(model.id)}, {model.status})\n",
            ("Scores 1–5 with their weighted points (1 earns none, 5 all); totals out of 100.",
             "dim"),
        ),
        comparison_table(comparison),
    ]  # fmt: skip
    style = "green" if comparison.robust else "yellow"
    parts.append(
        Text.assemble(("Sensitivity: ", "bold"), (printable(sensitivity_text(comparison)), style))
    )
    if breaks := break_even_text(comparison):
        parts.append(Text.assemble(("Break-even: ", "bold"), printable(breaks)))
    unscored = [s for s in comparison.standings if s.unscored]
    if unscored:
        note = Text("Not scored yet: ", "yellow")
        note.append(printable("; ".join(f"{s.name} on {', '.join(s.unscored)}" for s in unscored)))
        parts.append(note)
    console.print(
        Panel(Group(*parts), title=Text(printable_path(path)), title_align="left", box=box.ROUNDED)
    )


def comparison_table(comparison: Comparison) -> Any:
    """A row per criterion (score and weighted points per candidate), then the totals."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_footer=False)
    table.add_column("criterion", overflow="fold")
    table.add_column("weight", justify="right")
    for s in comparison.standings:
        table.add_column(Text(printable(s.name)), justify="right", overflow="fold")
    for name, weight in comparison.weights.items():
        cells: list[Any] = [Text(printable(name)), f"{weight:.0f}"]
        for s in comparison.standings:
            score = s.candidate.scores.get(name)
            cells.append(
                Text("—", "dim")
                if score is None
                else Text.assemble(f"{score} ", (f"· {s.points[name]:5.2f}", "dim"))
            )
        table.add_row(*cells)
    table.add_section()
    _summary_rows(table, comparison)
    return table


def _summary_rows(table: Any, comparison: Comparison) -> None:
    """Below the criteria: weighted total (the best in green), rank, leads, lags, cost."""
    from rich.text import Text

    top = {s.id for s in comparison.standings if s.rank == 1}
    table.add_row(
        Text("weighted total /100", "bold"),
        "",
        *(Text(f"{s.total:.2f}", "bold green" if s.id in top else "bold")
          for s in comparison.standings),
    )  # fmt: skip
    table.add_row("rank", "", *(_rank(s.rank, comparison) for s in comparison.standings))
    table.add_row("leads on", "", *(Text(printable(s.leads or "—")) for s in comparison.standings))
    table.add_row("lags on", "", *(Text(printable(s.lags or "—")) for s in comparison.standings))
    table.add_row(
        "cost", "", *(Text(printable(money(s.candidate.cost))) for s in comparison.standings)
    )


def _rank(rank: int, comparison: Comparison) -> str:
    shared = sum(s.rank == rank for s in comparison.standings) > 1
    return f"={rank}" if shared else str(rank)

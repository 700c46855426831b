"""Numbers drawn small: a share as a bar, a history as a terminal sparkline or an inline SVG.

The sparklines take a series oldest first (gaps as None) and a fixed scale, so that two series
on the same scale compare at a glance. The SVG holds only numbers this module
formats: nothing from the file reaches it, so it is safe to mark as HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

BLOCKS = "▁▂▃▄▅▆▇█"
Series = Sequence[float | None]


def _scale(values: Series, lo: float | None, hi: float | None) -> tuple[float, float]:
    known = [v for v in values if v is not None]
    low = min(known) if lo is None else lo
    high = max(known) if hi is None else hi
    return low, (high if high > low else low + 1)


def _share(v: float, low: float, high: float) -> float:
    """Where `v` sits between `low` and `high`, 0 to 1, for any finite numbers: halved
    first, so that values near ±1e308 do not overflow to infinity (and NaN)."""
    span = high / 2 - low / 2
    if span <= 0:
        return 0.0
    return max(0.0, min(1.0, (v / 2 - low / 2) / span))


def bar(share: float, width: int = 10) -> str:
    """A share of 0–100 as a bar of `width` cells: `bar(70)` → `███████░░░`."""
    filled = round(share / 100 * width)
    return "█" * filled + "░" * (width - filled)


def sparkline(values: Series, lo: float | None = 1, hi: float | None = 5) -> str:
    """▁▃▅█ from a series; `·` where a value is missing; empty for fewer than two values."""
    if sum(v is not None for v in values) < 2:
        return ""
    low, high = _scale(values, lo, hi)
    top = len(BLOCKS) - 1
    return "".join(
        "·" if v is None else BLOCKS[round(_share(v, low, high) * top)]
        for v in values
    )


def svg_sparkline(
    values: Series,
    lo: float | None = 1,
    hi: float | None = 5,
    *,
    width: int = 96,
    height: int = 24,
    label: str = "trend",
) -> Any:
    """A small inline SVG line chart (safe HTML), or an empty string below two values."""
    from markupsafe import Markup, escape

    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return Markup("")
    low, high = _scale(values, lo, hi)
    pad = 3
    step = (width - 2 * pad) / max(1, len(values) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, height - pad - _share(v, low, high) * (height - 2 * pad)

    coords = [xy(i, v) for i, v in points]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    last_x, last_y = coords[-1]
    return Markup(
        f'<svg class="spark" role="img" aria-label="{escape(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{line}"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.2" fill="currentColor"/></svg>'
    )


def criterion_series(c: Any) -> list[tuple[dt.date, float]]:
    """A criterion's measurements, oldest first."""
    return sorted(((m.date, m.value) for m in c.measurements), key=lambda pair: pair[0])


def criterion_trend(c: Any) -> str:
    """A criterion's sparkline from its baseline and measurements, on its own scale."""
    values: list[float | None] = [v for _, v in criterion_series(c)]
    if c.baseline is not None:
        values.insert(0, c.baseline)
    known = [v for v in values if v is not None]
    if c.target is not None:
        known.append(c.target)
    if len(values) < 2:
        return ""
    return sparkline(values, min(known), max(known))

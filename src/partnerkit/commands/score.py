"""`partnerkit score`: the Six-C readiness breakdown, the ten questions, next actions."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from partnerkit.commands.common import configure, load_sound, parse_today
from partnerkit.fsutil import emit, use_color


def run_score(
    path: Path,
    *,
    fmt: str = "text",
    output: Path | None = None,
    force: bool = False,
    today: str | None = None,
    config_path: Path | None = None,
    min_score: float | None = None,
    color: bool | None = None,
) -> int:
    from partnerkit.reporters import score as view

    config = configure(config_path)
    sound = load_sound(path, config, parse_today(today))
    if sound is None:
        return 1
    model, assessment, shown = sound.model, sound.assessment, sound.result.path
    buffer = io.StringIO()
    if fmt == "json":
        view.write_json(model, assessment, shown, buffer)
    elif fmt == "markdown":
        view.write_markdown(model, assessment, shown, buffer)
    else:
        to_file = output is not None and str(output) != "-"
        colored = False if to_file else use_color(color)
        view.write_rich(model, assessment, shown, buffer, colored)
    emit(buffer.getvalue(), output, force=force)
    threshold = min_score if min_score is not None else config.min_score
    if threshold is not None and assessment.overall < threshold:
        sys.stderr.write(
            f"{shown}: readiness {assessment.overall:.0f} is below the minimum of "
            f"{threshold:g}\n"
        )
        return 1
    return 0

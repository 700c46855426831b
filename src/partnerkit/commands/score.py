"""`partnerkit score`: the Six-C readiness breakdown, the ten questions, next actions."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from partnerkit.commands import options
from partnerkit.commands.common import configure, file_failed, load_sound, parse_today, tell
from partnerkit.commands.options import argument, option
from partnerkit.support.fsutil import emit, use_color
from partnerkit.support.sanitize import printable_path


class ScoreFormat(options.Choice):
    text = "text"
    json = "json"
    md = "md"


@dataclass(frozen=True)
class ScoreOptions:
    """Everything `score` can be asked: the one declaration of its options."""

    path: str = argument("The partnership file.", metavar="FILE")
    format: ScoreFormat = option("--format", "-f", help="Output format.", default=ScoreFormat.text)
    output: Path | None = options.output()
    min_score: float | None = option(
        metavar="SCORE", min=0, max=100, help="Exit 1 when readiness is below this."
    )
    today: str | None = options.today()
    config: Path | None = options.config()
    no_config: bool = options.no_config()
    force: bool = options.force()
    color: bool | None = options.color()
    quiet: bool = options.quiet("Text: print only the summary line (readiness and band).")


def run_score(opts: ScoreOptions) -> int:
    """Score one sound file; 1 when it has errors or is below the minimum readiness."""
    from partnerkit.reporters import score as view

    config = configure(opts.config, no_config=opts.no_config)
    day = parse_today(opts.today)
    sound = load_sound(opts.path, config, day)
    if sound is None:
        return 1
    model, assessment, shown = sound.model, sound.assessment, sound.result.path
    buffer = io.StringIO()
    try:
        if opts.format == "json":
            view.write_json(model, assessment, shown, buffer, day)
        elif opts.format == "md":
            view.write_markdown(model, assessment, shown, buffer, day)
        elif opts.quiet:
            line = f"readiness {assessment.overall:.0f} ({assessment.band})"
            buffer.write(f"{printable_path(shown)}: {line}\n")
        else:
            to_file = opts.output is not None and str(opts.output) != "-"
            colored = False if to_file else use_color(opts.color)
            view.write_rich(model, assessment, shown, buffer, colored, day)
    except Exception as exc:  # a bug met on this file: its finding, exit 1
        return file_failed(sound.result, exc, "scoring")
    emit(buffer.getvalue(), opts.output, force=True)  # a report: -o replaces it
    threshold = opts.min_score if opts.min_score is not None else config.min_score
    if threshold is not None and assessment.overall < threshold:
        tell(shown, f"readiness {assessment.overall:.0f} is below the minimum of {threshold:g}")
        return 1
    return 0

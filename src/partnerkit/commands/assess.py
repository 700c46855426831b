"""`partnerkit assess`: compare the candidate partners in a file, weighted and ranked."""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from partnerkit.commands import options
from partnerkit.commands.common import Sound, configure, load_sound, parse_today, tell
from partnerkit.commands.options import argument, option
from partnerkit.judge.selection import compare
from partnerkit.support.fsutil import emit, use_color

if TYPE_CHECKING:
    from partnerkit.check.config import Config

CANDIDATE_RULES = "PK45"


class AssessFormat(options.Choice):
    text = "text"
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"


@dataclass(frozen=True)
class AssessOptions:
    """Everything `assess` can be asked: the one declaration of its options."""

    path: str = argument("The partnership file with `candidates`.")
    format: AssessFormat = option(
        "--format", "-f", help="Output format.", default=AssessFormat.text
    )
    output: Path | None = options.output()
    today: str | None = options.today()
    config: Path | None = options.config()
    no_config: bool = options.no_config()
    force: bool = options.force()
    color: bool | None = options.color()


def run_assess(opts: AssessOptions) -> int:
    """Compare the candidates of one sound file; 1 when there are none or their rules fail."""
    path, fmt, output = opts.path, opts.format, opts.output
    from partnerkit.reporters import selection as view
    from partnerkit.reporters.text import line

    config = configure(opts.config, no_config=opts.no_config)
    day = parse_today(opts.today)
    sound = load_sound(path, config, day, errors_ok=True)
    if sound is None:
        return 1
    model, shown = sound.model, sound.result.path
    if model.candidates is None or not model.candidates.options:
        tell(
            shown,
            "no candidates to assess: add a `candidates` section with criteria and options "
            "(`partnerkit init --candidates` writes one to start from)",
        )
        return 1
    findings = [f for f in sound.result.findings if f.code.startswith(CANDIDATE_RULES)]
    errors = [f for f in findings if f.severity.value == "error"]
    for f in findings:
        sys.stderr.write(line(f) + "\n")
    if errors:
        tell(shown, "fix the errors above before comparing the candidates")
        return 1
    comparison = compare(model.candidates)
    buffer = io.StringIO()
    if fmt == "json":
        view.write_json(model, comparison, shown, buffer)
    elif fmt == "csv":
        view.write_csv(comparison, buffer)
    elif fmt in ("md", "html"):
        buffer.write(_document(sound, fmt, day, config))
    else:
        to_file = output is not None and str(output) != "-"
        colored = False if to_file else use_color(opts.color)
        view.write_rich(model, comparison, shown, buffer, colored)
    emit(buffer.getvalue(), output, force=True)  # a report: -o replaces it
    return 0


def _document(sound: Sound, fmt: str, today: dt.date, config: Config) -> str:
    """The selection panel's document (the `assessment` template), as `render` makes it."""
    from partnerkit.documents import render, templates

    shown = sound.result.path
    meta = render.DocumentMeta(
        source=render.document_source(shown),
        sha256=render.sha256_of(Path(shown).read_bytes()),
        template="assessment",
        format=fmt,
        draft=False,
        final=False,
        date=None,
    )
    inp = render.RenderInput(sound.model, sound.assessment, [], today)
    env = templates.environment(config.templates)
    return render.render_text(env, "assessment", fmt, render.context(inp, meta))

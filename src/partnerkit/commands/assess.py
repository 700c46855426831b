"""`partnerkit assess`: compare the candidate partners in a file, weighted and ranked."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from partnerkit.commands.common import configure, load_valid, parse_today
from partnerkit.fsutil import emit, use_color

if TYPE_CHECKING:
    from partnerkit.config import Config
    from partnerkit.loader import Loaded

FORMATS = ("text", "md", "html", "json", "csv")
CANDIDATE_RULES = "PK45"


def run_assess(
    path: Path,
    *,
    fmt: str = "text",
    output: Path | None = None,
    force: bool = False,
    today: str | None = None,
    config_path: Path | None = None,
    color: bool | None = None,
) -> int:
    from partnerkit.checker import finish
    from partnerkit.reporters import selection as view
    from partnerkit.reporters.text import line
    from partnerkit.rules import run as run_rules
    from partnerkit.selection import compare

    config = configure(config_path)
    loaded = load_valid(path, config)
    if loaded is None:
        return 1
    assert loaded.model is not None and loaded.doc is not None
    model = loaded.model
    if model.candidates is None or not model.candidates.options:
        sys.stderr.write(
            f"{loaded.path}: no candidates to assess: add a `candidates` section with "
            "criteria and options (`partnerkit init --candidates` writes one to start from)\n"
        )
        return 1
    day = parse_today(today)
    findings = [
        f
        for f in finish(
            run_rules(model, loaded.doc, loaded.path, day, config.enabled),
            config,
            loaded.text,
            loaded.path,
        )
        if f.code.startswith(CANDIDATE_RULES)
    ]
    errors = [f for f in findings if f.severity.value == "error"]
    for f in findings:
        sys.stderr.write(line(f) + "\n")
    if errors:
        sys.stderr.write(f"{loaded.path}: fix the errors above before comparing the candidates\n")
        return 1
    comparison = compare(model.candidates)
    buffer = io.StringIO()
    if fmt == "json":
        view.write_json(model, comparison, loaded.path, buffer)
    elif fmt == "csv":
        view.write_csv(comparison, buffer)
    elif fmt in ("md", "html"):
        buffer.write(_document(loaded, fmt, day, config))
    else:
        to_file = output is not None and str(output) != "-"
        colored = False if to_file else use_color(color)
        view.write_rich(model, comparison, loaded.path, buffer, colored)
    emit(buffer.getvalue(), output, force=force)
    return 0


def _document(loaded: Loaded, fmt: str, today: dt.date, config: Config) -> str:
    """The selection panel's document (the `assessment` template), as `render` makes it."""
    from partnerkit import render
    from partnerkit.scoring import assess

    assert loaded.model is not None
    meta = render.DocumentMeta(
        source=loaded.path,
        sha256=render.sha256_of(Path(loaded.path).read_bytes()),
        template="assessment",
        format=fmt,
        draft=False,
        final=False,
        date=None,
    )
    inp = render.RenderInput(loaded.model, assess(loaded.model, today, config.bands), [], today)
    env = render.environment(config.templates)
    return render.render_text(env, "assessment", fmt, render.context(inp, meta))

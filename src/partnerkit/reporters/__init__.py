"""Reporters turn a `CheckReport` into text for people or machines.

Each is a function `(report, out, *, color) -> None` registered by name; machine
formats write plain text (never through Rich, which wraps and reads markup).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import IO, Any

FORMATS = {
    "text": "partnerkit.reporters.text:report",
    "json": "partnerkit.reporters.machine:write_json",
    "github": "partnerkit.reporters.machine:write_github",
    "sarif": "partnerkit.reporters.machine:write_sarif",
    "junit": "partnerkit.reporters.machine:write_junit",
}


def get(name: str) -> Callable[..., None]:
    module, _, func = FORMATS[name].partition(":")
    reporter: Callable[..., Any] = getattr(importlib.import_module(module), func)
    return reporter


def write(name: str, report: Any, out: IO[str], *, color: bool, quiet: bool = False) -> None:
    """Write `report` in format `name`; `quiet` trims the text format to what fails."""
    if quiet and name == "text":
        get(name)(report, out, color=color, quiet=True)
    else:
        get(name)(report, out, color=color)

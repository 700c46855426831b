"""The per-file analyses that run once a file is valid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from partnerkit.config import Config
from partnerkit.finding import Finding
from partnerkit.loader import Loaded

ANALYSERS: list[
    Callable[[Loaded, Config, dt.date], tuple[list[Finding], dict[str, Any] | None]]
] = []

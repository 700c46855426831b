"""`partnerkit schema`: the JSON Schema of the partnership format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from partnerkit.fsutil import emit

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema (draft 2020-12), with titles and descriptions."""
    from partnerkit.model import Partnership

    schema = Partnership.model_json_schema(mode="validation")
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema(output: Path | None, *, force: bool = False) -> int:
    emit(schema_text(), output, force=force)
    return 0

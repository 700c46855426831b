"""`partnerkit schema`: the JSON Schema of the partnership format."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit.commands import options
from partnerkit.format.model import Partnership
from partnerkit.format.schema_examples import annotate
from partnerkit.support.fsutil import emit

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema (draft 2020-12): titles, descriptions, examples, snippets."""

    schema = Partnership.model_json_schema(mode="validation")
    return annotate({"$schema": DIALECT, **schema})


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class SchemaOptions:
    """Everything `schema` can be asked."""

    output: Path | None = options.output()
    force: bool = options.force()


def run_schema(opts: SchemaOptions) -> int:
    emit(schema_text(), opts.output, force=True)  # a report: -o replaces it
    return 0

"""`partnerkit schema`: the JSON Schema of the partnership format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from partnerkit.commands import options
from partnerkit.format.schema import schema_text
from partnerkit.support.fsutil import emit


@dataclass(frozen=True)
class SchemaOptions:
    """Everything `schema` can be asked."""

    output: Path | None = options.output()
    force: bool = options.force()


def run_schema(opts: SchemaOptions) -> int:
    """Print or write the published schema: the same file whatever Pydantic is installed."""
    emit(schema_text(), opts.output, force=True)  # a report: -o replaces it
    return 0

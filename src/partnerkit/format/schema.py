"""The format's JSON Schema as partnerkit publishes it: one committed file.

Pydantic renders the same models differently from one version to the next (`0.0` or
`0`, a `$ref` alone or wrapped in `allOf`, `propertyNames` or not), so a schema made at
run time would depend on the Pydantic installed. `partnerkit schema`, `init --repo` and
editors get this file instead, the same for every install; `tests/test_schema.py` checks
that it still describes the models, and `pytest --update-golden` (with the latest
Pydantic) writes it again after a change to the format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("partnership.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_text() -> str:
    """The published schema, as written in the package."""
    return SCHEMA_FILE.read_text("utf-8")


def generate() -> dict[str, Any]:
    """The schema the installed Pydantic makes of the models (titles, descriptions,
    examples, snippets): what the published file is made from and checked against."""
    from partnerkit.format.model import Partnership
    from partnerkit.format.schema_examples import annotate

    schema = Partnership.model_json_schema(mode="validation")
    for part in [schema, *schema.get("$defs", {}).values()]:
        _nothing_yet_is_empty(part)
    return annotate({"$schema": DIALECT, **schema})


def _nothing_yet_is_empty(part: dict[str, Any]) -> None:
    """A list or mapping that defaults to empty also takes null, as the models do
    (`types.FormatModel`): `strengths:` with its items still to write, as `init` leaves it."""
    for prop in part.get("properties", {}).values():
        kind = prop.get("type")
        if kind in ("array", "object") and prop.get("default") in ([], {}):
            prop["type"] = [kind, "null"]

"""`partnerkit schema` agrees with `check`, tested with a third-party validator."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import BAD, EXAMPLES

SCHEMA_LEVEL = [
    "unknown-key.yaml",
    "unknown-nested-key.yaml",
    "missing-required.yaml",
    "wrong-type-number.yaml",
    "wrong-type-list.yaml",
    "bad-enum.yaml",
    "bad-slug.yaml",
    "bad-email.yaml",
    "single-partner.yaml",
    "rating-out-of-range.yaml",
    "negative-amount.yaml",
    "unsupported-version.yaml",
]


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "schema.json"
    done = subprocess.run(
        [sys.executable, "-m", "partnerkit", "schema", "--output", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return path


def _validator() -> list[str]:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    return [exe]


def test_schema_is_draft_2020_12_with_descriptions(schema_file: Path) -> None:
    schema = json.loads(schema_file.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert "Q1" in schema["properties"]["value"]["description"]
    assert schema["properties"]["partners"]["minItems"] == 2


def test_schema_output_is_stable(cli) -> None:
    assert cli("schema").out == cli("schema").out


def test_schema_is_the_published_file_whatever_pydantic_is_installed(cli) -> None:
    """Pydantic 2.6 and the latest render the same models differently (`0.0` for `0`,
    `allOf` around a `$ref`, no `propertyNames`): the schema printed is the committed
    file, so every install (CI runs the lowest versions too) prints the same bytes."""
    from partnerkit.format.schema import SCHEMA_FILE

    assert cli("schema").out == SCHEMA_FILE.read_text("utf-8")


def _rendering_aside(node: Any) -> Any:
    """The schema without what Pydantic versions render differently (see the test below)."""
    if isinstance(node, dict):
        node = {k: _rendering_aside(v) for k, v in node.items() if k != "propertyNames"}
        wrapped = node.get("allOf")
        if isinstance(wrapped, list) and len(wrapped) == 1 and set(wrapped[0]) == {"$ref"}:
            del node["allOf"]
            node["$ref"] = wrapped[0]["$ref"]
        if "const" in node:
            node.pop("type", None)
        return node
    if isinstance(node, list):
        return [_rendering_aside(v) for v in node]
    if isinstance(node, float) and node.is_integer():
        return int(node)
    return node


def test_the_published_schema_describes_the_models(update_golden: bool) -> None:
    """The committed schema is what the models make of themselves, every field, bound and
    choice, apart from how a Pydantic version writes the same thing. After a change to the
    format, `pytest --update-golden` with the latest Pydantic writes the file again."""
    from partnerkit.format.schema import SCHEMA_FILE, generate

    made = generate()
    if update_golden:
        SCHEMA_FILE.write_text(json.dumps(made, indent=2, ensure_ascii=False) + "\n", "utf-8")
    published = json.loads(SCHEMA_FILE.read_text("utf-8"))
    assert _rendering_aside(published) == _rendering_aside(made), (
        "the format changed: write the published schema again with "
        "`pytest --update-golden tests/test_schema.py` (with the latest Pydantic)"
    )


def test_every_example_validates(schema_file: Path) -> None:
    examples = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    done = subprocess.run(
        [*_validator(), "--schemafile", str(schema_file), *examples],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", SCHEMA_LEVEL)
def test_schema_rejects_what_check_rejects(schema_file: Path, name: str) -> None:
    done = subprocess.run(
        [*_validator(), "--schemafile", str(schema_file), str(BAD / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr


def test_schema_output_replaces_an_older_copy(cli, workdir: Path) -> None:
    """The README: `-o` replaces a report, and a schema written again is a refreshed copy."""
    target = workdir / "schema.json"
    target.write_text("an older schema")
    assert cli("schema", "--output", target).code == 0
    assert json.loads(target.read_text())["title"] == "partnerkit partnership"


def test_schema_passes_the_metaschema_check(schema_file: Path) -> None:
    done = subprocess.run(
        [*_validator(), "--check-metaschema", str(schema_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_section_has_an_example_and_a_snippet_that_validate(schema_file: Path) -> None:
    """Editors complete whole sections: each example and snippet body is a valid section."""
    import jsonschema

    schema = json.loads(schema_file.read_text())
    minimal = schema["examples"][0]
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(minimal)
    assert schema["defaultSnippets"][0]["body"] == minimal
    sections = [
        "period", "partners", "stakeholders", "value", "costs", "expectations", "changes",
        "decisions", "communication", "disagreements", "governance", "success", "reviews",
        "terms", "candidates",
    ]  # fmt: skip
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for name in sections:
        prop = schema["properties"][name]
        (example,) = prop["examples"]
        (snippet,) = prop["defaultSnippets"]
        assert snippet["label"] == name and snippet["body"] == example
        errors = list(validator.iter_errors({**minimal, name: example}))
        assert not errors, (name, [e.message for e in errors])


@pytest.mark.parametrize("kind", ["vendor", "internal", "community", "school", "other"])
def test_a_new_scaffold_validates_against_the_published_schema(
    cli, workdir: Path, schema_file: Path, kind: str
) -> None:
    """A file from `init` opens in an editor without a schema error: its lists written
    one item per line start as a key with nothing under it (`strengths:`), which `check`
    reads as empty and the schema must accept as well."""
    import jsonschema

    target = workdir / f"{kind}.yaml"
    assert cli("init", str(target), "--kind", kind, "--partner", "A", "--partner", "B",
               "--today", "2026-01-01").code == 0  # fmt: skip
    data = yaml.safe_load(target.read_text("utf-8"))
    schema = json.loads(schema_file.read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    as_json = json.loads(json.dumps(data, default=str))  # dates as the editor reads them
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(as_json)]  # fmt: skip
    assert not errors, errors

"""Machine formats parse, validate and carry the same findings as the text report."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import BAD, EXAMPLES, SHARED, TODAY

SARIF_SCHEMA = SHARED / "vendor" / "sarif-schema-2.1.0.json"


@pytest.fixture
def mixed(workdir: Path) -> Path:
    """A folder with a clean-ish example, a broken file and a warning-only file."""
    for name in ("riverside-clinical-onboarding.yaml", "northgate-crm-golive.yaml"):
        (workdir / name).write_text((EXAMPLES / name).read_text("utf-8"))
    (workdir / "broken, 100%.yaml").write_bytes((BAD / "unknown-key.yaml").read_bytes())
    return workdir


def test_json(cli, mixed: Path) -> None:
    result = cli("check", "--no-config", "--today", TODAY, "-f", "json", ".")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["format"] == "partnerkit-check" and data["version"] == 1
    assert data["summary"]["files"] == 3 and data["summary"]["errors"] == 1
    files = {f["path"]: f for f in data["files"]}
    broken = files["broken, 100%.yaml"]
    assert broken["valid"] is False and broken["score"] is None
    assert broken["findings"][0] == {
        "code": "PK110",
        "severity": "error",
        "line": 9,
        "column": 1,
        "field": "stakholders",
        "message": "unknown key `stakholders` (did you mean `stakeholders`?)",
    }
    assert files["riverside-clinical-onboarding.yaml"]["score"]["band"] == "ready"


def test_github_annotations_escape_and_keep_the_text_report(cli, mixed: Path) -> None:
    result = cli("check", "--no-config", "--today", TODAY, "-f", "github", ".")
    lines = result.out.splitlines()
    error = next(x for x in lines if x.startswith("::error "))
    assert error.startswith(
        "::error file=broken%2C 100%25.yaml,line=9,col=1,endLine=9,title=PK110::"
    )
    assert any(x.startswith("::warning file=northgate-crm-golive.yaml,") for x in lines)
    assert "broken, 100%.yaml:9:1: error PK110" in result.out
    assert lines[-1].startswith("Checked 3 files")


def test_github_is_the_default_under_github_actions(cli, mixed: Path, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert "::error file=" in cli("check", "--no-config", ".").out


def test_sarif_is_valid_against_the_official_schema(cli, mixed: Path) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip("the SARIF schema lives in ../shared/vendor, beside the repository")
    import jsonschema

    result = cli("check", "--no-config", "--today", TODAY, "-f", "sarif", ".")
    sarif = json.loads(result.out)
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "PK110" in rule_ids and "PK412" in rule_ids
    first = run["results"][0]
    assert rule_ids[first["ruleIndex"]] == first["ruleId"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert "broken%2C%20100%25.yaml" in uris
    prints = [r["partialFingerprints"]["partnerkitFieldHash/v1"] for r in run["results"]]
    assert len(prints) == len(set(prints))


def test_sarif_fingerprints_survive_line_shifts(cli, mixed: Path) -> None:
    def prints() -> list[str]:
        out = cli(
            "check", "--no-config", "--today", TODAY, "-f", "sarif", "northgate-crm-golive.yaml"
        ).out
        return sorted(
            r["partialFingerprints"]["partnerkitFieldHash/v1"]
            for r in json.loads(out)["runs"][0]["results"]
        )

    before = prints()
    target = mixed / "northgate-crm-golive.yaml"
    target.write_text("# a new comment line\n\n" + target.read_text("utf-8"))
    assert prints() == before


def test_junit_one_case_per_file(cli, mixed: Path) -> None:
    result = cli("check", "--no-config", "--today", TODAY, "-f", "junit", ".")
    root = ET.fromstring(result.out)
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 3
    failed = [c.get("classname") for c in cases if c.find("failure") is not None]
    assert failed == ["broken, 100%.yaml"]
    assert root.get("failures") == "1"
    strict = ET.fromstring(
        cli("check", "--no-config", "--today", TODAY, "-f", "junit", "--strict", ".").out
    )
    assert strict.get("failures") == "3"


def test_output_file_is_written_and_replaced_on_the_next_run(cli, mixed: Path) -> None:
    target = mixed / "out" / "report.json"
    assert cli("check", "--no-config", "-f", "json", "-o", target, ".").code == 1
    assert json.loads(target.read_text())["summary"]["files"] == 3
    (mixed / "northgate-crm-golive.yaml").unlink()
    assert cli("check", "--no-config", "-f", "json", "-o", target, ".").code == 1
    assert json.loads(target.read_text())["summary"]["files"] == 2


def test_text_output_has_no_colour_codes_when_piped(cli, mixed: Path) -> None:
    result = cli("check", "--no-config", ".")
    assert "\x1b[" not in result.out


def test_colour_when_forced(cli, mixed: Path) -> None:
    result = cli("check", "--no-config", "--color", ".")
    assert "\x1b[" in result.out
    assert "broken, 100%.yaml:9:1:" in result.out


def test_colour_shows_each_file_then_its_findings_one_a_line(cli, mixed: Path) -> None:
    *plain, plain_summary = cli("check", "--no-config", ".").out.splitlines()
    shown = cli("check", "--no-config", "--color", ".").out
    lines = re.sub(r"\x1b\[[0-9;]*m", "", shown).splitlines()
    expected: list[str] = []
    for path, group in itertools.groupby(plain, key=lambda line: line.split(":", 1)[0]):
        expected.append(path)
        for line in group:
            found = re.fullmatch(r"(.*?:\d+:\d+:) (\S+) (\S+) (.*)", line)
            assert found, line
            where, severity, code, message = found.groups()
            expected.append(f"{where} {severity:<7} {code} {message}")
        expected.append("")
    assert len(expected) > 4 and lines[:-1] == expected
    assert lines[-1].endswith(plain_summary)


def test_a_min_score_failure_is_in_sarif_and_json(cli, workdir: Path) -> None:
    source = EXAMPLES / "northgate-crm-golive.yaml"
    args = ("check", "--no-config", "--today", TODAY, "--min-score", "90")
    sarif = json.loads(cli(*args, "-f", "sarif", source).out)
    run = sarif["runs"][0]
    below = [r for r in run["results"] if r["ruleId"] == "min-score"]
    assert len(below) == 1 and "below the minimum of 90" in below[0]["message"]["text"]
    rules = run["tool"]["driver"]["rules"]
    assert rules[below[0]["ruleIndex"]]["id"] == "min-score"
    assert all(r.get("helpUri", "").startswith("https://") for r in rules)
    report = json.loads(cli(*args, "-f", "json", source).out)
    assert report["files"][0]["below_min_score"] is True
    assert len(report["summary"]["below_min_score"]) == 1


def test_score_json_names_its_format(cli) -> None:
    data = json.loads(cli("score", EXAMPLES / "northgate-crm-golive.yaml", "-f", "json").out)
    assert (data["format"], data["version"]) == ("partnerkit-score", 1)


def test_control_characters_never_reach_any_output_raw(cli, workdir: Path) -> None:
    import xml.etree.ElementTree as ET

    text = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")
    hostile = 'title: "Bad \\x01 \\e[31mred \\r\\nfake.yaml:1:1: error PK999 x"\n# '
    (workdir / "p.yaml").write_text(text.replace("title: ", hostile, 1))
    ET.fromstring(cli("check", "--no-config", "-f", "junit", "p.yaml").out)  # parses
    for args in (("check", "--no-config"), ("review", "-f", "csv"), ("review", "-f", "table")):
        out = cli(*args, "p.yaml").out
        assert "\x1b" not in out and "\x01" not in out and "\r" not in out, args
        assert not any(line.startswith("fake.yaml") for line in out.splitlines()), args


def test_text_tables_never_break_a_word(cli) -> None:
    """The criteria table folded "Medication-saf" / "ety knowledge" at 100 columns."""
    r = cli("score", EXAMPLES / "riverside-clinical-onboarding.yaml", "--today", "2026-11-23")
    assert "Medication-safety" in r.out and "Medication-saf\n" not in r.out


def test_a_disagreement_step_keeps_the_case_of_a_title() -> None:
    """"(2) dean and Chief Nursing Officer decide": the title lost its capital."""
    from partnerkit.documents.phrasing import lower_first

    assert lower_first("Dean and Chief Nursing Officer decide", []) == (
        "Dean and Chief Nursing Officer decide"
    )
    assert lower_first("Take it to the monthly steering call", []) == (
        "take it to the monthly steering call"
    )

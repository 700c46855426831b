"""`partnerkit choose`: the chosen candidate becomes a partner; nothing else moves."""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from conftest import ROOT, TODAY

DATA = ROOT / "tests" / "data" / "candidates.yaml"


def _changed(before: str, after: str) -> list[str]:
    """The lines removed (-) and added (+), in order."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _copy(tmp: Path, text: str | None = None) -> Path:
    target = tmp / "choosing.yaml"
    target.write_text(text if text is not None else DATA.read_text("utf-8"), "utf-8")
    return target


def test_choose_fills_the_placeholder_and_changes_only_those_lines(cli, workdir: Path) -> None:
    target = _copy(workdir)
    before = target.read_text("utf-8")
    result = cli("choose", target, "cmr")
    assert result.code == 0, result.out + result.err
    after = target.read_text("utf-8")
    assert "CMR Learning Partners is now a partner (provider); it ranked 1 of 3" in result.err
    changed = _changed(before, after)
    removed = [c for c in changed if c[0] == "-"]
    assert [c.split(":")[0] for c in removed] == [
        "-status", "-  - id", "-    name", "-    strengths", "-    contributes",
    ]  # fmt: skip
    assert len(changed) == 2 * len(removed)
    assert changed[1].startswith("+status: proposed ")
    assert "+  - id: cmr" in changed and "+    name: CMR Learning Partners" in changed
    assert any(c.startswith("+    strengths: [Clinical instructional design,") for c in changed)
    want = "+    contributes: [Curriculum design, Facilitator training]"
    assert any(c.startswith(want) for c in changed)
    # every comment and blank line of the file is still there, in order
    comments = [x for x in before.splitlines() if x.lstrip().startswith("#") or not x.strip()]
    assert [
        x for x in after.splitlines() if x.lstrip().startswith("#") or not x.strip()
    ] == comments
    data = yaml.safe_load(after)
    assert data["status"] == "proposed"
    assert [p["id"] for p in data["partners"]] == ["riverside-health", "cmr"]
    assert data["candidates"] == yaml.safe_load(before)["candidates"]  # the record of why
    checked = cli("check", "--no-config", "--today", TODAY, target)
    assert ": error " not in checked.out and "PK455" not in checked.out


def test_dry_run_shows_the_diff_and_writes_nothing(cli, workdir: Path) -> None:
    target = _copy(workdir)
    before = target.read_bytes()
    result = cli("choose", target, "meridian", "--dry-run", "--role", "advisor")
    assert result.code == 0, result.err
    assert result.out.startswith("--- a/") and "+  - id: meridian" in result.out
    assert "would become a partner (advisor)" in result.err
    assert target.read_bytes() == before


def test_choose_appends_when_there_is_no_placeholder(cli, workdir: Path) -> None:
    text = DATA.read_text("utf-8").replace("id: to-be-chosen", "id: northwind", 1)
    text = text.replace("name: To be chosen from the candidates below", "name: Northwind", 1)
    target = _copy(workdir, text)
    before = target.read_text("utf-8")
    assert cli("choose", target, "Apex Training Group").code == 0  # a name works too
    after = target.read_text("utf-8")
    data = yaml.safe_load(after)
    assert data["partners"][-1] == {
        "id": "apex", "name": "Apex Training Group", "role": "provider",
        "strengths": ["Large off-the-shelf catalogue"], "contributes": ["Licensed modules"],
    }  # fmt: skip
    assert all(line[0] == "+" for line in _changed(before, after)[2:])  # only added lines


def test_references_to_the_placeholder_follow_the_choice(cli, workdir: Path) -> None:
    text = DATA.read_text("utf-8").replace(
        "  independent: {}", "  independent: {to-be-chosen: [Who facilitates]}", 1
    )
    text = text.replace("borne_by: riverside-health}", "borne_by: to-be-chosen}", 1)
    target = _copy(workdir, text)
    assert "to-be-chosen" in yaml.safe_load(text)["decisions"]["independent"]
    assert cli("choose", target, "cmr").code == 0
    data = yaml.safe_load(target.read_text("utf-8"))
    assert data["decisions"]["independent"] == {"cmr": ["Who facilitates"]}
    assert data["costs"][0]["borne_by"] == "cmr"


def test_choose_refuses_and_leaves_the_file_alone(cli, workdir: Path) -> None:
    target = _copy(workdir)
    before = target.read_bytes()
    unknown = cli("choose", target, "acme")
    assert unknown.code == 1 and "no candidate `acme`" in unknown.err and "`cmr`" in unknown.err
    assert cli("choose", target, "cmr").code == 0
    chosen = target.read_bytes()
    again = cli("choose", target, "cmr")
    assert again.code == 1 and "already a partner" in again.err
    assert target.read_bytes() == chosen
    broken = _copy(workdir, before.decode().replace("Shared goals: 5,", "Shared goal: 5,"))
    before_broken = broken.read_bytes()
    refused = cli("choose", broken, "meridian")
    assert refused.code == 1 and "PK451" in refused.out
    assert broken.read_bytes() == before_broken
    assert cli("choose", target, "cmr", "--role", "boss").code == 2


def test_choose_without_candidates(cli, workdir: Path) -> None:
    target = _copy(workdir, (ROOT / "examples" / "riverside-clinical-onboarding.yaml").read_text())
    result = cli("choose", target, "cmr")
    assert result.code == 1 and "assesses no candidates" in result.err

"""One pass per file: every command sees the same findings, finished the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BAD, EXAMPLES, TODAY

READY = EXAMPLES / "riverside-clinical-onboarding.yaml"
BAD_FILES = sorted(p.name for p in BAD.iterdir() if p.suffix == ".yaml")


def _finding_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error " in line or ": warning " in line]


@pytest.mark.parametrize("name", BAD_FILES)
def test_check_score_and_render_agree_on_bad_files(
    cli, name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(BAD)
    check = cli("check", "--no-config", "--today", TODAY, name)
    score = cli("score", "--today", TODAY, name)
    render = cli("render", "--today", TODAY, name, "-o", str(tmp_path))
    assert check.code == score.code == render.code == 1
    assert _finding_lines(score.out) == _finding_lines(check.out) == _finding_lines(render.out)
    assert not list(tmp_path.iterdir())


def _with_unknown_owner(workdir: Path) -> Path:
    text = READY.read_text("utf-8").replace("owner: meridian", "owner: meridan", 1)
    path = workdir / "p.yaml"
    path.write_text(text, "utf-8")
    return path


def test_score_and_render_refuse_reference_errors(cli, workdir: Path) -> None:
    path = _with_unknown_owner(workdir)
    check = cli("check", "--today", TODAY, "p.yaml")
    assert check.code == 1 and "error PK201" in check.out
    for args in (("score", "p.yaml"), ("render", "p.yaml"), ("render", "p.yaml", "-o", "-")):
        result = cli(*args, "--today", TODAY)
        assert result.code == 1, args
        assert _finding_lines(result.out) == _finding_lines(check.out), args
        assert "fix the errors above first" in result.err
    assert sorted(p.name for p in workdir.iterdir()) == [path.name]


def _two_with_one_id(workdir: Path, comment: str = "") -> None:
    text = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")
    (workdir / "a.yaml").write_text(text)
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("id: "))
    lines[index] += comment
    (workdir / "b.yaml").write_text("\n".join(lines) + "\n")


def test_duplicate_id_is_finished_like_every_reference_error(cli, workdir: Path) -> None:
    """PK205 is found across files, then finished like PK201: it always counts, so a
    severity override is refused and a suppression comment is reported, not obeyed."""
    _two_with_one_id(workdir)
    for code in ("PK201", "PK205"):
        (workdir / "partnerkit.toml").write_text(f'[severity]\n{code} = "warning"\n')
        refused = cli("check", ".")
        assert refused.code == 2 and f"{code} always counts" in refused.err, code


def test_duplicate_id_suppression_is_reported_as_for_any_reference_error(
    cli, workdir: Path
) -> None:
    _two_with_one_id(workdir, "  # partnerkit: ignore[PK205]")
    result = cli("check", "--no-config", "--select", "PK205", "--select", "PK120", ".")
    assert "b.yaml:5:5: error PK205 " in result.out
    assert "warning PK120 unused suppression: PK205 cannot be suppressed" in result.out


def test_duplicate_id_respects_selection(cli, workdir: Path) -> None:
    _two_with_one_id(workdir)
    result = cli("check", "--no-config", "--select", "PK4", ".")
    assert "b.yaml:5:5: error PK205 " in result.out  # selection never hides a broken file


def test_unused_suppression_takes_a_severity_override(cli, workdir: Path) -> None:
    lines = READY.read_text("utf-8").splitlines()
    lines[0] += "  # partnerkit: ignore[PK402]"
    (workdir / "p.yaml").write_text("\n".join(lines) + "\n")
    (workdir / "partnerkit.toml").write_text('[severity]\nPK120 = "error"\n')
    result = cli("check", "--today", TODAY, "p.yaml")
    assert "p.yaml:1:" in result.out and "error PK120" in result.out
    assert result.code == 1


def test_unused_suppressions_are_capped_like_other_findings(cli, workdir: Path) -> None:
    """A file of 300 stale suppressions lists 50 of them and counts the rest in one finding."""
    text = READY.read_text("utf-8")
    stale = "".join(f"# partnerkit: ignore[PK4{i:02d}, PK5{i:02d}]\n" for i in range(300))
    (workdir / "p.yaml").write_text(text + stale)
    result = cli("check", "--no-config", "--today", TODAY, "-f", "json", "p.yaml")
    import json

    unused = [f for f in json.loads(result.out)["files"][0]["findings"] if f["code"] == "PK120"]
    assert len(unused) == 51
    first_unlisted = text.count("\n") + 26  # the 26th comment holds the 51st and 52nd codes
    assert unused[-1]["line"] == first_unlisted
    assert unused[-1]["message"].startswith("… and 550 more unused suppressions")


def test_calendar_runs_in_workers(cli, workdir: Path) -> None:
    folder = workdir / "p"
    folder.mkdir()
    text = READY.read_text("utf-8")
    for i in range(70):
        (folder / f"p{i:03d}.yaml").write_text(text.replace("id: riverside-", f"id: x{i}-", 1))
    one = cli("calendar", "--today", TODAY, "-j", "1", "p")
    two = cli("calendar", "--today", TODAY, "-j", "2", "p")
    assert one.code == two.code == 0
    assert one.out == two.out and one.out.count("BEGIN:VEVENT") >= 70


def test_the_calendar_scores_no_file(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The calendar prints no readiness: each file's scoring, about 6 % of a pass over
    1,000 files, is not worked out for it; check (plain or JSON) scores every file."""
    from partnerkit.check import pipeline

    scored: list[str] = []
    real = pipeline.assess
    monkeypatch.setattr(
        pipeline, "assess", lambda p, *a, **k: scored.append(p.id) or real(p, *a, **k)
    )
    monkeypatch.chdir(EXAMPLES)
    files = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
    assert cli("calendar", "--today", TODAY, "--jobs", "1", *files, "-o", "-").code == 0
    assert scored == []
    gated = cli(
        "check", "--no-config", "--today", TODAY, "--jobs", "1", "--min-score", "99", *files
    )
    assert gated.code == 1 and "below the minimum of 99" in gated.out
    assert len(scored) == len(files)
    assert cli("check", "--no-config", "--today", TODAY, "--jobs", "1", *files).code == 0
    assert len(scored) == 2 * len(files)
    assert cli("check", "--no-config", "--today", TODAY, "-f", "json", READY.name).code == 0
    assert len(scored) == 2 * len(files) + 1

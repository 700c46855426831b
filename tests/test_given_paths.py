"""Paths are shown as the user gave them, in every output (issue 11, item 19).

An absolute path stays absolute, a relative one stays relative (`./x` as written,
`../x` as written): never rewritten to `../../…` from the current folder. SARIF names
files from the top of the repository, as code scanning reads them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import EXAMPLES, TODAY

NAME = "northgate-crm-golive.yaml"


@pytest.fixture
def repo(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with partnerships/NAME, the current folder being its `sub/` folder."""
    (workdir / ".git").mkdir()
    (workdir / "partnerships").mkdir()
    shutil.copy(EXAMPLES / NAME, workdir / "partnerships" / NAME)
    (workdir / "sub").mkdir()
    monkeypatch.chdir(workdir / "sub")
    return workdir


def _check(cli, *args: object) -> str:
    result = cli("check", "--no-config", "--today", TODAY, *args)
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize(
    "given", ["../partnerships", "../partnerships/" + NAME, "./../partnerships"]
)
def test_relative_paths_stay_as_written(cli, repo: Path, given: str) -> None:
    shown = given if given.endswith(".yaml") else f"{given}/{NAME}"
    assert _check(cli, given).startswith(f"{shown}:")
    github = _check(cli, "-f", "github", given)
    assert f"file={shown}," in github
    report = json.loads(_check(cli, "-f", "json", given))
    assert report["files"][0]["path"] == shown


def test_a_dot_slash_folder_keeps_its_dot_slash(cli, repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    assert _check(cli, "./partnerships").startswith(f"./partnerships/{NAME}:")
    assert _check(cli, ".").startswith(f"partnerships/{NAME}:")


def test_absolute_paths_stay_absolute_in_every_format(cli, repo: Path) -> None:
    folder = repo / "partnerships"
    given = f"{folder}/{NAME}"
    assert _check(cli, folder).startswith(f"{given}:")
    assert json.loads(_check(cli, "-f", "json", folder))["files"][0]["path"] == given
    assert f"file={given}," in _check(cli, "-f", "github", folder)
    suite = ElementTree.fromstring(_check(cli, "-f", "junit", folder))
    assert {case.get("classname") for case in suite.iter("testcase")} == {given}


@pytest.mark.parametrize("given", ["../partnerships", "ABSOLUTE"])
def test_sarif_names_files_from_the_top_of_the_repository(cli, repo: Path, given: str) -> None:
    folder = str(repo / "partnerships") if given == "ABSOLUTE" else given
    run = json.loads(_check(cli, "-f", "sarif", folder))["runs"][0]
    locations = {
        json.dumps(loc["physicalLocation"]["artifactLocation"], sort_keys=True)
        for result in run["results"]
        for loc in result["locations"]
    }
    assert locations == {json.dumps({"uri": f"partnerships/{NAME}", "uriBaseId": "%SRCROOT%"})}


def test_sarif_fingerprints_do_not_depend_on_where_check_runs(cli, repo: Path, monkeypatch) -> None:
    def prints() -> list[str]:
        run = json.loads(_check(cli, "-f", "sarif", str(repo / "partnerships")))["runs"][0]
        return [r["partialFingerprints"]["partnerkitFieldHash/v1"] for r in run["results"]]

    here = prints()
    monkeypatch.chdir(repo)
    assert prints() == here


def test_review_calendar_and_render_show_paths_as_given(cli, repo: Path) -> None:
    folder = repo / "partnerships"
    portfolio = json.loads(cli("review", "-f", "json", "--today", TODAY, folder).out)
    assert portfolio["partnerships"][0]["path"] == f"{folder}/{NAME}"
    calendar = cli("calendar", "--today", TODAY, "../partnerships").out.replace("\r\n ", "")
    assert f"Source: ../partnerships/{NAME}" in calendar
    document = cli("render", f"{folder}/{NAME}", "-o", "-", "--today", TODAY).out
    assert f"from `{NAME}`" in document  # a document never names a machine's folders
    assert cli("render", f"./partnerships/{NAME}", "-o", "-").code == 2  # not from sub/


def test_a_document_never_names_its_source_with_dot_dot(cli, repo: Path) -> None:
    document = cli("render", f"../partnerships/{NAME}", "-o", "-", "--today", TODAY).out
    assert f"from `{NAME}`" in document
    assert "../" not in document


def test_render_names_the_written_file_in_the_folder_given(cli, repo: Path) -> None:
    out = repo / "docs"
    result = cli("render", f"../partnerships/{NAME}", "-o", out, "--today", TODAY)
    assert result.code == 0, result.err
    assert f"Wrote {out}/northgate-crm-golive-agreement.md" in result.err


def test_render_walks_a_folder_as_check_does(cli, repo: Path) -> None:
    """Folders are searched like `check`'s: other YAML is skipped, not an error."""
    (repo / "partnerships" / "docker-compose.yml").write_text("services: {}\n")
    out = repo / "docs"
    result = cli("render", "../partnerships", "-o", out, "--today", TODAY)
    assert result.code == 0, result.err
    assert [p.name for p in out.iterdir()] == ["northgate-crm-golive-agreement.md"]
    named = cli("render", "../partnerships/docker-compose.yml", "-o", out, "--today", TODAY)
    assert named.code == 1 and "PK102" in named.out


def test_the_assessment_document_never_names_its_source_with_dot_dot(cli, repo: Path) -> None:
    from conftest import ROOT

    shutil.copy(ROOT / "tests" / "data" / "candidates.yaml", repo / "partnerships" / "c.yaml")
    document = cli("assess", "../partnerships/c.yaml", "-f", "md", "--today", TODAY)
    assert document.code == 0, document.err
    assert "`c.yaml`" in document.out and "../" not in document.out


def test_portfolio_reads_the_ids_of_the_files_not_given(cli, workdir: Path) -> None:
    """pre-commit gives only the changed files: `--portfolio` tells a new file that an
    unchanged one in the configured paths has its id (it committed cleanly before)."""
    folder = workdir / "partnerships"
    folder.mkdir()
    text = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")
    (folder / "a.yaml").write_text(text)
    (folder / "b.yaml").write_text(text.replace("id: northgate-crm-golive", "id: other", 1))
    (folder / "c.yaml").write_text(text.replace("id: northgate", "id: 'northgate", 1)
                                   .replace("crm-golive\n", "crm-golive'\n", 1))  # fmt: skip
    (workdir / "partnerkit.toml").write_text('paths = ["partnerships"]\n')
    alone = cli("check", "--today", TODAY, "partnerships/c.yaml")
    assert alone.code == 0, alone.out
    told = cli("check", "--today", TODAY, "--portfolio", "partnerships/c.yaml")
    assert told.code == 1
    found = [line for line in told.out.splitlines() if "PK205" in line]
    assert found == [
        "partnerships/c.yaml:5:5: error PK205 the id `northgate-crm-golive` is already used "
        "by partnerships/a.yaml:5; ids must be unique in the portfolio"
    ]
    assert cli("check", "--today", TODAY, "--portfolio", "partnerships/b.yaml").code == 0
    both = ["partnerships/a.yaml", "partnerships/c.yaml"]
    every = cli("check", "--today", TODAY, "--portfolio", *both)
    assert every.out.count("PK205") == 1  # given together, as without --portfolio

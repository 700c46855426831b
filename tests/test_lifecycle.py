"""A partnership's life in git: sign, an unsigned change, amend + sign, renew, diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SOURCE = EXAMPLES / "riverside-clinical-onboarding.yaml"


def changed_outside(before: str, after: str, allowed: set[str]) -> list[str]:
    """Lines added or removed that do not contain one of the allowed markers."""
    import difflib

    out = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            continue
        if not any(mark in line for mark in allowed):
            out.append(line)
    return out


def diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    text = SOURCE.read_text()
    # start unsigned, so that `sign` writes the signatures with their fingerprints
    text = text.replace(
        "    signed: {by: Lee Park, title: Chief Nursing Officer, date: 2026-01-10}\n", ""
    ).replace("    signed: {by: Olivia Grant, title: Managing Director, date: 2026-01-12}\n", "")
    (tmp_path / "p.yaml").write_text(text)
    git(tmp_path, "add", "p.yaml")
    git(tmp_path, "commit", "-q", "-m", "draft")
    return tmp_path


def test_a_partnership_from_signature_through_amendment_and_renewal(repo: Path, cli) -> None:
    file = repo / "p.yaml"

    # sign: both partners; each edit changes only its own lines
    before = file.read_text()
    r = cli("sign", file, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-01-10")
    assert r.code == 0, r.err + r.out
    r = cli("sign", file, "--partner", "meridian", "--by", "Olivia Grant", "--date", "2026-01-12")
    assert r.code == 0, r.err + r.out
    after = file.read_text()
    assert changed_outside(before, after, {"signed: {by: "}) == []
    assert "signed: {by: Lee Park, title: Chief Nursing Officer, date: 2026-01-10, terms: " in after
    git(repo, "commit", "-q", "-am", "signed")
    assert "PK520" not in cli("check", file, "--today", "2026-03-01").out

    # an edit after signature: two sections, and one thing that is not agreed content
    text = after.replace("amount: 48000", "amount: 54000", 1)
    text = text.replace("  meetings: monthly", "  meetings: fortnightly")
    text = text.replace("status: in-progress}", "status: done}", 1)
    assert text != after
    file.write_text(text)
    git(repo, "commit", "-q", "-am", "raise the fee, meet more often")

    r = cli("diff", file, "--since", "signed", "--format", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["sections"] == ["costs", "communication"]
    r = cli("diff", file, "--since", "signed")
    assert "costs" in r.out and "48000 → 54000" in r.out

    r = cli("render", file, "--redline", "signed", "-o", "-")
    assert r.code == 0, r.err
    assert "<del>USD 48,000</del><ins>USD 54,000</ins>" in r.out
    r = cli("render", file, "--redline", "HEAD~1", "-f", "html", "-o", "-")
    assert "<del>USD 48,000</del><ins>USD 54,000</ins>" in r.out and "ins{background" in r.out

    r = cli("check", file, "--today", "2026-03-01")
    found = [line for line in r.out.splitlines() if "PK520" in line]
    assert len(found) == 2  # one per changed section, at its key
    costs_line = text.splitlines().index("costs:") + 1
    assert f"p.yaml:{costs_line}:1: warning PK520 `costs` changed" in found[0]
    assert "`communication` changed" in found[1]

    # amend + sign clears it
    before = file.read_text()
    r = cli("amend", file, "--summary", "Fee raised; fortnightly calls.", "--date", "2026-03-02")
    assert r.code == 0, r.err + r.out
    amended = file.read_text()
    assert amended.startswith(before)  # appended at the end, nothing else touched
    assert "sections: [costs, communication]" in amended
    assert "PK521" in cli("check", file, "--today", "2026-03-03").out
    cli("sign", file, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-03-03")
    cli("sign", file, "--partner", "meridian", "--by", "Olivia Grant", "--date", "2026-03-04")
    out = cli("check", file, "--today", "2026-03-05").out
    assert "PK520" not in out and "PK521" not in out
    git(repo, "commit", "-q", "-am", "amendment signed")
    r = cli("diff", file, "--since", "signed", "--format", "json")
    assert json.loads(r.out)["sections"] == []

    # renew keeps the old term in previous_terms and clears the signatures
    before = file.read_text()
    r = cli("renew", file, "--until", "2028-01-14")
    assert r.code == 0, r.err + r.out
    renewed = file.read_text()
    assert "period: {start: 2027-01-15, end: 2028-01-14}" in renewed
    assert "status: renewing" in renewed
    assert "signed: {by:" not in renewed.split("stakeholders:")[0]
    tail = renewed.split("previous_terms:")[1]
    assert "start: 2026-01-15, end: 2027-01-14" in tail and "Lee Park" in tail
    removed, added = diff_lines(before, renewed)
    assert removed == [
        "status: active",
        "period: {start: 2026-01-15, end: 2027-01-14}",
        *[line for line in before.splitlines() if line.startswith("    signed: {by:")],
    ]
    assert added[:2] == ["status: renewing", "period: {start: 2027-01-15, end: 2028-01-14}"]
    assert added[2:5] == ["", "previous_terms:", "  - period: {start: 2026-01-15, end: 2027-01-14}"]
    assert added[5] == "    signed:" and len(added) == 8


def test_dry_run_prints_a_diff_and_writes_nothing(repo: Path, cli) -> None:
    file = repo / "p.yaml"
    before = file.read_bytes()
    r = cli(
        "sign", file, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-01-10",
        "--dry-run",
    )  # fmt: skip
    assert r.code == 0
    assert "+    signed: {by: Lee Park" in r.out
    assert file.read_bytes() == before


def test_bad_inputs_are_plain_errors(repo: Path, cli) -> None:
    file = repo / "p.yaml"
    r = cli("sign", file, "--partner", "nobody", "--by", "X")
    assert r.code == 2 and "the partners are riverside, meridian" in r.err
    r = cli("sign", file, "--partner", "riverside", "--by", "X", "--date", "soon")
    assert r.code == 2 and "YYYY-MM-DD" in r.err
    r = cli("diff", file, "--since", "no-such-rev")
    assert r.code == 2 and "git:" in r.err
    r = cli("amend", file, "--summary", "x")
    assert r.code == 1 and "nobody has signed" in r.err
    r = cli("renew", file, "--until", "2020-01-01")
    assert r.code == 2
    r = cli("diff", file)
    assert r.code == 2
    assert "Traceback" not in r.err


def test_diff_of_an_invalid_version_is_a_located_finding(tmp_path: Path, cli) -> None:
    good = tmp_path / "a.yaml"
    good.write_bytes(SOURCE.read_bytes())
    bad = tmp_path / "b.yaml"
    bad.write_text(SOURCE.read_text().replace("kind: vendor", "kind: vendr"))
    r = cli("diff", good, bad)
    assert r.code == 1 and "PK113" in r.out and "Traceback" not in r.err
    r = cli("diff", good, good, "-f", "markdown")
    assert r.code == 0 and "No change." in r.out


def test_sign_never_silently_replaces_a_signature_without_a_fingerprint(tmp_path: Path, cli):
    file = tmp_path / "p.yaml"
    file.write_bytes(SOURCE.read_bytes())  # signed by hand, before fingerprints existed
    assert "signed: {by: Lee Park, title: Chief Nursing Officer, date: 2026-01-10}" in (
        SOURCE.read_text("utf-8")
    )
    before = file.read_bytes()
    r = cli("sign", file, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-02-01")
    assert r.code == 1
    assert "already signed on 2026-01-10 (by Lee Park)" in r.err and "--force" in r.err
    assert file.read_bytes() == before
    r = cli(
        "sign", file, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-02-01",
        "--force",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "date: 2026-02-01, terms: " in file.read_text("utf-8")


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_redline_in_a_folder_has_its_own_name(repo: Path, cli, fmt: str) -> None:
    """`render --redline REV -o docs/` writes beside the clean copy, never over it (it
    refused, as the clean copy existed, and with --force replaced it)."""
    file = repo / "p.yaml"
    file.write_text(file.read_text().replace("amount: 48000", "amount: 54000", 1))
    git(repo, "commit", "-q", "-am", "raise the fee")
    docs = repo / "docs"
    assert cli("render", file, "-f", fmt, "-o", docs).code == 0
    clean = docs / f"riverside-clinical-onboarding-agreement.{fmt}"
    before = clean.read_bytes()
    for _ in range(2):  # the second time, --force replaces the redline alone
        r = cli("render", file, "--redline", "HEAD~1", "-f", fmt, "-o", docs, "--force")
        assert r.code == 0, r.err
    assert clean.read_bytes() == before
    assert sorted(p.name for p in docs.iterdir()) == [
        f"riverside-clinical-onboarding-agreement-redline-HEAD-1.{fmt}",
        f"riverside-clinical-onboarding-agreement.{fmt}",
    ]
    again = cli("render", file, "--redline", "HEAD~1", "-f", fmt, "-o", docs)
    assert again.code == 2 and "redline-HEAD-1" in again.err


@pytest.mark.parametrize(
    ("revision", "name"),
    [("signed", "x-mou-redline-signed.md"), ("v1.2", "x-mou-redline-v1.2.md"),
     ("../../etc/passwd", "x-mou-redline-etc-passwd.md"), ("..", "x-mou-redline-revision.md")],
)  # fmt: skip
def test_a_redline_name_stays_one_file_name(revision: str, name: str) -> None:
    from types import SimpleNamespace

    from partnerkit.documents.render import output_name

    assert output_name(SimpleNamespace(id="x"), "mou", "md", revision) == name  # type: ignore[arg-type]


def test_the_last_signature_moves_the_status_to_active_and_says_so(repo: Path, cli) -> None:
    file = repo / "p.yaml"
    file.write_text(file.read_text().replace("status: active", "status: proposed", 1))
    r = cli("sign", file, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-01-10")
    assert r.code == 0 and "status: proposed" in file.read_text()
    assert "status moves" not in r.err
    before = file.read_text()
    args = ("--partner", "meridian", "--by", "Olivia Grant", "--date", "2026-01-12")
    dry = cli("sign", file, *args, "--dry-run")
    assert dry.code == 0 and file.read_text() == before
    assert "-status: proposed" in dry.out and "+status: active" in dry.out
    assert "the status moves from proposed to active" in dry.err
    r = cli("sign", file, *args)
    assert r.code == 0 and "the status moves from proposed to active" in r.err
    assert "status: active" in file.read_text()
    assert "PK524" not in cli("check", file, "--today", "2026-03-01").out

    # a renewal signed by every partner is active again; until then it stays renewing
    assert cli("renew", file, "--until", "2028-01-14").code == 0
    cli("sign", file, "--partner", "riverside", "--by", "Lee Park", "--date", "2027-01-05")
    assert "status: renewing" in file.read_text()
    r = cli("sign", file, "--partner", "meridian", "--by", "Olivia Grant", "--date", "2027-01-06")
    assert "from renewing to active" in r.err and "status: active" in file.read_text()


def test_check_warns_when_the_status_lags_behind_the_signatures(repo: Path, cli) -> None:
    file = repo / "p.yaml"
    for partner, by in (("riverside", "Lee Park"), ("meridian", "Olivia Grant")):
        cli("sign", file, "--partner", partner, "--by", by, "--date", "2026-01-12")
    file.write_text(file.read_text().replace("status: active", "status: proposed", 1))
    out = cli("check", file, "--today", "2026-03-01").out
    assert "PK524 every partner has signed the current terms" in out
    assert "still `proposed`: set `status: active`" in out


def test_diff_pk520_amend_and_redline_give_one_answer(repo: Path, cli) -> None:
    """What changed since the signature is answered once (`history.git.changed_since`):
    `diff`, PK520, `amend` and the redline name the same sections, `period` and
    `decisions` among them."""
    file = repo / "p.yaml"
    for pid, by in (("riverside", "Lee Park"), ("meridian", "Olivia Grant")):
        assert cli("sign", file, "--partner", pid, "--by", by, "--date", "2026-01-12").code == 0
    git(repo, "commit", "-q", "-am", "signed")
    text = file.read_text().replace("end: 2027-01-14}", "end: 2027-06-30}", 1)
    text = text.replace("    - Curriculum scope", "    - Curriculum scope and length", 1)
    file.write_text(text)
    git(repo, "commit", "-q", "-am", "longer term, wider joint decision")
    expected = ["period", "decisions"]

    diffed = json.loads(cli("diff", file, "--since", "signed", "-f", "json").out)["sections"]
    assert diffed == expected
    warned = [
        line.split("`")[1]
        for line in cli("check", file, "--today", "2026-03-01").out.splitlines()
        if "PK520" in line
    ]
    assert warned == expected
    amended = cli("amend", file, "--summary", "Longer term.", "--dry-run")
    assert amended.code == 0, amended.err
    assert "sections: [period, decisions]}" in amended.out
    marked = cli("render", file, "--redline", "signed", "-o", "-").out
    assert "<del>" in marked and "<ins>" in marked

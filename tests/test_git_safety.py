"""Reading a file's history never runs what a pull request put in a repository (issue 12).

A pull request can add a folder that is a bare git repository (HEAD, objects, refs,
config). Git finds it when asked about a file inside it and obeys its config: with
`log.showSignature` and `gpg.program`, `git log` runs any program it names.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(folder: Path, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], input=stdin, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _embedded_bare_repository(root: Path, marker: Path) -> Path:
    """A bare repository whose one signed commit holds x.yaml, and whose config runs a
    program to verify signatures; the partnership file sits in it."""
    bare = root / "evil.git"
    _git(root, "init", "-q", "--bare", str(bare))
    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
    blob = _git(bare, "hash-object", "-w", "--stdin", stdin=text)
    tree = _git(bare, "mktree", stdin=f"100644 blob {blob}\tx.yaml\n")
    commit = (
        f"tree {tree}\nauthor a <a@example.org> 1700000000 +0000\n"
        "committer a <a@example.org> 1700000000 +0000\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAA\n -----END PGP SIGNATURE-----\n\nsigned\n"
    )
    sha = _git(bare, "hash-object", "-t", "commit", "-w", "--stdin", stdin=commit)
    _git(bare, "update-ref", "refs/heads/main", sha)
    _git(bare, "symbolic-ref", "HEAD", "refs/heads/main")
    program = root / "program.sh"
    program.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    program.chmod(0o755)
    _git(bare, "config", "log.showSignature", "true")
    _git(bare, "config", "gpg.program", str(program))
    unsigned = text.replace("date: 2026-01-10}", "date: 2026-01-10, terms: 000000000000}")
    (bare / "x.yaml").write_text(unsigned, "utf-8")
    return bare / "x.yaml"


def test_history_ignores_an_embedded_bare_repository(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "ran"
    path = _embedded_bare_repository(tmp_path, marker)
    monkeypatch.chdir(tmp_path)
    for args in (("check", "--no-config"), ("diff", "--since", "main"), ("diff",)):
        result = cli(*args, path)
        assert result.code in (0, 1, 2), result.err
        assert "internal error" not in result.err
        assert not marker.exists(), f"{args}: git ran the repository's gpg.program"


@pytest.mark.parametrize(
    ("args", "option"),
    [(("diff", "--since"), "--since"), (("render", "-o", "-", "--redline"), "--redline")],
)
@pytest.mark.parametrize("rev", ["--output=/tmp/x", "-x", "--upload-pack=touch x"])
def test_a_revision_is_never_an_option_of_git(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, args, option: str, rev: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q")
    (tmp_path / "p.yaml").write_text((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text())
    result = cli(*args[:-1], args[-1], rev, "p.yaml")
    assert result.code == 2
    assert f"partnerkit: error: {option} {rev!r}: not a revision" in result.err
    assert not (tmp_path / "x").exists()


def _signed_history_with_a_huge_version(repo: Path, cli) -> tuple[Path, str]:
    """p.yaml signed by both partners, then a commit making it 6 MB (a comment, still
    signed), then an unsigned change of the terms in the working tree: PK520."""
    from conftest import git

    git(repo, "init", "-q")
    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
    text = text.replace(
        "    signed: {by: Lee Park, title: Chief Nursing Officer, date: 2026-01-10}\n", ""
    ).replace("    signed: {by: Olivia Grant, title: Managing Director, date: 2026-01-12}\n", "")
    file = repo / "p.yaml"
    file.write_text(text)
    for partner, by in (("riverside", "Lee Park"), ("meridian", "Olivia Grant")):
        result = cli("sign", file, "--partner", partner, "--by", by, "--date", "2026-01-10")
        assert result.code == 0, result.err + result.out
    git(repo, "add", "p.yaml")
    git(repo, "commit", "-q", "-m", "signed")
    signed = file.read_text("utf-8")
    file.write_text(signed + ("# " + "x" * 98 + "\n") * 60_000)  # 6 MB
    git(repo, "commit", "-q", "-am", "huge")
    big = _git(repo, "rev-parse", "--short", "HEAD")
    file.write_text(signed.replace("amount: 24000", "amount: 26000", 1))
    return file, big


def test_past_versions_over_the_size_limit_are_not_read(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One 300 MB version in a file's history made a check of a 10 KB file use 2 GB: the
    signature walk behind PK520 read every version whole. Sizes are asked first."""
    from partnerkit.history import git as history

    _, big = _signed_history_with_a_huge_version(workdir, cli)
    largest: list[int] = []
    real = history._git

    def measured(*args: object, **kwargs: object) -> bytes:
        out = real(*args, **kwargs)  # type: ignore[arg-type]
        largest.append(len(out))
        return out

    monkeypatch.setattr(history, "_git", measured)
    result = cli("check", "--no-config", "p.yaml", "--today", "2026-03-01")
    assert "PK520 `terms.payments` changed since" in result.out, result.out
    assert largest and max(largest) < 5 * 1_048_576
    result = cli("diff", "p.yaml", "--since", big)
    assert result.code == 2
    assert f"p.yaml at {big} is 5.8 MB, over the limit of 5.0 MB" in result.err
    assert max(largest) < 5 * 1_048_576

"""The Word agreement's work grows with the file, not with its square (issue 29, item 17):
python-docx lists every row of a table for each `table.rows[i]`, so a table filled row by
row through it made 2,000 partners take 38 s."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

RIVERSIDE = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")


def _partners(n: int) -> str:
    extra = "".join(
        f"  - id: p{i}\n    name: Partner {i}\n    legal_name: Partner {i} LLC\n"
        f"    address: {i} Main Street\n    role: member\n"
        f"    signatory: {{name: Person {i}, title: Director}}\n    contributes: [Time]\n"
        for i in range(n)
    )
    return RIVERSIDE.replace("\nstakeholders:", extra + "\nstakeholders:", 1)


def _rows_made(cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> int:
    """How many python-docx row objects rendering the agreement with `n` more partners makes."""
    from docx.table import _Row

    made = [0]
    plain = _Row.__init__

    def counted(self, *args, **kwargs) -> None:
        made[0] += 1
        plain(self, *args, **kwargs)

    monkeypatch.setattr(_Row, "__init__", counted)
    (workdir / f"p{n}.yaml").write_text(_partners(n), "utf-8")
    result = cli("render", f"p{n}.yaml", "-f", "docx", "--today", TODAY, "-o", f"p{n}.docx")
    assert result.code == 0, result.err
    monkeypatch.setattr(_Row, "__init__", plain)
    return made[0]


def test_word_agreement_work_is_linear_in_partners(cli, workdir: Path, monkeypatch) -> None:
    small = _rows_made(cli, workdir, monkeypatch, 60)
    large = _rows_made(cli, workdir, monkeypatch, 240)
    # four times the partners: about four times the rows (the fixed part makes it less),
    # where walking every row for each row made about sixteen times as many
    assert large < 4.5 * small, (small, large)  # 190 and 640; before, 21,513 and 323,283

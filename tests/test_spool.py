"""The report sink: text comes back exactly as written, whatever the chunking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnerkit.support import spool as spool_module
from partnerkit.support.fsutil import emit, write_atomic
from partnerkit.support.spool import Spool

PIECES = ["plain ascii\n", "é ü 中 … — 🙂\n", "", "x" * 70_000, "\ud800 lone surrogate\n", "end"]


def written(pieces: list[str]) -> Spool:
    spool = Spool()
    for piece in pieces:
        assert spool.write(piece) == len(piece)
    return spool


def test_text_comes_back_exactly_across_chunk_edges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool_module, "CHUNK", 5)  # every few characters a new chunk
    spool = written(PIECES * 3)
    assert spool.getvalue() == "".join(PIECES * 3)
    assert len(list(spool.chunks())) > 3
    assert spool.getvalue() == "".join(PIECES * 3)  # reading it does not consume it


def test_json_dumped_into_a_spool_reads_back() -> None:
    data = {"files": [{"path": f"p{i}.yaml", "message": "… — é"} for i in range(5_000)]}
    spool = Spool()
    json.dump(data, spool, indent=2, ensure_ascii=False)
    assert json.loads(spool.getvalue()) == data


def test_a_spool_is_written_to_a_file_as_utf8(tmp_path: Path) -> None:
    text = "é ü 中 … — 🙂\n" * 20_000
    write_atomic(tmp_path / "out.txt", written([text]))
    assert (tmp_path / "out.txt").read_bytes() == text.encode("utf-8")


def test_a_spool_is_written_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    text = "é ü 中 … — 🙂\n" * 20_000
    emit(written([text, "last"]), None)
    assert capsys.readouterr().out == text + "last"

"""The Round-2 fields of format version 1 (DESIGN.md): valid as documented, references checked."""

from __future__ import annotations

from pathlib import Path

from conftest import Result

ROUND2 = Path(__file__).parent / "data" / "round2.yaml"


def _errors(result: Result) -> list[str]:
    return [line for line in result.out.splitlines() if " error " in line]


def test_round2_fields_are_valid(cli, workdir: Path) -> None:
    result = cli("check", "--no-config", "--today", "2026-11-23", ROUND2)
    assert _errors(result) == []


def test_unknown_payee_is_located(cli, workdir: Path) -> None:
    bad = workdir / "bad.yaml"
    bad.write_text(ROUND2.read_text().replace("payee: cmr,", "payee: cmrx,"))
    result = cli("check", "--no-config", bad.name)
    assert result.code == 1
    (line,) = _errors(result)
    assert line.startswith("bad.yaml:22:87: error PK201 `cmrx`")


def test_unknown_amendment_signer_is_located(cli, workdir: Path) -> None:
    bad = workdir / "bad.yaml"
    bad.write_text(
        ROUND2.read_text().replace("signed: {riverside: {by: Maria", "signed: {rivers: {by: Maria")
    )
    result = cli("check", "--no-config", bad.name)
    (line,) = _errors(result)
    assert line.startswith("bad.yaml:34:14: error PK201 `rivers`")


def test_ip_owner_names_a_partner_or_joint(cli, workdir: Path) -> None:
    bad = workdir / "bad.yaml"
    bad.write_text(ROUND2.read_text().replace("owner: joint", "owner: acme"))
    (line,) = _errors(cli("check", "--no-config", bad))
    assert "PK201 `acme`" in line

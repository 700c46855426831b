"""Every rule fires on its failing cases and stays quiet on its passing ones."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnerkit.check.loader import load_bytes
from partnerkit.check.rules import all_rules, run

HERE = Path(__file__).parent / "rules"
BASE = yaml.safe_load((HERE / "base.yaml").read_text("utf-8"))
CASES = yaml.safe_load((HERE / "cases.yaml").read_text("utf-8"))
TODAY: dt.date = CASES.pop("today")
CHECKED_ELSEWHERE = {"PK120"}  # suppressions: tests/test_config.py


def _walk(data: Any, dotted: str) -> tuple[Any, Any]:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data, int(last) if isinstance(data, list) else last


def patched(case: dict[str, Any]) -> str:
    data = copy.deepcopy(BASE)
    for path, value in (case.get("set") or {}).items():
        parent, key = _walk(data, path)
        parent[key] = value
    for path in case.get("delete") or []:
        parent, key = _walk(data, path)
        del parent[key]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if "TERMS" in text:  # a signature of the case's own agreed content (PK520)
        from partnerkit.check.fingerprint import fingerprint

        loaded = load_bytes(text.replace("TERMS", "aaaaaaaaaaaa").encode(), "case.yaml")
        assert loaded.model is not None, loaded.findings
        text = text.replace("TERMS", fingerprint(loaded.model))
    if case.get("then"):  # changes made after the signature
        data = yaml.safe_load(text)
        for path, value in case["then"].items():
            parent, key = _walk(data, path)
            parent[key] = value
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return text


def codes_for(text: str) -> list[str]:
    loaded = load_bytes(text.encode(), "case.yaml")
    assert loaded.model is not None and loaded.doc is not None, loaded.findings
    return [f.code for f in run(loaded.model, loaded.doc, "case.yaml", TODAY)]


def test_base_is_clean() -> None:
    assert codes_for(patched({})) == []


def test_every_rule_has_cases() -> None:
    rules = {code for code, r in all_rules().items() if r.check is not None}
    assert rules - CHECKED_ELSEWHERE == set(CASES)
    for code, case in CASES.items():
        assert case["fire"] and case["quiet"], code


def test_every_rule_is_documented() -> None:
    for code, r in all_rules().items():
        assert r.summary and len(r.doc) > 40, code
        assert r.name and r.name == r.name.lower(), code


FIRE = [(code, i, c) for code, spec in CASES.items() for i, c in enumerate(spec["fire"])]
QUIET = [(code, i, c) for code, spec in CASES.items() for i, c in enumerate(spec["quiet"])]


@pytest.mark.parametrize(("code", "index", "case"), FIRE, ids=[f"{c}-fire{i}" for c, i, _ in FIRE])
def test_rule_fires(code: str, index: int, case: dict[str, Any]) -> None:
    assert code in codes_for(patched(case))


@pytest.mark.parametrize(
    ("code", "index", "case"), QUIET, ids=[f"{c}-quiet{i}" for c, i, _ in QUIET]
)
def test_rule_stays_quiet(code: str, index: int, case: dict[str, Any]) -> None:
    assert code not in codes_for(patched(case))


def test_findings_point_at_what_they_are_about() -> None:
    old = "owner: riverside, due: 2026-12-18"
    text = (HERE / "base.yaml").read_text("utf-8").replace(old, "owner: riverside, due: 2026-11-18")
    loaded = load_bytes(text.encode(), "base.yaml")
    assert loaded.model is not None and loaded.doc is not None
    found = [f for f in run(loaded.model, loaded.doc, "base.yaml", TODAY) if f.code == "PK502"]
    assert [(f.line, f.column, f.field) for f in found] == [(80, 5, "expectations[4]")]

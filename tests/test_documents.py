"""Documents read as their readers need: no codes, no YAML, plain grammar, real signatories."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnerkit.documents.filters import and_join, article, inline_items, money
from partnerkit.documents.render import document_source

from conftest import EXAMPLES, TODAY

TEMPLATES = ["agreement", "mou", "checklist", "one-pager"]


def _render(cli, path: Path, template: str, fmt: str = "md") -> str:
    result = cli("render", path, "-t", template, "-f", fmt, "-o", "-", "--today", TODAY)
    assert result.code == 0, result.err
    return str(result.out)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_rule_codes_line_numbers_or_yaml(cli, example: Path, template: str, fmt: str) -> None:
    text = _render(cli, example, template, fmt)
    body = text.split("<footer>")[0] if fmt == "html" else text.rsplit("\n---\n", 1)[0]
    assert not re.search(r"\bPK\d{3}\b", body)
    assert not re.search(r"\bline \d+", body)
    assert "signed: {" not in body and "{by:" not in body
    assert "\\[" not in body and "\\_" not in body  # no visible Markdown escapes in prose
    assert not re.search(r"\ba [aeiou]\w+ partnership", body)


def test_one_pager_without_success_criteria(cli, workdir: Path) -> None:
    path = workdir / "minimal.yaml"
    path.write_text(
        "partnerkit: 1\nid: tiny\ntitle: Tiny\nkind: other\nstatus: exploring\n"
        "partners:\n  - {id: a, name: A, role: lead}\n  - {id: b, name: B, role: member}\n"
    )
    for fmt in ("md", "html"):
        assert "no criteria yet" in _render(cli, path, "one-pager", fmt).lower() or fmt == "html"


def test_signature_blocks_name_the_signatory_not_the_spokesperson(cli) -> None:
    text = _render(cli, EXAMPLES / "harbor-county-early-learning.yaml", "agreement")
    block = text.split("Signatures", 1)[1]
    assert "Thomas Ng" in block and "Ruth Adebayo" not in block
    assert "Date: ______" in block  # the renewal is unsigned: blank lines, not old dates


def test_mou_says_whether_it_binds(cli) -> None:
    harbor = _render(cli, EXAMPLES / "harbor-county-early-learning.yaml", "mou")
    assert "creates no legal obligations" in harbor
    riverside = _render(cli, EXAMPLES / "riverside-clinical-onboarding.yaml", "mou")
    assert "summarises the partnership agreement" in riverside
    assert "where the two differ, the agreement prevails" in riverside


def test_agreement_carries_the_legal_terms(cli) -> None:
    text = _render(cli, EXAMPLES / "lakeview-literacy-coaching.yaml", "agreement")
    for words in ("Lakeview Unified School District No. 14", "FERPA", "Governing law",
                  "the State of Oregon", "Counterparts", "Entire agreement", "Notices",
                  "USD 55,000"):  # fmt: skip
        assert words in text, words


def test_grammar_helpers() -> None:
    assert article("internal") == "an internal" and article("community") == "a community"
    assert and_join(["A", "B", "D"]) == "A, B and D"
    assert and_join(["A", "B, C", "D"]) == "A; B, C; and D"  # four names read as four
    assert inline_items(["X", "Y"]) == "(a) X; and (b) Y"
    assert money(36000, None) == "36,000 (currency not stated)"
    assert money(36000, "USD") == "USD 36,000"
    assert document_source("../../x/p.yaml") == "p.yaml"
    assert document_source("examples/p.yaml") == "examples/p.yaml"

"""Agreements and MOUs read as drafts a partner's counsel marks up rather than rewrites.

Each test pins one finding of the legal review of the rendered examples, on generic
partnerships as well as on the examples: any kind, binding or not, two or many partners,
optional sections missing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, TODAY


def _write(workdir: Path, **over: Any) -> Path:
    data: dict[str, Any] = {
        "partnerkit": 1,
        "id": "generic",
        "title": "Generic partnership",
        "kind": "vendor",
        "status": "active",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "partners": [
            {"id": "acme", "name": "Acme Learning", "legal_name": "Acme Learning Ltd",
             "address": "1 High Street", "role": "lead"},
            {"id": "beta", "name": "Beta Training", "legal_name": "Beta Training LLC",
             "address": "2 Low Road", "role": "provider"},
        ],
        "changes": {
            "amendment": "Either side proposes a change in writing.",
            "termination": {"notice_days": 30,
                            "procedure": "Written notice to the other spokesperson. "
                                         "Work in progress is handed over."},
        },
        "terms": {"binding": True, "effective": "2026-01-01", "governing_law": "State of Ohio",
                  "confidentiality": "Each Partner keeps the other's secrets.",
                  "intellectual_property": {"owner": "acme"}},
    }  # fmt: skip
    for key, value in over.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = workdir / "generic.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def _render(cli, path: Path, template: str = "agreement", fmt: str = "md") -> str:
    result = cli("render", path, "-t", template, "-f", fmt, "-o", "-", "--today", TODAY)
    assert result.code == 0, result.err
    return str(result.out).rsplit("\n---\n", 1)[0]


def _cover(text: str) -> str:
    """The cover page alone: what comes before the schedule and the standard terms."""
    return re.split(r"\n## (?:Schedule 1|Standard Terms for)", text, maxsplit=1)[0]


def _clause(text: str, title: str) -> str:
    match = re.search(rf"\*\*(\d+\.\d+)\*\* \*\*{title}\.\*\* (.*)", text)
    assert match, title
    return match.group(1) + " " + match.group(2)


def test_amendment_has_one_rule_and_the_partners_text_as_procedure(cli, workdir) -> None:
    text = _clause(_render(cli, _write(workdir)), "Amendment")
    assert text.count("takes effect") == 1 and "binds the Partners" not in text
    assert "signed for each Partner by its authorised signatory" in text
    assert "as follows: Either side proposes a change in writing." in text
    riverside = _clause(_render(cli, EXAMPLES / "riverside-clinical-onboarding.yaml"), "Amendment")
    assert "approved it by email" in riverside and riverside.count("takes effect") == 1


def test_termination_states_notice_once_and_cites_the_notices_clause(cli, workdir) -> None:
    doc = _render(cli, _write(workdir))
    text = _clause(doc, "Termination")
    number = _clause(doc, "Notices").split()[0]
    assert "Either Partner may terminate this agreement on 30 days' written notice" in text
    assert f"under clause {number}" in text
    assert text.lower().count("notice") == 1 and "spokesperson" not in text
    assert "Work in progress is handed over." in text and "end its part" not in text
    term = re.search(r"unless it is ended earlier under clause (\d+\.\d+)", doc)
    assert term and term.group(1) == text.split()[0]  # the cited clause is the termination


def test_many_partners_withdraw_rather_than_terminate(cli, workdir) -> None:
    partners = [{"id": f"p{i}", "name": f"Partner {i}", "role": "member"} for i in range(4)]
    path = _write(workdir, partners=partners, terms={"binding": True})
    text = _clause(_render(cli, path), "Termination")
    assert text.split(" ", 1)[1].startswith("Any Partner may withdraw from this agreement")


def test_generic_ip_sentence_only_when_partners_wrote_nothing(cli, workdir) -> None:
    own = {"owner": "each", "summary": "Each keeps its own; the joint toolkit is shared."}
    terms = {"binding": True, "effective": "2026-01-01", "intellectual_property": own}
    text = _clause(_render(cli, _write(workdir, terms=terms)), "Intellectual property")
    assert "Each keeps its own; the joint toolkit is shared." in text
    assert "keeps ownership" not in text and text.count("Each") == 1
    generic = _clause(_render(cli, _write(workdir)), "Intellectual property")
    assert "belongs to Acme Learning" in generic


def test_binding_agreement_incorporates_named_documents(cli) -> None:
    doc = _render(cli, EXAMPLES / "riverside-clinical-onboarding.yaml")
    row = re.search(r"^\| Documents forming part of the agreement \| (.*) \|$", doc, re.M)
    assert row, "the cover page lists the documents that form part of the agreement"
    assert "Riverside's business associate agreement" in row.group(1)
    assert "statement of work" in row.group(1)
    assert "business associate agreement or data processing agreement prevails" in doc
    assert "capped at ten days by the statement of work" in doc  # the cost note is kept


def test_binding_mou_defers_to_the_agreement(cli, workdir) -> None:
    text = _render(cli, _write(workdir), "mou")
    assert "summarises the partnership agreement" in text
    assert "creates no obligations of its own; where the two differ, the agreement prevails" in text
    assert "intend this memorandum to bind" not in text


def test_non_binding_agreement_names_the_clauses_that_bind(cli, workdir) -> None:
    terms = {"binding": False, "effective": "2026-01-01", "governing_law": "State of Ohio",
             "confidentiality": "Secrets stay secret.",
             "data_protection": {"personal_data": True, "laws": ["GDPR"],
                                 "summary": "Names only."}}  # fmt: skip
    doc = _cover(_render(cli, _write(workdir, terms=terms)))
    effect = _clause(doc, "Legal effect")
    assert "Clauses 8.1 (Confidentiality) and 8.2 (Personal data) bind each Partner" in effect
    assert "The rest of it records what the Partners intend" in effect
    assert "Entire agreement" not in doc and "binds the Partners" not in doc
    assert "commit it to this agreement" not in doc
    law = _clause(doc, "Governing law")
    assert "Clauses 8.1 (Confidentiality) and 8.2 (Personal data) are governed" in law
    mou = _render(cli, _write(workdir, terms=terms), "mou")
    assert "creates no legal obligations" in mou and "confidentiality and personal data" in mou


def test_non_binding_without_binding_clauses_says_nothing_binds(cli, workdir) -> None:
    doc = _cover(_render(cli, _write(workdir, terms={"binding": False})))
    assert "creates no legal obligations" in _clause(doc, "Legal effect")
    assert "Governing law" not in doc and "Survival" not in doc


def test_conformed_copy_prints_each_date_once(cli) -> None:
    doc = _render(cli, EXAMPLES / "lakeview-literacy-coaching.yaml")
    block = doc.split("Signatures", 1)[1]
    # Signed last for the amendment that adopted the standard terms: its date, once.
    assert "Signature: /s/ Helen Ortega" in block and block.count("4 November 2026") == 1
    assert "Signed 4 November 2026" not in block and "Fingerprint" not in block
    assert "conformed copy" in block


def test_a_signature_that_names_no_terms_is_not_conformed(cli) -> None:
    """Riverside's signatures were typed by hand, with no terms fingerprint: no "/s/"."""
    doc = _render(cli, EXAMPLES / "riverside-clinical-onboarding.yaml")
    block = doc.split("Signatures", 1)[1]
    assert "/s/" not in block and "conformed copy" not in block
    assert "Signed the agreement on 10 January 2026; the signature does not record which " in (
        block
    )


def test_draft_prints_blank_signature_lines_and_no_old_signatures(cli) -> None:
    doc = _render(cli, EXAMPLES / "harbor-county-early-learning.yaml")
    block = re.split(r"## \d+\. Signatures", doc, maxsplit=1)[1]
    assert "/s/" not in block and "current term was signed" not in doc
    fund = "Harbor County Early Learning Fund, which bears USD 36,000 of the costs, has not signed"
    assert fund in doc


def test_open_points_are_specific_and_not_repeated(cli) -> None:
    doc = _render(cli, EXAMPLES / "northgate-crm-golive.yaml")
    box = [line[4:] for line in doc.splitlines() if line.startswith("> - ")]
    assert len(box) == len(set(box))
    assert sum("decisions" in x for x in box) == 1
    assert not any(" you " in f" {x} " for x in box)
    assert "“Draft list of agent workflows to train” has no due date yet." in box
    assert not any("owner" in x for x in box)  # both deliverables have one
    assert not any("how often" in x for x in box)  # the fortnightly stand-up says so
    assert not any("strengths" in x for x in box)
    harbor = _render(cli, EXAMPLES / "harbor-county-early-learning.yaml")
    assert "The partners have not yet agreed a target date for “CDA credentials earned”." in harbor
    assert "Give every success criterion" not in harbor


def test_internal_kind_is_a_working_charter(cli) -> None:
    doc = _render(cli, EXAMPLES / "northgate-crm-golive.yaml")
    for words in ("legal name to be confirmed", "address for notices", "Counterparts",
                  "Notices", "Legal effect", "Entire agreement", "Governing law"):  # fmt: skip
        assert words not in doc, words
    assert "Working charter" in doc and "is not a contract" in doc
    html = _render(cli, EXAMPLES / "northgate-crm-golive.yaml", fmt="html")
    assert "Counterparts" not in html and "Working charter" in html


def test_escalation_goes_through_the_disagreement_steps(cli) -> None:
    for example in ("riverside-clinical-onboarding", "lakeview-literacy-coaching"):
        doc = _render(cli, EXAMPLES / f"{example}.yaml")
        management = _clause(doc, "Management")
        disagreements = _clause(doc, "Disagreements").split()[0]
        assert "settles what the manager cannot" not in management
        assert f"disagreement steps in clause {disagreements}" in management


def test_defined_short_names_are_used_throughout(cli) -> None:
    doc = _render(cli, EXAMPLES / "riverside-clinical-onboarding.yaml")
    assert "**Riverside Health System, Inc.** (“Riverside”)" in doc
    assert "(“Riverside Health — Learning & Development”)" not in doc
    body = doc.split("## 1. Background", 1)[1]
    assert "Riverside Health — Learning & Development" not in body
    assert "Each party" not in doc


def test_binding_agreement_says_criteria_are_aims_and_what_survives(cli, workdir) -> None:
    success = {"criteria": [{"name": "Completion", "measure": "Share", "target": 90,
                             "by": "2026-12-31"}]}  # fmt: skip
    doc = _render(cli, _write(workdir, success=success))
    assert "missing one is not a breach of this agreement" in doc
    survival = _clause(doc, "Survival")
    assert "Payment for work done" in survival and "8.1 (Confidentiality)" in survival


@pytest.mark.parametrize("kind", ["vendor", "internal", "community", "school", "other"])
@pytest.mark.parametrize("binding", [True, False, None])
@pytest.mark.parametrize("count", [2, 5])
def test_any_partnership_renders_without_contradictions(cli, workdir, kind, binding, count) -> None:
    partners = [{"id": f"p{i}", "name": f"Org {i}, Inc", "role": "member"} for i in range(count)]
    terms = {} if binding is None else {"binding": binding}
    path = _write(workdir, kind=kind, partners=partners, terms=terms, changes=None, period=None)
    for template in ("agreement", "mou"):
        for fmt in ("md", "html"):
            text = _render(cli, path, template, fmt)
            assert "binds the Partners only" not in text and "settles what" not in text
            assert count == 2 or "Org 0, Inc; Org 1, Inc" in text  # names stay whole
            assert (kind == "internal") == ("Counterparts" not in text) or template == "mou"


def test_lists_run_into_sentences_in_lower_case_with_and(cli) -> None:
    riverside = EXAMPLES / "riverside-clinical-onboarding.yaml"
    mou = _render(cli, riverside, "mou")
    assert "use Monthly steering call" not in mou
    channels = "these channels: monthly steering call, shared project board and a named contact"
    assert channels in mou
    assert "decide together on curriculum scope and sequence; and evaluation design" in mou
    assert "vendor partnership" not in mou
    doc = _render(cli, riverside)
    assert "goals they already hold: (a) cut the time" in doc
    assert "Meridian decides alone on which facilitator runs each simulation day." in doc
    assert "meet monthly" not in doc  # the monthly steering call already says so
    assert "(3) ask the Chief Nursing Officer" in doc
    lakeview = _render(cli, EXAMPLES / "lakeview-literacy-coaching.yaml")
    assert "(2) Assistant Superintendent and Cornerstone's director decide" in lakeview


def test_no_jargon_in_headers_tables_or_numbers(cli) -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        for template in ("agreement", "mou", "one-pager"):
            text = _render(cli, example, template)
            assert "status:" not in text and " partnership ·" not in text
            assert " %" not in text and "(intangible" not in text and "(possible" not in text
            assert "Before this document can be signed" not in text
            assert "Level" not in text or template == "one-pager"
    harbor = _render(cli, EXAMPLES / "harbor-county-early-learning.yaml", "mou")
    names = "Head Start; Bright Start Family Child Care Network; Harbor Community College, "
    assert names in harbor


def test_review_report_uses_long_dates_and_no_repository_paths(cli) -> None:
    for fmt in ("md", "html"):
        text = _render(cli, EXAMPLES / "riverside-clinical-onboarding.yaml", "review-report", fmt)
        body = text.split("<footer>")[0]
        assert "minutes/" not in body and "kept on file" in body.lower()
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", body)


def test_charter_without_end_or_renewal_has_a_term_heading_and_no_dash_rows(cli) -> None:
    doc = _render(cli, EXAMPLES / "northgate-crm-golive.yaml")
    assert "## 2. Term\n" in doc and "has no fixed end date" in doc
    row = next(line for line in doc.splitlines() if line.startswith("| **Average handling"))
    assert row.count("to be agreed") == 2 and "| — | — |" not in row
    mou = _render(cli, EXAMPLES / "northgate-crm-golive.yaml", "mou")
    assert "tells the other in writing" in mou


def test_no_defined_name_is_the_start_of_another_partners_name(cli) -> None:
    """Harbor's fund was defined as “Harbor County”, the first words of “Harbor County
    Head Start”, another party; its DRAFT box then named it Harbor County Early Learning
    Fund, a name the agreement never defined."""
    doc = _render(cli, EXAMPLES / "harbor-county-early-learning.yaml")
    assert "(“Harbor County”)" not in doc
    assert (
        "**Harbor County, acting through its Early Learning Fund** "
        "(“Harbor County Early Learning Fund”)" in doc
    )
    assert "| **Harbor County** (funder)" not in doc


def test_a_non_binding_cover_page_leaves_binding_and_law_to_the_standard_terms(cli) -> None:
    """Harbor's cover said only clauses 8.1 and 8.2 bind and 'it creates no other legal
    obligations', and that the law governs those two clauses only, while its Standard
    Terms (clause 1.2, 6.3) make the notices, disputes, IP and general terms bind and
    the Governing Law govern the whole agreement; the cover page prevails, so it undid
    them."""
    doc = _render(cli, EXAMPLES / "harbor-county-early-learning.yaml")
    effect = _clause(doc, "Legal effect")
    assert "the clauses the Standard Terms list as binding" in effect
    assert _clause(doc, "Governing law").endswith(
        "This agreement is governed by the law of the State of Washington."
    )


def test_a_list_item_starting_a_sentence_is_lower_cased_before_a_partner_name(cli) -> None:
    """Lakeview read 'Cornerstone decides alone on Which Cornerstone coach works with
    which school': a partner's name after the first word was taken for a title."""
    doc = _render(cli, EXAMPLES / "lakeview-literacy-coaching.yaml")
    assert "decides alone on which Cornerstone coach works with which school" in doc
    assert "Assistant Superintendent and Cornerstone's director decide" in doc


def test_an_mou_names_the_agreement_it_refers_to(cli) -> None:
    """Harbor's memorandum said the confidentiality commitments "of the partnership
    agreement" bind, without saying which agreement; it names it by its title."""
    text = _render(cli, EXAMPLES / "harbor-county-early-learning.yaml", "mou")
    assert ("commitments of the partnership agreement “Harbor County shared professional "
            "development for early educators” bind as that agreement says") in text  # fmt: skip

"""Standard terms by kind, the cover page that names them, and what a signature pins.

Each kind's agreement, rendered from a complete cover page (the examples), holds every
clause counsel asked for, clause by clause, in every format; a signed file renders the
same words after a later version of its standard terms ships.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from docx import Document

from partnerkit.check.loader import load_bytes
from partnerkit.format import standard
from partnerkit.history.fingerprint import fingerprint

from conftest import EXAMPLES, TODAY

# What counsel found missing, by kind: the clause titles each set must print.
EVERY_BINDING = [
    "Indemnity", "Limitation of liability", "Insurance", "Termination for breach",
    "Suspension", "Confidentiality", "Disclosure required by law", "Return or destruction",
    "Intellectual property", "Notices", "Disputes", "Assignment", "Severability", "Waiver",
    "Relationship of the Partners", "Force majeure", "No third-party beneficiaries",
    "Compliance with law", "Order of precedence", "Governing law",
]  # fmt: skip
BY_KIND = {
    "vendor": [
        *EVERY_BINDING, "Acceptance of Deliverables", "Warranties", "Independent contractor",
        "Subcontracting", "Background and exclusion screening", "Audit and records",
        "Non-solicitation",
    ],
    "school": [
        *EVERY_BINDING, "Health screening", "Immunisation", "Background checks",
        "Host's right to remove a Placed Person", "Supervision and patient care",
        "Placed People are not the Host's employees", "Non-discrimination",
        "Host policies and accreditation", "FERPA school-official designation",
        "Privacy training", "Breach notice", "Security", "Retention and deletion",
    ],
    "community": [
        *EVERY_BINDING, "Public records", "Sharing attendance records with a funder",
        "Funding through a grant instrument", "Which clauses bind",
    ],
    "internal": ["Not a contract", "Raising and settling disagreements", "Changes", "Ending"],
}  # fmt: skip
# Words of the clauses the issue names inside a clause: the text must hold them.
INSIDE = {
    "vendor": ["accurate", "clinical", "exclusion"],
    "school": ["HIPAA", "school official", "immunisations", "patient care"],
    "community": ["public-records", "consent", "Grant Instrument"],
}
EXAMPLE = {
    "vendor": "riverside-clinical-onboarding",
    "school": "lakeview-literacy-coaching",
    "community": "harbor-county-early-learning",
    "internal": "northgate-crm-golive",
}
LEGAL_ENTITY = ["Indemnity", "Limitation of liability", "Insurance", "Governing law", "Venue"]


def _render(cli, path: Path, fmt: str = "md", out: Path | None = None) -> str:
    target = "-" if out is None else str(out)
    result = cli("render", path, "-f", fmt, "-o", target, "--today", TODAY)
    assert result.code == 0, result.err
    return str(result.out)


def _titles(text: str) -> list[str]:
    """Clause titles of the standard terms printed in Markdown: `**2.3 Warranties.**`."""
    return re.findall(r"^\*\*\d+\.\d+ (.+?)\.\*\*", text, re.M)


@pytest.mark.parametrize("kind", sorted(BY_KIND))
def test_every_clause_of_the_kind_is_in_its_agreement(cli, kind: str) -> None:
    text = _render(cli, EXAMPLES / f"{EXAMPLE[kind]}.yaml")
    titles = _titles(text)
    for title in BY_KIND[kind]:
        assert title in titles, f"{kind}: no clause {title!r}"
    st = standard.default_for(kind)
    assert st is not None and f"**{st.name}, version {st.version}**" in text
    for words in INSIDE.get(kind, []):
        assert words in text.split(f"## {st.title}", 1)[1], words


@pytest.mark.parametrize("kind", sorted(BY_KIND))
def test_html_and_word_print_the_same_clauses(cli, workdir: Path, kind: str) -> None:
    path = EXAMPLES / f"{EXAMPLE[kind]}.yaml"
    html = _render(cli, path, "html")
    _render(cli, path, "docx", workdir / "a.docx")
    word = "\n".join(p.text for p in Document(str(workdir / "a.docx")).paragraphs)
    for title in BY_KIND[kind]:
        assert f"<strong>{title.replace(chr(39), '&#39;')}.</strong>" in html, title
        assert f"{title}. " in word, title


def test_a_working_charter_carries_no_legal_entity_terms(cli) -> None:
    text = _render(cli, EXAMPLES / "northgate-crm-golive.yaml")
    for title in LEGAL_ENTITY:
        assert title not in _titles(text) and f"| {title} |" not in text, title


def test_every_set_names_itself_and_cautions_counsel() -> None:
    found = standard.shipped()
    assert {name for name, _ in found} == set(standard.BY_KIND.values())
    for (name, version), path in found.items():
        st = standard.load(name, version)
        assert st is not None and (st.name, st.version) == (name, version), path.name
        assert "starting point" in st.caution and "not legal advice" in st.caution
        keys = [c.key for c in st.clauses()]
        assert len(keys) == len(set(keys)), name
        for c in st.clauses():
            assert len(c.purpose) > 20 and len(c.text) > 60 and c.title, (name, c.key)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_terms_prints_a_set_alone_with_what_each_clause_is_for(cli, fmt: str) -> None:
    result = cli("terms", "school", "-f", fmt)
    assert result.code == 0, result.err
    assert "partnerkit-placement, version 1" in result.out
    assert "not legal advice" in result.out and "What it is for:" in result.out
    assert "FERPA school-official designation" in result.out


def test_terms_writes_word_and_refuses_what_it_cannot(cli, workdir: Path) -> None:
    assert cli("terms", "vendor", "-f", "docx", "-o", "v.docx").code == 0
    text = "\n".join(p.text for p in Document(str(workdir / "v.docx")).paragraphs)
    assert "Acceptance of Deliverables. " in text and "What it is for:" in text
    bad = cli("terms", "nonsense")
    assert bad.code == 2 and "vendor, school, community, internal" in bad.err
    later = cli("terms", "vendor", "--version", "9")
    assert later.code == 2 and "version 1" in later.err
    assert cli("terms", "vendor", "-f", "pdf").code == 2  # PDF needs a file


def test_a_signed_file_renders_the_same_words_after_a_new_version(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    signed = EXAMPLES / "riverside-clinical-onboarding.yaml"
    before = {fmt: _render(cli, signed, fmt) for fmt in ("md", "html")}
    folder = tmp_path / "later"
    folder.mkdir()
    v1 = standard.shipped()[("partnerkit-vendor-services", 1)]
    text = v1.read_text("utf-8").replace("version: 1", "version: 2", 1)
    (folder / "partnerkit-vendor-services.2.yaml").write_text(
        text.replace("for 90 days after acceptance", "for 30 days after acceptance"), "utf-8"
    )
    monkeypatch.setattr(standard, "FOLDERS", [*standard.FOLDERS, folder])
    assert standard.latest("partnerkit-vendor-services") == 2
    for fmt, text_before in before.items():
        assert _render(cli, signed, fmt) == text_before, fmt
    # A draft that names no version shows the latest one: the later release is seen.
    data = yaml.safe_load(signed.read_text("utf-8"))
    del data["terms"]["standard_terms"]
    for partner in data["partners"]:
        partner.pop("signed", None)
    (workdir / "draft.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    draft = _render(cli, workdir / "draft.yaml")
    assert "partnerkit-vendor-services, version 2" in draft
    assert "for 30 days after acceptance" in draft


def test_the_version_signed_is_inside_the_terms_fingerprint() -> None:
    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
    one = load_bytes(text.encode(), "a.yaml").model
    two = load_bytes(text.replace("    version: 1\n", "    version: 2\n", 1).encode(), "b.yaml")
    assert one is not None and two.model is not None
    assert fingerprint(one) != fingerprint(two.model)  # a new version is an amendment


def test_a_file_without_the_new_fields_keeps_its_fingerprint() -> None:
    """Existing files: the cover page fields are optional and absent ones change nothing."""
    text = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")
    bare = text.replace(
        "  standard_terms:\n    name: partnerkit-working-charter\n    version: 1\n", ""
    )
    model = load_bytes(bare.encode(), "n.yaml").model
    assert model is not None and fingerprint(model) == "0428c31415ce"  # as before the cover page


def test_the_draft_box_names_what_the_cover_page_still_lacks(cli, workdir: Path) -> None:
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    for key in ("liability_cap", "cure_days", "venue"):
        del data["terms"][key]
    del data["terms"]["data_protection"]["breach_notice_hours"]
    for partner in data["partners"]:
        partner.pop("signed", None)
    for early in ("reviews", "success", "governance"):  # an early draft, below the ready band
        del data[early]
    (workdir / "d.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    text = _render(cli, workdir / "d.yaml")
    box = [line[4:] for line in text.splitlines() if line.startswith("> - ")]
    for point in (
        "The partners have not yet agreed the cap on each partner's liability.",
        "The partners have not yet agreed how long a partner has to put a breach right "
        "before the agreement can be ended.",
        "The partners have not yet agreed which courts hear a dispute.",
        "The partners have not yet agreed how quickly a partner reports a breach involving "
        "personal data.",
    ):
        assert point in box, point
    assert "| Liability Cap | to be agreed |" in text
    assert not any("PK4" in x or "terms." in x for x in box)


# A released version is never edited: agreements signed under it print these exact words.
# (The community set's version 1 was corrected once, before any partnerkit release shipped
# it: it spoke of fees and overdue amounts in a memorandum where no Partner owes money.)
RELEASED = {
    ("partnerkit-community-mou", 1): "066625e0dc4b",
    ("partnerkit-placement", 1): "9eecbb41e5ef",
    ("partnerkit-vendor-services", 1): "258917e4dcba",
    ("partnerkit-working-charter", 1): "a7585095f873",
}


def test_released_versions_never_change() -> None:
    """A revision of a set is a new `NAME.VERSION.yaml`, never an edit of a released one."""
    found = {
        key: hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for key, path in standard.shipped().items()
    }
    for key, digest in RELEASED.items():
        assert found.get(key) == digest, f"{key[0]} version {key[1]} was edited"


@pytest.mark.parametrize("kind", ["vendor", "school", "community", "internal"])
def test_the_starter_cover_page_is_complete_for_its_kind(kind: str) -> None:
    """`init`'s commented cover page, uncommented, names the latest set of its kind and
    leaves none of the cover-page rules (PK430–PK436) with anything to say."""
    import datetime as dt

    from partnerkit.check.rules import run
    from partnerkit.format.scaffold import PartnerSpec, render_scaffold

    text = render_scaffold(
        pid="x", title="X", kind=kind, today=dt.date(2026, 1, 1),
        partners=[PartnerSpec("a", "A"), PartnerSpec("b", "B")],
    )  # fmt: skip
    lines = text.splitlines()
    start = lines.index("# terms:")
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("#"))
    block = [line[2:].replace("YYYY-MM-DD", "2026-02-01") for line in lines[start:end]]
    assert all(": {" not in line and ": [" not in line for line in block)  # block style
    data = yaml.safe_load(text)
    data.update(yaml.safe_load("\n".join(block)), status="proposed")
    if kind == "community":
        data["partners"][1]["role"] = "funder"
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    loaded = load_bytes(dumped.encode(), "x.yaml")
    assert loaded.model is not None and loaded.doc is not None, loaded.findings
    ref = loaded.model.terms.standard_terms if loaded.model.terms else None
    assert ref is not None and (ref.name, ref.version) == (
        standard.BY_KIND[kind], standard.latest(standard.BY_KIND[kind])
    )
    codes = {f.code for f in run(loaded.model, loaded.doc, "x.yaml", dt.date(2026, 1, 5))}
    assert not {c for c in codes if c.startswith("PK43")}, codes


def _unsigned_draft(workdir: Path, drop: tuple[str, ...] = ()) -> Path:
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    del data["terms"]["standard_terms"]
    for key in drop:
        del data["terms"][key]
    for partner in data["partners"]:
        partner.pop("signed", None)
    data["status"] = "proposed"
    path = workdir / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_the_first_signature_records_the_standard_terms_it_is_given_under(
    cli, workdir: Path
) -> None:
    path = _unsigned_draft(workdir)
    before = _render(cli, path).split("\n## Standard Terms for", 1)[1].split("\n---\n")[0]
    done = cli("sign", path, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-01-10")
    assert done.code == 0, done.err
    assert "recording the standard terms it is signed under" in done.err
    model = load_bytes(path.read_bytes(), "draft.yaml").model
    assert model is not None and model.terms is not None
    ref = model.terms.standard_terms
    assert ref is not None and (ref.name, ref.version) == ("partnerkit-vendor-services", 1)
    assert model.partners[0].signed is not None
    assert model.partners[0].signed.terms == fingerprint(model)  # the version is signed
    after = _render(cli, path).split("\n## Standard Terms for", 1)[1].split("\n---\n")[0]
    assert after == before  # what was shown for signature is what the signed file says


def test_sign_refuses_a_cover_page_its_standard_terms_cannot_work_with(cli, workdir: Path) -> None:
    path = _unsigned_draft(workdir, drop=("venue",))
    text = path.read_text("utf-8")
    done = cli("sign", path, "--partner", "riverside", "--by", "Lee Park", "--date", "2026-01-10")
    assert done.code != 0 and "`terms.venue`" in done.err and "--force" in done.err
    assert path.read_text("utf-8") == text


def test_terms_prints_a_pdf_carrying_its_set(cli, workdir: Path) -> None:
    pytest.importorskip("weasyprint")
    import pikepdf

    done = cli("terms", "community", "-f", "pdf", "-o", "c.pdf")
    assert done.code == 0, done.err
    with pikepdf.open(workdir / "c.pdf") as pdf:
        assert len(pdf.pages) >= 3
        assert "partnerkit-community-mou, version 1" in str(pdf.docinfo["/Title"])
        assert "partnerkit-community-mou.1.yaml" in pdf.attachments


def test_documents_the_partners_name_are_listed_when_the_cover_page_lists_none(
    cli, workdir: Path
) -> None:
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    del data["terms"]["documents"]
    (workdir / "r.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    text = _render(cli, workdir / "r.yaml")
    row = re.search(r"^\| Documents forming part of the agreement \| (.*) \|$", text, re.M)
    assert row and row.group(1) == (
        "Riverside's business associate agreement; The statement of work"
    )


def test_a_non_binding_agreement_asks_for_no_cap_or_cure_period(cli, workdir: Path) -> None:
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    data["terms"]["binding"] = False
    (workdir / "r.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    text = _render(cli, workdir / "r.yaml")
    assert "| Liability Cap |" not in text and "| Cure Period |" not in text
    assert "bind them only as the Cover Page says" in text


def test_the_community_terms_agree_with_a_memorandum_in_which_no_partner_owes_money() -> None:
    """Read as counsel read Harbor's memorandum: clause 2.1 says no Partner owes another
    money, so no clause may speak of fees, amounts overdue or paying for work; and a
    non-binding cover page states no cap, insurance or cure period, so the clauses that
    use them say what applies when the Cover Page states none."""
    terms = standard.load("partnerkit-community-mou", 1)
    assert terms is not None
    text = {c.key: " ".join(c.text.split()) for c in terms.clauses()}
    assert "No Partner owes another money" in text["contributions"]
    money = re.compile(r"\bfees due\b|\boverdue\b|\bpays for work\b|\bamount due\b", re.I)
    assert not [k for k, t in text.items() if money.search(t)]
    assert "states no Liability Cap" in text["limitation_of_liability"]
    assert "states no insurance" in text["insurance"]
    assert "states no Cure Period" in text["termination_for_breach"]


@pytest.mark.parametrize("drop", ["liability_cap", "cure_days", "venue"])
def test_a_ready_agreement_whose_cover_page_lacks_a_variable_is_a_draft(drop: str) -> None:
    """Riverside, unsigned and in the ready band, printed "| Liability Cap | to be agreed |"
    with no DRAFT marking and no open point: a cover-page variable the standard terms rely
    on keeps the document a draft, and the DRAFT box says what to agree."""
    import datetime as dt

    from partnerkit.check.record import record_for
    from partnerkit.format.model import Partnership
    from partnerkit.judge.scoring import assess

    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    for x in data["partners"]:
        x.pop("signed", None)
    data.update(status="proposed")
    data["terms"].pop(drop)
    p = Partnership.model_validate(data)
    today = dt.date(2026, 1, 5)
    judged = assess(p, today)
    assert judged.band == "ready"
    r = record_for(p, today, judged)
    assert r.draft
    words = {"liability_cap": "cap", "cure_days": "put a breach right", "venue": "courts"}
    assert any(words[drop] in x for x in r.open_points), r.open_points

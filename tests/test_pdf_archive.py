"""PDF/A-3b, PDF/UA and bookmarks: the checks of the profile that pikepdf can make.

No PDF/A validator (veraPDF) installs from the package registries here, so these read
the PDF itself: the XMP identification, the output intent, every font embedded, no
encryption or JavaScript, attachments declared as PDF/A-3 wants them, tags, language,
the title shown, and bookmarks from the headings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

pikepdf = pytest.importorskip("pikepdf")
RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The riverside agreement, its one-pager and Harbor's agenda, as PDFs."""
    from partnerkit.entry import main

    out = tmp_path_factory.mktemp("archive")
    made = {}
    for name, args in {
        "agreement": [str(RIVERSIDE)],
        "one-pager": [str(RIVERSIDE), "-t", "one-pager", "--paper", "letter"],
        "agenda": [str(EXAMPLES / "harbor-county-early-learning.yaml"), "-t", "agenda"],
    }.items():
        made[name] = out / f"{name}.pdf"
        try:
            main(["render", *args, "-f", "pdf", "-o", str(made[name]), "--today", TODAY])
        except SystemExit as exc:
            assert exc.code in (0, None)
    return made


def _xmp(doc) -> str:
    return doc.Root.Metadata.read_bytes().decode("utf-8")


def test_xmp_says_pdf_a_3b_and_pdf_ua_1(printed: dict[str, Path]) -> None:
    for name, path in printed.items():
        with pikepdf.open(path) as doc:
            xmp = _xmp(doc)
            assert re.search(r'pdfaid:part(="|>)3', xmp), name
            assert re.search(r'pdfaid:conformance(="|>)B', xmp), name
            assert re.search(r"pdfuaid:part(=\"|>)1", xmp), name
            title = str(doc.docinfo["/Title"])
            assert f">{title}<" in xmp, name  # the Info title and the XMP title agree
            assert doc.pdf_version >= "1.7"


def test_an_srgb_output_intent_for_pdf_a(printed: dict[str, Path]) -> None:
    for path in printed.values():
        with pikepdf.open(path) as doc:
            (intent,) = doc.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1"
            assert int(intent.DestOutputProfile.N) == 3


def test_every_font_is_embedded(printed: dict[str, Path]) -> None:
    for name, path in printed.items():
        with pikepdf.open(path) as doc:
            descriptors = [
                obj for obj in doc.objects
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"
            ]  # fmt: skip
            assert descriptors, name
            for descriptor in descriptors:
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_no_encryption_and_no_javascript(printed: dict[str, Path]) -> None:
    for name, path in printed.items():
        raw = path.read_bytes()
        with pikepdf.open(path) as doc:
            assert not doc.is_encrypted, name
            assert "/Encrypt" not in doc.trailer
            assert "/OpenAction" not in doc.Root and "/AA" not in doc.Root
            assert "/JavaScript" not in doc.Root.get("/Names", {})
            for obj in doc.objects:
                if isinstance(obj, pikepdf.Dictionary):
                    assert obj.get("/S") != "/JavaScript" and "/JS" not in obj, name
        assert b"/JavaScript" not in raw


def test_the_source_is_attached_as_pdf_a_3_asks(printed: dict[str, Path]) -> None:
    with pikepdf.open(printed["agreement"]) as doc:
        (spec,) = doc.Root.AF  # declared in the catalogue's associated files
        assert spec.AFRelationship == "/Source"
        assert str(spec.F) == str(spec.UF) == RIVERSIDE.name
        assert str(spec.Desc)
        stream = spec.EF.F
        assert stream.Subtype == "/application/yaml"
        assert int(stream.Params.Size) == len(RIVERSIDE.read_bytes())
        assert stream.read_bytes() == RIVERSIDE.read_bytes()


def test_tagged_with_a_language_and_the_title_shown(printed: dict[str, Path]) -> None:
    for name, path in printed.items():
        with pikepdf.open(path) as doc:
            assert doc.Root.MarkInfo.Marked is True, name
            assert "/StructTreeRoot" in doc.Root
            assert str(doc.Root.Lang) == "en"
            assert doc.Root.ViewerPreferences.DisplayDocTitle is True


def test_bookmarks_follow_the_headings(printed: dict[str, Path]) -> None:
    with pikepdf.open(printed["agreement"]) as doc, doc.open_outline() as outline:
        (top,) = outline.root  # the document's title, with its sections under it
        sections = [item.title for item in top.children]
    assert top.title == "Clinical onboarding curriculum for new nurses"
    assert len(sections) >= 8
    assert any("Signatures" in title for title in sections), sections
    numbered = [title for title in sections if title[0].isdigit()]
    assert numbered and all(re.match(r"\d+\. \S", title) for title in numbered), numbered

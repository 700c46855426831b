"""One browser prints every PDF of a run, over its DevTools pipe; failures are plain errors."""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM = next(filter(None, map(shutil.which, BROWSERS)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="PDF needs a Chromium on PATH")
posix = pytest.mark.skipif(sys.platform == "win32", reason="pipes at fixed descriptors")


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


@needs_chromium
@posix
def test_many_documents_one_browser_same_bytes_as_one(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(workdir))
    launches = workdir / "launches"
    counting = _script(
        workdir, "counting-chromium", f'echo "$@" >> {launches}\nexec {CHROMIUM} "$@"'
    )
    monkeypatch.setenv("PARTNERKIT_CHROMIUM", str(counting))
    examples = sorted(EXAMPLES.glob("*.yaml"))
    result = cli("render", *examples, "-f", "pdf", "-o", "many", "--today", TODAY)
    assert result.code == 0, result.err
    assert len(launches.read_text().splitlines()) == 1
    assert "--remote-debugging-pipe" in launches.read_text()
    made = sorted((workdir / "many").iterdir())
    assert len(made) == len(examples)
    last = examples[-1]
    result = cli("render", last, "-f", "pdf", "-o", "one.pdf", "--today", TODAY)
    assert result.code == 0, result.err
    # The last of four pages in one browser prints the same bytes as a browser's only page.
    assert (workdir / "one.pdf").read_bytes() == (workdir / "many" / made[-1].name).read_bytes()
    assert not list(workdir.glob("partnerkit-pdf-*"))


@posix
def test_a_browser_that_will_not_start_is_a_plain_error(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _script(
        workdir, "broken-chromium", 'echo "error while loading libnss3.so" >&2\nexit 127'
    )
    monkeypatch.setenv("PARTNERKIT_CHROMIUM", str(broken))
    monkeypatch.setattr(tempfile, "tempdir", str(workdir))
    result = cli("render", EXAMPLES / "northgate-crm-golive.yaml", "-f", "pdf", "-o", "out")
    assert result.code == 2
    assert "could not start: error while loading libnss3.so" in result.err
    assert "Traceback" not in result.err
    assert not list(workdir.glob("partnerkit-pdf-*")) and not (workdir / "out").exists()


@posix
def test_a_browser_that_never_answers_times_out(workdir: Path) -> None:
    from partnerkit.documents.printer import Printer
    from partnerkit.support.errors import UsageError

    silent = _script(workdir, "silent-chromium", "exec sleep 30")
    job = Printer(str(silent), workdir, timeout=0.5)
    with pytest.raises(UsageError, match=r"did not start in 0\.5 s"):
        job.print("<p>x</p>")
    job.close(graceful=False)


@needs_chromium
def test_a_browser_per_page_where_pipes_cannot_be_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    import pikepdf

    from partnerkit.documents import printer

    monkeypatch.setattr(printer, "PIPES", False)
    data = printer.html_to_pdf("<!DOCTYPE html><p>one page</p>", title="T", subject="S")
    with pikepdf.open(io.BytesIO(data)) as doc:
        assert len(doc.pages) == 1 and str(doc.docinfo["/Title"]) == "T"



# A stand-in for Chromium's end of the pipe: it answers two commands in reverse order,
# with an event for another tab in between.
CROSSED = """\
#!{python}
import json, os
buffer, asked = b"", []
while len(asked) < 2:
    buffer += os.read(3, 65536)
    while b"\\0" in buffer:
        raw, buffer = buffer.split(b"\\0", 1)
        asked.append(json.loads(raw))
os.write(4, json.dumps({{"method": "Page.loadEventFired", "sessionId": "other"}}).encode() + b"\\0")
for message in reversed(asked):
    answer = {{"id": message["id"], "result": {{"method": message["method"]}}}}
    os.write(4, json.dumps(answer).encode() + b"\\0")
os.read(3, 1)
"""


@posix
def test_two_threads_each_get_their_own_answer(workdir: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from partnerkit.documents.devtools import Browser

    fake = workdir / "crossed"
    fake.write_text(CROSSED.format(python=sys.executable))
    fake.chmod(0o755)
    browser = Browser([str(fake)], workdir / "log")
    try:
        with ThreadPoolExecutor(2) as pool:
            first = pool.submit(browser.call, "Page.navigate", timeout=20)
            second = pool.submit(browser.call, "Page.printToPDF", timeout=20)
            assert first.result() == {"method": "Page.navigate"}
            assert second.result() == {"method": "Page.printToPDF"}
        assert browser.wait_for("Page.loadEventFired", session="other", timeout=1) == {}
    finally:
        browser.close(graceful=False)

"""PDF printing of untrusted templates: no scripts, network or other files (issue 12, item 7)."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("google-chrome"))
    or not shutil.which("pdftotext"),
    reason="needs a Chromium and pdftotext",
)


def test_confine_puts_the_policy_first_and_drops_refreshes() -> None:
    from partnerkit.documents.pdf import confine

    page = confine('<!DOCTYPE html><head><meta http-equiv="&#82;efresh" content="0;url=x">'
                   "<META HTTP-EQUIV=refresh content=0></head><p>ok</p>")  # fmt: skip
    assert page.startswith('<!DOCTYPE html><meta http-equiv="Content-Security-Policy"')
    assert "efresh" not in page.lower().replace("content-security-policy", "")
    assert page.endswith("<p>ok</p>")


def test_hostile_template_prints_nothing_from_outside(cli, workdir: Path) -> None:
    secret = workdir / "secret.html"
    secret.write_text("<p>SECRETFILE</p>")
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<p>NETWORKHIT</p>")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    templates = workdir / "tpl"
    templates.mkdir()
    (templates / "agreement.html.j2").write_text(
        "<!DOCTYPE html><html><head>"
        f'<meta http-equiv="&#82;efresh" content="1;url={secret.as_uri()}">'
        f'<link rel="stylesheet" href="{url}/style.css"></head><body><p>VISIBLE</p>'
        f'<iframe src="{secret.as_uri()}"></iframe><iframe src="file:///etc/passwd"></iframe>'
        f'<img src="{url}/pixel.png"><object data="{secret.as_uri()}"></object>'
        "<script>document.write('SCRIPTRAN')</script></body></html>"
    )
    try:
        result = cli(
            "render", EXAMPLES / "riverside-clinical-onboarding.yaml", "-f", "pdf",
            "--templates", templates, "-o", workdir / "out.pdf", "--today", TODAY,
        )  # fmt: skip
    finally:
        server.shutdown()
    assert result.code == 0, result.err
    text = subprocess.run(
        ["pdftotext", str(workdir / "out.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "VISIBLE" in text
    for leaked in ("SECRETFILE", "root:", "NETWORKHIT", "SCRIPTRAN"):
        assert leaked not in text
    assert hits == []

"""What the hostile-input fuzz checks in a site that `partnerkit site` built.

Every page is parsed as HTML (the standard library's parser, as a browser tokenises):
its elements and attributes must be ones the templates write, elements must close as
they open, scripts must be the templates' own, no comment, style or structural
attribute may carry a hostile value, and every link must resolve to a file inside the
site, unless it is an address the partnership files give (mailto, http, https), shown
as its own text. Pages hold no control or bidirectional characters. Every calendar is
checked line by line: CRLF line ends, no line over 75 octets, continuation lines, only
the properties partnerkit writes, TEXT values escaped; and it must parse (`icalendar`,
when installed). Every Word file must be well-formed XML with only the fields partnerkit
writes (page numbers, clause references) and no link out. Nothing may be written
outside the site's folder.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Markup made in code rather than templates: drawings (the trend sparklines), the
# redline's marks.
MADE_IN_CODE = {"svg", "g", "polyline", "polygon", "line", "rect", "circle", "path", "text",
                "ins", "del"}  # fmt: skip
SVG_ATTRIBUTES = {"viewbox", "xmlns", "width", "height", "points", "fill", "stroke",
                  "stroke-width", "stroke-dasharray", "cx", "cy", "r", "x", "y", "x1", "y1",
                  "x2", "y2", "d", "transform", "text-anchor"}  # fmt: skip
BOOLEAN_ATTRIBUTES = {"hidden", "download", "open", "checked"}
VOID = {"meta", "br", "input", "link", "img", "hr", "wbr", "col", "area", "base", "source"}
# Attributes that carry a file's values as data; any other is structure and must not.
DATA_ATTRIBUTES = {"title", "content", "aria-label", "value", "data-text", "data-file",
                   "data-partner", "data-columns", "href"}  # fmt: skip
# Words every hostile value of the fuzz carries one of: seen in structure, it got in.
MARKERS = re.compile(r"owned|forged|evil|alert|add-mask|pk-injected|onerror|onmouseover|passwd",
                     re.I)  # fmt: skip
UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_CSS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', re.S)


def _templates() -> tuple[str, set[str], set[str]]:
    text = "\n".join(p.read_text("utf-8") for p in sorted(TEMPLATES.glob("*.html.j2")))
    tags = set(re.findall(r"<([a-z][a-z0-9]*)", text)) | MADE_IN_CODE
    attributes = set(re.findall(r"\s([a-z][a-z0-9-]*)=\"", text))
    return text, tags, attributes | SVG_ATTRIBUTES | BOOLEAN_ATTRIBUTES


class _Page(HTMLParser):
    """A page's elements, links (with their text), scripts, styles and comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()  # opened less closed
        self.names: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []  # tag, name, value
        self.links: list[list[str]] = []  # [href, text]
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.comments: list[str] = []
        self.odd: list[str] = []  # processing instructions, unknown declarations
        self._open: list[str] = []
        self._link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag not in VOID:
            self.tags[tag] += 1
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            if name == "href":
                self._link = [value or "", ""]
                self.links.append(self._link)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.tags[tag] -= 1
        if tag == "a":
            self._link = None
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "script":
            self.scripts.append(data)
        elif self._open and self._open[-1] == "style":
            self.styles.append(data)
        if self._link is not None:
            self._link[1] += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.odd.append(decl)

    def handle_pi(self, data: str) -> None:
        self.odd.append(data)

    def unknown_decl(self, data: str) -> None:
        self.odd.append(data)


def html_problems(text: str, name: str) -> list[str]:
    """What is wrong with an HTML document a command printed (`review -f html`, `render -f
    html`): its markup, as for a page of the site; it has no links to follow."""
    return page_problems(Path(name), Path("."), "", _templates(), text)


def page_problems(
    page: Path, root: Path, given: str, templates: tuple, text: str | None = None
) -> list[str]:
    """What is wrong with one page: each problem names the page."""
    source, tags, attributes = templates
    name = page.relative_to(root).as_posix()
    text = page.read_text("utf-8") if text is None else text
    parsed = _Page()
    parsed.feed(text)
    parsed.close()
    found = []
    if UNSAFE_TEXT.search(text):
        found.append(f"control or bidi character: {UNSAFE_TEXT.search(text).group()!r}")
    found += [f"element <{tag}> the templates do not write" for tag in parsed.names - tags]
    for tag, count in parsed.tags.items():
        if count and tag in tags:
            found.append(f"<{tag}> opened {count:+} times more than closed")
    for tag, attr, value in parsed.attributes:
        if attr not in attributes or attr.startswith("on"):
            found.append(f"attribute {attr}= on <{tag}>")
        elif attr not in DATA_ATTRIBUTES and MARKERS.search(value):
            found.append(f"hostile value in {attr}= of <{tag}>: {value[:80]!r}")
    for script in parsed.scripts:
        if script.strip() and script.strip() not in source:
            found.append(f"a script the templates do not hold: {script.strip()[:80]!r}")
    for style in parsed.styles:
        bare = _CSS_STRING.sub('""', style)
        if MARKERS.search(bare) or "<" in bare or "url(" in bare.lower():
            found.append(f"hostile style: {MARKERS.search(bare) or bare[:80]!r}")
    found += [f"comment: {c[:80]!r}" for c in parsed.comments]
    found += [f"declaration or instruction: {d[:80]!r}" for d in parsed.odd]
    for href, shown in parsed.links:
        found += _link_problems(page, root, href, shown, given)
    return [f"{problem} (in {name})" for problem in found]


def _link_problems(page: Path, root: Path, href: str, shown: str, given: str) -> list[str]:
    stripped = href.strip("\x00\t\n\x0c\r ")
    parts = urlsplit(stripped)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", "mailto"):
        address = stripped.removeprefix(parts.scheme + ":") if scheme == "mailto" else stripped
        if address not in given:
            return [f"link out of the site no file gives: {href[:80]!r}"]
        if address not in shown:
            return [f"link out of the site not shown as such: {href[:80]!r} as {shown[:80]!r}"]
        return []
    if scheme or parts.netloc or stripped.startswith("//") or "\\" in stripped:
        return [f"link out of the site: {href[:80]!r}"]
    if not parts.path:
        return []
    try:
        target = (page.parent / unquote(parts.path)).resolve()
        if root.resolve() not in target.parents:
            return [f"link outside the site's folder: {href[:80]!r}"]
        if target.is_file():
            return []
    except (OSError, ValueError):  # a name too long, a NUL
        pass
    return [f"link to nothing: {href[:80]!r}"]


# The properties `partnerkit calendar` writes; TEXT ones are escaped.
PROPERTIES = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME", "SUMMARY",
              "DTSTART", "DTEND", "DTSTAMP", "UID", "CATEGORIES", "DESCRIPTION", "TRANSP"}  # fmt: skip
TEXT = {"PRODID", "X-WR-CALNAME", "SUMMARY", "UID", "DESCRIPTION"}
_ESCAPED = re.compile(r"(?:[^\\;,]|\\[\\;,nN])*")


def calendar_problems(data: bytes, name: str) -> list[str]:
    """What is wrong with one iCalendar file: line ends, folding, properties, escapes."""
    found = []
    if not data.endswith(b"\r\n"):
        found.append("does not end with CRLF")
    lines = data.split(b"\r\n")[:-1]
    unfolded: list[bytes] = []
    for i, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            found.append(f"line {i}: a bare line break")
        if len(line) > 75:
            found.append(f"line {i}: {len(line)} octets")
        if UNSAFE_TEXT.search(line.decode("utf-8", "replace")):
            found.append(f"line {i}: control or bidi character")
        if line[:1] in (b" ", b"\t") and unfolded:
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    for line in unfolded:
        text = line.decode("utf-8", "replace")
        prop, _, value = text.partition(":")
        key = prop.split(";")[0]
        if key not in PROPERTIES:
            found.append(f"property {key[:40]!r} partnerkit does not write: {text[:80]!r}")
        elif key in TEXT and not _ESCAPED.fullmatch(value):
            found.append(f"{key} not escaped: {value[:80]!r}")
    try:
        import icalendar
    except ImportError:
        icalendar = None
    if icalendar is not None and not found:
        try:
            icalendar.Calendar.from_ical(data)
        except Exception as exc:  # what a calendar application would refuse
            found.append(f"icalendar cannot read it: {exc}")
    return [f"{problem} (in {name})" for problem in found]


# The fields partnerkit writes in Word: page numbers and cross-references to its clauses.
_FIELD = re.compile(r"\s*(?:PAGE|NUMPAGES|REF _Ref(?:Clause|Terms)\d+_\d+ \\r \\h)\s*")
_INSTRUCTION = re.compile(r'<w:instrText[^>]*>([^<]*)</w:instrText>|w:instr="([^"]*)"')
_EXTERNAL = re.compile(r"<Relationship [^>]*TargetMode=\"External\"[^>]*>")


def word_problems(path: Path, name: str) -> list[str]:
    """What is wrong with a Word file: XML Word cannot read, a field partnerkit does not
    write (a value turned into INCLUDETEXT, DDEAUTO, HYPERLINK…), a link out of the file."""
    import zipfile
    from xml.etree import ElementTree

    found = []
    try:
        with zipfile.ZipFile(path) as package:
            for part in package.namelist():
                if not part.endswith((".xml", ".rels")):
                    continue
                data = package.read(part).decode("utf-8")
                try:
                    ElementTree.fromstring(data)
                except ElementTree.ParseError as exc:
                    found.append(f"{part} is not well-formed XML: {exc}")
                for match in _INSTRUCTION.finditer(data):
                    field = match.group(1) if match.group(1) is not None else match.group(2)
                    if not _FIELD.fullmatch(field):
                        found.append(f"a field partnerkit does not write: {field[:80]!r}")
                found += [f"a link out of the file: {x[:120]!r}" for x in _EXTERNAL.findall(data)]
    except (zipfile.BadZipFile, UnicodeDecodeError) as exc:
        found.append(f"not a Word file: {exc}")
    return [f"{problem} (in {name})" for problem in found]


def _strings(path: Path) -> str:
    """Every text value of a file, as pages show them (control characters replaced)."""
    import yaml

    from partnerkit.support.sanitize import document

    def walk(node: object) -> list[str]:
        if isinstance(node, dict):
            return [x for k, v in node.items() for x in (*walk(k), *walk(v))]
        if isinstance(node, list):
            return [x for v in node for x in walk(v)]
        return [str(node)]

    try:
        data = yaml.load(path.read_bytes(), Loader=yaml.BaseLoader)  # every scalar a string
        return "\n".join(document(x) for x in walk(data))
    except (yaml.YAMLError, RecursionError, ValueError):
        return ""


def site_problems(root: Path, inputs: list[Path]) -> list[str]:
    """Every problem of the site built in `root` from the files `inputs`."""
    if not root.is_dir():
        return []
    given = "\n".join(_strings(p) for p in inputs)
    templates = _templates()
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            found.append(f"{path.relative_to(root)}: a symbolic link")
        elif path.suffix == ".html":
            found += page_problems(path, root, given, templates)
        elif path.suffix == ".docx":
            found += word_problems(path, path.relative_to(root).as_posix())
        elif path.suffix == ".ics":
            found += calendar_problems(path.read_bytes(), path.relative_to(root).as_posix())
    return found

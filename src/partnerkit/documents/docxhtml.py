"""The rendered HTML of a document as a small tree, for the Word builder to walk.

The DOCX of a template is made from the same HTML the browser shows, so a document says
the same words in every format. Only the body is kept; `<style>`, `<script>`, `<svg>` and
the like are dropped with everything inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIP = frozenset({"head", "style", "script", "svg", "template", "noscript", "iframe", "object"})
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "wbr", "source", "area"})
BLOCK = frozenset(
    {
        "p", "div", "section", "header", "main", "article", "aside", "nav", "ul", "ol", "li",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
        "h6", "blockquote", "pre", "footer", "dl", "dt", "dd", "figure", "figcaption", "hr",
        "body", "html", "caption", "details", "summary", "form", "fieldset",
    }
)  # fmt: skip
MAX_DEPTH = 200


@dataclass
class Node:
    """An element (tag and attributes) or, with `tag` empty, a run of text."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def has(self, cls: str) -> bool:
        return cls in self.classes

    def plain(self) -> str:
        """All the text inside, whitespace folded."""
        return " ".join(self.raw_text().split())

    def raw_text(self) -> str:
        if not self.tag:
            return self.text
        return "".join(c.raw_text() for c in self.children)

    def find(self, tag: str) -> Node | None:
        """The first element with this tag, depth first."""
        for c in self.children:
            if c.tag == tag:
                return c
            hit = c.find(tag)
            if hit is not None:
                return hit
        return None

    def find_class(self, cls: str) -> Node | None:
        """The first element with this class, depth first."""
        for c in self.children:
            if c.has(cls):
                return c
            hit = c.find_class(cls)
            if hit is not None:
                return hit
        return None

    def is_block(self) -> bool:
        return self.tag in BLOCK


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in SKIP:
            self.skipping += 0 if tag in VOID else 1
            return
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in SKIP:
            self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag not in VOID:
                self.skipping -= 1
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping and data:
            self.stack[-1].children.append(Node("", text=data))


def parse(html: str) -> Node:
    """The document's `<body>` (or everything, for a fragment) as a tree."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    body = builder.root.find("body")
    return body if body is not None else builder.root


_WIDTH = re.compile(r"width\s*:\s*([\d.]+)%")


def width_share(node: Node) -> float | None:
    """A cell's `style="width:24%"` as 0.24, or None."""
    match = _WIDTH.search(node.attrs.get("style", ""))
    if not match:
        return None
    try:
        share = float(match.group(1)) / 100
    except ValueError:
        return None
    return share if 0 < share < 1 else None

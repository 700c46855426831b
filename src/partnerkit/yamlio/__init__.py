"""YAML with positions, and without PyYAML's silent traps.

`parse()` composes the document once with the C parser where available, keeps the
node tree (it carries line and column marks), and builds plain Python data from it
with our own small constructor:

- only `true`/`false` are booleans (YAML 1.2): `no`, `on`, `off`, `yes` stay text;
- `010` and `1:30` stay text (no octal or base-60 numbers);
- a repeated key is refused, naming where the first one is;
- one document, a mapping at the top, no custom tags, no merge keys;
- alias expansion ("billion laughs") and deep nesting are refused before they cost
  anything; an impossible date such as 2026-02-30 is a located problem.

Mapping keys are kept as their source text, so a key `on:` stays `on`.

The modules, bottom up: `problems` (a located problem, and PyYAML's errors as one),
`composer` (the C parser with the YAML 1.2 resolver), `positions` (line and column of
a node or of a path into the document), `guards` (nesting and alias limits checked
before building), `build` (nodes to data), `parse` (the whole of it) and `traps` (what a
comma or colon in unquoted text did, in plain words, with the line rewritten).
"""

from partnerkit.yamlio.build import MAX_SAME_PROBLEM
from partnerkit.yamlio.parse import Document, parse
from partnerkit.yamlio.positions import locate, value_position
from partnerkit.yamlio.problems import Problem, YamlProblems

__all__ = [
    "MAX_SAME_PROBLEM",
    "Document",
    "Problem",
    "YamlProblems",
    "locate",
    "parse",
    "value_position",
]

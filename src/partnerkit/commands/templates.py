"""`partnerkit templates`: the document templates, and what a template can use."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from partnerkit.commands import options
from partnerkit.commands.common import configure
from partnerkit.commands.options import option
from partnerkit.support.errors import UsageError
from partnerkit.support.sanitize import printable


@dataclass(frozen=True)
class TemplatesOptions:
    """Everything `templates` can be asked."""

    templates: Path | None = option(metavar="FOLDER", help="Folder of your own templates.")
    config: Path | None = options.config()
    no_config: bool = options.no_config()


VARIABLES = """\
Variables every template receives:
  p           the validated partnership, fields as in the file: p.title, p.value.goals, ...
  partners    partners by id: partners['riverside'].name
  readiness   readiness.overall (0-100), readiness.band, readiness.readiness (per C: .c, .score,
              .evidence with .name/.held/.advice), readiness.actions (next actions)
  questions   the ten questions: .number, .text, .where, .status (answered|partial|missing), .detail
  health      per C: .c, .latest, .previous, .trend, .spread, .reading, .series (every rated
              review, oldest first); readiness.stale: the latest ratings are over two cycles old
  roi         the ROI (or none): .percent, .ratio, .costs, .benefits, .currency, .target,
              .meets_target, .problem, .summary()
  agenda      the next review's agenda: .meeting (none when no date is set), .since,
              .horizon, and lists in plain words:
              .wins, .changed, .follow_up, .ratings, .late, .behind, .decisions
  measured    per criterion name, its measured values oldest first
  actions     next actions, most urgent first: .text (plain words), .section, .kind, .date
  reviews     review history oldest first: .review, .ratings (per C), .spreads (per C)
  findings    every finding of the rules for this file: .code, .severity, .line, .message
  gaps        the findings of the question, quality and date rules (what keeps it a draft)
  six_cs      the six C's in order
  progress    per success criterion: .name, .share (0-100 from baseline to target), .status
              (met | on track | in progress | behind | missed | not measured)
  doc         .source, .sha256, .sha_short, .template, .format, .draft, .final, .date (or none),
              .paper (a4|letter), .version
  today       the date the file is judged by
  selection   the candidates compared (none without candidates): .weights (criterion -> share
              of 100), .standings best first (.name, .total, .rank, .points, .unscored, .leads,
              .lags, .candidate), .winners, .margin, .robust, .shifts
  facts       what the document may state about the record, the same in every format:
              .status (In force, Awaiting the signature of X, Ended on D, ...), .in_force,
              .draft, .open_points, .changed (sections changed since the signatures),
              .conformed_copy, .points_intro(noun), and .signing, one per partner: .party,
              .name, .state (current | earlier | previous term | unrecorded | not signed),
              .conformed (print "/s/" only then), .signature (.by, .title, .date),
              .signatory, .signatory_title, .note (the sentence under a blank line)
  open_points the same as facts.open_points
  st          the standard terms the agreement is made under (none for a file signed without
              naming them): .name, .version, .title, .label, .caution, .sections (each
              .title and .clauses: .key, .title, .purpose, .text)
  cover       the cover page: .rows (label and value of each variable the standard terms
              refer to, such as Liability Cap or Venue), .changes (the partners' other changes)
  terms_fingerprint
              the 12-character fingerprint of the agreed content (what `partnerkit sign`
              records in `signed.terms`); print it so a signed copy can be matched to the file
Filters: longdate (15 January 2026), rating (4, 4.5: a Six-C rating as every view shows it),
  shortdate (15 Jan 2026), longdates (every YYYY-MM-DD
  in a text as 15 January 2026), num (24,000), pct (62.4 as 62),
  money (amount | money(currency): USD 24,000),
  withunit (value | withunit(unit): 62%, 12 weeks),
  md (escape for Markdown), mdcode (a Markdown code span),
  mdmsg (a message for Markdown, `names` as code spans),
  ticks (the same for HTML: escaped, `names` as <code>),
  css_string (a quoted, escaped CSS string), title_c (commitment → Commitment),
  article (a vendor, an internal), andjoin (A, B and C), items ((a) X; (b) Y; and (c) Z),
  role_phrase (the lead partner, a provider), statuswords (active → In force),
  plain (advice with the file's key names as words),
  health_level (a rating's colour: good, warn, bad or none),
  sparkline (▁▃▅█ from a series), sparksvg (the same as a small inline SVG chart),
  sensitivity (selection | sensitivity: does a 10-point weight change alter the winner),
  break_even (selection | break_even: the weight of each criterion at which the winner changes).
Templates run in Jinja's sandbox; an undefined variable is an error naming the template line,
and so is a template that runs over 30 s or writes over 50 million characters.
"""


def run_templates(opts: TemplatesOptions) -> int:
    from partnerkit.documents.templates import builtin_dir, list_templates

    config = configure(opts.config, no_config=opts.no_config)
    user_dir = opts.templates or config.templates
    if user_dir is not None and not user_dir.is_dir():
        raise UsageError(f"templates folder {user_dir}: no such folder")
    out = sys.stdout
    out.write(f"Built-in templates: {builtin_dir()}\n")
    if user_dir:
        out.write(f"Your templates:     {printable(user_dir)}\n")
    out.write("\n")
    infos = list_templates(user_dir)
    width = max((len(t.name) for t in infos), default=8)
    kinds = max((len("/".join(t.formats)) for t in infos), default=7)
    for t in infos:
        origin = "" if t.origin == "built-in" else f"  [{t.origin}]"
        about = printable(t.description)  # a user template's own words
        out.write(f"  {t.name:<{width}}  {'/'.join(t.formats):<{kinds}}  {about}{origin}\n")
    out.write(
        "\nA template NAME is rendered from NAME.md.j2 or NAME.html.j2; PDF prints the HTML,\n"
        "and Word (DOCX) is built from it unless your folder has a Word template NAME.docx.\n"
    )
    out.write(
        "Put your own in the folder of `templates` in partnerkit.toml, or pass --templates DIR;\n"
    )
    out.write("one with a built-in's name replaces it.\n\n")
    out.write(VARIABLES)
    return 0

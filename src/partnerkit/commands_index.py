"""The commands and their one-line summaries: the source of both `--help` listings.

`partnerkit --help` is printed from here without importing Typer, so that it starts
as fast as `--version`; the Typer app takes each command's help from here too.
"""

from __future__ import annotations

import textwrap

from partnerkit import __version__

ABOUT = (
    "Learning-and-development partnerships as code: check, score, review and render "
    "partnership files kept in git."
)

COMMANDS: dict[str, str] = {
    "init": "Start a partnership file that teaches the format, or set up a repository.",
    "check": "Validate partnership files and report every problem as path:line:col.",
    "score": "Show Six-C readiness, health, the ten questions and the next actions.",
    "assess": "Compare candidate partners: weighted scores, ranks, leads, lags, sensitivity.",
    "choose": "Make an assessed candidate a partner and mark the partnership proposed.",
    "sign": "Sign the agreement, or its pending amendment, for one partner.",
    "amend": "Record an amendment of the agreed sections changed since signature.",
    "renew": "Start a new term: keep the old one in previous_terms, clear signatures.",
    "diff": "Show what changed in the agreed content between two versions.",
    "review": "Show the portfolio dashboard, or one partnership in detail.",
    "calendar": "Export next reviews, due dates and period ends as an iCalendar file.",
    "render": "Render agreement documents (Markdown, HTML, PDF, Word) from partnership files.",
    "agenda": (
        "Write the next review meeting's agenda for the steering group (md, html, pdf, docx)."
    ),
    "verify": "Match a PDF partnerkit printed to its partnership file: source, terms, signatures.",
    "site": "Build the portfolio as a static website: dashboard, pages, documents, forms.",
    "form": "Write a rating sheet (CSV) for each partner to rate the Six C's before a review.",
    "record": "Record a review: ratings from a filled sheet, wins, concerns, adjustments.",
    "add": "Add a deliverable, cost, payment, criterion, stakeholder, candidate or attendee.",
    "measure": "Record evaluation results (CSV: criterion,date,value) and update current values.",
    "terms": "Print a set of standard terms for counsel's review (md, html, pdf, docx).",
    "templates": "List document templates and the variables they receive.",
    "rules": "List the rules, or explain one: why it matters and how to fix it.",
    "schema": "Print the JSON Schema of the partnership format, for editors and tools.",
}

DECLARED: dict[str, str] = {
    "init": "partnerkit.commands.init:InitOptions:run_init",
    "check": "partnerkit.commands.check:CheckOptions:run_check",
    "score": "partnerkit.commands.score:ScoreOptions:run_score",
    "review": "partnerkit.commands.review:ReviewOptions:run_review",
    "calendar": "partnerkit.commands.calendar:CalendarOptions:run_calendar",
    "render": "partnerkit.commands.render:RenderOptions:run_render",
    "agenda": "partnerkit.commands.agenda:AgendaOptions:run_agenda",
    "verify": "partnerkit.commands.verify:VerifyOptions:run_verify",
    "site": "partnerkit.commands.site:SiteOptions:run_site",
    "form": "partnerkit.commands.cycle:FormOptions:run_form",
    "record": "partnerkit.commands.cycle:RecordOptions:run_record",
    "add": "partnerkit.commands.add:AddOptions:run_add",
    "measure": "partnerkit.commands.cycle:MeasureOptions:run_measure",
    "templates": "partnerkit.commands.templates:TemplatesOptions:run_templates",
    "terms": "partnerkit.commands.terms:TermsOptions:run_terms",
    "rules": "partnerkit.commands.rules:RulesOptions:run_rules",
    "schema": "partnerkit.commands.schema:SchemaOptions:run_schema",
    "assess": "partnerkit.commands.assess:AssessOptions:run_assess",
    "choose": "partnerkit.commands.choose:ChooseOptions:run_choose",
    "sign": "partnerkit.commands.lifecycle:SignOptions:run_sign",
    "amend": "partnerkit.commands.lifecycle:AmendOptions:run_amend",
    "renew": "partnerkit.commands.lifecycle:RenewOptions:run_renew",
    "diff": "partnerkit.commands.lifecycle:DiffOptions:run_diff",
}
"""Commands whose options are declared once (`commands.options`): `module:Options:run`."""


def top_level_help() -> str:
    width = max(map(len, COMMANDS))
    lines = [
        "Usage: partnerkit [OPTIONS] COMMAND [ARGS]...",
        "",
        *textwrap.wrap(ABOUT, 78, initial_indent="  ", subsequent_indent="  "),
        "",
        "Options:",
        "  --version                     Show the version.",
        "  --install-completion [SHELL]  Install completion (bash, zsh, fish; default: this one).",
        "  --show-completion [SHELL]     Print the completion script for SHELL (or this one).",
        "  -h, --help                    Show this message and exit.",
        "",
        "Commands:",
        *(f"  {name:<{width}}  {summary}" for name, summary in COMMANDS.items()),
        "",
        f"Run `partnerkit COMMAND --help` for a command's options. (partnerkit {__version__})",
    ]
    return "\n".join(lines) + "\n"

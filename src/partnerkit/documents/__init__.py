"""Documents made from a partnership, for the people who sign and run it.

- `render`: what a template receives (the context) and the rendered text; `templates`
  (built-in and the user's, and the sandbox they run in) and `filters` (what a
  template prints);
- the agreement's wording, decided once for every format: `clauses` (assembles it),
  `clauses_text` (the agreement), `clauses_mou` (the MOU) and `phrasing` (what they
  share); what a document states about signatures, status and open points is
  `check.record`'s, never a template's own reading of the file;
- other documents: `agenda` (the next review meeting), `sheets` (rating sheets in
  and out), `ics` (calendar), `redline` (changes against an earlier version);
- Word: `docxout` (the entry: from HTML or the user's template), `docxbuild` (walks
  the HTML), `docxparts` (tables, signatures, boxes), `docxsink`, `docxhtml`,
  `docxstyle` (page, styles, numbering);
- PDF: `pdf` (HTML to PDF with WeasyPrint: shipped fonts, nothing from outside, many
  at once), `pdfmeta` (what a PDF carries beside its pages: metadata, the attached
  source, PDF/A and PDF/UA marks, read back by `verify`).

Imports `check`, `format`, `yamlio` and `support`.
"""

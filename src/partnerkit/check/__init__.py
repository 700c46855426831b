"""From a file to its verdict: one pass per file, shared by every command.

In the order of the pass (`pipeline` runs it, `support.parallel` spreads it over
processes):

- finding what to check: `files` (files and folders), `config` (`partnerkit.toml`),
  `codes` (codes as users write them in `--select`, `[severity]`, suppressions);
- loading: `loader` (a file to a validated model, or located findings) and
  `validation` (schema errors and cross-references as PK1xx/PK2xx findings);
- what rules read from a valid model besides `judge/` and `history/` (the signed
  terms, what changed, earlier versions from git): `record` (what documents and commands
  state about signatures, status and open points) with `openpoints`, and `unsigned`
  (PK520 at the sections changed since the signature);
- judging: `rules/` (one declared unit per code), the score from `judge.scoring`,
  `events` (dated items for the calendar);
- finishing: `suppress` (in-file suppressions), then severities from the configuration;
- the result, the only thing reporters and commands read: `finding` (one record per
  problem), `result` (one file's frozen result, a run's report), `portfolio` (rows
  and the summary of many files).

Imports `history`, `judge`, `format`, `yamlio` and `support`.
"""

"""Judging a partnership from its valid model: what it is worth, what to do next.

Apart from `check/`, which turns a file into findings, these modules weigh what a
valid file says; `check`'s pass, the rules, documents and reporters call them:

- what the judgements read: `facts` (dates, ratings, progress of criteria), `questions`
  (the ten questions), `legal` (what an agreement of each kind needs), `consistency`
  with `money`, `clash` and `names` (where the file contradicts itself), `stages` (the
  gaps that matter at each stage);
- the judgements: `scoring` (readiness and health) with `actions` (the next actions),
  `roi` (return on investment as Phillips defines it), `selection` (weighing candidate
  partners);
- the record they leave: `digest` (one file's score, frozen, as `check` carries it).

Imports `format`, `yamlio` and `support`.
"""

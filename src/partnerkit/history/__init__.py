"""A partnership's history: what its signatures commit to and what changed since.

- `fingerprint`: the terms fingerprint, from the agreed content by section;
- `changes`: what changed in the agreed content between two versions (`compare`);
- `git`: earlier versions read from git, the last fully signed one, and `changed_since`,
  the one answer to "what changed since the signature".
"""

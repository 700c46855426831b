"""Hypothesis: no input, however strange, produces a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerkit.check.loader import load_bytes

from conftest import EXAMPLES

SEED = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
YAMLISH = st.sampled_from([*":-[]{}&*!|>'\"#%@`,?\n\t ", "yes", "no", "2026-02-30", "<<", "---"])


def _check(raw: bytes) -> None:
    result = load_bytes(raw, "fuzz.yaml")
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.code.startswith("PK")
        assert finding.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(SEED)), st.lists(YAMLISH, max_size=6), st.integers(0, 40))
def test_mutated_partnership(at: int, insert: list[str], cut: int) -> None:
    text = SEED[:at] + "".join(insert) + SEED[at + cut :]
    _check(text.encode("utf-8"))

"""Results cross process boundaries as their class and field values, unchanged."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from dataclasses import replace

from partnerkit.check.config import Config
from partnerkit.check.finding import Finding, Severity
from partnerkit.check.pipeline import Keep, examine

from conftest import EXAMPLES, TODAY


def test_a_full_result_comes_back_from_pickle_equal() -> None:
    keep = Keep.SCORE | Keep.ACTIONS | Keep.FACTS | Keep.EVENTS
    for path in sorted(EXAMPLES.glob("*.yaml")):
        draft = examine(path, Config(), dt.date.fromisoformat(TODAY), keep)
        back = pickle.loads(pickle.dumps(draft, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == draft
        assert back.result.score == draft.result.score and back.result.events == draft.result.events


def test_a_record_keeps_its_slots_and_copies() -> None:
    finding = Finding("p.yaml", 3, 5, "PK402", Severity.WARNING, "a message", "success")
    assert not hasattr(finding, "__dict__")
    assert pickle.loads(pickle.dumps(finding)) == finding
    assert copy.copy(finding) == finding and copy.deepcopy(finding) == finding
    assert replace(finding, line=4).line == 4
    assert pickle.loads(pickle.dumps(finding)).severity is Severity.WARNING

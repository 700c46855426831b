"""Suppression comments, exactly: where each is, which findings it covers, and the
PK120 a user sees for one that covers nothing."""

from __future__ import annotations

from partnerkit.check.finding import Finding, Severity
from partnerkit.check.suppress import Suppression, apply_suppressions, parse_suppressions


def finding(line: int, code: str, column: int = 3) -> Finding:
    return Finding("p.yaml", line, column, code, Severity.WARNING, f"{code} here")


def shown(findings: list[Finding]) -> list[str]:
    return [f"{f.line}:{f.column} {f.code} {f.message}" for f in findings]


def test_comments_are_read_with_their_position_and_codes() -> None:
    text = (
        "a: 1  # partnerkit: ignore[pk401, PK402 ,]\r\n"
        "b: 2 #partnerkit:ignore\n"
        "# partnerkit: ignore-file[PK503]\r"
        "c: 'no # partnerkit here'\n"
        "d: 3  # partnerkit: ignored[PK401]\n"
        "e: 4  # partnerkit: ignore[]\n"
    )
    assert parse_suppressions(text) == (
        Suppression(1, 7, False, frozenset({"PK401", "PK402"})),
        Suppression(2, 6, False, frozenset()),
        Suppression(3, 1, True, frozenset({"PK503"})),
        Suppression(6, 7, False, frozenset()),
    )


def test_no_comment_no_suppression() -> None:
    assert parse_suppressions("a: 1\nb: ignore this\n") == ()
    assert parse_suppressions("a: 1  # ignore[PK401]\n") == ()


def test_a_line_comment_covers_its_line_and_codes_only() -> None:
    s = Suppression(4, 9, False, frozenset({"PK401"}))
    assert s.covers(finding(4, "PK401"))
    assert not s.covers(finding(5, "PK401"))
    assert not s.covers(finding(3, "PK401"))
    assert not s.covers(finding(4, "PK402"))
    every = Suppression(4, 9, False, frozenset())
    assert every.covers(finding(4, "PK402")) and not every.covers(finding(5, "PK402"))


def test_a_file_comment_covers_every_line() -> None:
    s = Suppression(1, 1, True, frozenset({"PK401"}))
    assert s.covers(finding(90, "PK401")) and not s.covers(finding(90, "PK402"))


def test_suppressed_findings_go_and_the_rest_stay_in_order() -> None:
    findings = [finding(4, "PK401"), finding(4, "PK402"), finding(5, "PK401")]
    kept = apply_suppressions(findings, (Suppression(4, 9, False, frozenset({"PK401"})),), "p.yaml")
    assert kept == [finding(4, "PK402"), finding(5, "PK401")]


def test_without_suppressions_the_findings_are_returned_as_they_are() -> None:
    findings = [finding(4, "PK401")]
    assert apply_suppressions(findings, (), "p.yaml") is findings


def test_an_unused_code_is_reported_at_the_comment() -> None:
    s = Suppression(4, 9, False, frozenset({"PK401", "PK406", "PK402"}))
    kept = apply_suppressions([finding(4, "PK401")], (s,), "p.yaml")
    assert [(f.path, f.severity) for f in kept] == [("p.yaml", Severity.WARNING)] * 2
    assert shown(kept) == [
        "4:9 PK120 unused suppression: nothing here is reported as PK402; "
        "remove it from the comment",
        "4:9 PK120 unused suppression: nothing here is reported as PK406; "
        "remove it from the comment",
    ]


def test_a_bare_comment_that_covers_nothing_is_reported_once() -> None:
    kept = apply_suppressions([finding(5, "PK401")], (Suppression(4, 9, False, frozenset()),), "x")
    assert shown(kept) == [
        "5:3 PK401 PK401 here",
        "4:9 PK120 unused suppression: nothing here is reported as any finding; "
        "remove it from the comment",
    ]
    used = apply_suppressions([finding(4, "PK401")], (Suppression(4, 9, False, frozenset()),), "x")
    assert used == []


def test_broken_file_and_reference_errors_are_never_hidden() -> None:
    findings = [finding(4, "PK201"), finding(4, "PK103"), finding(4, "PK401")]
    s = Suppression(4, 9, False, frozenset({"PK201", "PK401"}))
    kept = apply_suppressions(findings, (s,), "p.yaml")
    assert shown(kept) == [
        "4:3 PK201 PK201 here",
        "4:3 PK103 PK103 here",
        "4:9 PK120 unused suppression: PK201 cannot be suppressed: broken YAML, schema and "
        "reference problems always count; remove it from the comment",
    ]
    bare = apply_suppressions(findings[:2], (Suppression(4, 9, False, frozenset()),), "p.yaml")
    assert [f.code for f in bare] == ["PK201", "PK103", "PK120"]


def test_the_first_covering_comment_is_the_one_used() -> None:
    first = Suppression(1, 1, True, frozenset({"PK401"}))
    second = Suppression(4, 9, False, frozenset({"PK401"}))
    kept = apply_suppressions([finding(4, "PK401")], (first, second), "p.yaml")
    assert shown(kept) == [
        "4:9 PK120 unused suppression: nothing here is reported as PK401; "
        "remove it from the comment",
    ]


def test_codes_switched_off_do_not_make_a_comment_unused() -> None:
    s = Suppression(4, 9, False, frozenset({"PK401", "PK402"}))
    kept = apply_suppressions([], (s,), "p.yaml", enabled=lambda code: code != "PK402")
    assert shown(kept) == [
        "4:9 PK120 unused suppression: nothing here is reported as PK401; "
        "remove it from the comment",
    ]
    quiet = apply_suppressions(
        [finding(4, "PK401"), finding(6, "PK402")], (s,), "p.yaml", lambda c: c != "PK120"
    )
    assert quiet == [finding(6, "PK402")]


def test_unused_suppressions_are_listed_up_to_fifty_then_counted() -> None:
    def unused(n: int) -> list[Finding]:
        comments = tuple(Suppression(i, 9, False, frozenset({"PK401"})) for i in range(1, n + 1))
        return apply_suppressions([], comments, "p.yaml")

    assert [f.line for f in unused(50)] == list(range(1, 51))
    assert all("more unused" not in f.message for f in unused(50))
    over = unused(52)
    assert [f.line for f in over] == [*range(1, 51), 51]
    assert over[-1].message == (
        "… and 2 more unused suppressions from here on (not listed); "
        "remove the suppression comments that suppress nothing"
    )

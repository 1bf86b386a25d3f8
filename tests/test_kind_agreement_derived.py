"""The `agreement` and `derived` claim kinds: on the seeds, on bad input, and the parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck.models import Outcome, Verdict
from claimcheck.verification.kinds.derived import Expr, parse_expr

S, C, _ = Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.SILENT

BASE = """\
sources: [../seeds/*.txt]
claims:
  - id: total
    about: [Met, armed]
    expect: "== 2800"
  - id: uplift
    about: [[Met, Metropolitan], [armed, firearms]]
    role: change
    expect: "== 600"
"""


def run(seeded: pytest.Pytester, extra: str) -> claimcheck.Report:
    seeded.mkdir("claims")
    (seeded.path / "claims" / "k.yaml").write_text(BASE + extra, encoding="utf-8")
    return claimcheck.verify(seeded.path / "claims")


def result(report: claimcheck.Report, claim_id: str) -> claimcheck.ClaimResult:
    return next(c for c in report.claims if c.id == claim_id)


def verdicts(report: claimcheck.Report, claim_id: str) -> list[Verdict]:
    return [v.verdict for v in result(report, claim_id).sources]


def test_agreement_on_the_uplift_and_on_the_total(seeded: pytest.Pytester) -> None:
    report = run(
        seeded,
        "  - id: uplift-agrees\n"
        "    about: [[Met, Metropolitan], [armed, firearms]]\n"
        "    role: change\n"
        "    expect: consistent\n"
        "  - id: total-agrees\n"
        "    about: [armed, officers]\n"
        "    expect: consistent\n"
        "    sources: ['00[0-3]*']\n",
    )
    assert result(report, "uplift-agrees").outcome is Outcome.PASSED
    assert verdicts(report, "uplift-agrees") == [S, S, S, S, _]
    total = result(report, "total-agrees")
    assert total.outcome is Outcome.PASSED
    assert verdicts(report, "total-agrees") == [S, S, _, S]
    assert {v.evidence.value for v in total.sources if v.evidence} == {2800}


def test_disagreement_groups_sources_by_value(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "a.txt").write_text("The depot holds 2,800 widgets.\n")
    (tmp_path / "b.txt").write_text("The depot now holds 2,800 widgets.\n")
    (tmp_path / "c.txt").write_text("The depot holds 3,100 widgets.\n")
    (tmp_path / "d.txt").write_text("Nothing to see here.\n")
    (tmp_path / "k.yaml").write_text(
        "sources: ['*.txt']\nclaims:\n  - id: agree\n    about: [depot, widgets]\n    expect: consistent\n"
    )
    report = claimcheck.verify(tmp_path / "k.yaml")
    agree = result(report, "agree")
    assert agree.outcome is Outcome.FAILED
    assert [v.verdict for v in agree.sources] == [S, S, C, _]
    contradiction = agree.sources[2]
    assert "2,800: a.txt, b.txt; 3,100: c.txt" in contradiction.reason
    # within a tolerance the same sources agree
    (tmp_path / "k.yaml").write_text(
        "sources: ['*.txt']\nclaims:\n  - id: agree\n    about: [depot, widgets]\n"
        "    expect: consistent\n    tolerance: 15%\n"
    )
    assert result(claimcheck.verify(tmp_path / "k.yaml"), "agree").outcome is Outcome.PASSED


def test_derived_pre_uplift_total_and_share(seeded: pytest.Pytester) -> None:
    report = run(
        seeded,
        "  - id: before\n"
        '    expr: "total - uplift"\n'
        '    expect: "== 2200"\n'
        "  - id: share\n"
        '    expr: "uplift / (total - uplift)"\n'
        '    expect: "> 25%"\n'
        "  - id: wrong\n"
        '    expr: "total - uplift"\n'
        '    expect: "== 2000"\n',
    )
    before = result(report, "before")
    assert before.outcome is Outcome.PASSED
    assert verdicts(report, "before") == [S, S, _, S, _]
    assert before.sources[0].evidence is not None and before.sources[0].evidence.value == 2200
    assert "2800 - 600 = 2200" in before.sources[0].reason
    share = result(report, "share")
    assert share.outcome is Outcome.PASSED
    assert share.sources[0].evidence is not None
    assert share.sources[0].evidence.value == pytest.approx(600 / 2200 * 100)
    assert result(report, "wrong").outcome is Outcome.FAILED
    assert verdicts(report, "wrong") == [C, C, _, C, _]


@pytest.mark.parametrize(
    ("entry", "where", "message"),
    [
        ('    expr: "nope + uplift"\n    expect: "== 1"\n', "k.yaml:10:5", "names unknown claim(s): nope"),
        ('    expr: "uplift / (uplift - uplift)"\n    expect: "== 1"\n', "k.yaml:10:5", "divides by zero"),
        (
            '    expr: "uplift + * 2"\n    expect: "== 1"\n',
            "k.yaml:11:11",
            "`*` where a number or a claim id",
        ),
        ('    expr: "total-uplift"\n    expect: "== 1"\n', "k.yaml:10:5", "unknown claim(s): total-uplift"),
    ],
    ids=["unknown-id", "division-by-zero", "syntax", "minus-without-spaces"],
)
def test_bad_expressions_fail_alone_with_a_location(
    seeded: pytest.Pytester, entry: str, where: str, message: str
) -> None:
    seeded.makefile(".yaml", **{"claims/k": BASE + "  - id: bad\n" + entry})
    out = seeded.runpytest("claims/")
    out.assert_outcomes(passed=2, failed=1)
    out.stdout.fnmatch_lines([f"*{where}*{message}*"])


def test_a_cycle_is_an_error_on_each_member(seeded: pytest.Pytester) -> None:
    seeded.makefile(
        ".yaml",
        **{
            "claims/k": BASE
            + '  - id: a\n    expr: "b + 1"\n    expect: "== 1"\n'
            + '  - id: b\n    expr: "a + 1"\n    expect: "== 1"\n'
        },
    )
    out = seeded.runpytest("claims/")
    out.assert_outcomes(passed=2, failed=2)
    out.stdout.fnmatch_lines(["*k.yaml:10:5: `expr` forms a cycle: a -> b -> a*"])


# --- the expression parser -----------------------------------------------------------------------

numbers = st.integers(min_value=0, max_value=10_000)


def trees() -> st.SearchStrategy[tuple[str, float]]:
    leaf = numbers.map(lambda n: (str(n), float(n)))

    def combine(children: st.SearchStrategy[tuple[str, float]]) -> st.SearchStrategy[tuple[str, float]]:
        def build(args: tuple[tuple[str, float], str, tuple[str, float]]) -> tuple[str, float]:
            (a, x), op, (b, y) = args
            value = {"+": x + y, "-": x - y, "*": x * y}[op]
            return f"({a} {op} {b})", value

        return st.tuples(children, st.sampled_from("+-*"), children).map(build)

    return st.recursive(leaf, combine, max_leaves=8)


@given(trees())
def test_parser_reads_arithmetic_back(tree: tuple[str, float]) -> None:
    text, value = tree
    assert parse_expr(text).value({}) == value


def test_parser_precedence_ids_and_percent() -> None:
    expr = parse_expr("a-b - c / 2 * 4 + 50%")
    assert expr.refs() == ["a-b", "c"]
    assert expr.value({"a-b": 10, "c": 1}) == pytest.approx(10 - 2 + 0.5)
    assert isinstance(expr, Expr)
    with pytest.raises(ValueError, match="never closed"):
        parse_expr("(a + b")
    with pytest.raises(ValueError, match="empty"):
        parse_expr("  ")

"""The claim-file mini languages: expectations, tolerances, quantifiers, subjects, statements."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.claims import grammar
from claimcheck.claims.grammar import (
    normalise_unit,
    parse_expectation,
    parse_quantifier,
    parse_statement,
    parse_tolerance,
    slugify,
    subject_terms,
)
from claimcheck.errors import ExpectationSyntaxError
from claimcheck.models import Quantifier, Role, Tolerance

# ---------------------------------------------------------------------------------------------
# Expectations


@pytest.mark.parametrize(
    ("text", "op", "value", "high", "unit"),
    [
        ("== 600", "==", 600, None, None),
        ("!= 3000", "!=", 3000, None, None),
        (">= 2000", ">=", 2000, None, None),
        ("<= 5", "<=", 5, None, None),
        ("> 25%", ">", 25, None, "%"),
        ("< 5%", "<", 5, None, "%"),
        ("~= 2800", "~=", 2800, None, None),
        ("between 2700 and 2900", "between", 2700, 2900, None),
        ("== 2,800", "==", 2800, None, None),
        ("== 1,234,567.5", "==", 1234567.5, None, None),
        ("== £9.21", "==", 9.21, None, "GBP"),
        ("== 9.21 GBP", "==", 9.21, None, "GBP"),
        ("== $5", "==", 5, None, "USD"),
        ("== €5", "==", 5, None, "EUR"),
        ("== 5 usd", "==", 5, None, "USD"),
        ("== 5.3 per cent", "==", 5.3, None, "%"),
        ("== 5.3 percent", "==", 5.3, None, "%"),
        ("== 62 km", "==", 62, None, "km"),
        ("== 62 miles", "==", 62, None, "mi"),
        ("== 600 Officers", "==", 600, None, "officers"),
        ("== £1.2 billion", "==", 1.2e9, None, "GBP"),
        ("== -5", "==", -5, None, None),
        ("==2800", "==", 2800, None, None),
        ("between 5 and 7%", "between", 5, 7, "%"),
        ("between 5 and 5", "between", 5, 5, None),
        ("≥ 5", ">=", 5, None, None),
    ],
)
def test_parse_expectation(text: str, op: str, value: float, high: float | None, unit: str | None) -> None:
    expectation = parse_expectation(text)
    assert expectation.op == op
    assert expectation.value == pytest.approx(value)
    assert expectation.high == (None if high is None else pytest.approx(high))
    assert expectation.unit == unit


def test_expectation_text_is_the_input_with_whitespace_collapsed() -> None:
    assert parse_expectation("  ==   2,800 ").text == "== 2,800"
    assert parse_expectation("==2800").text == "== 2800"
    assert parse_expectation("between  1 and 2").text == "between 1 and 2"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("", "empty", "`== 2800`"),
        ("2800", "no operator", "`== 2800`"),
        ("= 2800", "not an operator", "did you mean `== 2800`?"),
        ("=> 5", "not an operator", "did you mean `>= 5`?"),
        ("==", "no number", "`== 2800`"),
        ("== 2,80", "cannot read `2,80`", "digits"),
        ("== five", "cannot read `five`", "digits"),
        ("== 600 armed officers", "at most one unit word", "about:"),
        ("between 9 and 5", "above the upper bound", "`between 5 and 9`"),
        ("between 5% and £7", "different units", "same unit"),
        ("between 5", "not a range", "between <low> and <high>"),
        ("== £5 %", "two units", "digits"),
        ("about 5", "the words `about`, not an operator", "did you mean `~= 5`?"),
        ("At least 5%", "the words `At least`", "did you mean `>= 5%`?"),
        ("no more than £9.21", "the words `no more than`", "did you mean `<= £9.21`?"),
        ("about five", "does not start with an operator", "`between 2700 and 2900`"),
        ("aboutness 5", "does not start with an operator", "`between 2700 and 2900`"),
    ],
)
def test_bad_expectation(text: str, message: str, hint: str) -> None:
    with pytest.raises(ExpectationSyntaxError) as info:
        parse_expectation(text)
    assert message in info.value.message
    assert info.value.hint is not None
    assert hint in info.value.hint
    assert info.value.location is None  # the loader adds it


@given(
    words=st.sampled_from(grammar._OPERATOR_WORDS),
    number=st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    unit=st.sampled_from(["", "%", " km", " per cent"]),
)
def test_an_operator_in_words_suggests_an_expectation_that_parses(
    words: tuple[str, str], number: str, unit: str
) -> None:
    phrase, op = words
    with pytest.raises(ExpectationSyntaxError) as info:
        parse_expectation(f"{phrase.upper()} {number}{unit}")
    hint = info.value.hint or ""
    suggested = re.fullmatch(r"did you mean `(.+)`\?", hint)
    assert suggested is not None, hint
    parsed = parse_expectation(suggested.group(1))
    assert (parsed.op, parsed.value) == (op, float(number.replace(",", "")))


_UNITS = {
    "": None,
    "%": "%",
    " %": "%",
    " per cent": "%",
    " GBP": "GBP",
    " km": "km",
    " miles": "mi",
    " officers": "officers",
}


@given(
    op=st.sampled_from(["==", "!=", ">=", "<=", ">", "<", "~="]),
    integer=st.integers(min_value=0, max_value=10**12),
    decimals=st.none() | st.integers(min_value=0, max_value=999),
    grouped=st.booleans(),
    unit=st.sampled_from(sorted(_UNITS)),
    space=st.sampled_from(["", " ", "  "]),
)
def test_expectation_round_trips(
    op: str, integer: int, decimals: int | None, grouped: bool, unit: str, space: str
) -> None:
    number = f"{integer:,}" if grouped else str(integer)
    if decimals is not None:
        number += f".{decimals:03d}"
    expectation = parse_expectation(f"{op}{space}{number}{unit}")
    assert expectation.op == op
    assert expectation.value == float(number.replace(",", ""))
    assert expectation.unit == _UNITS[unit]


@given(low=st.integers(0, 10**6), width=st.integers(0, 10**6), pound=st.booleans())
def test_between_round_trips(low: int, width: int, pound: bool) -> None:
    sign = "£" if pound else ""
    expectation = parse_expectation(f"between {sign}{low:,} and {sign}{low + width:,}")
    assert (expectation.op, expectation.value, expectation.high) == (
        "between",
        low,
        low + width,
    )
    assert expectation.unit == ("GBP" if pound else None)


@given(st.text(max_size=40))
def test_parse_expectation_raises_only_syntax_errors(text: str) -> None:
    try:
        expectation = parse_expectation(text)
    except ExpectationSyntaxError:
        return
    assert math.isfinite(expectation.value)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("per cent", "%"),
        ("Percent", "%"),
        ("£", "GBP"),
        ("eur", "EUR"),
        ("Miles", "mi"),
    ],
)
def test_normalise_unit(text: str, unit: str) -> None:
    assert normalise_unit(text) == unit


# ---------------------------------------------------------------------------------------------
# Tolerances and quantifiers


@pytest.mark.parametrize(
    ("value", "tolerance"),
    [
        ("5%", Tolerance(amount=0.05, relative=True)),
        ("5 %", Tolerance(amount=0.05, relative=True)),
        ("2.5 per cent", Tolerance(amount=0.025, relative=True)),
        ("±5%", Tolerance(amount=0.05, relative=True)),
        (50, Tolerance(amount=50)),
        (0.5, Tolerance(amount=0.5)),
        ("50", Tolerance(amount=50)),
        ("2,000", Tolerance(amount=2000)),
        (0, Tolerance(amount=0)),
    ],
)
def test_parse_tolerance(value: str | float, tolerance: Tolerance) -> None:
    parsed = parse_tolerance(value)
    assert parsed.relative == tolerance.relative
    assert parsed.amount == pytest.approx(tolerance.amount)


@pytest.mark.parametrize("value", ["-5%", -1, "abc", "5 apples", "", True, float("nan"), [1]])
def test_bad_tolerance(value: object) -> None:
    with pytest.raises(ValueError, match=r"tolerance"):
        parse_tolerance(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "quantifier"),
    [
        ("all", Quantifier(kind="all")),
        ("every", Quantifier(kind="every")),
        ("any", Quantifier(kind="any")),
        ("no", Quantifier(kind="no")),
        ("none", Quantifier(kind="no")),
        ("most", Quantifier(kind="most")),
        ("at least 2", Quantifier(kind="at least", n=2)),
        ("at least 1", Quantifier(kind="at least", n=1)),
        ("all sources", Quantifier(kind="all")),
        ("every source", Quantifier(kind="every")),
        ("any source", Quantifier(kind="any")),
        ("at least 2 sources", Quantifier(kind="at least", n=2)),
        ("at least two sources", Quantifier(kind="at least", n=2)),
        ("none of the sources", Quantifier(kind="no")),
        ("across all sources", Quantifier(kind="all")),
        ("  ALL   Sources ", Quantifier(kind="all")),
    ],
)
def test_parse_quantifier(text: str, quantifier: Quantifier) -> None:
    assert parse_quantifier(text) == quantifier


@pytest.mark.parametrize("text", ["some", "", "at least 0", "at least", "at least many", "2"])
def test_bad_quantifier(text: str) -> None:
    with pytest.raises(ValueError, match=r"quantifier|at least"):
        parse_quantifier(text)


def test_quantifier_str_round_trips() -> None:
    for text in ("all", "every", "any", "no", "most", "at least 3"):
        assert str(parse_quantifier(text)) == text


# ---------------------------------------------------------------------------------------------
# Subjects


@pytest.mark.parametrize(
    ("words", "terms", "role"),
    [
        ("Met armed total after uplift", [["Met"], ["armed"]], Role.TOTAL),
        ("Met armed officers", [["Met"], ["armed"], ["officers"]], None),
        ("Met armed uplift", [["Met"], ["armed"]], Role.CHANGE),
        ("Met armed extra officers", [["Met"], ["armed"], ["officers"]], Role.CHANGE),
        ("Met armed before uplift", [["Met"], ["armed"]], Role.BEFORE),
        ("previous Met armed total", [["Met"], ["armed"]], Role.BEFORE),
        ("Met armed new total", [["Met"], ["armed"]], Role.TOTAL),
        ("new recruits", [["new"], ["recruits"]], None),
        ("Met armed overall", [["Met"], ["armed"]], Role.TOTAL),
        ("budget cuts", [["budget"]], Role.CHANGE),
        (
            "the number of armed officers in London",
            [["armed"], ["officers"], ["London"]],
            None,
        ),
        ("UK, inflation.", [["UK"], ["inflation"]], None),
        (["Met", ["armed", " firearms ", ""]], [["Met"], ["armed", "firearms"]], None),
        (["Met", "armed total"], [["Met"], ["armed"]], Role.TOTAL),
        # An alternatives list is matched as written: never cue words, never stop words.
        (["Met", ["total", "overall"]], [["Met"], ["total", "overall"]], None),
        (["Met", ["the"]], [["Met"], ["the"]], None),
    ],
)
def test_subject_terms(words: str | list[str | list[str]], terms: list[list[str]], role: Role | None) -> None:
    assert subject_terms(words) == (terms, role)


@pytest.mark.parametrize("words", ["", "the total", "before and after", [], [["", " "]], ["of"]])
def test_subject_without_terms(words: str | list[str | list[str]]) -> None:
    with pytest.raises(ValueError, match=r"no subject words"):
        subject_terms(words)


def test_subject_rejects_non_words() -> None:
    with pytest.raises(ValueError, match=r"word"):
        subject_terms(["Met", {"a": 1}])  # type: ignore[list-item]


# ---------------------------------------------------------------------------------------------
# One-line statements


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "Met armed total after uplift == 2800 across all sources",
            {
                "about": [["Met"], ["armed"]],
                "expect": "== 2800",
                "across": "all",
                "role": "total",
            },
        ),
        (
            "Paris attacks killed == 130",
            {"about": [["Paris"], ["attacks"], ["killed"]], "expect": "== 130"},
        ),
        (
            "UK inflation < 5%",
            {"about": [["UK"], ["inflation"]], "expect": "< 5%", "unit": "%"},
        ),
        (
            "Met armed uplift between 500 and 700 across any source",
            {
                "about": [["Met"], ["armed"]],
                "expect": "between 500 and 700",
                "across": "any",
                "role": "change",
            },
        ),
        (
            "Met armed officers >= 2,000 across at least 2 sources",
            {
                "about": [["Met"], ["armed"], ["officers"]],
                "expect": ">= 2,000",
                "across": "at least 2",
            },
        ),
        ("Met armed==2800", {"about": [["Met"], ["armed"]], "expect": "== 2800"}),
    ],
)
def test_parse_statement(text: str, fields: dict[str, object]) -> None:
    assert parse_statement(f"  {text} ") == {"claim": text, **fields}


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("Met armed total 2800", "no comparison operator", "<subject> <op> <number>"),
        ("Met armed total = 2800", "no comparison operator", "did you mean `==`?"),
        ("Met armed => 2800", "no comparison operator", "did you mean `>=`?"),
        ("Met armed total about 2800", "no comparison", "`about` is not an operator; did you mean `~=`"),
        ("Met armed At least 5%", "no comparison", "`At least` is not an operator; did you mean `>=`"),
        ("Met over time 2800", "no comparison operator", "one-line claim reads"),
        ("== 2800", "no subject words", "<subject> <op> <number>"),
        ("the total == 2800", "no subject words", "<subject> <op> <number>"),
        ("Met armed == 2800 across some sources", "not a quantifier", "<subject>"),
        ("Met armed == lots", "cannot read `lots`", "digits"),
    ],
)
def test_bad_statement(text: str, message: str, hint: str) -> None:
    with pytest.raises(ExpectationSyntaxError) as info:
        parse_statement(text)
    assert message in info.value.message
    assert info.value.hint is not None
    assert hint in info.value.hint


# ---------------------------------------------------------------------------------------------
# Slugs


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Met armed total after uplift == 2800 across all sources",
            "met-armed-total-after-uplift-2800-across-all-sources",
        ),
        ("Met armed total == 2,800", "met-armed-total-2800"),
        ("UK inflation < 5%", "uk-inflation-lt-5-pct"),
        ("Met armed != 3000", "met-armed-ne-3000"),
        ("Price ~= £9.21", "price-approx-9.21"),
        ("Zürich café >= 2", "zurich-cafe-ge-2"),
        ("!!!", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_long_text_at_a_dash() -> None:
    slug = slugify(" ".join(["word"] * 40))
    assert len(slug) <= 80
    assert slug.endswith("word")
    assert slugify("x" * 200) == "x" * 80


@given(st.text())
def test_slugs_are_valid_ids(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or re.fullmatch(r"[a-z0-9][a-z0-9._-]*", slug)
    assert len(slug) <= 80
    assert not slug.endswith(("-", "."))

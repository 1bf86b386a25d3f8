"""Verdict logic: hedges as intervals, roles, subjects, quantifiers, and its invariants."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck._manager import get_plugin_manager
from claimcheck.config import Settings
from claimcheck.models import (
    ClaimResult,
    Expectation,
    FigureClaim,
    Outcome,
    Quantifier,
    Role,
    Source,
    SourceIndex,
    SourceVerdict,
    Tolerance,
    Verdict,
)
from claimcheck.verification.engine import decide
from claimcheck.verification.kinds.figure import evaluate

PM = get_plugin_manager(entry_points=False)
SETTINGS = Settings()


def index_of(text: str) -> SourceIndex:
    source = Source(id="doc", path="doc.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return PM.index_source(source)


def claim(
    about: list[list[str]],
    op: str,
    value: float,
    *,
    high: float | None = None,
    unit: str | None = None,
    tolerance: Tolerance | None = None,
    role: Role = Role.TOTAL,
    across: str = "all",
) -> FigureClaim:
    text = f"{op} {value:g}" if op != "between" else f"between {value:g} and {high:g}"
    return FigureClaim(
        id="c",
        claim="c",
        about=about,
        role=role,
        tolerance=tolerance,
        expect=Expectation(op=op, value=value, high=high, unit=unit, text=text),  # type: ignore[arg-type]
        across=Quantifier(kind=across),  # type: ignore[arg-type]
    )


def verdict(text: str, c: FigureClaim) -> Verdict:
    return evaluate(c, index_of(text), SETTINGS).verdict


WIDGETS = [["widgets"]]


@pytest.mark.parametrize(
    ("text", "op", "value", "expected"),
    [
        ("The depot holds around 2,800 widgets.", "==", 2800, Verdict.SUPPORTS),
        ("The depot holds around 2,800 widgets.", "==", 3000, Verdict.CONTRADICTS),
        # within the 5 % "around" interval but not stated: decides nothing
        ("The depot holds around 2,800 widgets.", "==", 2900, Verdict.SILENT),
        ("The depot holds more than 600 widgets.", "==", 600, Verdict.SUPPORTS),
        ("The depot holds more than 600 widgets.", "==", 500, Verdict.CONTRADICTS),
        ("The depot holds more than 600 widgets.", "==", 700, Verdict.SILENT),
        ("The depot holds at least 600 widgets.", ">=", 600, Verdict.SUPPORTS),
        ("The depot holds up to 600 widgets.", "==", 900, Verdict.CONTRADICTS),
        ("The depot holds fewer than 600 widgets.", "==", 700, Verdict.CONTRADICTS),
        ("The depot holds nearly 3,000 widgets.", "==", 3000, Verdict.SUPPORTS),
        ("The depot holds nearly 3,000 widgets.", "==", 3100, Verdict.CONTRADICTS),
        ("The depot holds 2,800 widgets.", "!=", 3000, Verdict.SUPPORTS),
        ("The depot holds 3,000 widgets.", "!=", 3000, Verdict.CONTRADICTS),
        ("The depot holds 2,800 widgets.", ">", 2000, Verdict.SUPPORTS),
        ("The depot holds 2,000 widgets.", ">", 2000, Verdict.CONTRADICTS),
        ("The depot holds 2,800 widgets.", "~=", 2750, Verdict.SUPPORTS),
        ("The depot holds five widgets.", "==", 5, Verdict.SUPPORTS),
    ],
)
def test_hedges_make_intervals(text: str, op: str, value: float, expected: Verdict) -> None:
    assert verdict(text, claim(WIDGETS, op, value)) is expected


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("The depot holds more than 30 widgets.", ">", 30),
        ("The depot holds around 4,500 widgets.", ">", 4000),
        ("The depot holds fewer than 600 widgets.", "<", 600),
        ("The depot holds nearly 3,000 widgets.", "<", 3000),
    ],
)
def test_a_figure_whose_whole_interval_satisfies_supports(text: str, op: str, value: float) -> None:
    assert verdict(text, claim(WIDGETS, op, value)) is Verdict.SUPPORTS


def test_between() -> None:
    c = claim(WIDGETS, "between", 2700, high=2900)
    assert verdict("The depot holds 2,800 widgets.", c) is Verdict.SUPPORTS
    assert verdict("The depot holds 3,100 widgets.", c) is Verdict.CONTRADICTS


def test_tolerance_relative_and_absolute() -> None:
    text = "The depot holds 2,950 widgets."
    assert verdict(text, claim(WIDGETS, "==", 3000)) is Verdict.CONTRADICTS
    assert (
        verdict(text, claim(WIDGETS, "==", 3000, tolerance=Tolerance(amount=0.05, relative=True)))
        is Verdict.SUPPORTS
    )
    assert verdict(text, claim(WIDGETS, "==", 3000, tolerance=Tolerance(amount=50))) is Verdict.SUPPORTS
    assert verdict(text, claim(WIDGETS, "==", 3000, tolerance=Tolerance(amount=49))) is Verdict.CONTRADICTS


def test_role_must_fit() -> None:
    text = "The depot will add 600 extra widgets, taking the total to 2,800."
    assert verdict(text, claim(WIDGETS, "==", 600, role=Role.CHANGE)) is Verdict.SUPPORTS
    # the change of 600 is not the total: the total is 2,800
    assert verdict(text, claim(WIDGETS, "==", 600)) is Verdict.CONTRADICTS
    assert verdict(text, claim(WIDGETS, "==", 2800)) is Verdict.SUPPORTS
    assert verdict(text, claim(WIDGETS, "==", 2800, role=Role.CHANGE)) is Verdict.CONTRADICTS


def test_before_and_after() -> None:
    text = "The widget fleet is expanding from 700 to 900."
    assert verdict(text, claim([["widget"]], "==", 700, role=Role.BEFORE)) is Verdict.SUPPORTS
    assert verdict(text, claim([["widget"]], "==", 900, role=Role.AFTER)) is Verdict.SUPPORTS
    assert verdict(text, claim([["widget"]], "==", 900)) is Verdict.SUPPORTS


def test_units_must_fit() -> None:
    text = "Widget sales rose by 5 per cent."
    assert verdict(text, claim(WIDGETS, "==", 5, role=Role.ANY)) is Verdict.SILENT  # 5 % is not 5
    assert verdict(text, claim(WIDGETS, "==", 5, unit="%", role=Role.CHANGE)) is Verdict.SUPPORTS


def test_lengths_convert_currencies_do_not() -> None:
    assert (
        verdict("The widget line is 38.5 miles long.", claim(WIDGETS, "~=", 62, unit="km"))
        is Verdict.SUPPORTS
    )
    assert (
        verdict("The widget order cost €200m.", claim(WIDGETS, "==", 226_000_000, unit="USD"))
        is Verdict.SILENT
    )


def test_subject_terms_must_be_in_the_sentence_entities_anywhere() -> None:
    text = "Acme makes widgets.\nThe depot holds 2,800 widgets.\nThe depot holds 40 gadgets."
    assert verdict(text, claim([["Acme"], ["widgets"]], "==", 2800)) is Verdict.SUPPORTS
    assert verdict(text, claim([["Acme"], ["gadgets"]], "==", 2800)) is Verdict.CONTRADICTS
    assert verdict(text, claim([["Globex"], ["widgets"]], "==", 2800)) is Verdict.SILENT
    assert verdict(text, claim([["sprockets"]], "==", 2800)) is Verdict.SILENT


def test_labelled_figure_wins_in_a_list() -> None:
    text = "Seven red, eight blue and 18 green widgets were sold."
    assert verdict(text, claim([["green"], ["widgets"]], "==", 18)) is Verdict.SUPPORTS
    assert verdict(text, claim([["green"], ["widgets"]], "==", 32)) is Verdict.CONTRADICTS


def test_support_anywhere_outweighs_another_figure() -> None:
    text = "The depot holds 2,800 widgets.\nLast year the depot held 2,500 widgets."
    v = evaluate(claim(WIDGETS, "==", 2800), index_of(text), SETTINGS)
    assert v.verdict is Verdict.SUPPORTS
    assert [e.figure for e in v.considered] == ["2,500"]


def test_evidence_carries_position_and_reading() -> None:
    text = "Intro line.\nThe depot holds around 2,800 widgets."
    v = evaluate(claim(WIDGETS, "==", 2800), index_of(text), SETTINGS)
    ev = v.evidence
    assert ev is not None
    assert (ev.line, ev.col) == (2, 17)
    assert ev.figure == "around 2,800" and ev.value == 2800 and ev.hedge is not None
    assert ev.sentence == "The depot holds around 2,800 widgets."
    assert (ev.low, ev.high) == (2660, 2940)


# --- quantifiers ---------------------------------------------------------------------------------


def sv(v: Verdict) -> SourceVerdict:
    return SourceVerdict(source_id="s", path="s", verdict=v)


@pytest.mark.parametrize(
    ("across", "verdicts", "outcome"),
    [
        ("all", "SS.", Outcome.PASSED),
        ("all", "SC.", Outcome.FAILED),
        ("all", "...", Outcome.FAILED),
        ("every", "SS.", Outcome.FAILED),
        ("every", "SSS", Outcome.PASSED),
        ("any", "SC.", Outcome.PASSED),
        ("any", "CC.", Outcome.FAILED),
        ("no", "CC.", Outcome.PASSED),
        ("no", "SC.", Outcome.FAILED),
        ("no", "...", Outcome.FAILED),  # a retraction no source mentions proves nothing
        ("most", "SS.", Outcome.PASSED),
        ("most", "S..", Outcome.FAILED),
    ],
)
def test_quantifiers(across: str, verdicts: str, outcome: Outcome) -> None:
    marks = {"S": Verdict.SUPPORTS, "C": Verdict.CONTRADICTS, ".": Verdict.SILENT}
    c = claim(WIDGETS, "==", 1, across=across)
    assert decide(c, [sv(marks[m]) for m in verdicts])[0] is outcome


def test_at_least_n() -> None:
    c = claim(WIDGETS, "==", 1).model_copy(update={"across": Quantifier(kind="at least", n=2)})
    assert decide(c, [sv(Verdict.SUPPORTS), sv(Verdict.SILENT)])[0] is Outcome.FAILED
    assert decide(c, [sv(Verdict.SUPPORTS)] * 2)[0] is Outcome.PASSED


def test_no_source_mentions_message() -> None:
    outcome, message = decide(claim(WIDGETS, "==", 1), [sv(Verdict.SILENT)] * 3)
    assert outcome is Outcome.FAILED and message.startswith("no source mentions")
    assert isinstance(
        ClaimResult(id="x", file="f", statement="s", kind="figure", across="all", outcome=outcome),
        ClaimResult,
    )


# --- properties ----------------------------------------------------------------------------------

HEDGES = ["", "around ", "about ", "nearly ", "more than ", "at least ", "up to ", "fewer than "]
OPS = ["==", "!=", ">=", "<=", ">", "<", "~="]
values = st.integers(min_value=1, max_value=900_000)


def satisfies(x: float, op: str, v: float, tol: float) -> bool:
    return {
        "==": abs(x - v) <= tol,
        "!=": abs(x - v) > tol,
        ">=": x >= v - tol,
        "<=": x <= v + tol,
        ">": x > v - tol if tol else x > v,
        "<": x < v + tol if tol else x < v,
        "~=": abs(x - v) <= (tol or abs(v) * SETTINGS.approx_width),
    }[op]


@given(st.sampled_from(HEDGES), values, st.sampled_from(OPS), values, st.integers(0, 1000))
def test_a_satisfying_figure_never_contradicts(hedge: str, x: int, op: str, v: int, tol: int) -> None:
    text = f"The depot holds {hedge}{x:,} widgets."
    c = claim(WIDGETS, op, v, tolerance=Tolerance(amount=tol) if tol else None)
    got = verdict(text, c)
    if satisfies(x, op, v, tol):
        assert got is Verdict.SUPPORTS
    elif not hedge:
        # An exact figure either satisfies the claim or contradicts it.
        assert got is Verdict.CONTRADICTS


@given(
    st.sampled_from(HEDGES), values, st.sampled_from(OPS), values, st.integers(0, 1000), st.integers(0, 1000)
)
def test_widening_tolerance_never_turns_support_into_contradiction(
    hedge: str, x: int, op: str, v: int, tol: int, extra: int
) -> None:
    text = f"The depot holds {hedge}{x:,} widgets."
    narrow = verdict(text, claim(WIDGETS, op, v, tolerance=Tolerance(amount=tol)))
    wide = verdict(text, claim(WIDGETS, op, v, tolerance=Tolerance(amount=tol + extra)))
    if narrow is Verdict.SUPPORTS and op != "!=":
        assert wide is Verdict.SUPPORTS
    if op != "!=" and narrow is not Verdict.CONTRADICTS:
        assert wide is not Verdict.CONTRADICTS


# The subject matcher skips sentences whose lower-cased text holds none of a term's stem keys
# (verification/subject.py): that is only sound while the stemmer keeps a word's stem (less a
# final "y") at the start of the lower-cased word, or maps the word as an irregular plural.


def _stem_key_found(word: str) -> bool:
    from claimcheck.extraction.terms import stem
    from claimcheck.verification.subject import _sigma, _stem_keys

    return any(key in _sigma(word.lower()) for key in _stem_keys(stem(word)))


def test_every_word_of_the_seeds_holds_one_of_its_stem_keys() -> None:
    from claimcheck.extraction.terms import _IRREGULAR, words

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    vocabulary = {w for f in seeds.glob("*.txt") for _, _, w in words(f.read_text(encoding="utf-8"))}
    vocabulary |= set(_IRREGULAR) | {"Lives", "PARTIES", "studied", "Met's", "officers'", "ΟΔΟΣ"}
    missed = sorted(w for w in vocabulary if not _stem_key_found(w))
    assert missed == []


@given(st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=14))
def test_any_word_holds_one_of_its_stem_keys(word: str) -> None:
    assert _stem_key_found(word)

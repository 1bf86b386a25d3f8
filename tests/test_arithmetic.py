"""Arithmetic self-consistency: one source's figures recomputed against what it states."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from claimcheck._manager import PluginManager, get_plugin_manager
from claimcheck.models import Source
from claimcheck.sources.text import read_source
from claimcheck.verification.arithmetic import ArithmeticCheck, check_arithmetic

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PM: PluginManager = get_plugin_manager(entry_points=False)


def checks(text: str, approx_width: float = 0.05) -> list[ArithmeticCheck]:
    index = PM.index_source(Source(id="t", path="t.txt", text=text, sha256=""))
    return check_arithmetic(index, approx_width=approx_width)


def one(text: str) -> ArithmeticCheck:
    found = checks(text)
    assert len(found) == 1, [(c.kind, c.figures) for c in found]
    return found[0]


# --- each kind, consistent and not -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "consistent"),
    [
        # percent-change: from/to levels
        ("Burglaries rose by 12 per cent, from 1,200 to 1,344 cases.", "percent-change", True),
        ("Burglaries fell 10% from 1,200 to 1,080.", "percent-change", True),
        ("Burglaries rose 10% from 1,200 to 1,300.", "percent-change", False),
        ("Arrests were up 51.9 per cent, from 108 to 164.", "percent-change", True),
        ("Applications rose 20% year on year to 12,000 from 10,000.", "percent-change", True),
        ("The toll rose to 150, up from 100 on Monday, a rise of 50%.", "percent-change", True),
        # percent-change: a change and the level it reached
        ("Sales rose by 200 to 3,000, up 7.1 per cent.", "percent-change", True),
        ("The number of officers rose by 600 to 2,800, a 27 per cent increase.", "percent-change", True),
        ("Income rose by £5,000 to £45,000, a rise of 12.5 per cent.", "percent-change", True),
        ("Crime rose 5% last year to 3,903, an increase of 195.", "percent-change", True),
        ("Sales rose by 200 to 3,000, up 9 per cent.", "percent-change", False),
        # percent-change: hedged
        ("Gun crime rose about 5% - up 195 offences to 3,903.", "percent-change", True),
        ("Gun crime rose more than 5% - up 195 offences to 3,903.", "percent-change", True),
        ("Gun crime rose more than 6% - up 195 offences to 3,903.", "percent-change", False),
        ("Gun crime rose nearly 6% - up 195 offences to 3,903.", "percent-change", True),
        # change-total: all three stated
        ("The budget will increase by 2,000 from 10,000 to 12,000.", "change-total", True),
        ("The budget will increase by 3,000 from 10,000 to 12,000.", "change-total", False),
        ("Unemployment rose from 4.1% to 4.5%, up 0.4 percentage points.", "change-total", True),
        ("Unemployment rose from 4.1% to 4.5%, up 0.6 percentage points.", "change-total", False),
        # fraction
        ("Crime fell by a third, from 900 offences to 600.", "fraction", True),
        ("Crime fell by a quarter, from 900 offences to 600.", "fraction", False),
        ("Attendance dropped by a fifth from 10,000 to 8,000.", "fraction", True),
        ("Numbers rose by half, from 400 to 600.", "fraction", True),
        ("Numbers rose by two-thirds, from 300 to 500.", "fraction", True),
        (
            "The number of officers will increase by 600, taking the total to 2,800 - a rise of more "
            "than a quarter.",
            "fraction",
            True,
        ),
        (
            "The number of officers will increase by 600, taking the total to 2,800 - a rise of more "
            "than a third.",
            "fraction",
            False,
        ),
        # multiple
        ("The number of nurses doubled from 300 to 600.", "multiple", True),
        ("The number of nurses more than doubled, from 300 to 650.", "multiple", True),
        ("The number of nurses more than doubled, from 300 to 550.", "multiple", False),
        ("The number of nurses has nearly tripled to 850 from 300.", "multiple", True),
        ("The number of nurses has tripled to 600 from 300.", "multiple", False),
        ("Staff numbers were halved from 800 to 400.", "multiple", True),
        ("The number of pupils rose by 400, doubling to 800.", "multiple", True),
        # parts-total
        ("There were 149 passengers and eight crew on board, 157 people in all.", "parts-total", True),
        ("There were 149 passengers and eight crew on board, 158 people in all.", "parts-total", False),
        ("A total of 157 people died: 149 passengers and eight crew.", "parts-total", True),
        ("The plane carried 150 passengers and eight crew, a total of 157.", "parts-total", False),
        ("The bus carried 40 adults, 12 children and three staff, 55 people in total.", "parts-total", True),
        ("The class has 30 pupils in total: 18 girls and 11 boys.", "parts-total", False),
        ("All 157 people on board, including 149 passengers and eight crew, died.", "parts-total", True),
        ("The crash killed 157 people, of whom 149 were passengers and eight crew.", "parts-total", True),
        ("The crash killed 157 people, including 150 passengers and eight crew.", "parts-total", False),
    ],
)
def test_kind(text: str, kind: str, consistent: bool) -> None:
    c = one(text)
    assert (c.kind, c.consistent) == (kind, consistent), c
    assert (c.cause is None) or not c.consistent


def test_percent_change_fields() -> None:
    c = one("Burglaries rose 10% from 1,200 to 1,300.")
    assert c.figures == ["10%", "1,200", "1,300"]
    assert c.computation == "1,200 -> 1,300 is +8.3%"
    assert c.stated == "rose 10%"
    assert c.tolerance == "10%: rounded at 0 decimals (±0.5) plus 0.1 slack; accepts 9.4%..10.6%"
    assert (c.source_id, c.path, c.line, c.col) == ("t", "t.txt", 1, 17)


def test_change_and_after_level_give_the_level_before() -> None:
    c = one("Sales rose by 200 to 3,000, up 7.1 per cent.")
    assert c.figures == ["200", "3,000", "7.1 per cent"]
    assert c.computation == (
        "3,000 - 200 = 2,800; 2,800 -> 3,000 is +7.14% (7.1% of 2,800 = 198.8, stated 200)"
    )
    assert c.stated == "up 7.1 per cent"


def test_a_fall_subtracts_the_other_way() -> None:
    c = one("Stocks fell by 50 to 450, down 10 per cent.")
    assert c.consistent
    assert c.computation.startswith("450 + 50 = 500; 500 -> 450 is -10.0%")


def test_hedged_inputs_widen_the_computed_interval() -> None:
    c = one("Sales rose 10 per cent to £1.5bn from £1.2bn.")
    assert not c.consistent
    assert c.computation.endswith(
        "with £1.2bn as £1.15bn..£1.25bn, £1.5bn as £1.45bn..£1.55bn: +16.0%..+34.8%"
    )
    assert one("Sales rose 25 per cent to £1.5bn from £1.2bn.").consistent


def test_approx_width_is_the_setting() -> None:
    text = "The number of officers rose by 600 to around 2,800. "
    text += "It is a rise of more than a quarter."
    # the fraction is after its levels: out of reach
    assert checks(text) == []
    text = "Officers rose by 600, a rise of more than a quarter, taking the total to around 2,800."
    assert [c.consistent for c in checks(text)] == [True]
    text = "Officers rose by 600, a rise of more than a third, taking the total to around 2,800."
    assert [c.consistent for c in checks(text)] == [False]
    assert [c.consistent for c in checks(text, approx_width=0.2)] == [True]


# --- likely causes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        (
            "Arrests rose 34 per cent, from 108 to 164.",
            "34% is the rise measured against 164 (56/164 = 34.1%), not against 108",
        ),
        (
            "Sales rose by 200 to 3,000, up 6.7 per cent.",
            "6.7% is the rise measured against 3,000 (200/3,000 = 6.67%), not against 2,800",
        ),
        (
            "Crime rose by a quarter, from 600 offences to 800.",
            "a quarter is the rise measured against 800 (200/800 = 25.0%), not against 600",
        ),
        ("Burglaries fell 10% from 1,200 to 1,320.", "1,200 -> 1,320 is a rise of 10.0%, not a fall"),
        (
            "Arrests rose 152% from 108 to 164.",
            "152% is 164 as a share of 108 (164/108 = 151.9%), not the rise",
        ),
        ("Arrests rose 51% from 108 to 164.", "51% cuts 51.9% down instead of rounding it to 52%"),
        (
            "The budget will fall by 2,000 from 10,000 to 12,000.",
            "10,000 -> 12,000 is a rise of 2,000, not a fall",
        ),
        ("Burglaries rose 10% from 1,200 to 1,300.", None),
        ("The number of nurses has tripled to 600 from 300.", None),
        ("The class has 30 pupils in total: 18 girls and 11 boys.", None),
    ],
)
def test_cause(text: str, cause: str | None) -> None:
    c = one(text)
    assert not c.consistent
    assert c.cause == cause


def test_no_cause_from_a_one_sided_hedge() -> None:
    # "more than 6%" would accept 105.3% (3,903 as a share of 3,708): no cause is guessed
    c = one("Gun crime rose more than 6% - up 195 offences to 3,903.")
    assert (c.consistent, c.cause) == (False, None)


# --- when unsure, no check -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # levels without a stated change, or a change without levels
        "The changes would see the unit expanding from 700 to 900.",
        "The number of armed officers will increase by 600, taking the total to around 2,800.",
        "Gun crime rose by five per cent in the past year.",
        # another quantity in another clause
        "Prices rose 5%, while sales rose by 200 to 3,000.",
        "Profits rose 12% to £56m on sales up 3% to £1.2bn.",
        "Prices rose 5% on the month and 20% on the year, to 120 from 100.",
        # rates and adjusted figures are not the change between the levels
        "Spending rose 3% in real terms, from £100bn to £110bn.",
        "Spending rose 3% a year, from £100bn to £130bn over the decade.",
        # a per cent change of a percentage: relative or in points?
        "The rate rose from 0.1% to 0.25%, a 150% increase.",
        # a multiple about something else
        "A further 600 officers will be trained, taking the total to 2,800 and more than doubling "
        "the number of response vehicles.",
        "The number of officers rose by 600 to 2,800, while the fleet will more than double.",
        "Officers rose by 600 to 2,800 as the fleet doubled.",
        "This increase will more than double the number of armed response vehicles.",
        # a fraction whose levels are in the next paragraph, or whose subject is unknown
        "The force will increase its number of officers by nearly a third.\n\n"
        "The number of officers will rise by 600 to 2,800.",
        "The force will grow by nearly a third.\nThe number of officers will rise by 600 to 2,800.",
        # "double" as an adjective, "halves" as a noun
        "It was a double murder, from 2 to 4 victims in a week.",
        # parts without a total word, ranges, and lists without labels
        "There are 30 pupils in the class, 18 girls and 12 boys.",
        "Of the 157 people on board, 149 were passengers and eight were crew.",
        "Between 149 and 157 people died, a total of 157.",
        # labels that share no word: not the same quantity
        "Arrests rose 10% from 100 arrests to 150 charges.",
        # a fraction whose direction is not that of the change next to it
        "Crime will increase by a quarter - staff numbers fell by 600 to 1,800.",
        # negative parts
        "There were -3 passengers and 12 crew, 9 people in all.",
    ],
)
def test_no_check(text: str) -> None:
    assert checks(text) == []


def test_fraction_in_the_next_sentence_of_the_paragraph() -> None:
    text = (
        "The force will increase its number of officers by nearly a third.\n"
        "The number of officers will rise by 600 to 2,800."
    )
    c = one(text)
    assert (c.kind, c.consistent) == ("fraction", False)
    assert c.figures == ["nearly a third", "600", "2,800"]
    assert (c.line, c.col) == (1, text.index("nearly") + 1)
    assert c.sentence == text.replace("\n", " ")
    assert c.computation == "2,800 - 600 = 2,200; 2,200 -> 2,800 is +27.3%"


def test_only_one_set_of_levels_in_reach() -> None:
    lead = "The force will increase its number of officers by more than a quarter.\n"
    one_set = "The number of officers will rise by 600 to 2,800."
    assert [c.kind for c in checks(lead + one_set)] == ["fraction"]
    two_sets = "The number of officers will rise by 600 to 2,800; the number of staff from 100 to 120."
    assert checks(lead + two_sets) == []


def test_text_order_and_determinism() -> None:
    text = (
        "Burglaries rose 10% from 1,200 to 1,300.\n"
        "There were 149 passengers and eight crew on board, 157 people in all.\n"
        "The number of nurses doubled from 300 to 600."
    )
    first = checks(text)
    assert [c.kind for c in first] == ["percent-change", "parts-total", "multiple"]
    assert [c.line for c in first] == [1, 2, 3]
    assert checks(text) == first
    assert [ArithmeticCheck.model_validate_json(c.model_dump_json()) for c in first] == first


# --- properties -----------------------------------------------------------------------------

counts = st.integers(min_value=1, max_value=1_000_000)


def _change_sentence(before: int, after: int, stated: str) -> str:
    verb = "rose" if after > before else "fell"
    return f"The number of widgets {verb} by {stated} per cent, from {before:,} widgets to {after:,}."


@given(counts, counts, st.sampled_from([0, 1]))
@example(108, 164, 0)
@example(3708, 3903, 1)
def test_correctly_rounded_percentage_is_consistent(before: int, after: int, decimals: int) -> None:
    assume(before != after)
    exact = abs(after - before) / before * 100
    c = one(_change_sentence(before, after, f"{exact:.{decimals}f}"))
    assert (c.kind, c.consistent) == ("percent-change", True), c


@given(counts, counts, st.sampled_from([0, 1]), st.floats(min_value=2.01, max_value=60), st.booleans())
@example(108, 164, 0, 17.9, False)
def test_percentage_off_by_more_than_two_points_is_flagged(
    before: int, after: int, decimals: int, off: float, above: bool
) -> None:
    assume(before != after)
    exact = abs(after - before) / before * 100
    wrong = exact + off if above or exact - off <= 0 else exact - off
    written = f"{wrong:.{decimals}f}"
    assume(abs(float(written) - exact) > 2)
    c = one(_change_sentence(before, after, written))
    assert (c.kind, c.consistent) == ("percent-change", False), c


@given(counts, counts, st.integers(min_value=-3, max_value=3))
def test_change_total_adds_up_exactly(before: int, change: int, error: int) -> None:
    after = before + change + error
    assume(after > 0)
    c = one(f"The budget will increase by {change:,} from {before:,} widgets to {after:,}.")
    assert (c.kind, c.consistent) == ("change-total", error == 0), c


# --- the seeds ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_checks() -> dict[str, list[ArithmeticCheck]]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5
    return {p.name[:3]: check_arithmetic(PM.index_source(read_source(p, p.stem))) for p in paths}


def test_seeds_exactly_one_inconsistency(seed_checks: dict[str, list[ArithmeticCheck]]) -> None:
    bad = [c for found in seed_checks.values() for c in found if not c.consistent]
    assert len(bad) == 1
    (c,) = bad
    assert c.source_id == "004_d0c416e1bfdd907e"
    assert c.kind == "percent-change"
    assert c.figures == ["34 per cent", "108", "164"]
    assert c.stated == "34 per cent rise"
    assert c.computation == "108 -> 164 is +51.9%"
    assert c.cause == "34% is the rise measured against 164 (56/164 = 34.1%), not against 108"
    assert (c.line, c.col) == (12, 124)
    assert c.tolerance == "34%: rounded at 0 decimals (±0.5) plus 0.1 slack; accepts 33.4%..34.6%"


def test_seed_004_gun_crime_is_consistent(seed_checks: dict[str, list[ArithmeticCheck]]) -> None:
    (c,) = [c for c in seed_checks["004"] if "3,903" in c.figures]
    assert c.consistent
    assert c.kind == "percent-change"
    assert c.figures == ["5.3 per cent", "195", "3,903"]
    assert c.stated == "increased by 5.3 per cent"
    assert c.computation == (
        "3,903 - 195 = 3,708; 3,708 -> 3,903 is +5.26% (5.3% of 3,708 = 196.5, stated 195)"
    )
    assert (c.line, c.col) == (11, 38)


def test_seed_000_more_than_a_quarter_is_consistent(seed_checks: dict[str, list[ArithmeticCheck]]) -> None:
    (c,) = seed_checks["000"]
    assert c.consistent
    assert c.kind == "fraction"
    assert c.figures == ["more than a quarter", "600", "around 2,800"]
    assert c.stated == "by more than a quarter"
    assert c.computation == (
        "2,800 - 600 = 2,200; 2,200 -> 2,800 is +27.3%; with around 2,800 as 2,660..2,940: +25.6%..+29.1%"
    )
    assert c.tolerance == "more than a quarter (25%): above it less 0.25 slack; accepts above 24.75%"
    assert (c.line, c.col) == (2, 83)


def test_seeds_001_to_003_have_nothing_to_flag(seed_checks: dict[str, list[ArithmeticCheck]]) -> None:
    assert all(c.consistent for key in ("001", "002", "003") for c in seed_checks[key])
    assert sum(len(found) for found in seed_checks.values()) == 3


_WORDS = (
    "rose fell by from to up down a an the total of in all including of whom and while , ; - . \n "
    "more than nearly about doubled halved will double quarter third half two-thirds an eighth "
    "per cent % number officers crew passengers 108 164 34 5.3 195 3,903 600 2,800 £1.2bn 0 1 "
    "around a year real terms percentage points 4.1% 4.5% 0.4 rise increase cut"
).split(" ")


@given(st.lists(st.sampled_from(_WORDS), max_size=60))
def test_any_text_gives_well_formed_checks(words: list[str]) -> None:
    text = " ".join(words)
    found = checks(text)
    assert found == checks(text)
    for c in found:
        assert c.figures and all(f in c.sentence for f in c.figures)
        line = text.split("\n")[c.line - 1]
        assert line[c.col - 1 :].startswith(c.figures[0])
        assert c.consistent or c.cause is None or c.cause

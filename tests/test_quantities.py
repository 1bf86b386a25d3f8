"""The figure reader: values, units, hedges, roles and labels, and what is not a figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from claimcheck.extraction.figures import claimcheck_extract_mentions, figure_mentions, read_quantities
from claimcheck.extraction.sentences import split_sentences
from claimcheck.models import FigureRole, Hedge, Mention, Quantity, Source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHANGE, BEFORE, AFTER, TOTAL = FigureRole.CHANGE, FigureRole.BEFORE, FigureRole.AFTER, FigureRole.TOTAL


def one(text: str) -> Quantity:
    """The single figure in ``text``."""
    found = read_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def mentions(text: str) -> list[Mention]:
    return figure_mentions(text, split_sentences(text))


def mention(text: str, written: str) -> Mention:
    (m,) = [m for m in mentions(text) if m.quantity.text == written]
    return m


# --- numbers in digits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("The fund held 2,800 pounds of grain.", 2800, "2,800 pounds"),
        ("A crowd of 2800 fans gathered.", 2800, "2800"),
        ("Growth was 5.3 overall.", 5.3, "5.3"),
        ("Reserves reached 1,234,567.5 units.", 1234567.5, "1,234,567.5"),
        ("The odds were .5 at best.", 0.5, ".5"),
        ("The river fell to -3 degrees.", -3, "-3"),
        ("Gates opened for 12 visitors.", 12, "12"),
    ],
)
def test_digits(text: str, value: float, written: str) -> None:
    q = one(text)
    assert (q.value, q.text) == (value, written)


@pytest.mark.parametrize(
    "text",
    ["The list read 12,3456 items.", "Counts like 1234,567 are malformed.", "It says 2,80 there."],
)
def test_thousands_separators_must_be_groups_of_three(text: str) -> None:
    assert read_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("They raised 2.5 million for the appeal.", 2_500_000, None),
        ("The club signed 3 thousand members.", 3000, None),
        ("The grant was £200m in total.", 200_000_000, "GBP"),
        ("Brussels pledged €200m more.", 200_000_000, "EUR"),
        ("The deal is worth US$5bn to them.", 5_000_000_000, "USD"),
        ("The fine came to $3 billion overall.", 3_000_000_000, "USD"),
        ("Some 1.5m people watched.", 1_500_000, None),
        ("The race drew 5k runners.", 5000, None),
        ("Tickets cost 40 pounds each.", 40, "GBP"),
        ("It raised 20 dollars.", 20, "USD"),
        ("It cost 30 euros.", 30, "EUR"),
        ("The walk was 5 km long.", 5, "km"),
        ("The route ran 12 kilometres inland.", 12, "km"),
        ("They drove 3 miles home.", 3, "mi"),
        ("A 100m sprint followed.", 100, "m"),
        ("The wall is 10 metres high.", 10, "m"),
        ("The fence is 6 feet tall.", 6, "ft"),
        ("The parcel weighed 20 kg.", 20, "kg"),
        ("The ship carried 5 tonnes.", 5, "t"),
    ],
)
def test_scales_currencies_and_measures(text: str, value: float, unit: str | None) -> None:
    q = one(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit", "written"),
    [
        ("Turnout rose 5.3 per cent.", 5.3, "%", "5.3 per cent"),
        ("Turnout was 5.3%.", 5.3, "%", "5.3%"),
        ("Turnout was 7 percent.", 7, "%", "7 percent"),
        ("Turnout was 9pc.", 9, "%", "9pc"),
        ("Turnout was 9 pc this time.", 9, "%", "9 pc"),
        ("Support slipped 2 percentage points.", 2, "pp", "2 percentage points"),
        ("Support slipped 4.5 percentage point overall.", 4.5, "pp", "4.5 percentage point"),
    ],
)
def test_percent(text: str, value: float, unit: str, written: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.text) == (value, unit, written)


# --- numbers in words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They found five boxes.", 5),
        ("They found twenty-one boxes.", 21),
        ("They found twenty one boxes.", 21),
        ("They found two thousand eight hundred boxes.", 2800),
        ("They found a hundred boxes.", 100),
        ("They found one hundred and one boxes.", 101),
        ("They found three million boxes.", 3_000_000),
        ("They found a dozen boxes.", 12),
        ("They found two dozen boxes.", 24),
        ("They found nineteen hundred boxes.", 1900),
        ("Seven British nationals were freed.", 7),
        ("They found ELEVEN boxes.", 11),
        ("Only one per cent agreed.", 1),
        ("A million people marched.", 1_000_000),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert one(text).value == value


def test_five_per_cent_in_words() -> None:
    q = one("The share grew by five per cent.")
    assert (q.value, q.unit, q.text, q.role) == (5, "%", "five per cent", CHANGE)


@pytest.mark.parametrize(
    "text",
    [
        "No one was hurt.",
        "One of the vans was stolen.",
        "Everyone agreed, and someone left.",
        "It was a day like any other.",
        "The twenty-first meeting was held.",
        "Two-thirds agreed.",
        "They often eaten late.",
    ],
)
def test_words_that_are_no_figures(text: str) -> None:
    assert read_quantities(text) == []


def test_a_run_that_is_not_one_number_splits() -> None:
    assert [q.value for q in read_quantities("Pick five six times.")] == [5, 6]


# --- what is not a figure ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # dates and years
        "The blast came on July 7th 2005 in the morning.",
        "The vote was held on 22 July.",
        "The vote was held on July 22.",
        "The vote was held on July 22, 2016.",
        "The match was in May 2013.",
        "It opened on 10 March 2019.",
        "It opened on 2019-03-10.",
        "Figures cover the year up to November 2005.",
        "Crime fell in 2004.",
        "It has grown since 2015.",
        "After the 2016 election nothing changed.",
        "The 2004-05 season was long.",
        "A report from 1998 was cited.",
        "Prices of the 1990s were lower.",
        # clock times
        "The first call came at 08:44.",
        "The first call came at 8.44am.",
        "The doors open at 10 am.",
        "The doors open at 3 p.m. sharp.",
        "The train left at 10.30 from the station.",
        # ordinals
        "She came 7th and he came 1st.",
        "It was the first, second and third attempt.",
        # codes, models and names
        "Flight ET302 crashed.",
        "The unit CO19 was called.",
        "A 737-800MAX was grounded.",
        "The B-737 fleet was grounded.",
        "COVID-19 spread fast.",
        "Leaders of the G7 met.",
        "An A380 landed.",
        "A Boeing 737 landed.",
        "He lives at No. 10 now.",
        "Flight ET 302 crashed.",
        "A Boeing 737 MAX 8 crashed.",
        # phone numbers, fractions, versions
        "Call 020 7946 0958 today.",
        "Call +44 20 7946 0958 today.",
        "Call (212) 555-0199 today.",
        "The shop is open 24/7.",
        "The 9/11 attacks changed things.",
        "Install version 3.1.2 first.",
        "The server at 192.168.1.1 failed.",
    ],
)
def test_not_figures(text: str) -> None:
    assert read_quantities(text) == [], [q.text for q in read_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The force has around 2000 officers.", 2000),
        ("It hired 2000 people last year.", 2000),
        ("It sold 1999 armed drones.", 1999),
        ("The fund paid £2005 each.", 2005),
        ("Prices rose 2010 per cent.", 2010),
        ("It was 2.5 million years ago.", 2_500_000),
    ],
)
def test_year_like_numbers_that_count(text: str, value: float) -> None:
    assert one(text).value == value


def test_months_make_dates_only_for_day_or_year_like_numbers() -> None:
    assert one("In May 600 officers were hired.").value == 600


# --- hedges ----------------------------------------------------------------------------------------

APPROX, NEARLY, MORE, LEAST = Hedge.APPROX, Hedge.NEARLY, Hedge.MORE_THAN, Hedge.AT_LEAST
LESS, MOST = Hedge.LESS_THAN, Hedge.AT_MOST


@pytest.mark.parametrize(
    ("phrase", "hedge"),
    [
        ("around 40", APPROX),
        ("about 40", APPROX),
        ("approximately 40", APPROX),
        ("roughly 40", APPROX),
        ("some 40", APPROX),
        ("an estimated 40", APPROX),
        ("estimated 40", APPROX),
        ("circa 40", APPROX),
        ("c. 40", APPROX),
        ("close to 40", APPROX),
        ("~40", APPROX),
        ("40 or so", APPROX),
        ("nearly 40", NEARLY),
        ("almost 40", NEARLY),
        ("just under 40", NEARLY),
        ("just shy of 40", NEARLY),
        ("more than 40", MORE),
        ("over 40", MORE),
        ("above 40", MORE),
        ("in excess of 40", MORE),
        ("upwards of 40", MORE),
        ("just over 40", MORE),
        ("greater than 40", MORE),
        ("at least 40", LEAST),
        ("40 or more", LEAST),
        ("40-plus", LEAST),
        ("40+", LEAST),
        ("40 and over", LEAST),
        ("40 or older", LEAST),
        ("40 and under", MOST),
        ("no fewer than 40", LEAST),
        ("no less than 40", LEAST),
        ("less than 40", LESS),
        ("fewer than 40", LESS),
        ("under 40", LESS),
        ("below 40", LESS),
        ("up to 40", MOST),
        ("as many as 40", MOST),
        ("at most 40", MOST),
        ("no more than 40", MOST),
        ("a maximum of 40", MOST),
        ("around forty", APPROX),
        ("More than 40", MORE),
    ],
)
def test_hedges(phrase: str, hedge: Hedge) -> None:
    text = f"The team counted {phrase} cases."
    q = one(text)
    assert (q.value, q.hedge, q.text) == (40, hedge, phrase)
    assert text[q.start : q.end] == phrase


def test_hedge_spans_the_unit_words_too() -> None:
    q = one("Still, around 92 per cent stayed.")
    assert (q.text, q.value, q.unit, q.hedge) == ("around 92 per cent", 92, "%", APPROX)


def test_a_change_that_went_up_to_a_figure_is_no_bound() -> None:
    q = one("The count went up to 900 last week.")
    assert (q.hedge, q.role, q.text) == (None, AFTER, "900")


def test_hedge_before_a_role_cue() -> None:
    q = one("Spending will increase by more than 600 this year.")
    assert (q.hedge, q.role, q.text) == (MORE, CHANGE, "more than 600")


# --- roles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "role"),
    [
        # changes
        ("Fees will increase by 40 next year.", "40", CHANGE),
        ("Sales were cut by 40 overnight.", "40", CHANGE),
        ("Burglaries were up 40 on the year.", "40", CHANGE),
        ("Burglaries were down 40 on the year.", "40", CHANGE),
        ("The board hired a further 40 staff.", "40", CHANGE),
        ("The board hired an extra 40 staff.", "40", CHANGE),
        ("The board hired an additional 40 staff.", "40", CHANGE),
        ("The board hired another 40 staff.", "40", CHANGE),
        ("The board hired 40 extra staff.", "40", CHANGE),
        ("The board hired 40 additional staff.", "40", CHANGE),
        ("The board hired 40 more staff.", "40", CHANGE),
        ("The board hired 40 new staff.", "40", CHANGE),
        ("It reported a rise of 40 cases.", "40", CHANGE),
        ("It reported an increase of 40 cases.", "40", CHANGE),
        ("It reported a 40 per cent jump.", "40 per cent", CHANGE),
        ("It reported a 40 per cent pay rise.", "40 per cent", CHANGE),
        ("The roster grew +40 overnight.", "+40", CHANGE),
        ("Fares rose 40 per cent overnight.", "40 per cent", CHANGE),
        ("Fares will increase almost 40 per cent.", "almost 40 per cent", CHANGE),
        ("Rivals cut 40 jobs.", "40", CHANGE),
        ("It reported a 40 per cent annual pay rise.", "40 per cent", CHANGE),
        # before and after
        ("The roster grew from 40 to 60 nurses.", "40", BEFORE),
        ("The roster grew from 40 to 60 nurses.", "60", AFTER),
        ("The roster grew from 40 nurses to 60.", "40", BEFORE),
        ("The roster grew from 40 nurses to 60.", "60", AFTER),
        ("The roster is up from 40 last year.", "40", BEFORE),
        ("The roster is 60, compared with 40 a year ago.", "40", BEFORE),
        ("The roster, previously 40, is growing.", "40", BEFORE),
        ("The roster will rise to 60 by spring.", "60", AFTER),
        ("Cases rose by 5 per cent, up 3 cases to 63 in all wards.", "63", AFTER),
        # totals
        ("It hired a total of 60 nurses.", "60", TOTAL),
        ("It hired 60 nurses in total.", "60", TOTAL),
        ("Altogether 60 nurses were hired.", "60", TOTAL),
        ("Hiring 20 more takes the total to 60.", "60", TOTAL),
        ("It will bring the total number of nurses in the trust to around 60.", "around 60", TOTAL),
        # no role
        ("The storm left 60 people homeless.", "60", None),
        ("Guests came from 60 countries to attend.", "60", None),
        ("The award was presented by 60 judges.", "60", None),
        ("The plane came down 60 km outside the city.", "60 km", None),
    ],
)
def test_roles(text: str, written: str, role: FigureRole | None) -> None:
    (q,) = [q for q in read_quantities(text) if q.text == written]
    assert q.role is role


# --- labels ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "label"),
    [
        ("The club signed 40 extra youth players today.", "40", ["extra", "youth", "players"]),
        ("Rescuers freed 18 Canadian nationals on Monday.", "18", ["canadian", "nationals"]),
        ("The flood left 60 people homeless.", "60", ["people", "homeless"]),
        ("There were 60 nurses, and 5 doctors.", "60", ["nurses"]),
        ("Turnout rose 5 per cent in May.", "5 per cent", []),
        ("The trust will raise the number of night nurses by 40.", "40", ["night", "nurses"]),
        ("The number of night nurses will rise to 90 soon.", "90", ["night", "nurses"]),
        ("Arrests rose from 10 arrests to 12 this year.", "12", ["arrests"]),
    ],
)
def test_labels(text: str, written: str, label: list[str]) -> None:
    assert mention(text, written).label == label


def test_mentions_point_at_their_sentences() -> None:
    text = "Headline with 3 numbers\nThe first is 10. The second is 20.\nNone here."
    found = [(m.quantity.value, m.sentence) for m in mentions(text)]
    assert found == [(3, 0), (10, 1), (20, 2)]
    assert figure_mentions(text, []) == []


def test_hookimpl_reads_the_source_text() -> None:
    text = "It grew by 40 nurses."
    source = Source(id="s", path="s.txt", text=text, sha256="0" * 64)
    assert claimcheck_extract_mentions(source, split_sentences(text)) == mentions(text)


# --- properties --------------------------------------------------------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _below_thousand(n: int, joiner: str) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        if hundreds and joiner:
            parts.append(joiner)
        tens, unit = divmod(rest, 10)
        parts.append(_ONES[rest] if rest < 20 else _TENS[tens] + (f"-{_ONES[unit]}" if unit else ""))
    return " ".join(parts)


def to_words(n: int, joiner: str = "") -> str:
    """English words for 0 <= n < 1,000,000 ("and" after hundreds when ``joiner`` is "and")."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = [f"{_below_thousand(thousands, joiner)} thousand"] if thousands else []
    if rest:
        parts.append(_below_thousand(rest, joiner))
    return " ".join(parts)


def test_to_words_helper() -> None:
    assert to_words(2800) == "two thousand eight hundred"
    assert to_words(999_999, "and") == ("nine hundred and ninety-nine thousand nine hundred and ninety-nine")


def _read_back(text: str, written: str) -> Quantity:
    q = one(text)
    assert text[q.start : q.end] == q.text
    assert q.text.startswith(written.split()[0])
    return q


@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_integers_read_back(n: int, separators: bool) -> None:
    written = f"{n:,}" if separators else str(n)
    q = _read_back(f"The force had {written} officers.", written)
    assert (q.value, q.unit, q.text) == (n, None, written)


@given(
    st.integers(min_value=0, max_value=10**9),
    st.text(alphabet="0123456789", min_size=1, max_size=4),
    st.booleans(),
)
@example(0, "00", False)  # "at 0.00 points" is no clock time
def test_decimals_read_back(whole: int, fraction: str, separators: bool) -> None:
    written = f"{whole:,}.{fraction}" if separators else f"{whole}.{fraction}"
    q = _read_back(f"The index stood at {written} points.", written)
    assert q.value == float(f"{whole}.{fraction}")


@given(st.integers(min_value=0, max_value=999_999), st.sampled_from(["", "and"]), st.booleans())
def test_number_words_read_back(n: int, joiner: str, capital: bool) -> None:
    assume(n != 1)  # a bare "one" is too ambiguous to read ("one of them")
    written = to_words(n, joiner)
    if capital:
        written = written.capitalize()
    q = _read_back(f"{written} officers were hired.", written)
    assert (q.value, q.text) == (n, written)


@given(
    st.integers(min_value=0, max_value=10**6),
    st.text(alphabet="0123456789", max_size=2),
    st.sampled_from(["%", " per cent", " percent"]),
)
def test_percentages_read_back(whole: int, fraction: str, sign: str) -> None:
    number = f"{whole:,}.{fraction}" if fraction else f"{whole:,}"
    written = number + sign
    q = _read_back(f"The share was {written} last year.", written)
    assert (q.value, q.unit, q.text) == (float(number.replace(",", "")), "%", written)


_PIECES = st.sampled_from(
    [
        "2,800",
        "5.3",
        "600",
        "-3",
        "+6",
        ".5",
        "2005",
        "22",
        "one",
        "twenty-one",
        "a dozen",
        "hundred",
        "and",
        "per cent",
        "%",
        "£",
        "US$",
        "m",
        "bn",
        "km",
        "am",
        "p.m.",
        "th",
        "July",
        "May",
        "in",
        "from",
        "to",
        "by",
        "up",
        "around",
        "more than",
        "or more",
        "-plus",
        "total",
        "No.",
        "c.",
        "~",
        "officers",
        "-",
        "/",
        ":",
        ",",
        ".",
        "(",
        ")",
        "'",
        "’",
        "\n",
        " ",
        "\t",
        "CO",
        "x",
    ]
)
_TEXTS = st.one_of(
    st.text(),
    st.lists(_PIECES, max_size=30).map(" ".join),
    st.lists(_PIECES, max_size=30).map("".join),
)


@given(_TEXTS)
@example("0À")  # a digit glued to a non-ASCII letter
@example("at 10.30 and c. 13 and up to 5 and from 1 to")
@example("5 or more than 6")  # a hedge may not reach into the figure before
def test_any_text_reads_without_error_and_offsets_hold(text: str) -> None:
    found = read_quantities(text)
    end = 0
    for q in found:
        assert end <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        end = q.end


@given(_TEXTS)
def test_mentions_lie_inside_their_sentences(text: str) -> None:
    sentences = split_sentences(text)
    for m in figure_mentions(text, sentences):
        s = sentences[m.sentence]
        assert s.start <= m.quantity.start and m.quantity.end <= s.end
        assert all(w == w.lower() for w in m.label)


# --- acceptance on the seeds --------------------------------------------------------------------


def seed(prefix: str) -> list[Quantity]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return read_quantities(path.read_text(encoding="utf-8"))


def summary(prefix: str) -> list[tuple[str, float, str | None, Hedge | None, FigureRole | None]]:
    return [(q.text, q.value, q.unit, q.hedge, q.role) for q in seed(prefix)]


def test_seed_000() -> None:
    found = summary("000")
    assert ("600", 600, None, None, CHANGE) in found
    assert ("around 2,800", 2800, None, APPROX, TOTAL) in found
    assert ("130", 130, None, None, None) in found


def test_seed_001() -> None:
    found = summary("001")
    assert ("around 92 per cent", 92, "%", APPROX, None) in found
    assert ("600", 600, None, None, CHANGE) in found
    assert ("around 2,800", 2800, None, APPROX, TOTAL) in found


def test_seed_002() -> None:
    found = summary("002")
    assert ("52", 52, None, None, None) in found
    assert ("600", 600, None, None, CHANGE) in found  # "600 additional armed police officers"
    assert not [q for q in seed("002") if q.value in (7, 2005, 2013)]


def test_seed_003() -> None:
    found = summary("003")
    assert ("600", 600, None, None, CHANGE) in found
    assert ("2,800", 2800, None, None, TOTAL) in found


def test_seed_004() -> None:
    found = summary("004")
    for expected in [
        ("700", 700, None, None, BEFORE),
        ("900", 900, None, None, AFTER),
        ("five per cent", 5, "%", None, CHANGE),
        ("5.3 per cent", 5.3, "%", None, CHANGE),
        ("195", 195, None, None, CHANGE),
        ("3,903", 3903, None, None, AFTER),
        ("34 per cent", 34, "%", None, CHANGE),
        ("108", 108, None, None, BEFORE),
        ("164", 164, None, None, AFTER),
    ]:
        assert expected in found
    values = {q.value for q in seed("004")}
    assert not values & {22, 2005, 2004, 19}  # "22 July", "November 2005", "in 2004", "CO19"


def test_seed_labels() -> None:
    (path,) = SEEDS.glob("000_*.txt")
    text = path.read_text(encoding="utf-8")
    labels = {(m.quantity.text, tuple(m.label)) for m in mentions(text)}
    assert ("600", ("extra", "armed", "officers")) in labels
    assert ("600", ("armed", "officers")) in labels  # "the number of armed officers ... by 600"

"""Arithmetic self-consistency: recompute what one source says about one quantity.

A source often states one quantity twice: as levels and the change between them ("a 34 per
cent rise, from 108 offences to 164"), as a change and the level it reached ("up 195 offences to
3,903"), as parts and their total. :func:`check_arithmetic` recomputes each such statement from
the source's own figures and says whether the two agree. It reads the figure reader's output
(value, unit, hedge, role, label: ``claimcheck.extraction.figures``) plus the few local patterns
below, never looks outside one source, and makes no check when unsure.

**Segments.** A sentence is cut at ";" and at the words "and", "but", "while", "whilst",
"whereas", "although", "though", "with", "as" and "yet" (not inside a figure: "as many as 900"),
so "Prices rose 5%, while sales rose by 200 to 3,000" never relates 5% to 200 and 3,000. Commas
and dashes do not cut: "increased by 5.3 per cent - up 195 offences to 3,903" is one segment.

**Levels.** In one segment the reader's roles give a before level B ("from X", "up from X"), an
after level A ("to Y" after a change or motion word, also "taking the total to Y"), a change C
("up 195", "increase by 600", "a further 600") and a percentage change P (a change in per cent).
Two of B, C, A fix the levels: B and A as stated; C and A give B = A - C (A + C for a fall); B
and C give A = B + C (B - C for a fall). Which way C goes comes from the change word next to it
("up", "rose", "cut", "a ... rise"); without one nothing is derived. No levels come from a
segment where a role occurs twice, whose levels differ in unit, whose labels share no word
("from 100 arrests to 150 charges"), from ages and durations, or from a sentence that states a
rate or an adjusted change ("3% a year", "each year", "per head", "in real terms", "after
inflation", "seasonally adjusted", "annualised", "compound", "on average": the stated change is
then not the one between the levels).

**What is recomputed** (the ``kind`` of an :class:`ArithmeticCheck`):

* ``percent-change``: P against (A - B) / B. Not when the levels are themselves percentages
  ("from 0.1% to 0.25%, a 150% increase": relative or in points?);
* ``change-total``: C against A - B when all three are stated; a change in percentage points
  against two levels in per cent;
* ``fraction``: "by (more than) a quarter", "by half", "by two-thirds", "a rise of a third"
  against (A - B) / B, as a rise or a fall after the change word before "by" or the noun;
* ``multiple``: "doubled", "tripled", "trebled", "quadrupled", "halved", their "-ing" forms,
  and "double", "halve"... after a modal, "to" or a hedge ("will more than double"), against
  A / B;
* ``parts-total``: a list of two or more figures joined by "and" ("149 passengers and eight
  crew", each with its own label word) against a total next to it, only when a total word says
  so: the total has the reader's total role ("a total of 157", "157 people in all",
  "altogether") or "including", "of whom", "of which", "among them", "comprising", "made up of"
  joins it to the list. Parts under "including", "of whom", "of which", "among them" must not
  exceed the total; other lists must add up to it.

**How far a fraction or multiple looks.** At the levels of its own segment; else at the only
levels of its own sentence; else, when its sentence has none, at the only levels of the next
sentence if that one is in the same paragraph (no blank line between). Anything else (two sets
of levels in reach, levels only in the sentence before) makes no check. Outside its own segment
the phrase must name what it is about: its subject is the noun phrase right after a multiple
("more than double the number of armed response vehicles") or the words of the last "number of
..." before it in its segment ("increase its number of armed officers by more than a quarter").
The subject's last word must be among the labels of the levels or the words of a "number of
..." in their segment (a plural "s" aside). In its own segment, a subject is only checked when
the levels carry labels. A fraction whose direction is not the one the change word of its
levels gives ("increase by a quarter - numbers fell by 600 to 1,800") makes no check.

**Rounding like an editor.** A stated value S is consistent when the values the figures allow
meet the values S allows:

* a percentage, or a change in percentage points, written with d decimals: S +- (0.5 + 0.1) x
  10^-d: the exact value rounds to S at its written precision, plus a slack of a tenth of the
  last digit ("34%" accepts 33.4..34.6, "5.3%" 5.24..5.36, "5%" 4.4..5.6);
* a fraction or a multiple: S +- 5 % of S (the nearest simple fraction), plus a slack of 1 % of
  S ("a quarter" accepts 23.5..26.5 %, "doubled" x1.88..x2.12);
* a count: exact, to the precision it is written with (below);
* a hedge makes S a bound or a wider interval: "more than", "over", "at least" accept anything
  above S less the slack; "less than", "up to" anything below S plus the slack; "about",
  "around" widen S +- rounding by ``approx_width`` x S (5 % by default, the claims' setting) on
  both sides; "nearly", "almost" by ``approx_width`` x S below S, and only the slack above it.
  "more than a quarter" accepts anything above 24.75 %.

A stated direction counts ("fell 10% from 1,200 to 1,320" is inconsistent); without a change
word only the size is compared. The figures used as inputs are exact when written in plain
digits ("108"); a half-unit of their last digit wide when written with a scale ("£1.2bn":
£1.15bn..£1.25bn) or in per cent ("4.1%": 4.05..4.15); widened by ``approx_width`` when hedged
with "about" or "nearly" ("around 2,800": 2,660..2,940). An input with a one-sided hedge ("more
than 600"), or levels that may be 0 or less, make no check. The computed interval runs from the
least to the greatest result over the corners of the inputs' intervals.

**Likely causes** of an inconsistency, tried in this order; ``cause`` is None when none fits:
the change measured against the new level instead of the old ("34% is the rise measured
against 164 (56/164 = 34.1%), not against 108"); the direction reversed; the new level as a
share of the old given as the change ("152% is 164 as a share of 108"); a percentage cut down
instead of rounded ("51% cuts 51.9% down..."). The first and third need a bounded stated value:
"more than 6%" would fit too much.

**Reader gaps worked around here**: the reader gives "from Y" after "to X" ("tripled to 850
from 300") no role, so a role-less figure right after "from", following an after level in its
segment, is taken as the before level. The reader skips fraction words ("a quarter"), so
fractions and multiples are found by the patterns above.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claimcheck.config import Settings
from claimcheck.extraction.terms import STOP_WORDS, next_words
from claimcheck.hookspecs import hookimpl
from claimcheck.models import FigureRole, Hedge, Mention, Quantity, SourceCheck, SourceIndex

__all__ = ["ArithmeticCheck", "CheckKind", "check_arithmetic"]

CheckKind = Literal["percent-change", "change-total", "fraction", "multiple", "parts-total"]
_KIND_ORDER: dict[str, int] = {
    "percent-change": 0,
    "change-total": 1,
    "fraction": 2,
    "multiple": 3,
    "parts-total": 4,
}

ROUNDING_SLACK = 0.1  # of the last written digit of a stated percentage
SIMPLE_ROUNDING = 0.05  # of a stated fraction or multiple: an editor's nearest simple fraction
SIMPLE_SLACK = 0.01  # of a stated fraction or multiple


class ArithmeticCheck(BaseModel):
    """One statement of a source recomputed from the source's other figures."""

    model_config = ConfigDict(frozen=True)

    source_id: str
    path: str
    line: int = Field(description="1-based line of the first figure involved.")
    col: int = Field(description="1-based column of the first figure involved.")
    sentence: str = Field(description="The sentence(s) the figures stand in, line breaks as spaces.")
    kind: CheckKind
    figures: list[str] = Field(description="The figures used, as written, in text order.")
    computation: str = Field(description="What was recomputed, e.g. `108 -> 164 is +51.9%`.")
    stated: str = Field(description="What the source states, as written, e.g. `34 per cent rise`.")
    consistent: bool
    cause: str | None = Field(default=None, description="The likely cause of an inconsistency.")
    tolerance: str = Field(description="The rounding rule applied to the stated value.")


# ---------------------------------------------------------------------------------------------
# Words

_UP_WORDS = frozenset(
    """
    rise rises rose risen rising increase increases increased increasing up grow grows grew grown
    growing gain gains gained gaining jump jumps jumped jumping climb climbs climbed climbing
    soar soars soared soaring surge surges surged surging boost boosts boosted boosting expand
    expands expanded expanding expansion raise raises raised raising add adds added adding
    uplift hike hikes hiked swell swells swelled growth higher more extra additional new uptick
    """.split()
)
_DOWN_WORDS = frozenset(
    """
    fall falls fell fallen falling drop drops dropped dropping decline declines declined
    declining decrease decreases decreased decreasing down cut cuts cutting reduce reduces
    reduced reducing reduction shrink shrinks shrank shrunk shrinking slump slumps slumped plunge
    plunges plunged plummet plummets plummeted dip dips dipped slip slips slipped lower lowered
    lose loses lost loss losses slash slashes slashed fewer less
    """.split()
)
# Looked past when searching back for a change word: "fell a further 5%", "rose by 600".
_PASS_WORDS = frozenset(
    "by a an of the its their has have had been was were is are will would could be to its".split()
)
_ADD_WORDS = frozenset("further another extra additional".split())  # "a further 600": a rise
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NEXT_WORD_RE = re.compile(r"[ \t-]*([A-Za-z]+)")
_BEFORE_BY_RE = re.compile(r"([A-Za-z]+)[ \t]+(?:(?:by|of)[ \t]+)?\Z")

_SEPARATOR_RE = re.compile(r";|\b(?:and|but|while|whilst|whereas|although|though|with|as|yet)\b", re.I)
_FROM_BEFORE_RE = re.compile(r"\bfrom[ \t]+\Z", re.I)
_TO_BEFORE_RE = re.compile(r"\bto[ \t]+\Z", re.I)
# A change stated as a rate or after an adjustment is not the change between the levels.
_RATE_RE = re.compile(
    r"""\b(?:real[ \t-]+terms|like-for-like|(?:after|above|below|for|with)[ \t]+inflation
    |inflation-adjusted|(?:seasonally[ \t]+)?adjusted|per[ \t]+(?:head|capita|person|annum)
    |(?:each|every|per)[ \t]+(?:year|month|week|day|quarter)
    |a[ \t]+(?:year|month|week|day)(?![ \t]+(?:earlier|ago|before|after|on|previously))
    |annual(?:ly|ised|ized)|compound(?:ed)?|on[ \t]+average)\b""",
    re.I | re.VERBOSE,
)
_NOT_COUNTS = frozenset({"year", "month", "week", "day", "hour", "minute"})

_HEDGES: dict[str, Hedge] = {
    "more than": Hedge.MORE_THAN,
    "over": Hedge.MORE_THAN,
    "just over": Hedge.MORE_THAN,
    "well over": Hedge.MORE_THAN,
    "at least": Hedge.AT_LEAST,
    "nearly": Hedge.NEARLY,
    "almost": Hedge.NEARLY,
    "just under": Hedge.NEARLY,
    "about": Hedge.APPROX,
    "around": Hedge.APPROX,
    "roughly": Hedge.APPROX,
    "approximately": Hedge.APPROX,
    "some": Hedge.APPROX,
    "less than": Hedge.LESS_THAN,
    "up to": Hedge.AT_MOST,
    "no more than": Hedge.AT_MOST,
}
_HEDGE_ALT = "|".join(sorted((h.replace(" ", r"[ \t]+") for h in _HEDGES), key=len, reverse=True))

_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "nine": 9}
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8}
_DENOMINATORS |= {"tenth": 10}
_FRACTION_RE = re.compile(
    rf"""
    (?P<lead>\bby|\b(?P<noun>rise|increase|fall|drop|cut|reduction|decrease|decline|jump|growth
        |gain|boost)[ \t]+of)
    [ \t]+(?P<fig>(?:(?P<hedge>{_HEDGE_ALT})[ \t]+)?
    (?:(?P<num>an?|one|two|three|four|five|seven|nine)[ \t-]+)?
    (?P<den>half|halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?))\b
    (?![ \t]+of\b|-)
    """,
    re.I | re.VERBOSE,
)
_FRACTION_WORD_RE = re.compile(r"half|halves|third|quarter|fifth|sixth|eighth|tenth", re.I)
_MULTIPLE_WORD_RE = re.compile(r"doubl|tripl|trebl|quadrupl|halv", re.I)
_MULTIPLES = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5}
_MULTIPLE_RE = re.compile(
    rf"""
    (?P<fig>(?:(?P<hedge>{_HEDGE_ALT})[ \t]+)?
    (?P<stem>doubl|tripl|trebl|quadrupl|halv)(?P<end>ed|ing|es|e)\b)(?!-)
    """,
    re.I | re.VERBOSE,
)
# A base form ("double") is a verb only after one of these, or after a hedge.
_MODAL_BEFORE_RE = re.compile(r"\b(?:will|would|could|can|may|might|should|must|to)[ \t]+\Z", re.I)
_OBJECT_RE = re.compile(
    r"[ \t]+(?:(?:the|its|their|his|her|our)[ \t]+)?(?:(?:total[ \t]+)?numbers?[ \t]+of[ \t]+)?", re.I
)
_NUMBER_OF_RE = re.compile(r"\bnumbers?[ \t]+of[ \t]+", re.I)

# Parts and totals.
_SUBSET_MARKERS = r"including|included|includes|include|of[ \t]+whom|of[ \t]+which|among[ \t]+them"
_WHOLE_MARKERS = r"comprising|made[ \t]+up[ \t]+of|consisting[ \t]+of"
_TOTAL_THEN_PARTS_RE = re.compile(
    rf"""(?:[ \t]+(?!(?:{_SUBSET_MARKERS}|{_WHOLE_MARKERS})\b)[A-Za-z][\w'’-]*){{0,4}}?[ \t]*
    (?:(?P<sep>[,:(–—-])[ \t]*)?
    (?:(?:(?P<subset>{_SUBSET_MARKERS})|(?P<whole>{_WHOLE_MARKERS}))[ \t]+)?""",
    re.I | re.VERBOSE,
)
_PARTS_THEN_TOTAL_RE = re.compile(
    r"""(?:[ \t]+[A-Za-z][\w'’-]*){0,4}?[ \t]*(?:[,(–—-][ \t]*)?
    (?:(?:a[ \t]+)?total(?:ling|ing|led|ed)?(?:[ \t]+of)?[ \t]+|altogether[ \t]+|in[ \t]+all[ \t]+)?""",
    re.I | re.VERBOSE,
)
_LIST_GAP_RE = re.compile(
    r"(?:[ \t]+(?!and\b)[A-Za-z][\w'’-]*){0,4}?[ \t]*(?P<sep>,[ \t]*(?:and[ \t]+)?|and[ \t]+)", re.I
)
_NOT_IN_LIST = frozenset("between from to by than per versus vs against or out".split())
_RANGE_BEFORE_RE = re.compile(r"\b(?:between|from|aged)[ \t]+\Z", re.I)
_BE_RE = re.compile(r"[ \t]+(?:were|was|are|is)\b", re.I)


# ---------------------------------------------------------------------------------------------
# Numbers


def _num(x: float, decimals: int = 2) -> str:
    """A value as an editor writes it: thousands separators, at most ``decimals`` decimals."""
    if abs(x) >= 1e9:
        return _num(x / 1e9, 3) + "bn"
    if abs(x) >= 1e6 and abs(x - round(x, -4)) < 1e-6:
        return _num(x / 1e6, 3) + "m"
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    out = f"{x:,.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def _decimals(q: Quantity) -> int:
    m = re.search(r"\d[\d,]*(?:\.(\d+))?", q.text)
    return len(m.group(1) or "") if m else 0


def _half_unit(q: Quantity) -> float:
    """Half the unit of the last digit a figure is written with; 0 for an exact count."""
    m = re.search(r"\d[\d,]*(?:\.(\d+))?", q.text)
    if m is None:  # in words: "five per cent", "two million"
        if q.unit in ("%", "pp"):
            return 0.5
        v = round(abs(q.value))
        if v < 1000 or not re.search(r"thousand|million|billion|trillion", q.text, re.I):
            return 0.0
        power = 1
        while v % (power * 10) == 0:
            power *= 10
        return 0.5 * power
    decimals = len(m.group(1) or "")
    unit = 10.0**-decimals
    if q.unit in ("%", "pp"):
        return 0.5 * unit
    written = float(m.group().replace(",", ""))
    if written and abs(abs(q.value) / written - 1) > 1e-9:  # "£1.2bn", "1.5m people"
        return 0.5 * unit * abs(q.value) / written
    return 0.0


@dataclass(frozen=True)
class _Fig:
    """A figure of the source, with what this module needs of it."""

    q: Quantity
    label: tuple[str, ...]
    sentence: int

    @property
    def start(self) -> int:
        return self.q.start

    def range(self, approx_width: float) -> tuple[float, float] | None:
        """The values the figure allows as an input; None for a one-sided hedge."""
        v, h = self.q.value, _half_unit(self.q)
        w = abs(v) * approx_width
        match self.q.hedge:
            case None:
                return v - h, v + h
            case Hedge.APPROX:
                return v - w - h, v + w + h
            case Hedge.NEARLY:
                return v - w - h, v + h
            case _:
                return None


def _value(x: float, unit: str | None) -> str:
    """A value for a computation, with its unit: "£1.2bn", "4.1%", "2,800"."""
    if unit == "%":
        return f"{_num(x)}%"
    if unit == "pp":
        return f"{_num(x)} points"
    return {"GBP": "£", "USD": "$", "EUR": "€"}.get(unit or "", "") + _num(x)


def _shown(f: _Fig) -> str:
    return _value(f.q.value, f.q.unit)


# ---------------------------------------------------------------------------------------------
# What a stated value allows


@dataclass(frozen=True)
class _Stated:
    """What a stated value allows (see "Rounding like an editor" in the module doc)."""

    value: float  # a magnitude: per cent, a ratio or a count
    hedge: Hedge | None
    rounding: float
    slack: float
    approx: float  # the "about"/"nearly" width, as a fraction of the value
    unit: str  # "%", "x", "" or " points"
    name: str  # as a cause names it: "34%", "more than a quarter"
    core: str  # without the hedge, with its value: "34%", "a quarter (25%)"
    rule: str  # how ``rounding`` was chosen: "rounded at 0 decimals (±0.5)"

    def bounds(self) -> tuple[float, float]:
        v, r, s, w = self.value, self.rounding, self.slack, self.value * self.approx
        eps = 1e-9 * max(1.0, abs(v))
        match self.hedge:
            case None:
                return v - r - s - eps, v + r + s + eps
            case Hedge.APPROX:
                return v - w - r - s - eps, v + w + r + s + eps
            case Hedge.NEARLY:
                return v - w - r - s - eps, v + s + eps
            case Hedge.MORE_THAN | Hedge.AT_LEAST:
                return v - s - eps, math.inf
            case _:
                return -math.inf, v + s + eps

    def accepts(self, x: float) -> bool:
        lo, hi = self.bounds()
        return lo <= x <= hi

    def meets(self, lo: float, hi: float) -> bool:
        a, b = self.bounds()
        return lo <= b and a <= hi

    def fmt(self, x: float) -> str:
        x = round(x, 6)
        return f"x{_num(x, 3)}" if self.unit == "x" else f"{_num(x)}{self.unit}"

    def describe(self, subset: bool = False) -> str:
        lo, hi = self.bounds()
        head = f"{self.hedge.value} {self.core}" if self.hedge else self.core
        slack = f" plus {_num(self.slack, 3)} slack" if self.slack else ""
        approx = f"{_num(self.approx * 100, 2)}%"
        match self.hedge:
            case None:
                rule = f"{self.rule}{slack}"
            case Hedge.APPROX:
                rule = f"±{approx} (approx_width), {self.rule}{slack}"
            case Hedge.NEARLY:
                rule = f"up to {approx} below (approx_width), {self.rule}{slack}"
            case Hedge.MORE_THAN | Hedge.AT_LEAST:
                rule = f"above it less {_num(self.slack, 3)} slack" if self.slack else "above it"
            case _:
                rule = f"below it plus {_num(self.slack, 3)} slack" if self.slack else "below it"
        if subset:
            less = "parts named with 'including' or 'of whom' may add up to less"
            return f"{head}: {rule}; {less}; accepts up to {self.fmt(hi)}"
        if math.isinf(hi):
            accepts = f"above {self.fmt(lo)}"
        elif math.isinf(lo):
            accepts = f"below {self.fmt(hi)}"
        else:
            accepts = f"{self.fmt(lo)}..{self.fmt(hi)}"
        return f"{head}: {rule}; accepts {accepts}"


def _stated_percent(q: Quantity, approx_width: float, unit: str = "%") -> _Stated:
    d = _decimals(q)
    last = 10.0**-d
    v = abs(q.value)
    name = f"{_num(v, d)}{unit}"
    rule = f"rounded at {d} decimal{'' if d == 1 else 's'} (±{_num(0.5 * last, 3)})"
    return _Stated(v, q.hedge, 0.5 * last, ROUNDING_SLACK * last, approx_width, unit, name, name, rule)


def _stated_simple(
    value: float, hedge: Hedge | None, name: str, core: str, unit: str, approx_width: float
) -> _Stated:
    rule = f"a simple {'fraction' if unit == '%' else 'multiple'} (±{_num(SIMPLE_ROUNDING * 100)}% of it)"
    return _Stated(
        value, hedge, SIMPLE_ROUNDING * value, SIMPLE_SLACK * value, approx_width, unit, name, core, rule
    )


def _stated_count(q: Quantity, approx_width: float) -> _Stated:
    if q.unit in ("%", "pp"):
        return _stated_percent(q, approx_width, " points")
    h = _half_unit(q)
    v = abs(q.value)
    rule = "exact as written" if h == 0 else f"±{_num(h)} (its last written digit)"
    return _Stated(v, q.hedge, h, 0.0, approx_width, "", _num(v), _num(v), rule)


# ---------------------------------------------------------------------------------------------
# Direction and wording


def _direction_word(word: str) -> int | None:
    w = word.lower()
    if w in _UP_WORDS:
        return 1
    if w in _DOWN_WORDS:
        return -1
    return None


def _direction(text: str, lo: int, f: Quantity) -> int | None:
    """+1 for a rise, -1 for a fall, None when no change word is next to the figure.

    The word right after the figure ("34 per cent rise", "600 extra") decides first, then the
    nearest change word before it, back to ``lo``, looking past "by", "a", "further", ...
    """
    if f.value < 0:
        return -1
    m = _NEXT_WORD_RE.match(text, f.end)
    if m is not None:
        d = _direction_word(m.group(1))
        if d is not None and m.group(1).lower() not in ("up", "down"):
            return d
    added = False
    for w in reversed(_WORD_RE.findall(text, lo, f.start)[-6:]):
        d = _direction_word(w)
        if d is not None:
            return d
        if w.lower() in _ADD_WORDS:
            added = True
        elif w.lower() not in _PASS_WORDS:
            break
    return 1 if added else None


def _stated_phrase(text: str, lo: int, q: Quantity) -> tuple[int, int]:
    """The span of a stated change as written: "34 per cent rise", "increased by 5.3 per cent"."""
    m = _NEXT_WORD_RE.match(text, q.end)
    if m is not None and _direction_word(m.group(1)) is not None and m.group(1).lower() not in ("up", "down"):
        return q.start, m.end()
    b = _BEFORE_BY_RE.search(text, lo, q.start)
    if b is not None and _direction_word(b.group(1)) is not None:
        return b.start(), q.end
    return q.start, q.end


# ---------------------------------------------------------------------------------------------
# Levels: what one segment says about a change


@dataclass(frozen=True)
class _Levels:
    """The before and after levels of a segment, as functions of the inputs' values."""

    sentence: int
    seg: tuple[int, int]
    inputs: tuple[_Fig, ...]
    before: Callable[[Sequence[float]], float]
    after: Callable[[Sequence[float]], float]
    derivation: str  # "3,903 - 195 = 3,708; " or ""
    labels: frozenset[str]
    change: _Fig | None = None  # a stated change that is not an input: checked against them
    change_dir: int | None = None  # the direction the words of the change give, if any

    def figures(self) -> list[_Fig]:
        extra = [self.change] if self.change is not None else []
        return sorted([*self.inputs, *extra], key=lambda f: f.start)

    def evaluate(
        self, f: Callable[[float, float], float], approx_width: float
    ) -> tuple[float, float, float] | None:
        """f(before, after) at the stated values, and its least and greatest value over the
        corners of the inputs' intervals; None if a level may be 0 or less."""
        ranges = [i.range(approx_width) for i in self.inputs]
        if any(r is None for r in ranges):
            return None
        out: list[float] = []
        points = [[i.q.value for i in self.inputs]]
        points += [list(c) for c in itertools.product(*[r for r in ranges if r is not None])]
        for p in points:
            b, a = self.before(p), self.after(p)
            if b <= 0 or a < 0:
                return None
            out.append(f(b, a))
        return out[0], min(out), max(out)

    @property
    def show_unit(self) -> str | None:
        """The levels' unit (a change in points is never a level)."""
        units = [i.q.unit for i in self.inputs if i.q.unit != "pp"]
        return units[0] if units else None

    def show(self, x: float) -> str:
        return _value(x, self.show_unit)

    def point(self) -> tuple[float, float]:
        p = [i.q.value for i in self.inputs]
        return self.before(p), self.after(p)

    def ranges_note(self, approx_width: float, lo: float, hi: float, show: Callable[[float], str]) -> str:
        """ "; with around 2,800 as 2,660..2,940: +25.6%..+29.1%" when an input is not exact."""
        parts = []
        for i in self.inputs:
            r = i.range(approx_width)
            if r is not None and r[0] != r[1]:
                parts.append(f"{i.q.text} as {_value(r[0], i.q.unit)}..{_value(r[1], i.q.unit)}")
        if not parts:
            return ""
        return f"; with {', '.join(parts)}: {show(lo)}..{show(hi)}"


@dataclass
class _Segment:
    sentence: int
    start: int
    end: int
    figs: list[_Fig]


def _segments(text: str, start: int, end: int, sentence: int, figs: list[_Fig]) -> list[_Segment]:
    cuts = [start]
    for m in _SEPARATOR_RE.finditer(text, start, end):
        if not any(f.q.start <= m.start() < f.q.end for f in figs):
            cuts.append(m.start())
    cuts.append(end)
    segs = [_Segment(sentence, a, b, []) for a, b in itertools.pairwise(cuts)]
    for f in figs:
        for s in segs:
            if s.start <= f.start < s.end:
                s.figs.append(f)
                break
    return segs


@dataclass
class _Roles:
    before: _Fig | None = None
    after: _Fig | None = None
    change: _Fig | None = None
    percent: _Fig | None = None


def _is_after(text: str, seg: _Segment, f: _Fig) -> bool:
    role = f.q.role
    return role is FigureRole.AFTER or (
        role is FigureRole.TOTAL and _TO_BEFORE_RE.search(text, seg.start, f.start) is not None
    )


def _roles(text: str, seg: _Segment) -> _Roles | None:
    """The segment's figures by role; None when a role occurs twice."""
    roles = _Roles()
    prev: _Fig | None = None
    for f in seg.figs:
        q = f.q
        if q.unit in _NOT_COUNTS:
            prev = f
            continue
        slot: str | None = None
        if q.role is FigureRole.BEFORE:
            slot = "before"
        elif _is_after(text, seg, f):
            slot = "after"
        elif q.role is FigureRole.CHANGE:
            slot = "percent" if q.unit == "%" else "change"
        elif (
            q.role is None
            and prev is not None
            and _is_after(text, seg, prev)
            and _FROM_BEFORE_RE.search(text, max(seg.start, q.start - 12), q.start)
        ):
            slot = "before"  # "tripled to 850 from 300": the reader leaves 300 without a role
        prev = f
        if slot is None:
            continue
        if getattr(roles, slot) is not None:
            return None
        setattr(roles, slot, f)
    return roles


def _labels_agree(figs: list[_Fig]) -> bool:
    labels = [set(f.label) for f in figs if f.label]
    return all(a & b for a, b in itertools.combinations(labels, 2))


def _levels(text: str, seg: _Segment, roles: _Roles) -> _Levels | None:
    b, c, a = roles.before, roles.change, roles.after
    counts = [f for f in (b, c, a) if f is not None]
    if len(counts) < 2:
        return None
    level_units = {f.q.unit for f in (b, a) if f is not None}
    if len(level_units) > 1:
        return None
    if c is not None:
        ok = c.q.unit in level_units or (c.q.unit == "pp" and level_units == {"%"})
        if not ok and level_units:
            return None
    if not _labels_agree(counts):
        return None
    labels = frozenset(w for f in counts for w in f.label)
    dc = _direction(text, seg.start, c.q) if c is not None else None
    if dc is None and c is not None and roles.percent is not None:
        dc = _direction(text, seg.start, roles.percent.q)
    if b is not None and a is not None:
        return _Levels(seg.sentence, (seg.start, seg.end), (b, a), _at(0), _at(1), "", labels, c, dc)
    if c is None or dc is None or c.q.unit == "pp":
        return None
    if a is not None:  # B = A - C for a rise
        bv = a.q.value - dc * c.q.value
        sign = "-" if dc > 0 else "+"
        derivation = f"{_shown(a)} {sign} {_shown(c)} = {_value(bv, a.q.unit)}; "
        return _Levels(
            seg.sentence,
            (seg.start, seg.end),
            (c, a),
            _minus(1, 0, dc),
            _at(1),
            derivation,
            labels,
            change_dir=dc,
        )
    assert b is not None
    av = b.q.value + dc * c.q.value
    sign = "+" if dc > 0 else "-"
    derivation = f"{_shown(b)} {sign} {_shown(c)} = {_value(av, b.q.unit)}; "
    return _Levels(
        seg.sentence,
        (seg.start, seg.end),
        (b, c),
        _at(0),
        _minus(0, 1, -dc),
        derivation,
        labels,
        change_dir=dc,
    )


def _at(i: int) -> Callable[[Sequence[float]], float]:
    return lambda x: x[i]


def _minus(i: int, j: int, d: int) -> Callable[[Sequence[float]], float]:
    """x[i] - d * x[j]: the level a change of direction d leads from or to."""
    return lambda x: x[i] - d * x[j]


# ---------------------------------------------------------------------------------------------
# Checks


@dataclass(frozen=True)
class _Check:
    kind: CheckKind
    spans: tuple[tuple[int, int], ...]  # the figures used, in text order
    sentences: tuple[int, ...]
    computation: str
    stated: str
    consistent: bool
    cause: str | None
    tolerance: str


def _rise(b: float, a: float) -> float:
    return (a - b) / b * 100


def _signed_meets(stated: _Stated, direction: int | None, lo: float, hi: float) -> bool:
    if direction is None:
        mlo = 0.0 if lo < 0 < hi else min(abs(lo), abs(hi))
        return stated.meets(mlo, max(abs(lo), abs(hi)))
    a, b = sorted((direction * lo, direction * hi))
    return stated.meets(a, b)


def _change_cause(
    stated: _Stated, direction: int | None, b: float, a: float, dd: int, percent: bool, unit: str | None
) -> str | None:
    """The likely cause of a stated change that does not fit b -> a (see the module doc)."""
    change = a - b
    kind = "rise" if change > 0 else "fall"
    other = "fall" if change > 0 else "rise"
    same_way = direction is None or direction * change > 0
    bounded = stated.hedge in (None, Hedge.APPROX, Hedge.NEARLY)  # "more than 6%" fits too much
    shown_b, shown_a, shown_c = _value(b, unit), _value(a, unit), _value(abs(change), unit)
    on_after = abs(change) / a * 100 if a else math.inf
    if bounded and same_way and stated.accepts(on_after):
        return (
            f"{stated.name} is the {kind} measured against {shown_a} "
            f"({shown_c}/{shown_a} = {on_after:.{dd}f}%), not against {shown_b}"
        )
    exact = abs(_rise(b, a))
    if not same_way and stated.accepts(exact):
        return f"{shown_b} -> {shown_a} is a {kind} of {exact:.{dd}f}%, not a {other}"
    share = a / b * 100
    if bounded and stated.accepts(share):
        ratio = f"({shown_a}/{shown_b} = {share:.{dd}f}%)"
        return f"{stated.name} is {shown_a} as a share of {shown_b} {ratio}, not the {kind}"
    if percent and same_way and stated.hedge is None:
        d = dd - 1
        cut = math.floor(exact * 10**d + 1e-9) / 10**d
        if abs(cut - stated.value) < 1e-9 and round(exact, d) != cut:
            return (
                f"{stated.name} cuts {exact:.{dd}f}% down instead of rounding it to {round(exact, d):.{d}f}%"
            )
    return None


def _percent_check(text: str, lv: _Levels, p: _Fig, approx_width: float) -> _Check | None:
    if {f.q.unit for f in lv.inputs} & {"%", "pp"}:
        return None  # a per cent change of a percentage: relative or in points? Unsure.
    got = lv.evaluate(_rise, approx_width)
    if got is None:
        return None
    exact, lo, hi = got
    stated = _stated_percent(p.q, approx_width)
    dd = max(1, _decimals(p.q) + 1)
    direction = _direction(text, lv.seg[0], p.q)
    consistent = _signed_meets(stated, direction, lo, hi)
    b, a = lv.point()
    computation = f"{lv.derivation}{lv.show(b)} -> {lv.show(a)} is {exact:+.{dd}f}%"
    c = next((f for f in lv.inputs if f.q.role is FigureRole.CHANGE), None)
    if c is not None:
        computation += (
            f" ({stated.name} of {lv.show(b)} = {lv.show(round(stated.value * b / 100, 1))},"
            f" stated {_shown(c)})"
        )
    computation += lv.ranges_note(approx_width, lo, hi, lambda x: f"{x:+.{dd}f}%")
    s, e = _stated_phrase(text, lv.seg[0], p.q)
    cause = None if consistent else _change_cause(stated, direction, b, a, dd, True, lv.show_unit)
    figs = sorted([p, *lv.figures()], key=lambda f: f.start)
    return _Check(
        "percent-change",
        tuple((f.q.start, f.q.end) for f in figs),
        (lv.sentence,),
        computation,
        text[s:e],
        consistent,
        cause,
        stated.describe(),
    )


def _change_total_check(text: str, lv: _Levels, approx_width: float) -> _Check | None:
    c = lv.change
    if c is None or len(lv.inputs) != 2:
        return None
    b_fig, a_fig = lv.inputs
    got = lv.evaluate(lambda b, a: a - b, approx_width)
    if got is None:
        return None
    exact, lo, hi = got
    stated = _stated_count(c.q, approx_width)
    consistent = _signed_meets(stated, lv.change_dir, lo, hi)
    moves = f"{_shown(b_fig)} -> {_shown(a_fig)} is"
    amount = _value(abs(exact), c.q.unit)
    computation = f"{moves} {'+' if exact >= 0 else '-'}{amount}"
    computation += lv.ranges_note(approx_width, lo, hi, lambda x: f"{x:+,.2f}".rstrip("0").rstrip("."))
    cause = None
    reversed_ = lv.change_dir is not None and lv.change_dir * exact < 0
    if not consistent and reversed_ and stated.accepts(abs(exact)):
        kind, other = ("rise", "fall") if exact > 0 else ("fall", "rise")
        cause = f"{moves} a {kind} of {amount}, not a {other}"
    s, e = _stated_phrase(text, lv.seg[0], c.q)
    return _Check(
        "change-total",
        tuple((f.q.start, f.q.end) for f in lv.figures()),
        (lv.sentence,),
        computation,
        text[s:e],
        consistent,
        cause,
        stated.describe(),
    )


# --- fractions and multiples ----------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    kind: CheckKind
    sentence: int
    span: tuple[int, int]  # the figure, hedge included: "more than a quarter", "doubled"
    stated: tuple[int, int]  # as stated: "by more than a quarter"
    value: float  # per cent of the before level (fraction) or a ratio (multiple)
    hedge: Hedge | None
    core: str  # "a quarter (25%)", "doubled (x2)"
    direction: int | None  # fractions: +1 rise, -1 fall
    subject: tuple[str, ...] | None


def _hedge(words: str | None) -> Hedge | None:
    return _HEDGES[" ".join(words.lower().split())] if words else None


def _subject_before(text: str, lo: int, hi: int) -> tuple[str, ...] | None:
    """The words of the last "number of <words>" between lo and hi."""
    last = None
    for m in _NUMBER_OF_RE.finditer(text, lo, hi):
        last = m
    if last is None:
        return None
    return tuple(next_words(text, last.end(), 4, STOP_WORDS, first=True)) or None


_ADJECTIVES = frozenset("up down more less fewer new extra additional higher lower".split())


def _fraction_direction(text: str, lo: int, m: re.Match[str]) -> int | None:
    """+1/-1 from the noun of "a rise of a third", or from the change word before "by"."""
    if m.group("noun"):
        return _direction_word(m.group("noun"))
    words = _WORD_RE.findall(text, lo, m.start())[-8:]
    if words and words[-1].lower() in ("up", "down"):
        return _direction_word(words[-1])  # "down by a third"
    for w in reversed(words):
        if w.lower() not in _ADJECTIVES and (d := _direction_word(w)) is not None:
            return d  # "increase its number of armed officers by"
    return None


def _fractions(text: str, sentence: int, lo: int, hi: int) -> list[_Phrase]:
    out = []
    for m in _FRACTION_RE.finditer(text, lo, hi):
        num_word = (m.group("num") or "").lower()
        den_word = m.group("den").lower()
        den = _DENOMINATORS[den_word if den_word in _DENOMINATORS else den_word[:-1]]
        numerator = _NUMERATORS[num_word] if num_word else 1
        if (not num_word and den != 2) or numerator >= den:
            continue  # "by quarters", "by four thirds"
        seg_lo = _segment_start(text, lo, m.start())
        direction = _fraction_direction(text, seg_lo, m)
        if direction is None:
            continue
        core_start = m.start("num") if num_word else m.start("den")
        value = numerator / den * 100
        out.append(
            _Phrase(
                "fraction",
                sentence,
                m.span("fig"),
                (m.start("lead"), m.end("fig")),
                value,
                _hedge(m.group("hedge")),
                f"{text[core_start : m.end('fig')]} ({_num(value, 1)}%)",
                direction,
                _subject_before(text, seg_lo, m.start()),
            )
        )
    return out


def _multiples(text: str, sentence: int, lo: int, hi: int) -> list[_Phrase]:
    out = []
    for m in _MULTIPLE_RE.finditer(text, lo, hi):
        end = m.group("end").lower()
        if end in ("e", "es") and not m.group("hedge") and not _MODAL_BEFORE_RE.search(text, lo, m.start()):
            continue  # "a double murder", "tennis doubles": not a verb
        subject: tuple[str, ...] | None = None
        obj = _OBJECT_RE.match(text, m.end())
        if obj is not None and obj.end() > m.end():  # "more than double the number of vehicles"
            subject = tuple(next_words(text, obj.end(), 4, STOP_WORDS, first=True)) or None
        if subject is None:
            subject = _subject_before(text, _segment_start(text, lo, m.start()), m.start())
        value = _MULTIPLES[m.group("stem").lower()]
        out.append(
            _Phrase(
                "multiple",
                sentence,
                m.span("fig"),
                m.span("fig"),
                value,
                _hedge(m.group("hedge")),
                f"{m.group('stem')}{m.group('end')} (x{_num(value)})",
                None,
                subject,
            )
        )
    return out


def _norm(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _subject_fits(index: SourceIndex, phrase: _Phrase, lv: _Levels, tight: bool) -> bool:
    """Whether a fraction or multiple is about the quantity of the levels (module doc).

    ``tight``: the phrase stands in the levels' own segment, where no subject is needed.
    """
    if phrase.subject is None:
        return tight
    labels = set(lv.labels)
    for m in _NUMBER_OF_RE.finditer(index.source.text, *lv.seg):
        labels |= set(next_words(index.source.text, m.end(), 4, STOP_WORDS, first=True))
    if not labels:
        return tight
    return _norm(phrase.subject[-1]) in {_norm(w) for w in labels}


def _segment_start(text: str, lo: int, pos: int) -> int:
    """Where the segment holding ``pos`` starts (see "Segments" in the module doc)."""
    cut = lo
    for m in _SEPARATOR_RE.finditer(text, lo, pos):
        cut = m.start()
    return cut


def _phrase_check(index: SourceIndex, phrase: _Phrase, lv: _Levels, approx_width: float) -> _Check | None:
    text = index.source.text
    b, a = lv.point()
    name = text[phrase.span[0] : phrase.span[1]]
    cause = None
    if phrase.kind == "fraction":
        if lv.change_dir is not None and lv.change_dir != phrase.direction:
            return None  # "increase by a quarter - numbers fell by 600 to 1,800": two things
        got = lv.evaluate(_rise, approx_width)
        if got is None:
            return None
        exact, lo, hi = got
        stated = _stated_simple(phrase.value, phrase.hedge, name, phrase.core, "%", approx_width)
        consistent = _signed_meets(stated, phrase.direction, lo, hi)
        computation = f"{lv.derivation}{lv.show(b)} -> {lv.show(a)} is {exact:+.1f}%"
        computation += lv.ranges_note(approx_width, lo, hi, lambda x: f"{x:+.1f}%")
        if not consistent:
            cause = _change_cause(stated, phrase.direction, b, a, 1, False, lv.show_unit)
    else:
        got = lv.evaluate(lambda b, a: a / b, approx_width)
        if got is None:
            return None
        exact, lo, hi = got
        stated = _stated_simple(phrase.value, phrase.hedge, name, phrase.core, "x", approx_width)
        consistent = stated.meets(lo, hi)
        computation = f"{lv.derivation}{lv.show(b)} -> {lv.show(a)} is x{exact:.2f}"
        computation += lv.ranges_note(approx_width, lo, hi, lambda x: f"x{x:.2f}")
    spans = sorted([phrase.span, *((f.q.start, f.q.end) for f in lv.figures())])
    return _Check(
        phrase.kind,
        tuple(spans),
        tuple(sorted({phrase.sentence, lv.sentence})),
        computation,
        text[phrase.stated[0] : phrase.stated[1]],
        consistent,
        cause,
        stated.describe(),
    )


def _same_paragraph(text: str, end: int, start: int) -> bool:
    return text.count("\n", end, start) < 2


# --- parts and totals -----------------------------------------------------------------------


def _part_label(text: str, f: _Fig) -> tuple[str, ...]:
    if f.label:
        return f.label
    be = _BE_RE.match(text, f.q.end)  # "of whom 149 were passengers"
    return tuple(next_words(text, be.end(), 4)) if be else ()


def _is_stated_total(text: str, lo: int, t: _Fig) -> bool:
    return t.q.role is FigureRole.TOTAL and _TO_BEFORE_RE.search(text, lo, t.start) is None


_TOTAL_BEFORE_RE = re.compile(r"(?:\ba[ \t]+)?\btotal(?:ling|ing|led|ed)?(?:[ \t]+of)?[ \t]+\Z", re.I)
_TOTAL_AFTER_RE = re.compile(
    r"(?:[ \t]+[A-Za-z][\w'’-]*){0,3}?[ \t]+(?:in[ \t]+total|in[ \t]+all|altogether)\b", re.I
)


def _total_phrase(text: str, lo: int, t: _Fig) -> tuple[int, int]:
    """A stated total as written, with its total word: "a total of 157", "157 people in all"."""
    before = _TOTAL_BEFORE_RE.search(text, max(lo, t.start - 20), t.start)
    after = _TOTAL_AFTER_RE.match(text, t.q.end)
    return (before.start() if before else t.start), (after.end() if after else t.q.end)


def _parts_checks(text: str, sentence: int, lo: int, figs: list[_Fig], approx_width: float) -> list[_Check]:
    out: list[_Check] = []
    i = 0
    while i < len(figs) - 1:
        j = i
        seps: list[str] = []
        while j + 1 < len(figs) and figs[j].q.role is None and figs[j + 1].q.role is None:
            gap = text[figs[j].q.end : figs[j + 1].start]
            m = _LIST_GAP_RE.fullmatch(gap)
            if m is None or any(w.lower() in _NOT_IN_LIST for w in _WORD_RE.findall(gap)):
                break
            seps.append(m.group("sep").lower())
            j += 1
        while seps and "and" not in seps[-1]:  # a list ends at its "and": "A, B and C"
            seps.pop()
            j -= 1
        if not seps:
            i += 1
            continue
        parts = figs[i : j + 1]
        check = _parts_check(text, sentence, lo, figs, i, j, parts, approx_width)
        if check is not None:
            out.append(check)
        i = j + 1
    return out


def _parts_check(
    text: str,
    sentence: int,
    lo: int,
    figs: list[_Fig],
    i: int,
    j: int,
    parts: list[_Fig],
    approx_width: float,
) -> _Check | None:
    if _RANGE_BEFORE_RE.search(text, lo, parts[0].start):
        return None  # "between 149 and 157"
    labels = [_part_label(text, p) for p in parts]
    if not all(labels) or len({lab[0] for lab in labels}) < len(labels):
        return None
    if any(p.q.role is not None or p.q.value < 0 for p in parts):
        return None
    total: _Fig | None = None
    subset = False
    stated_span = (0, 0)
    if i > 0:  # "157 people, including 149 passengers and eight crew"
        t = figs[i - 1]
        m = _TOTAL_THEN_PARTS_RE.fullmatch(text, t.q.end, parts[0].start)
        if m is not None and t.q.role in (None, FigureRole.TOTAL):
            if m.group("subset") or m.group("whole"):
                total, subset = t, bool(m.group("subset"))
                stated_span = (t.q.start, m.start("subset") if subset else m.start("whole"))
            elif _is_stated_total(text, lo, t) and (m.group("sep") or "") in ":(–—-":
                total = t
                stated_span = _total_phrase(text, lo, t)
    if total is None and j + 1 < len(figs):  # "149 passengers and eight crew, 157 in all"
        t = figs[j + 1]
        m = _PARTS_THEN_TOTAL_RE.fullmatch(text, parts[-1].q.end, t.start)
        if m is not None and _is_stated_total(text, lo, t):
            total = t
            stated_span = _total_phrase(text, lo, t)
    if total is None or any(p.q.unit != total.q.unit for p in parts):
        return None
    ranges = [p.range(approx_width) for p in parts]
    if any(r is None for r in ranges):
        return None
    lo_sum = sum(r[0] for r in ranges if r is not None)
    hi_sum = sum(r[1] for r in ranges if r is not None)
    exact = sum(p.q.value for p in parts)
    stated = _stated_count(total.q, approx_width)
    if subset:
        consistent = lo_sum <= stated.bounds()[1]
    else:
        consistent = stated.meets(lo_sum, hi_sum)
    unit = total.q.unit
    computation = " + ".join(_shown(p) for p in parts) + f" = {_value(exact, unit)}"
    if lo_sum != hi_sum:
        computation += f" ({_value(lo_sum, unit)}..{_value(hi_sum, unit)})"
    s, e = stated_span
    stated_text = text[s:e].rstrip(" \t,:(–—-") or total.q.text
    spans = tuple(sorted((f.q.start, f.q.end) for f in [*parts, total]))
    return _Check(
        "parts-total",
        spans,
        (sentence,),
        computation,
        stated_text,
        consistent,
        None,
        stated.describe(subset),
    )


# ---------------------------------------------------------------------------------------------
# The entry point


def check_arithmetic(index: SourceIndex, *, approx_width: float = 0.05) -> list[ArithmeticCheck]:
    """Every arithmetic check one source allows, consistent or not, in text order.

    ``approx_width`` is the half-width of an "about"/"nearly" hedge as a fraction of the value
    (claimcheck's ``approx_width`` setting). See the module docstring for the rules.
    """
    text = index.source.text
    by_sentence: dict[int, list[_Fig]] = {}
    for m in index.mentions:
        by_sentence.setdefault(m.sentence, []).append(_fig(m))
    checks: list[_Check] = []
    levels: dict[int, list[_Levels]] = {}
    for si, figs in sorted(by_sentence.items()):
        s = index.sentences[si]
        figs.sort(key=lambda f: f.start)
        checks.extend(_parts_checks(text, si, s.start, figs, approx_width))
        if _RATE_RE.search(text, s.start, s.end):
            continue  # "3% a year", "in real terms": not the change between the levels
        for seg in _segments(text, s.start, s.end, si, figs):
            roles = _roles(text, seg)
            if roles is None:
                continue
            lv = _levels(text, seg, roles)
            if lv is None:
                continue
            levels.setdefault(si, []).append(lv)
            if roles.percent is not None:
                check = _percent_check(text, lv, roles.percent, approx_width)
                if check is not None:
                    checks.append(check)
            check = _change_total_check(text, lv, approx_width)
            if check is not None:
                checks.append(check)

    # Most texts hold no fraction or multiple word: one cheap scan saves the per-sentence ones.
    has_fractions = _FRACTION_WORD_RE.search(text) is not None
    has_multiples = _MULTIPLE_WORD_RE.search(text) is not None
    for si, s in enumerate(index.sentences):
        if not (has_fractions or has_multiples) or _RATE_RE.search(text, s.start, s.end):
            continue
        phrases = (_fractions(text, si, s.start, s.end) if has_fractions else []) + (
            _multiples(text, si, s.start, s.end) if has_multiples else []
        )
        for phrase in phrases:
            reach = _levels_in_reach(index, levels, phrase)
            if reach is None or not _subject_fits(index, phrase, *reach):
                continue
            lv = reach[0]
            check = _phrase_check(index, phrase, lv, approx_width)
            if check is not None:
                checks.append(check)

    checks.sort(key=lambda c: (c.spans[0], _KIND_ORDER[c.kind], c.spans))
    return [_public(index, c) for c in checks]


def _fig(m: Mention) -> _Fig:
    return _Fig(m.quantity, tuple(m.label), m.sentence)


def _levels_in_reach(
    index: SourceIndex, levels: dict[int, list[_Levels]], phrase: _Phrase
) -> tuple[_Levels, bool] | None:
    """The one set of levels a fraction or multiple may describe, and whether it stands in the
    phrase's own segment; None when none or several are in reach (see the module doc)."""
    own = levels.get(phrase.sentence, [])
    if own:
        here = [lv for lv in own if lv.seg[0] <= phrase.span[0] < lv.seg[1]]
        if len(here) == 1:
            return here[0], True
        return (own[0], False) if len(own) == 1 else None
    nxt = phrase.sentence + 1
    if nxt >= len(index.sentences):
        return None
    if not _same_paragraph(
        index.source.text, index.sentences[phrase.sentence].end, index.sentences[nxt].start
    ):
        return None
    there = levels.get(nxt, [])
    return (there[0], False) if len(there) == 1 else None


def _public(index: SourceIndex, c: _Check) -> ArithmeticCheck:
    src = index.source
    line, col = src.position(c.spans[0][0])
    first, last = index.sentences[c.sentences[0]], index.sentences[c.sentences[-1]]
    sentence = " ".join(src.text[first.start : last.end].split("\n"))
    return ArithmeticCheck(
        source_id=src.id,
        path=src.path,
        line=line,
        col=col,
        sentence=sentence,
        kind=c.kind,
        figures=[src.text[s:e] for s, e in c.spans],
        computation=c.computation,
        stated=c.stated,
        consistent=c.consistent,
        cause=c.cause,
        tolerance=c.tolerance,
    )


@hookimpl
def claimcheck_check_source(index: SourceIndex, settings: Settings) -> list[SourceCheck]:
    return [
        SourceCheck(
            check=f"arithmetic:{c.kind}",
            consistent=c.consistent,
            line=c.line,
            col=c.col,
            sentence=c.sentence,
            figures=c.figures,
            stated=c.stated,
            computation=c.computation,
            cause=c.cause,
        )
        for c in check_arithmetic(index, approx_width=settings.approx_width)
    ]

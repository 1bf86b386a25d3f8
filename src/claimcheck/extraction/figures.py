"""The built-in figure reader: numbers in a text, with their hedge, unit and role.

Two compiled regexes find the candidates over the whole text, one for digits ("2,800", "5.3")
and one for runs of number words ("two thousand eight hundred", "a dozen"). The digits scan also
reads what follows each number (unit, hedge, cue and label words) in a look-ahead, so most
figures need only one more regex call, for the words before them, on the reversed text. Each
candidate is judged on a few characters around it, so the cost grows with the number of
figures, not with the length of the text. The regexes written for re.IGNORECASE run on the
lower-cased text without the flag, which is much faster and, except for four letters that only
the flag folds (``_EXOTIC``), the same. The rules:

* **Not a figure**: numbers glued to letters or codes ("CO19", "COVID-19", "737-800", "G7"),
  ordinals ("7th", "twenty-first"), clock times ("08:44", "8.44am", "10 am", "at 10.30"),
  "24/7", versions ("3.1.2"), leading zeros and digit groups split by single spaces (phone
  numbers), ranges ("700-900"), dates ("22 July", "July 22", "May 2013", "2019-03-10"),
  identifiers ("No. 10", "Flight 302", "Boeing 737", "MAX 8", "ET 302": two or three capitals),
  a bare "one" ("no one"), "a"/"an" alone.
* **Years**: a plain 4-digit integer from 1800 to 2100 is a year unless it has a unit, currency
  or scale, or a count noun follows within three words ("around 2000 officers"). After a month or
  a strong cue ("in", "since", "the", "during", "early", ...) it is a year even then.
* **Scale and unit**: thousand/million/billion/bn/k multiply the value; "m" does after a currency
  or before a count noun ("£200m", "1.5m people") and is metres otherwise. Percent ("%", "per
  cent", "percent", "pc") gives unit "%" (the value stays 5.3), "percentage points" gives "pp";
  £ $ US$ € and pounds/dollars/euros give GBP/USD/EUR; lengths and weights give km, mi, m, ft,
  kg, t. A minus sign right before the digits makes the value negative. Count nouns are never
  units: they go into the label.
* **Hedge**: the phrase right before the figure (see ``_HEDGE_BEFORE``), else "or more", "and
  over", "-plus" or "+" after it (at least), "or fewer", "and under" (at most), "or so"
  (approximately). ``Quantity.text`` spans the hedge and the unit words ("around 92 per cent").
* **Role**, from cue words next to the figure, first rule that applies: "+X" -> change; the Y
  of "from X ... to Y" -> after (X is before only if such a Y follows); "up/down from X",
  "compared with X", "previously X" -> before; "a total of X", "totalling X", "altogether X",
  "X in total", and "to X" when "total" is earlier in the clause -> total; "a further/an extra/
  another X", "a rise of X", "up/down X", "rose/fell/cut X" (not for a length or weight), "X
  extra/additional/more/new", "(a) X (pay) rise/increase/fall" -> change; "by X" with a change
  word earlier in the clause -> change; "to X" with a change or motion word earlier in the
  clause ("rise to", "taking the number to") -> after. A clause is the text since the last
  line break, sentence end, comma, semicolon, colon, bracket or dash (``clause_start``).
* **Label** (mentions only): up to four lower-case words right after the figure, ending at
  punctuation, a number word or a stop word (``terms.STOP_WORDS``). When the figure follows
  "by" or "to" and its clause says "the number of <words>", those words come first. A figure
  with the "after" role and no words of its own borrows the label of the figure before it in
  the same clause ("from 108 offences to 164": 164 is labelled "offences").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import TypeAdapter

from claimcheck.extraction.sentences import clause_start
from claimcheck.extraction.terms import (
    NEXT_WORDS_PATTERN,
    NUMBER_WORDS,
    NUMBER_WORDS_RE,
    ORDINAL_AFTER_RE,
    STOP_WORDS,
    alternation,
    is_count_noun,
    lower_same_length,
    next_words,
    number_words,
    phrases_before,
    trie_alternation,
    words_until,
)
from claimcheck.hookspecs import hookimpl
from claimcheck.models import FigureRole, Hedge, Mention, Quantity, Sentence, Source

__all__ = ["claimcheck_extract_mentions", "figure_mentions", "read_quantities"]

_B = r"[ \t]"  # a blank inside a line: a figure and its cue words never span lines
_I = re.IGNORECASE
_WINDOW = 150  # how far back a clause may reach, in characters

# ---------------------------------------------------------------------------------------------
# Finding candidates

# The digits: a leading character class lets the regex engine skip ahead fast. What sits before
# them (sign, currency, a glued letter) is checked in Python, once per match. The scan also looks
# at what follows the digits (``_SCAN_LOW``, below).
_DIGITS = r"[0-9][0-9]*(?:,[0-9]{3})*(?:\.[0-9]+)?"
_GLUED_BEFORE = "_.,/:-–—+−#@&\\"  # besides letters and digits: codes, dates, ranges
_SPLIT_AFTER = ",.-–/:) "  # these followed by a digit: "12,3456", "3.1.2", "020 7946"
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR"}

_LABEL_STOP = STOP_WORDS | NUMBER_WORDS


class _Raw(NamedTuple):
    start: int  # sign and currency included
    end: int
    num: str  # the value as a float literal: "-3", "1234.5", "2800"
    cur: str | None  # "GBP", "USD", "EUR"
    plus: bool  # written with an explicit "+"
    words: bool  # written in words
    bare_one: bool  # the single word "one"
    year_like: bool  # a plain 4-digit integer from 1800 to 2100
    day_like: bool  # a plain integer from 1 to 31


# ``_Raw(...)`` runs a Python-level ``__new__``; building the tuple directly is three times faster,
# which counts at one candidate per number of a text.
_new_raw = tuple.__new__


def _digit_candidates(text: str, scan: Iterator[re.Match[str]]) -> list[tuple[_Raw, re.Match[str] | None]]:
    """The numbers in digits that ``scan`` finds in ``text``, with their sign and currency, each
    with its match (its look at what follows the digits). One loop, not one call per number:
    a text has many."""
    out: list[tuple[_Raw, re.Match[str] | None]] = []
    size = len(text)
    for m in scan:
        s, e = m.span()
        num = m.group()
        if e < size:  # "12,3456", "3.1.2", "020 7946": digits go on after a separator
            nxt = text[e]
            if nxt in _SPLIT_AFTER:  # a blank after, the usual case, is one of them
                if e + 1 < size and (
                    text[e + 1].isdigit()
                    or (nxt == ")" and text[e + 1] == " " and text[e + 2 : e + 3].isdigit())
                ):
                    continue  # "(212) 555-0199" too
            elif nxt.isdigit():
                continue
        before = text[s - 1] if s else " "
        cur = None
        sign = ""
        if before != " ":  # a blank before, the usual case, needs none of these checks
            if before == "." and "," not in num and "." not in num:  # ".5"
                num, s = "." + num, s - 1
                before = text[s - 1] if s else " "
            cur = _CURRENCY.get(before)
            if cur is not None:
                s -= 1
                if cur == "USD" and text[max(0, s - 2) : s] == "US":
                    s -= 2
                before = text[s - 1] if s else " "
            if before in "+-−" and not (s >= 2 and (text[s - 2].isalnum() or text[s - 2] in "-–")):
                sign, s = before, s - 1
                before = text[s - 1] if s else " "
            if before.isalnum() or before in _GLUED_BEFORE:
                continue  # "CO19", "B-737", "9/11", "08:44", "3.1.2"
        if before == " " and s >= 2 and text[s - 2].isdigit():
            continue  # "020 7946 0958"
        year_like = day_like = False
        if num.isdigit():  # a plain integer
            if len(num) > 1 and num[0] == "0":
                continue  # "007", "08": codes and times
            if len(num) == 4:
                year_like = 1800 <= int(num) <= 2100
            elif len(num) <= 2:
                day_like = 1 <= int(num) <= 31
        else:
            whole = num.split(".", 1)[0]
            if "," in whole:
                if len(whole.split(",", 1)[0]) > 3:
                    continue  # "1234,567": not thousands groups
                num = num.replace(",", "")
            elif len(whole) > 1 and whole[0] == "0":
                continue  # "007.5"
        if sign == "-" or sign == "−":
            num = "-" + num
        out.append((_new_raw(_Raw, (s, e, num, cur, sign == "+", False, False, year_like, day_like)), m))
    return out


# Fractions of a number word: "half a million", "two and a half million". The word reader
# does not read fractions, and a wrong value is worse than none, so such runs are skipped.
_FRACTION_BEFORE_RE = re.compile(r"(?:half|quarters?|thirds?|fifths?|tenths?)(?:\s+of)?\s+$")
_FRACTION_AFTER_RE = re.compile(r"\s+and\s+a\s+(?:half|quarter|third)\b|-and-a-half\b")


@functools.lru_cache(maxsize=4096)
def _numbers_of_run(run: str) -> tuple[tuple[int, int, int, int], ...]:
    """:func:`number_words` of a run of number words: the same few runs ("one", "two", "a
    dozen") come again and again, so their readings are kept (bounded, as texts are not)."""
    return tuple(number_words(run, 0, len(run)))


def _numbers_in_run(low: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """:func:`number_words` of ``low[start:end]``, with offsets into ``low``."""
    return [(s + start, e + start, value, count) for s, e, value, count in _numbers_of_run(low[start:end])]


def _word_candidates(low: str) -> list[_Raw]:
    """Every number written in words, in order."""
    out: list[_Raw] = []
    spaced = " " + low  # so that a number word can start the text; offsets are one more here
    for m in NUMBER_WORDS_RE.finditer(spaced):
        start, end = m.span("w")
        if ORDINAL_AFTER_RE.match(spaced, end):
            continue
        for s, e, value, count in _numbers_in_run(spaced, start, end):
            if not _FRACTION_BEFORE_RE.search(spaced, max(0, s - 16), s) and not _FRACTION_AFTER_RE.match(
                spaced, e
            ):
                bare_one = count == 1 and spaced[s:e] == "one"
                out.append(
                    _new_raw(_Raw, (s - 1, e - 1, str(value), None, False, True, bare_one, False, False))
                )
    return out


# ---------------------------------------------------------------------------------------------
# What follows a number: glued letters, scale, unit, clock time, a trailing hedge, cue words and
# the words of its label

_CHANGE_NOUNS = (
    "rise rises increase increases jump fall falls drop cut cuts reduction decrease decline "
    "boost uplift surge hike gain growth climb expansion uptick"
).split()
_CHANGE_NOUN_ALT = alternation(_CHANGE_NOUNS)
_GLUE_RE = re.compile(r"[A-Za-z]+")
_GLUE_SCALE = {"k": 3, "bn": 9, "mn": 6, "thousand": 3, "million": 6, "billion": 9}
_GLUE_UNIT = {"km": "km", "kg": "kg", "ft": "ft", "mi": "mi", "pc": "%"}
# The tail: the words that belong to the figure (taken into its text), all optional. Blanks
# before a unit are taken once (possessively: every unit starts with something else), and
# ``(?<=[ \t])`` stands for "after at least one blank": the regex engine then picks the unit by
# its first letter instead of trying every alternative from the blanks on. The units are
# mutually exclusive except "years old" and "years", so their order only matters there.
_TAIL = rf"""
    (?:{_B}+(?P<scale>thousand|million|billion|trillion|bn|hundred)\b)?
    (?:{_B}*+
      (?: (?P<pct>%|(?<=[ \t])(?:per[ \t-]?cent\b|percent\b|(?-i:pc)\b))
        | (?P<time>[ap]\.m\.|[ap]m\b|o['’]clock\b|GMT\b|BST\b|UTC\b|hrs\b)
        | (?P<age>(?:-{_B}*|(?<=[ \t]))years?(?:{_B}*-{_B}*|{_B}+)olds?\b)
        | (?<=[ \t])
          (?: (?P<pp>percentage{_B}+points?\b)
            | (?P<curw>pound|dollar|euro)s?\b
            | (?P<meas>kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?|feet|foot|ft|kg
                |kilos?|kilogram(?:me)?s?|tonnes?)\b
            | (?P<dur>years?|months?|weeks?|days?|hours?|minutes?)\b
          )
      )
    )?
    (?: (?P<least>{_B}+(?:or|and){_B}+(?:more|above|over|greater|older)\b|-plus\b|\+(?!\d))
      | (?P<most>{_B}+(?:or|and){_B}+(?:fewer|less|under|below|younger)\b)
      | (?P<approx>{_B}+or{_B}+so\b)
    )?
"""
# Role cues right after the tail, looked at but not taken into the figure's text.
_IN_TOTAL = rf"""
    (?:{_B}+[A-Za-z][\w'’-]*){{0,3}}?{_B}+(?:in{_B}+total|in{_B}+all|altogether)\b(?!{_B}+\w)
"""
_MORE_OF = rf"""
    {_B}*+(?: (?<=[ \t])(?:extra|additional|more|new)\b | (?:(?<=[ \t])|-{_B}*)(?:{_CHANGE_NOUN_ALT})\b)
"""


def _after_number(in_total: bool) -> str:
    """What follows a number, as one regex: the tail (group ``tail``), the cues after it and the
    words after it (the label), case-sensitive like :func:`next_words`.

    Without ``in_total`` its group can never match: for texts without "total", "altogether" or
    "in all", where the look-ahead for it would be spent for nothing on every figure.
    """
    return (
        rf"(?P<tail>{_TAIL})"
        rf"(?=(?P<in_total>{_IN_TOTAL if in_total else '(?!)'})|(?P<more_of>{_MORE_OF}))?"
        rf"(?-i:{NEXT_WORDS_PATTERN})?"
    )


def _lower_pattern(pattern: str) -> str:
    """``pattern``, written for re.IGNORECASE, for lower-cased text without the flag.

    Without the flag the regex engine skips failing alternatives much faster. On the lower-cased
    text this matches what the original matches on the text, except for the exotic letters of
    ``_EXOTIC`` (such texts use the original) and for the case-sensitive "pc" (checked in Python).
    """
    assert re.search(r"\\[A-Z]", pattern) is None  # an upper-case escape would change meaning
    return pattern.lower().replace("(?p<", "(?P<")


# re.IGNORECASE lets these match the ASCII letters i, s and k; lower() does not make them so.
_EXOTIC = "İıſ\u212a"
_X = re.VERBOSE
# What follows a number, matched where the number ends, and the digits scan with it as a
# look-ahead: one regex call finds a number and reads what follows it.
_AFTER_EXACT = re.compile(_after_number(True), _I | _X)
_SCAN_EXACT = re.compile(rf"{_DIGITS}(?={_after_number(True)})", _I | _X)
_AFTER_LOW = {total: re.compile(_lower_pattern(_after_number(total)), _X) for total in (True, False)}
_SCAN_LOW = {
    total: re.compile(_lower_pattern(rf"{_DIGITS}(?={_after_number(total)})"), _X) for total in (True, False)
}
# Group numbers, the same in all of them (a scan's group 0 is the digits instead).
_GROUP = _AFTER_EXACT.groupindex
_G_TAIL, _G_PCT = _GROUP["tail"], _GROUP["pct"]  # for Match.end()
# Indexes in Match.groups(): one call gets them all.
_T_SCALE, _T_PCT, _T_PP, _T_CURW, _T_MEAS, _T_TIME, _T_AGE, _T_DUR, _T_IN_TOTAL, _T_MORE_OF = (
    _GROUP[g] - 1 for g in ("scale", "pct", "pp", "curw", "meas", "time", "age", "dur", "in_total", "more_of")
)
_T_HEDGES = tuple((_GROUP[kind] - 1, kind) for kind in ("least", "most", "approx"))
# The last groups: the words after the tail, as next_words() takes them.
_T_WORDS = _AFTER_EXACT.groups - re.compile(NEXT_WORDS_PATTERN).groups

_SCALE_EXP = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "hundred": 2}
_CUR_WORDS = {"pound": "GBP", "dollar": "USD", "euro": "EUR"}
_LENGTHS_AND_WEIGHTS = frozenset({"km", "mi", "m", "ft", "kg", "t"})
_MEASURES = {"mi": "mi", "me": "m", "fe": "ft", "fo": "ft", "ft": "ft", "to": "t", "kg": "kg"}


def _measure(word: str) -> str:
    w = word.lower()
    if w.startswith(("km", "kilom")):
        return "km"
    return "kg" if w.startswith("kilo") else _MEASURES[w[:2]]


# ---------------------------------------------------------------------------------------------
# Words right before a figure (matched on the reversed lower-case text: see PhrasesBefore)

# Hedges, and names a number identifies rather than counts ("No. 10", "Flight 302", "Boeing
# 737"): both end right before the number, so one match finds either.
_HEDGE_BEFORE = phrases_before(
    {
        "approx": "an estimated|estimated|approximately|approx.|approx|around|about|roughly"
        "|some|circa|c.|ca.|close to|~|≈|∼",
        "nearly": "nearly|almost|just under|just shy of|just below",
        "more": "just over|well over|more than|over|above|in excess of|upwards of|greater than",
        "least": "at least|no fewer than|no less than|not less than|a minimum of|minimum of",
        "less": "less than|fewer than|under|below",
        "most": "up to|as many as|as much as|at most|no more than|not more than|a maximum of|maximum of",
        "id": "no.|nos.|vol.|fig.|ref.|tel.|art.|para.|flight|article|section|chapter|page"
        "|room|route|channel|radio|category|level|stage|phase|platform|gate|terminal|model"
        "|version|series|season|episode|volume|apollo|boeing|airbus|windows|formula"
        "|interstate|highway|ward|zone|tier|grade|mark|mk|max|number|term",
    }
)
_HEDGES = {
    "approx": Hedge.APPROX,
    "nearly": Hedge.NEARLY,
    "more": Hedge.MORE_THAN,
    "least": Hedge.AT_LEAST,
    "less": Hedge.LESS_THAN,
    "most": Hedge.AT_MOST,
}
# Verbs that make a figure right after them a change: "rose 5%", "cut 600 jobs". Not "raise":
# "raised £5m for charity" is an amount, not a change.
_SHIFT_VERBS = """
    increase increases increased increasing rise rises rose risen rising grow grows grew grown
    growing fall falls fell fallen falling drop drops dropped dropping decline declines declined
    declining decrease decreases decreased decreasing jump jumps jumped jumping climb climbs
    climbed climbing soar soars soared soaring surge surges surged surging slump slumps slumped
    slumping plunge plunges plunged plunging plummet plummets plummeted plummeting dip dips
    dipped dipping slip slips slipped slipping cut cuts gain gains gained gaining shrink shrinks
    shrank shrunk
    """.split()
_CUE_BEFORE = phrases_before(
    {
        "before": "up from|down from|rising from|falling from|rose from|fell from|previously"
        "|compared with|compared to|compared with the|compared to the|formerly|up on|down on",
        "from": "from",
        "total": "total|totals|totalled|totaled|totalling|totaling|total of|altogether|in all",
        "change": "further|extra|additional|another|" + "|".join(f"{n} of" for n in _CHANGE_NOUNS),
        # A change verb or "up"/"down" right before the figure: "rose 5%", "up 195 offences".
        "shift": "up|down|" + "|".join(_SHIFT_VERBS),
        "by": "by",
        "to": "to",
        "art": "a|an",
    }
)
# After these a 4-digit number is a year even before a count noun ("in 2004 officers said").
_YEAR_CUE_BEFORE = phrases_before(
    {
        "year": "in|since|until|till|during|before|after|early|late|mid|year|years|the|this"
        "|last|next|through|throughout|summer|spring|autumn|winter|season|fiscal|financial"
        "|class|born|circa|c."
    }
)
_AT_BEFORE = phrases_before({"at": "at"})
# A hedge, and a cue before it, in one match on the reversed text: "increase by | more than | 600".
_LEFT_RE = re.compile(
    rf"{_B}*(?:({trie_alternation(_HEDGE_BEFORE.kinds)})(?![\w'’]))?"
    rf"{_B}*(?:({trie_alternation(_CUE_BEFORE.kinds)})(?![\w'’]))?"
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
# "July 22", "July 7th 2005", "22 July 2005", "July 22, 2005", "Jan. 5": reversed.
_MONTH_BEFORE = re.compile(
    rf"{_B}+(?:,?(?:ts|dn|dr|ht)?\d\d?{_B}+|\d\d?{_B}+)?\.?(?:{alternation([m[::-1] for m in _MONTHS])})"
    r"(?![\w'’])"
)
_MONTH_AFTER_RE = re.compile(rf"{_B}+(?:of{_B}+)?(?:{alternation(m.capitalize() for m in _MONTHS)})\b")
# Before a year, either of the two: one match instead of two.
_MONTH_OR_YEAR_CUE_BEFORE = re.compile(rf"(?:{_MONTH_BEFORE.pattern})|(?:{_YEAR_CUE_BEFORE.pattern.pattern})")
_CLOCK_RE = re.compile(r"\d{1,2}\.[0-5]\d\Z")
_PREV_WORD = re.compile(rf"{_B}+([a-z]+)")  # on the reversed text

# ---------------------------------------------------------------------------------------------
# Words of the clause and right after a figure

# Change words earlier in the clause make "by X" a change and "to X" the level after it.
_CHANGE_WORDS = frozenset(_SHIFT_VERBS) | frozenset(
    """
    raise raises raised raising reduce reduces reduced reducing boost boosts boosted boosting
    expand expands expanded expanding swell swells swelled swollen swelling slash slashes
    slashed slashing lower lowers lowered lowering double doubles doubled doubling triple
    tripled tripling treble trebled trebling halve halved halving add adds added adding lift
    lifts lifted lifting hike hikes hiked hiking uplift cutting shrinking up down
    """.split()
)
# "to X" also follows verbs that move a figure without naming the change ("taking it to").
_MOTION_WORDS = _CHANGE_WORDS | frozenset(
    """
    bring brings bringing brought take takes taking took push pushes pushed pushing ramp ramps
    ramped ramping step steps stepped stepping go goes going went gone move moves moved moving
    reach reaches reached reaching edge edges edged edging creep creeps creeping crept tick
    ticks ticked ticking shot shoot shoots shooting
    """.split()
)
_LETTERS_RE = re.compile(r"[a-z]+")
_NUMBER_OF_RE = re.compile(rf"numbers?{_B}+of{_B}+")
# "a 5% pay rise", "a £690 annual pay increase"
_ART_CHANGE_RE = re.compile(rf"(?:{_B}+[a-z]+){{1,2}}{_B}+(?:{_CHANGE_NOUN_ALT})\b", _I)
_FROM_TO_RE = re.compile(rf"(?:{_B}+[A-Za-z][\w'’-]*){{0,3}}?{_B}+to{_B}+", _I)


# ---------------------------------------------------------------------------------------------
# Judging a candidate


class _Text(NamedTuple):
    text: str
    low: str  # lower-cased, same offsets
    rev: str  # ``low`` reversed: position p of text is len - p here
    after: re.Pattern[str]  # what follows a number: _AFTER_EXACT or one of _AFTER_LOW
    subject: str  # what ``after`` reads: ``low``, or ``text`` for _AFTER_EXACT


def _count_noun_follows(text: str, pos: int) -> bool:
    return any(is_count_noun(w) for w in next_words(text, pos, 3))


def _unit(
    t: _Text, raw: _Raw, after: re.Match[str] | None
) -> tuple[str | None, int, int, tuple[str | None, ...]] | None:
    """Read what follows a number: (unit, power of ten, end, groups of the ``after`` match);
    None: not a figure. ``after`` is the scan's look at what follows the digits, if any."""
    text = t.text
    e, exp, unit = raw.end, 0, raw.cur
    if not raw.words and text[e : e + 1].isalpha():
        g = _GLUE_RE.match(text, e)
        if g is None:
            return None  # glued to a non-ASCII letter: a code or a unit we do not know
        low = g.group().lower()
        if low in _GLUE_SCALE:
            exp = _GLUE_SCALE[low]
        elif low == "m":  # "£200m" and "1.5m people" are millions, "a 100m sprint" a length
            if unit is not None or _count_noun_follows(text, g.end()):
                exp = 6
            else:
                unit = "m"
        elif low in _GLUE_UNIT and unit is None:
            unit = _GLUE_UNIT[low]
        else:
            return None  # "7th", "8am", "1990s", "5G", "3D"
        e = g.end()
        after = None  # the scan looked before the letters
    if after is None:
        after = t.after.match(t.subject, e)
        assert after is not None  # every part is optional
    groups = after.groups()
    end = after.end(_G_TAIL)
    if end == e:  # nothing after the number belongs to it: the usual case ("1,503 rooms")
        return unit, exp, e, groups
    if groups[_T_TIME]:
        return None
    pct = groups[_T_PCT]
    if pct and pct[-1] == "c" and t.subject is not text:
        pc_end = after.end(_G_PCT)
        if text[pc_end - 2 : pc_end] != "pc":
            # Lower-cased text cannot tell "pc" (per cent) from "PC": read it again, exactly.
            return _unit(t._replace(after=_AFTER_EXACT, subject=text), raw, None)
    scale = groups[_T_SCALE]
    if scale and not exp:
        exp = _SCALE_EXP[scale.lower()]
    if pct:
        unit = "%"
    elif groups[_T_PP]:
        unit = "pp"
    elif unit is None:
        if curw := groups[_T_CURW]:
            unit = _CUR_WORDS[curw.lower()]
        elif meas := groups[_T_MEAS]:
            unit = _measure(meas)
        elif groups[_T_AGE]:
            # Ages and durations are measures too: "16-year-old", "six minutes" count no people.
            unit = "year"
        elif dur := groups[_T_DUR]:
            unit = dur.lower().rstrip("s")
    return unit, exp, end, groups


def _not_a_count(t: _Text, raw: _Raw, end: int, groups: tuple[str | None, ...]) -> bool:
    """Dates, years, codes and clock times: numbers without a unit that count nothing."""
    s = raw.start
    if raw.day_like:
        if _MONTH_BEFORE.match(t.rev, len(t.rev) - s) or _MONTH_AFTER_RE.match(t.text, raw.end):
            return True  # "22 July", "July 22"
    elif raw.year_like:
        if _MONTH_OR_YEAR_CUE_BEFORE.match(t.rev, len(t.rev) - s):
            return True  # "in 2004", "May 2013"
        # "around 2000 officers" is a count. When nothing followed the number, the words
        # after it are in ``groups`` already.
        if end == raw.end:
            follows = words_until(groups[_T_WORDS:], 3)
        else:
            follows = next_words(t.text, raw.end, 3)
        if not any(is_count_noun(w) for w in follows):
            return True
    text = t.text
    if not raw.words and s >= 3 and text[s - 1] == " " and "A" <= text[s - 2] <= "Z":
        k = s - 3
        while k >= 0 and "A" <= text[k] <= "Z":
            k -= 1
        if 2 <= s - 2 - k <= 3 and (k < 0 or not text[k].isalnum()):
            return True  # a code split by a space: "flight ET 302", "MH 17"
    # "at 10.30" is a time; "at 10.30 points" is not.
    return bool(
        "." in raw.num
        and _CLOCK_RE.match(raw.num)
        and _AT_BEFORE.find(t.rev, s)
        and not _count_noun_follows(t.text, raw.end)
    )


def _left(
    t: _Text, raw: _Raw, m: re.Match[str], tail: tuple[str | None, ...] | None, bare: bool
) -> tuple[Hedge | None, int, str | None] | None:
    """The hedge, where the figure's text starts (hedge included) and the cue before it, from
    ``m``, the match of ``_LEFT_RE`` before the number, and the groups of its tail, if any.

    None: not a figure (an identifier: "No. 10", "Flight 302").
    """
    s, n = raw.start, len(t.rev)
    cue = None
    if m.lastindex is not None:
        hedge_phrase, cue_phrase = m.group(1, 2)
        cue = _CUE_BEFORE.kind_of(cue_phrase) if cue_phrase else None
        if hedge_phrase:
            kind, hs = _HEDGE_BEFORE.kind_of(hedge_phrase), n - m.end(1)
            if kind == "id":
                return None if bare else (None, s, None)  # "No. 10"; but "Flight 302 km" is a length
            if kind == "most" and t.low.startswith("up", hs):
                prev = _PREV_WORD.match(t.rev, n - hs)
                if prev is not None and prev.group(1)[::-1] in _MOTION_WORDS:
                    return None, s, "to"  # "rose up to 900" is where a change ended, not a bound
            return _HEDGES[kind], hs, cue
    if tail is not None:  # "28 or more", "2,000+", "5 or so"
        for index, kind in _T_HEDGES:
            if tail[index]:
                return _HEDGES[kind], s, cue
    return None, s, cue


def _named(t: _Text, clause: int, hs: int) -> list[str]:
    """The words of the last "number of <words>" in the clause, if any."""
    k = t.low.rfind("number", clause, hs)
    while k >= 0:
        m = _NUMBER_OF_RE.match(t.low, k)
        if m is not None and (k == 0 or not t.low[k - 1].isalpha()):
            return next_words(t.text, m.end(), 4, _LABEL_STOP, first=True)
        k = t.low.rfind("number", clause, k)
    return []


# A name, a comma, then the number: "Thunberg, 16, said"; news style for a person's age.
_NAME_COMMA_BEFORE_RE = re.compile(r"[A-Z][\w'’-]*,[ \t]\Z")
_AGE_AFTER_RE = re.compile(r"[ \t]*(?:[,;)]|[.!?]?[ \t]*(?:\n|\Z))")


def _is_apposed_age(text: str, start: int, end: int, raw: _Raw) -> bool:
    # ", " right before is needed; checked first, as it is cheap and rarely there.
    if start < 3 or text[start - 1] not in " \t" or text[start - 2] != ",":
        return False
    if "." in raw.num or not raw.num.isdigit() or not 0 < int(raw.num) <= 120:
        return False
    return bool(
        _NAME_COMMA_BEFORE_RE.search(text, max(0, start - 40), start) and _AGE_AFTER_RE.match(text, end)
    )


def _role(
    t: _Text,
    raw: _Raw,
    cue: str,
    groups: tuple[str | None, ...],
    unit: str | None,
    hs: int,
    end: int,
    after_at: int,
    clause: int,
) -> tuple[FigureRole | None, int]:
    """The role of a figure with a cue before it, and for "from X" where its Y must start."""
    after_cue = "total" if groups[_T_IN_TOTAL] else "change" if groups[_T_MORE_OF] else None
    if raw.plus:
        return FigureRole.CHANGE, -1
    if hs == after_at:
        return FigureRole.AFTER, -1
    if cue == "before":
        return FigureRole.BEFORE, -1
    if cue == "from":
        to = _FROM_TO_RE.match(t.text, end)
        if to is not None:  # kept only if a figure starts right after the "to"
            return FigureRole.BEFORE, to.end()
        return None, -1
    if cue == "total" or after_cue == "total":
        return FigureRole.TOTAL, -1
    if cue == "change" or after_cue == "change":
        return FigureRole.CHANGE, -1
    if cue == "shift" and unit not in _LENGTHS_AND_WEIGHTS:
        return FigureRole.CHANGE, -1  # but "the plane went down 60 km outside the city"
    if cue == "art" and _ART_CHANGE_RE.match(t.text, end):
        return FigureRole.CHANGE, -1
    if clause >= 0:  # "by X" or "to X": it depends on the words earlier in the clause
        words = set(_LETTERS_RE.findall(t.low, clause, hs))
        if cue == "to" and "total" in words:
            return FigureRole.TOTAL, -1  # "taking the total to 2,800"
        if cue == "by" and not words.isdisjoint(_CHANGE_WORDS):
            return FigureRole.CHANGE, -1  # "will increase by 600"
        if cue == "to" and not words.isdisjoint(_MOTION_WORDS):
            return FigureRole.AFTER, -1  # "rise to 2,800", "up 195 offences to 3,903"
    return None, -1


def _judge(
    t: _Text,
    raw: _Raw,
    after: re.Match[str] | None,
    after_at: int,
    prev_end: int,
    prev_label: list[str] | None,
    labels: bool,
) -> tuple[dict[str, Any], list[str], int] | None:
    """Read one candidate in its context: its :class:`Quantity` fields, its label and, for the
    X of "from X to", where its Y must start (else -1). None if it is not a figure.

    ``after`` is the scan's match for a number in digits: its look at what follows them.
    ``prev_end`` and ``prev_label`` are the end and label of the figure before (-1 and None
    when there is none).
    """
    text = t.text
    s, e = raw.start, raw.end
    if after is not None and after.end(_G_TAIL) == e and not text[e : e + 1].isalpha():
        unit, exp, end, groups = raw.cur, 0, e, after.groups()  # the usual case: nothing follows
    else:
        read = _unit(t, raw, after)
        if read is None:
            return None
        unit, exp, end, groups = read
    bare = unit is None and not exp  # no unit or scale: may be a date, year or name
    if bare and (raw.bare_one or _not_a_count(t, raw, end, groups)):
        return None  # "no one", "22 July", "in 2004", "at 10.30", "ET 302"
    m = _LEFT_RE.match(t.rev, len(t.rev) - s)
    assert m is not None  # both parts are optional
    if m.lastindex is None and end == e:
        hedge, hs, cue = None, s, None  # the usual case: no hedge or cue before or after
    else:
        left = _left(t, raw, m, groups if end != e else None, bare)
        if left is None:
            return None
        hedge, hs, cue = left
    if bare:
        if t.low.endswith("aged ", 0, hs):
            unit = "year"  # "aged 22"
        elif hedge is None and _is_apposed_age(text, hs, end, raw):
            unit = "year"  # "Salman Abedi, 22, was named"
    if hs < prev_end:
        hedge, hs = None, s  # "5 or more than 6": the words belong to the figure before
    clause = -1  # where the clause starts, for "by X" and "to X"
    role: FigureRole | None = None
    pending_to = -1
    if cue is not None:
        if cue == "by" or cue == "to":
            clause = clause_start(t.rev, hs, _WINDOW)
        role, pending_to = _role(t, raw, cue, groups, unit, hs, end, after_at, clause)
    elif raw.plus:
        role = FigureRole.CHANGE
    elif hs == after_at:
        role = FigureRole.AFTER
    elif groups[_T_IN_TOTAL]:
        role = FigureRole.TOTAL  # "X in total"
    elif groups[_T_MORE_OF]:
        role = FigureRole.CHANGE  # "X more", "a 5% rise"

    label: list[str] = []
    if labels:
        label = words_until(groups[_T_WORDS:], 4, _LABEL_STOP)  # the words after the tail
        if clause >= 0:  # after "by" or "to"
            named = _named(t, clause, hs)
            if named:
                label = named + [w for w in label if w not in named]
        if not label and role is FigureRole.AFTER and prev_label is not None:
            if clause < 0:
                clause = clause_start(t.rev, hs, _WINDOW)
            if prev_end >= clause:
                label = list(prev_label)

    quantity = {
        "value": float(f"{raw.num}e{exp}") if exp else float(raw.num),
        "unit": unit,
        "text": text[hs:end],
        "start": hs,
        "end": end,
        "hedge": hedge,
        "role": role,
    }
    return quantity, label, pending_to


def _may_say_in_total(low: str) -> bool:
    """Whether ``_IN_TOTAL`` can match anywhere in ``low``: "total", "altogether" or "in all"."""
    if "total" in low or "altogether" in low:
        return True
    for blank in " \t":  # "all" after a blank, and "in" before the blanks
        k = low.find(blank + "all")
        while k >= 0:
            j = k
            while j > 0 and low[j - 1] in " \t":
                j -= 1
            if low.endswith("in", 0, j):
                return True
            k = low.find(blank + "all", k + 4)
    return False


def _read(text: str, labels: bool) -> list[tuple[dict[str, Any], list[str]]]:
    """Every figure of ``text``, in order: the fields of its :class:`Quantity` and its label.

    The models are built for all figures of a text in one validation call at the end, which is
    much cheaper than one model per figure, and a dict is cheap to change ("from X to": X loses
    its role when no Y comes).
    """
    low = lower_same_length(text)
    if any(c in text for c in _EXOTIC):
        t = _Text(text, low, low[::-1], _AFTER_EXACT, text)
        scan = _SCAN_EXACT
    else:
        in_total = _may_say_in_total(low)
        t = _Text(text, low, low[::-1], _AFTER_LOW[in_total], low)
        scan = _SCAN_LOW[in_total]
    # First every candidate, then every judgement: two tight loops run faster than one that
    # goes back and forth between the regex engine and the judge.
    candidates = _digit_candidates(text, scan.finditer(t.subject))
    words = _word_candidates(low)
    if words:
        candidates.extend((raw, None) for raw in words)
        candidates.sort(key=_start)

    out: list[tuple[dict[str, Any], list[str]]] = []
    prev_end = -1  # where the figure before ends
    prev_label: list[str] | None = None
    waiting: dict[str, Any] | None = None  # the X of "from X to" whose Y has not come yet
    after_at = -1  # where that Y must start
    for raw, after in candidates:
        if raw.start < prev_end:
            continue  # inside the figure before ("5 thousand" is seen by both scanners)
        found = _judge(t, raw, after, after_at, prev_end, prev_label, labels)
        if found is None:
            continue
        quantity, label, pending_to = found
        if waiting is not None and quantity["role"] is not FigureRole.AFTER:
            waiting["role"] = None  # "from 5 countries to attend": no Y
        waiting, after_at = None, -1
        if pending_to >= 0:
            waiting, after_at = quantity, pending_to
        out.append((quantity, label))
        prev_end, prev_label = quantity["end"], label
    if waiting is not None:
        waiting["role"] = None
    return out


def _start(candidate: tuple[_Raw, re.Match[str] | None]) -> int:
    return candidate[0].start


# Validating a list of dicts in one call builds the same models as one constructor call each,
# at a fraction of the cost.
_QUANTITIES = TypeAdapter(list[Quantity])
_MENTIONS = TypeAdapter(list[Mention])


def read_quantities(text: str) -> list[Quantity]:
    """Read every figure in ``text``, in order, with its value, unit, hedge and role.

    ``text[q.start:q.end] == q.text`` holds for every result, and results never overlap.
    """
    return _QUANTITIES.validate_python([quantity for quantity, _ in _read(text, labels=False)])


def figure_mentions(text: str, sentences: list[Sentence]) -> list[Mention]:
    """Read the figures of ``text`` once, each with its sentence index and label.

    ``sentences`` are the sentences of ``text``, in order. A figure belongs to the last
    sentence starting at or before it; with no sentences there is nothing to point at, so
    nothing is returned.
    """
    if not sentences:
        return []
    starts = [s.start for s in sentences]
    # A figure before the first sentence belongs to it: with -1 as its start (figures start at 0
    # or later) the search needs no max(0, ...) per figure.
    starts[0] = -1
    bisect_right = bisect.bisect_right
    return _MENTIONS.validate_python(
        [
            {
                "quantity": quantity,
                "sentence": bisect_right(starts, quantity["start"]) - 1,
                "label": label,
            }
            for quantity, label in _read(text, labels=True)
        ]
    )


@hookimpl
def claimcheck_extract_mentions(source: Source, sentences: list[Sentence]) -> list[Mention]:
    return figure_mentions(source.text, sentences)

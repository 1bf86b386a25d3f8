"""The built-in figure reader: numbers in a text, with their hedge, unit and role.

Two compiled regexes find the candidates over the whole text, one for digits ("2,800", "5.3")
and one for runs of number words ("two thousand eight hundred", "a dozen"). Each candidate is
then judged on a few characters around it with anchored regexes, so the cost grows with the
number of figures, not with the length of the text. The rules:

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
import re
from operator import itemgetter
from typing import NamedTuple

from claimcheck.extraction.sentences import clause_start
from claimcheck.extraction.terms import (
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
)
from claimcheck.hookspecs import hookimpl
from claimcheck.models import FigureRole, Hedge, Mention, Quantity, Sentence, Source

__all__ = ["claimcheck_extract_mentions", "figure_mentions", "read_quantities"]

_B = r"[ \t]"  # a blank inside a line: a figure and its cue words never span lines
_I = re.IGNORECASE
_WINDOW = 150  # how far back a clause may reach, in characters

# ---------------------------------------------------------------------------------------------
# Finding candidates

# Only the digits: a leading character class lets the regex engine skip ahead fast. What sits
# before them (sign, currency, a glued letter) is checked in Python, once per match.
_DIGITS_RE = re.compile(r"[0-9][0-9]*(?:,[0-9]{3})*(?:\.[0-9]+)?")
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


def _digit_candidate(text: str, m: re.Match[str]) -> _Raw | None:
    s, e = m.span()
    num = m.group()
    nxt = text[e : e + 2]
    if nxt[:1].isdigit() or (len(nxt) == 2 and nxt[0] in _SPLIT_AFTER and nxt[1].isdigit()):
        return None
    if nxt == ") " and text[e + 2 : e + 3].isdigit():
        return None  # "(212) 555-0199"
    before = text[s - 1] if s else " "
    if before == "." and "," not in num and "." not in num:  # ".5"
        num, s = "." + num, s - 1
        before = text[s - 1] if s else " "
    cur = _CURRENCY.get(before)
    if cur is not None:
        s -= 1
        if cur == "USD" and text[max(0, s - 2) : s] == "US":
            s -= 2
        before = text[s - 1] if s else " "
    sign = ""
    if before in "+-−" and not (s >= 2 and (text[s - 2].isalnum() or text[s - 2] in "-–")):
        sign, s = before, s - 1
        before = text[s - 1] if s else " "
    if before.isalnum() or before in _GLUED_BEFORE:
        return None  # "CO19", "B-737", "9/11", "08:44", "3.1.2"
    if s >= 2 and before == " " and text[s - 2].isdigit():
        return None  # "020 7946 0958"
    whole = num.split(".", 1)[0]
    if "," in whole:
        if len(whole.split(",", 1)[0]) > 3:
            return None  # "1234,567": not thousands groups
        whole = whole.replace(",", "")
    elif len(whole) > 1 and whole[0] == "0":
        return None  # "007", "08": codes and times
    plain = num.isdigit()
    value = int(whole) if plain else 0
    return _Raw(
        start=s,
        end=e,
        num=("-" if sign in ("-", "−") else "") + num.replace(",", ""),
        cur=cur,
        plus=sign == "+",
        words=False,
        bare_one=False,
        year_like=plain and len(num) == 4 and 1800 <= value <= 2100,
        day_like=plain and len(num) <= 2 and 1 <= value <= 31,
    )


# Fractions of a number word: "half a million", "two and a half million". The word reader
# does not read fractions, and a wrong value is worse than none, so such runs are skipped.
_FRACTION_BEFORE_RE = re.compile(r"(?:half|quarters?|thirds?|fifths?|tenths?)(?:\s+of)?\s+$")
_FRACTION_AFTER_RE = re.compile(r"\s+and\s+a\s+(?:half|quarter|third)\b|-and-a-half\b")


def _word_candidates(low: str, start: int, stop: int) -> list[_Raw]:
    return [
        _Raw(s, e, str(value), None, False, True, count == 1 and low[s:e] == "one", False, False)
        for s, e, value, count in number_words(low, start, stop)
        if not _FRACTION_BEFORE_RE.search(low, max(0, s - 16), s) and not _FRACTION_AFTER_RE.match(low, e)
    ]


# ---------------------------------------------------------------------------------------------
# What follows a number: glued letters, scale, unit, clock time, a trailing hedge

_CHANGE_NOUNS = (
    "rise rises increase increases jump fall falls drop cut cuts reduction decrease decline "
    "boost uplift surge hike gain growth climb expansion uptick"
).split()
_CHANGE_NOUN_ALT = alternation(_CHANGE_NOUNS)
_GLUE_RE = re.compile(r"[A-Za-z]+")
_GLUE_SCALE = {"k": 3, "bn": 9, "mn": 6, "thousand": 3, "million": 6, "billion": 9}
_GLUE_UNIT = {"km": "km", "kg": "kg", "ft": "ft", "mi": "mi", "pc": "%"}
_TAIL_RE = re.compile(
    rf"""
    (?:{_B}+(?P<scale>thousand|million|billion|trillion|bn|hundred)\b)?
    (?: (?P<pct>{_B}*%|{_B}+per[ \t-]?cent\b|{_B}+percent\b|{_B}+(?-i:pc)\b)
      | (?P<pp>{_B}+percentage{_B}+points?\b)
      | {_B}+(?P<curw>pound|dollar|euro)s?\b
      | {_B}+(?P<meas>kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?|feet|foot|ft|kg
          |kilos?|kilogram(?:me)?s?|tonnes?)\b
      | {_B}*(?P<time>[ap]\.m\.|[ap]m\b|o['’]clock\b|GMT\b|BST\b|UTC\b|hrs\b)
      | (?P<age>(?:{_B}*-{_B}*|{_B}+)years?(?:{_B}*-{_B}*|{_B}+)olds?\b)
      | {_B}+(?P<dur>years?|months?|weeks?|days?|hours?|minutes?)\b
    )?
    (?: (?P<least>{_B}+(?:or|and){_B}+(?:more|above|over|greater|older)\b|-plus\b|\+(?!\d))
      | (?P<most>{_B}+(?:or|and){_B}+(?:fewer|less|under|below|younger)\b)
      | (?P<approx>{_B}+or{_B}+so\b)
    )?
    # Role cues right after the figure, looked at but not taken into its text.
    (?=(?P<in_total>(?:{_B}+[A-Za-z][\w'’-]*){{0,3}}?{_B}+(?:in{_B}+total|in{_B}+all|altogether)\b
          (?!{_B}+\w))
      |(?P<more_of>{_B}+(?:extra|additional|more|new)\b|(?:{_B}+|{_B}*-{_B}*)(?:{_CHANGE_NOUN_ALT})\b)
    )?
    """,
    _I | re.VERBOSE,
)
_TAIL_START = " \t%-+"  # a tail can only start with one of these
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


class _Found(NamedTuple):
    quantity: Quantity
    label: list[str]
    pending_to: int  # for "from X to": where Y must start, else -1


def _count_noun_follows(text: str, pos: int) -> bool:
    return any(is_count_noun(w) for w in next_words(text, pos, 3))


def _unit(text: str, raw: _Raw) -> tuple[str | None, int, int, re.Match[str] | None] | None:
    """Read what follows a number: (unit, power of ten, end, tail match); None: not a figure."""
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
    if e >= len(text) or text[e] not in _TAIL_START:
        return unit, exp, e, None
    t = _TAIL_RE.match(text, e)
    assert t is not None  # every part of the tail is optional
    scale, pct, pp, curw, meas, time = t.group("scale", "pct", "pp", "curw", "meas", "time")
    age, dur = t.group("age", "dur")
    if time:
        return None
    if scale and not exp:
        exp = _SCALE_EXP[scale.lower()]
    if pct:
        unit = "%"
    elif pp:
        unit = "pp"
    elif curw and unit is None:
        unit = _CUR_WORDS[curw.lower()]
    elif meas and unit is None:
        unit = _measure(meas)
    elif (age or dur) and unit is None:
        # Ages and durations are measures too: "16-year-old", "six minutes" count no people.
        unit = "year" if age else dur.lower().rstrip("s")
    return unit, exp, t.end(), t


def _not_a_count(t: _Text, raw: _Raw) -> bool:
    """Dates, years, codes and clock times: numbers without a unit that count nothing."""
    s = raw.start
    if raw.day_like or raw.year_like:
        month_before = _MONTH_BEFORE.match(t.rev, len(t.rev) - s) is not None
        if raw.day_like and (month_before or _MONTH_AFTER_RE.match(t.text, raw.end)):
            return True  # "22 July", "July 22"
        if raw.year_like and (
            month_before or _YEAR_CUE_BEFORE.find(t.rev, s) or not _count_noun_follows(t.text, raw.end)
        ):
            return True  # "in 2004", "May 2013"; "around 2000 officers" is a count
    text = t.text
    if not raw.words and s >= 3 and text[s - 1] == " ":
        k = s - 2
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
    t: _Text, raw: _Raw, tail: re.Match[str] | None, bare: bool
) -> tuple[Hedge | None, int, str | None] | None:
    """The hedge, where the figure's text starts (hedge included) and the cue before it.

    None: not a figure (an identifier: "No. 10", "Flight 302").
    """
    s, n = raw.start, len(t.rev)
    m = _LEFT_RE.match(t.rev, n - s)
    assert m is not None  # both parts are optional
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
        for kind in ("least", "most", "approx"):
            if tail.group(kind):
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
    if "." in raw.num or not raw.num.isdigit() or not 0 < int(raw.num) <= 120:
        return False
    return bool(
        _NAME_COMMA_BEFORE_RE.search(text, max(0, start - 40), start) and _AGE_AFTER_RE.match(text, end)
    )


def _judge(t: _Text, raw: _Raw, after_at: int, prev: _Found | None, labels: bool) -> _Found | None:
    """Read one candidate in its context; None if it is not a figure."""
    text = t.text
    read = _unit(text, raw)
    if read is None:
        return None
    unit, exp, end, tail = read
    bare = unit is None and not exp  # no unit or scale: may be a date, year or name
    if bare and (raw.bare_one or _not_a_count(t, raw)):
        return None  # "no one", "22 July", "in 2004", "at 10.30"
    left = _left(t, raw, tail, bare)
    if left is None:
        return None
    hedge, hs, cue = left
    if (
        unit is None
        and not exp
        and (t.low.endswith("aged ", 0, hs) or (hedge is None and _is_apposed_age(text, hs, end, raw)))
    ):
        unit = "year"  # "aged 22"; "Salman Abedi, 22, was named"
    if prev is not None and hs < prev.quantity.end:
        hedge, hs = None, raw.start  # "5 or more than 6": the words belong to the figure before
    after_cue = None
    if tail is not None:
        after_cue = "total" if tail.group("in_total") else "change" if tail.group("more_of") else None
    clause = clause_start(t.rev, hs, _WINDOW) if cue in ("by", "to") else -1
    role: FigureRole | None = None
    pending_to = -1
    if raw.plus:
        role = FigureRole.CHANGE
    elif hs == after_at:
        role = FigureRole.AFTER
    elif cue == "before":
        role = FigureRole.BEFORE
    elif cue == "from":
        to = _FROM_TO_RE.match(text, end)
        if to is not None:  # kept only if a figure starts right after the "to"
            role, pending_to = FigureRole.BEFORE, to.end()
    elif cue == "total" or after_cue == "total":
        role = FigureRole.TOTAL
    elif cue == "change" or after_cue == "change":
        role = FigureRole.CHANGE
    elif cue == "shift" and unit not in _LENGTHS_AND_WEIGHTS:
        role = FigureRole.CHANGE  # but "the plane went down 60 km outside the city"
    elif cue == "art" and _ART_CHANGE_RE.match(text, end):
        role = FigureRole.CHANGE
    elif clause >= 0:  # "by X" or "to X": it depends on the words earlier in the clause
        words = set(_LETTERS_RE.findall(t.low, clause, hs))
        if cue == "to" and "total" in words:
            role = FigureRole.TOTAL  # "taking the total to 2,800"
        elif cue == "by" and not words.isdisjoint(_CHANGE_WORDS):
            role = FigureRole.CHANGE  # "will increase by 600"
        elif cue == "to" and not words.isdisjoint(_MOTION_WORDS):
            role = FigureRole.AFTER  # "rise to 2,800", "up 195 offences to 3,903"

    label: list[str] = []
    if labels:
        label = next_words(text, end, 4, _LABEL_STOP)
        if cue in ("by", "to"):
            named = _named(t, clause, hs)
            label = named + [w for w in label if w not in named]
        if not label and role is FigureRole.AFTER and prev is not None:
            if clause < 0:
                clause = clause_start(t.rev, hs, _WINDOW)
            if prev.quantity.end >= clause:
                label = list(prev.label)

    quantity = Quantity(
        value=float(f"{raw.num}e{exp}"),
        unit=unit,
        text=text[hs:end],
        start=hs,
        end=end,
        hedge=hedge,
        role=role,
    )
    return _Found(quantity, label, pending_to)


def _candidates(text: str, low: str) -> list[_Raw]:
    raws = [r for m in _DIGITS_RE.finditer(text) if (r := _digit_candidate(text, m))]
    spaced = " " + low  # so that a number word can start the text
    for m in NUMBER_WORDS_RE.finditer(spaced):
        start, end = m.span("w")
        if not ORDINAL_AFTER_RE.match(spaced, end):
            raws.extend(
                r._replace(start=r.start - 1, end=r.end - 1) for r in _word_candidates(spaced, start, end)
            )
    raws.sort(key=itemgetter(0))  # by start
    return raws


def _read(text: str, labels: bool) -> list[_Found]:
    low = lower_same_length(text)
    t = _Text(text, low, low[::-1])
    out: list[_Found] = []
    waiting = -1  # index in ``out`` of an X of "from X to" whose Y has not come yet
    after_at = -1
    for raw in _candidates(text, low):
        if out and raw.start < out[-1].quantity.end:
            continue  # inside the figure before ("5 thousand" is seen by both scanners)
        found = _judge(t, raw, after_at, out[-1] if out else None, labels)
        if found is None:
            continue
        if waiting >= 0 and found.quantity.role is not FigureRole.AFTER:
            out[waiting] = _unrole(out[waiting])  # "from 5 countries to attend": no Y
        waiting, after_at = -1, -1
        if found.pending_to >= 0:
            waiting, after_at = len(out), found.pending_to
        out.append(found)
    if waiting >= 0:
        out[waiting] = _unrole(out[waiting])
    return out


def _unrole(found: _Found) -> _Found:
    return found._replace(quantity=found.quantity.model_copy(update={"role": None}))


def read_quantities(text: str) -> list[Quantity]:
    """Read every figure in ``text``, in order, with its value, unit, hedge and role.

    ``text[q.start:q.end] == q.text`` holds for every result, and results never overlap.
    """
    return [f.quantity for f in _read(text, labels=False)]


def figure_mentions(text: str, sentences: list[Sentence]) -> list[Mention]:
    """Read the figures of ``text`` once, each with its sentence index and label.

    ``sentences`` are the sentences of ``text``, in order. A figure belongs to the last
    sentence starting at or before it; with no sentences there is nothing to point at, so
    nothing is returned.
    """
    if not sentences:
        return []
    starts = [s.start for s in sentences]
    out: list[Mention] = []
    for found in _read(text, labels=True):
        index = max(0, bisect.bisect_right(starts, found.quantity.start) - 1)
        out.append(Mention(quantity=found.quantity, sentence=index, label=found.label))
    return out


@hookimpl
def claimcheck_extract_mentions(source: Source, sentences: list[Sentence]) -> list[Mention]:
    return figure_mentions(source.text, sentences)

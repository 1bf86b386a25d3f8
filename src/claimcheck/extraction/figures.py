"""The built-in figure reader: numbers in a text, with their hedge, unit and role.

Two compiled regexes find the candidates over the whole text, one for digits ("2,800", "5.3")
and one for runs of number words ("two thousand eight hundred", "a dozen"). Each candidate is
then judged on a few characters around it with anchored regexes, so the cost grows with the
number of figures, not with the length of the text. The rules:

* **Not a figure**: numbers glued to letters or codes ("CO19", "COVID-19", "737-800", "G7"),
  ordinals ("7th", "twenty-first"), clock times ("08:44", "8.44am", "10 am", "at 10.30"),
  "24/7", versions ("3.1.2"), leading zeros and digit groups split by single spaces (phone
  numbers), ranges ("700-900"), dates ("22 July", "July 22", "May 2013", "2019-03-10"),
  identifiers ("No. 10", "Flight 302", "Boeing 737"), a bare "one" ("no one"), "a"/"an" alone.
* **Years**: a plain 4-digit integer from 1800 to 2100 is a year unless it has a unit, currency
  or scale, or a count noun follows within three words ("around 2000 officers"). After a month or
  a strong cue ("in", "since", "the", "during", "early", ...) it is a year even then.
* **Scale and unit**: thousand/million/billion/bn/k multiply the value; "m" does after a currency
  or before a count noun ("£200m", "1.5m people") and is metres otherwise. Percent ("%", "per
  cent", "percent", "pc") gives unit "%" (the value stays 5.3), "percentage points" gives "pp";
  £ $ US$ € and pounds/dollars/euros give GBP/USD/EUR; lengths and weights give km, mi, m, ft,
  kg, t. A minus sign right before the digits makes the value negative. Count nouns are never
  units: they go into the label.
* **Hedge**: the phrase right before the figure (see ``_HEDGE_RE``), else "or more", "-plus" or
  "+" after it. ``Quantity.text`` spans the hedge and the unit words ("around 92 per cent").
* **Role**, from cue words next to the figure, first rule that applies: "+X" -> change; the Y
  of "from X ... to Y" -> after (X is before only if such a Y follows); "up/down from X",
  "compared with X", "previously X" -> before; "a total of X", "totalling X", "altogether X",
  "X in total", and "to X" when "total" is earlier in the clause -> total; "a further/an extra/
  another X", "a rise of X", "up/down X", "X extra/additional/more/new", "X rise/increase/fall"
  -> change; "by X" with a change word earlier in the clause -> change; "to X" with a change or
  motion word earlier in the clause ("rise to", "taking the number to") -> after. A clause is
  the text since the last line break, sentence end, comma, semicolon, colon, bracket or dash.
* **Label** (mentions only): up to four lower-case words right after the figure, ending at
  punctuation, a number word or a stop word (``terms.STOP_WORDS``). When the figure follows
  "by" or "to" and its clause says "the number of <words>", those words come first. A figure
  with the "after" role and no words of its own borrows the label of the figure before it in
  the same clause ("from 108 offences to 164": 164 is labelled "offences").
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from claimcheck.extraction.terms import STOP_WORDS, is_count_noun, next_words
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

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_VALUES = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_NUMBER_WORDS = frozenset(_VALUES) | frozenset(_SCALES) | {"hundred", "dozen"}
_LABEL_STOP = STOP_WORDS | _NUMBER_WORDS


def _alt(words: frozenset[str] | dict[str, int] | list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # longest first: "seventeen", "seven"


# A run of number words in the lower-cased text, after a non-letter (matched, so the engine can
# skip to word starts fast). It starts with a count word or "a"/"an" + multiplier, never a bare
# multiplier, and may be joined by "and" ("two hundred and five") or hyphens ("twenty-one").
_WORDS_RE = re.compile(
    rf"[^a-z0-9_](?P<w>(?:an?{_B}+(?:{_alt(['hundred', 'dozen', *_SCALES])})|{_alt(_VALUES)})"
    rf"\b(?:(?:{_B}+and{_B}+|-|{_B}+)(?:{_alt(_NUMBER_WORDS)})\b)*)"
)
_TOKEN_RE = re.compile(r"[a-z]+")
# Number words that are part of an ordinal or a fraction: "twenty-first", "two-thirds".
_ORDINAL_AFTER_RE = re.compile(
    r"-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|half|halves|quarters?|"
    r"thirds?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
    rf"|{_B}+(?:\w+teenth|\w+tieth|hundredth|thousandth|millionth|thirds|fifths|tenths)\b",
    _I,
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


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
        num=("-" if sign in "-−" and sign else "") + num.replace(",", ""),
        cur=cur,
        plus=sign == "+",
        words=False,
        bare_one=False,
        year_like=plain and len(num) == 4 and 1800 <= value <= 2100,
        day_like=plain and len(num) <= 2 and 1 <= value <= 31,
    )


def _word_candidates(low: str, start: int, stop: int) -> list[_Raw]:
    """Parse a run of number words; a run that is not one number splits ("five six")."""
    out: list[_Raw] = []
    total = cur = count = 0
    last = ""  # kind of the word before: art, small, tens, hundred, dozen, scale
    top = 10**15  # scales must fall: "two million five hundred thousand"
    first = end = -1
    for t in _TOKEN_RE.finditer(low, start, stop):
        w = t.group()
        if w == "and":
            continue
        v = _VALUES.get(w, -1)
        if w in ("a", "an"):
            kind, ok = "art", last == ""
        elif 0 <= v < 20:
            kind, ok = "small", last in ("", "hundred", "scale") or (last == "tens" and v > 0)
        elif v >= 20:
            kind, ok = "tens", last in ("", "hundred", "scale")
        elif w in ("hundred", "dozen"):
            kind, ok = w, last in ("small", "tens", "art") and cur < 100
        else:
            kind = "scale"
            ok = last in ("small", "tens", "hundred", "art") and _SCALES[w] < top
        if not ok:
            if first >= 0 and last != "art":
                out.append(_words_raw(low, first, end, total + cur, count))
            total = cur = count = 0
            last, top, first = "", 10**15, -1
            if kind not in ("small", "tens", "art"):
                continue  # a multiplier cannot start a number
        if first < 0:
            first = t.start()
        if kind == "art":
            cur = 1
        elif kind in ("small", "tens"):
            cur += v
        elif kind == "hundred":
            cur *= 100
        elif kind == "dozen":
            cur *= 12
        else:
            top = _SCALES[w]
            total, cur = total + cur * top, 0
        last, end, count = kind, t.end(), count + 1
    if first >= 0 and last != "art":
        out.append(_words_raw(low, first, end, total + cur, count))
    return out


def _words_raw(low: str, start: int, end: int, value: int, count: int) -> _Raw:
    one = count == 1 and low[start:end] == "one"
    return _Raw(start, end, str(value), None, False, True, one, False, False)


# ---------------------------------------------------------------------------------------------
# What follows a number: glued letters, scale, unit, clock time, a trailing hedge

_GLUE_RE = re.compile(r"[A-Za-z]+")
_GLUE_SCALE = {"k": 3, "bn": 9, "mn": 6}
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
    )?
    (?: (?P<least>{_B}+or{_B}+(?:more|above|over|greater)\b|-plus\b|\+(?!\d))
      | (?P<most>{_B}+or{_B}+(?:fewer|less|under|below)\b)
      | (?P<approx>{_B}+or{_B}+so\b)
    )?
    """,
    _I | re.VERBOSE,
)
_TAIL_START = " \t%-+"  # a tail can only start with one of these
_SCALE_EXP = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "hundred": 2}
_CUR_WORDS = {"pound": "GBP", "dollar": "USD", "euro": "EUR"}
_MEASURES = {"mi": "mi", "me": "m", "fe": "ft", "fo": "ft", "ft": "ft", "to": "t", "kg": "kg"}


def _measure(word: str) -> str:
    w = word.lower()
    if w.startswith(("km", "kilom")):
        return "km"
    return "kg" if w.startswith("kilo") else _MEASURES[w[:2]]


# ---------------------------------------------------------------------------------------------
# Words right before a figure, matched on the reversed lower-case text
#
# A pattern that must end right before a position is slow to search for forwards (the engine
# tries every start in the window). Reversed, it is an anchored match at one position.


_Trie = dict[str, "_Trie"]


def _trie(phrases: list[str]) -> str:
    """A regex alternation of ``phrases`` as a trie: the engine never retries a shared prefix.

    A space in a phrase stands for any run of blanks. Longer phrases are tried before their
    prefixes (an optional tail is greedy), so "no more than" wins over "more than".
    """
    root: _Trie = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        alts = [
            (f"{_B}+" if ch == " " else re.escape(ch)) + emit(sub)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


class _Before(NamedTuple):
    """Phrases that must end right before a figure, by kind, matched on the reversed text.

    A pattern that must end at a position is slow to search for forwards (the engine tries
    every start in the window); on the reversed text it is one anchored match.
    """

    pattern: re.Pattern[str]
    kinds: dict[str, str]  # reversed phrase, single-spaced -> kind

    def find(self, rev: str, pos: int) -> tuple[str, int] | None:
        """The kind of phrase that ends (after blanks) at ``pos`` of the text, and its start."""
        m = self.pattern.match(rev, len(rev) - pos)
        if m is None:
            return None
        return self.kinds[" ".join(m.group(1).split())], len(rev) - m.end()


def _before(kinds: dict[str, str]) -> _Before:
    """Compile "|"-separated lower-case phrases, by kind (see :class:`_Before`)."""
    table = {p[::-1]: k for k, ps in kinds.items() for p in ps.split("|")}
    return _Before(re.compile(rf"{_B}*({_trie(list(table))})(?![\w'’])"), table)


# Hedges, and names a number identifies rather than counts ("No. 10", "Flight 302", "Boeing
# 737"): both end right before the number, so one match finds either.
_HEDGE_BEFORE = _before(
    {
        "approx": "an estimated|estimated|approximately|approx.|approx|around|about|roughly"
        "|some|circa|c.|ca.|close to|~|≈|∼",
        "nearly": "nearly|almost|just under|just shy of|just below",
        "more": "just over|well over|more than|over|above|in excess of|upwards of|greater than",
        "least": "at least|no fewer than|no less than|not less than|a minimum of|minimum of",
        "less": "less than|fewer than|under|below",
        "most": "up to|as many as|as much as|at most|no more than|not more than|a maximum of"
        "|maximum of",
        "id": "no.|nos.|vol.|fig.|ref.|tel.|art.|para.|flight|article|section|chapter|page"
        "|room|route|channel|radio|category|level|stage|phase|platform|gate|terminal|model"
        "|version|series|season|episode|volume|apollo|boeing|airbus|windows|formula"
        "|interstate|highway|ward|zone|tier|grade|mark|mk|number|term",
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
_CHANGE_NOUNS = (
    "rise rises increase increases jump fall falls drop cut cuts reduction decrease decline "
    "boost uplift surge hike gain growth climb expansion uptick"
).split()
_CUE_BEFORE = _before(
    {
        "before": "up from|down from|rising from|falling from|rose from|fell from|previously"
        "|compared with|compared to|compared with the|compared to the|formerly|up on|down on",
        "from": "from",
        "total": "total|totals|totalled|totaled|totalling|totaling|total of|altogether|in all",
        "change": "further|extra|additional|another|up|down|"
        + "|".join(f"{n} of" for n in _CHANGE_NOUNS),
        "by": "by",
        "to": "to",
        "art": "a|an",
    }
)
# After these a 4-digit number is a year even before a count noun ("in 2004 officers said").
_YEAR_CUE_BEFORE = _before(
    {
        "year": "in|since|until|till|during|before|after|early|late|mid|year|years|the|this"
        "|last|next|through|throughout|summer|spring|autumn|winter|season|fiscal|financial"
        "|class|born|circa|c."
    }
)
_AT_BEFORE = _before({"at": "at"})
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
# "July 22", "July 7th 2005", "22 July 2005", "July 22, 2005", "Jan. 5": reversed.
_MONTH_BEFORE = re.compile(
    rf"{_B}+(?:,?(?:ts|dn|dr|ht)?\d\d?{_B}+|\d\d?{_B}+)?\.?(?:{_alt([m[::-1] for m in _MONTHS])})"
    r"(?![\w'’])"
)
_MONTH_AFTER_RE = re.compile(
    rf"{_B}+(?:of{_B}+)?(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b"
)
_CLOCK_RE = re.compile(r"\d{1,2}\.[0-5]\d\Z")
_PREV_WORD = re.compile(rf"{_B}+([a-z]+)")  # on the reversed text

# ---------------------------------------------------------------------------------------------
# Words of the clause and right after a figure

_CHANGE_WORDS = frozenset(
    """
    increase increases increased increasing raise raises raised raising rose rise rises risen
    rising grow grows grew grown growing cut cuts cutting reduce reduces reduced reducing fall
    falls fell fallen falling drop drops dropped dropping decrease decreases decreased
    decreasing decline declines declined declining boost boosts boosted boosting expand
    expands expanded expanding swell swells swelled swollen swelling jump jumps jumped jumping
    climb climbs climbed climbing soar soars soared soaring surge surges surged surging slash
    slashes slashed slashing lower lowers lowered lowering double doubles doubled doubling
    triple tripled tripling treble trebled trebling halve halved halving add adds added adding
    lift lifts lifted lifting hike hikes hiked hiking uplift shrink shrinks shrank shrunk
    shrinking plummet plummets plummeted plummeting plunge plunges plunged plunging up down
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
_CHANGE_NOUN_ALT = _alt(_CHANGE_NOUNS)
# Cue words right after the figure and its unit.
_CUE_AFTER = re.compile(
    rf"(?P<total>(?:{_B}+[A-Za-z][\w'’-]*){{0,3}}?{_B}+(?:in{_B}+total|in{_B}+all|altogether)"
    rf"\b(?!{_B}+\w))|(?P<change>{_B}+(?:extra|additional|more|new)\b"
    rf"|(?:{_B}+|{_B}*-{_B}*)(?:{_CHANGE_NOUN_ALT})\b)",
    _I,
)
_ART_CHANGE_RE = re.compile(rf"{_B}+[a-z]+{_B}+(?:{_CHANGE_NOUN_ALT})\b", _I)  # "a 5% pay rise"
_FROM_TO_RE = re.compile(rf"(?:{_B}+[A-Za-z][\w'’-]*){{0,3}}?{_B}+to{_B}+", _I)
# Characters that may end a clause; ",.!?-" only next to whitespace (checked in Python).
_REV_STOP_RE = re.compile(r"[\n;:()\[\]–—,.!?-]")
_CLOSERS = "\"'’”)]"


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


def _clause_start(rev: str, pos: int) -> int:
    """Where the clause around ``pos`` starts: after the nearest boundary before it."""
    n = len(rev)
    i, limit = n - pos, n - pos + _WINDOW
    while (m := _REV_STOP_RE.search(rev, i, limit)) is not None:
        j = m.start()
        c = rev[j]
        if c in ",.!?-":
            k = j - 1  # the character after c, in text order
            if c in ".!?":
                while k >= 0 and rev[k] in _CLOSERS:
                    k -= 1
            ok = k < 0 or rev[k].isspace()
            if c == "-":  # a dash between blanks, not a hyphen
                ok = ok and j + 1 < n and rev[j + 1].isspace()
            if not ok:
                i = j + 1
                continue
        return n - j
    return max(0, pos - _WINDOW)


def _unit(text: str, raw: _Raw) -> tuple[str | None, int, int, re.Match[str] | None] | None:
    """Read what follows a number: (unit, power of ten, end, tail match); None: not a figure."""
    e, exp, unit = raw.end, 0, raw.cur
    if not raw.words and text[e : e + 1].isalpha():
        g = _GLUE_RE.match(text, e)
        assert g is not None
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
    return unit, exp, t.end(), t


def _not_a_count(t: _Text, raw: _Raw) -> bool:
    """Dates, years and clock times: numbers written without a unit that count nothing."""
    s = raw.start
    if raw.day_like or raw.year_like:
        month_before = _MONTH_BEFORE.match(t.rev, len(t.rev) - s) is not None
        if raw.day_like and (month_before or _MONTH_AFTER_RE.match(t.text, raw.end)):
            return True  # "22 July", "July 22"
        if raw.year_like and (
            month_before
            or _YEAR_CUE_BEFORE.find(t.rev, s)
            or not _count_noun_follows(t.text, raw.end)
        ):
            return True  # "in 2004", "May 2013"; "around 2000 officers" is a count
    return bool(_CLOCK_RE.match(raw.num) and _AT_BEFORE.find(t.rev, s))


def _hedge(
    t: _Text, raw: _Raw, tail: re.Match[str] | None, counts: bool
) -> tuple[Hedge | None, int] | None:
    """The figure's hedge and where its text starts, hedge included; None: not a figure."""
    s = raw.start
    h = _HEDGE_BEFORE.find(t.rev, s)
    if h is not None:
        kind, hs = h
        if kind == "id":
            return None if counts else (None, s)  # "No. 10"; but "Flight 302 km" is a length
        if kind == "most" and t.low.startswith("up", hs):
            prev = _PREV_WORD.match(t.rev, len(t.rev) - hs)
            if prev is not None and prev.group(1)[::-1] in _MOTION_WORDS:
                return None, s  # "rose up to 900" is where a change ended, not a bound
        return _HEDGES[kind], hs
    if tail is not None and tail.lastgroup in _HEDGES:
        return _HEDGES[tail.lastgroup], s  # "28 or more", "2,000+", "5 or so"
    return None, s


def _named(t: _Text, clause: int, hs: int) -> list[str]:
    """The words of the last "number of <words>" in the clause, if any."""
    k = t.low.rfind("number", clause, hs)
    while k >= 0:
        m = _NUMBER_OF_RE.match(t.low, k)
        if m is not None and (k == 0 or not t.low[k - 1].isalpha()):
            return next_words(t.text, m.end(), 4, _LABEL_STOP, first=True)
        k = t.low.rfind("number", clause, k)
    return []


def _judge(t: _Text, raw: _Raw, after_at: int, prev: _Found | None, labels: bool) -> _Found | None:
    text = t.text
    read = _unit(text, raw)
    if read is None:
        return None
    unit, exp, end, tail = read
    bare = unit is None and not exp  # no unit or scale: may be a date, year or name
    if bare and (raw.bare_one or _not_a_count(t, raw)):
        return None  # "no one", "22 July", "in 2004", "at 10.30"
    hedged = _hedge(t, raw, tail, bare)
    if hedged is None:
        return None
    hedge, hs = hedged

    found_cue = _CUE_BEFORE.find(t.rev, hs)
    cue = found_cue[0] if found_cue is not None else None
    after = _CUE_AFTER.match(text, end) if end < len(text) and text[end] in " \t-" else None
    after_cue = after.lastgroup if after is not None else None
    clause = _clause_start(t.rev, hs) if cue in ("by", "to") else -1
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
                clause = _clause_start(t.rev, hs)
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


def _lower(text: str) -> str:
    low = text.lower()
    # A few Unicode letters grow when lower-cased; offsets must not move.
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _candidates(text: str, low: str) -> list[_Raw]:
    raws = [r for m in _DIGITS_RE.finditer(text) if (r := _digit_candidate(text, m))]
    spaced = " " + low  # so that a number word can start the text
    for m in _WORDS_RE.finditer(spaced):
        start, end = m.span("w")
        if not _ORDINAL_AFTER_RE.match(spaced, end):
            raws.extend(
                r._replace(start=r.start - 1, end=r.end - 1)
                for r in _word_candidates(spaced, start, end)
            )
    raws.sort(key=lambda r: r.start)
    return raws


def _read(text: str, labels: bool) -> list[_Found]:
    low = _lower(text)
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

"""Word-level vocabulary shared by extraction and subject matching.

* Word tokens and a light stemmer. The stemmer is deliberately small and deterministic: it only
  has to make the inflected forms a news text uses ("officers", "killed", "countries") meet the
  base forms a claim is written with ("officer", "kill", "country"). It is not a linguistic
  stemmer; both sides of a comparison must go through :func:`stem` for it to work.
* The words next to a figure: stop words, count nouns, :func:`next_words`.
* Number words ("two thousand eight hundred") and their values.
* :class:`PhrasesBefore`: phrases that must end right before a position ("more than" before a
  figure), matched fast on the reversed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "NEXT_WORDS_PATTERN",
    "NUMBER_WORDS",
    "NUMBER_WORDS_RE",
    "ORDINAL_AFTER_RE",
    "STOP_WORDS",
    "WORD_RE",
    "PhrasesBefore",
    "alternation",
    "is_count_noun",
    "lower_same_length",
    "next_words",
    "number_words",
    "phrases_before",
    "stem",
    "stem_set",
    "trie_alternation",
    "word_forms",
    "words",
    "words_until",
]

_B = r"[ \t]"  # a blank inside a line

# Letters and digits, with apostrophes or hyphens allowed *inside* a word ("Hogan-Howe",
# "don't", "Britain's"); `[^\W_]` is a Unicode letter or digit without the underscore.
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

# Irregular plurals a claim is likely to name; the suffix rules below cannot reach them.
_IRREGULAR = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
}

# Shortest stem a suffix may leave behind: "kill" <- "killing" is fine, "sing" -> "s" is not.
_MIN_STEM = 3
# Doubled final consonants an -ing/-ed form adds ("stopped" -> "stop") but these keep ("kill").
_KEEP_DOUBLE = frozenset("lsz")


def words(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, word)`` for every word token of ``text``, in order."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def _undouble(base: str) -> str:
    # "stopp" -> "stop", "runn" -> "run"; "kill", "pass", "buzz" keep their pair.
    if len(base) > _MIN_STEM and base[-1] == base[-2] and base[-1] not in _KEEP_DOUBLE:
        if base[-1] not in "aeiou":
            return base[:-1]
    return base


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Reduce a word to a crude stem: lower case, no possessive, light suffix stripping.

    ``officers`` -> ``officer``, ``killed``/``killing`` -> ``kill``, ``countries`` ->
    ``country``, ``raised``/``raise`` -> ``rais`` (a final ``e`` is dropped so that a verb and
    its -ed/-ing forms meet). Cached: subject matching calls it for the same words again and again.
    """
    w = word.lower()
    # Possessives: "Britain's", "officers'" (either apostrophe).
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    elif w.endswith(("'", "’")):
        w = w[:-1]
    irregular = _IRREGULAR.get(w)
    if irregular is not None:
        w = irregular
    elif w.endswith(("ies", "ied")) and len(w) - 3 >= _MIN_STEM:
        w = w[:-3] + "y"  # countries -> country, carried -> carry
    elif w.endswith("sses"):
        w = w[:-2]  # classes -> class
    elif w.endswith("ing") and len(w) - 3 >= _MIN_STEM:
        w = _undouble(w[:-3])
    elif w.endswith("ed") and len(w) - 2 >= _MIN_STEM:
        # "agreed" -> "agree" (then kept by the "ee" rule below), "stopped" -> "stop".
        w = w[:-1] if w.endswith("eed") else _undouble(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) - 1 >= _MIN_STEM:
        w = w[:-1]
    # A final "e" goes too (after the rules above, so "increases" -> "increase" -> "increas"
    # meets "increased" -> "increas"); "ee" stays so "agree" and "fee" do not lose their vowel.
    if len(w) > _MIN_STEM and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    return w


def word_forms(tokens: list[str]) -> list[str]:
    """Tokens plus the parts of hyphenated ones: "16-year-old" also gives "16", "year", "old"
    and "year-old"; "Hogan-Howe" gives "Hogan" and "Howe"."""
    out = list(tokens)
    for token in tokens:
        if "-" in token:
            parts = token.split("-")
            out.extend(parts)
            out.extend("-".join(parts[i:]) for i in range(1, len(parts) - 1))
    return out


def stem_set(text: str) -> str:
    """Every stem of ``text``'s words (with :func:`word_forms`), sorted, space-separated.

    One string per source: compact in memory and in the cache, and ``split()`` gives the set
    back when the corpus builds its index from subject words to sources.
    """
    unique = set(WORD_RE.findall(text))
    return " ".join(sorted({stem(w) for w in word_forms(list(unique))}))


# ---------------------------------------------------------------------------------------------
# Words next to a figure: what it counts (its label) and whether a count noun follows

# Words that end a figure's label: determiners, prepositions, pronouns, auxiliaries and verbs of
# saying. "more", "extra", "new" are not here: "600 more armed police" is labelled with them.
STOP_WORDS = frozenset(
    """
    the a an of to in on at for from and or but nor by with within without into onto upon as
    than that which who whom whose what when where while if so because though although were
    are was is be been being will would could should can may might must shall have has had do
    does did this these those it its their they them he she we you i his her our your my not
    no per after before since over under during until till above below about around across
    against along among between through throughout toward towards said says say told
    according following including involving taking bringing making up down out off also just
    only even still most less least then there here each every all some any both either
    neither such very too compared now today yesterday tomorrow tonight last next ago soon
    later earlier again already yet instead overall apiece respectively alone
    """.split()
)
# Words a count can name though they do not end in "s"; and "-s" words that are not plurals.
_COUNT_NOUNS = frozenset("people police staff personnel children men women troops".split())
_NOT_PLURAL = frozenset("does says goes this thus plus less unless always perhaps news".split())
# Up to four words in one match (one regex call instead of one per word): the first after
# blanks or a hyphen ("600-strong"), or right at the position for ``first``.
_W = r"([A-Za-z][A-Za-z'’-]*)"
_MORE = rf"(?:[ \t]+{_W}(?:[ \t]+{_W}(?:[ \t]+{_W})?)?)?"
# Public as a pattern so that a caller can fold it into a larger regex (the figure reader
# looks past a number's unit and takes the words after it in the same match).
NEXT_WORDS_PATTERN = rf"(?:[ \t]+|-){_W}{_MORE}"
_NEXT_WORDS_RE = re.compile(NEXT_WORDS_PATTERN)
_FIRST_WORDS_RE = re.compile(rf"{_W}{_MORE}")
MAX_WORDS = 4


def is_count_noun(word: str) -> bool:
    """Whether a lower-case word looks like something a figure counts ("officers", "people")."""
    if word in _COUNT_NOUNS:
        return True
    return (
        len(word) > 3 and word[-1] == "s" and word[-2:] not in ("ss", "us", "is") and word not in _NOT_PLURAL
    )


def next_words(
    text: str, pos: int, limit: int, stop: frozenset[str] = STOP_WORDS, first: bool = False
) -> list[str]:
    """Up to ``limit`` (at most ``MAX_WORDS``) lower-case words after ``pos``, in order.

    Words must be separated by blanks (the first may follow a hyphen: "600-strong");
    punctuation, a digit or a word in ``stop`` ends the list. With ``first``, the first word
    starts right at ``pos``. Used for figure labels and for the count-noun test on years.
    """
    m = (_FIRST_WORDS_RE if first else _NEXT_WORDS_RE).match(text, pos)
    if m is None:
        return []
    return words_until(m.groups(), limit, stop)


def words_until(matched: Sequence[str | None], limit: int, stop: frozenset[str] = STOP_WORDS) -> list[str]:
    """The words a match of ``NEXT_WORDS_PATTERN`` took (its groups, ``None`` for a word it did
    not take), lower-cased, up to ``limit`` and up to the first word in ``stop``."""
    out: list[str] = []
    for word in matched[:limit]:
        if word is None:
            break
        w = word.lower()
        if w in stop:
            break
        out.append(w)
    return out


def lower_same_length(text: str) -> str:
    """``text`` lower-cased with every offset kept (a few Unicode letters grow under lower())."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# ---------------------------------------------------------------------------------------------
# Number words

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_VALUES = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
NUMBER_WORDS = frozenset(_VALUES) | frozenset(_SCALES) | {"hundred", "dozen"}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first ("seventeen" before "seven")."""
    return "|".join(sorted(words, key=len, reverse=True))


# A run of number words in lower-cased text, after a non-letter (matched rather than looked
# behind, so the engine can skip to word starts fast: scan " " + text to catch a first word).
# It starts with a count word or "a"/"an" + multiplier, never a bare multiplier, and may be
# joined by "and" ("two hundred and five") or hyphens ("twenty-one"). Group "w" is the run.
# The word lists are tries: a trie fails at the first letter no number word has, which makes
# scanning prose much faster than a flat alternation. Compiled at the end of the module, once
# trie_alternation is defined.
def _number_words_re() -> re.Pattern[str]:
    scales = trie_alternation(["hundred", "dozen", *_SCALES])
    return re.compile(
        rf"[^a-z0-9_](?P<w>(?:an?{_B}+(?:{scales})"
        rf"|{trie_alternation(_VALUES)})\b(?:(?:{_B}+and{_B}+|-|{_B}+)(?:{trie_alternation(NUMBER_WORDS)})\b)*)"
    )


# After a run of number words: an ordinal or a fraction ("twenty-first", "two-thirds").
ORDINAL_AFTER_RE = re.compile(
    r"-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|half|halves|quarters?|"
    r"thirds?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
    rf"|{_B}+(?:\w+teenth|\w+tieth|hundredth|thousandth|millionth|thirds|fifths|tenths)\b",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(r"[a-z]+")


def number_words(low: str, start: int, stop: int) -> list[tuple[int, int, int, int]]:
    """Read the numbers in a run of lower-case number words between ``start`` and ``stop``.

    Returns ``(start, end, value, word count)`` for each; a run that is not one number splits
    ("five six" -> 5, 6), and "and" is skipped ("two hundred and five" -> 205).
    """
    out: list[tuple[int, int, int, int]] = []
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
                out.append((first, end, total + cur, count))
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
        out.append((first, end, total + cur, count))
    return out


# ---------------------------------------------------------------------------------------------
# Phrases right before a position

_Trie = dict[str, "_Trie"]


def trie_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` as a trie, so the engine never retries a prefix.

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
        alts = [(f"{_B}+" if c == " " else re.escape(c)) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


class PhrasesBefore(NamedTuple):
    """Phrases, by kind, that must end right before a position (blanks between allowed).

    Searching forwards for a pattern that must end at a position is slow: the engine tries
    every start in the window. On the reversed lower-case text it is one anchored match.
    """

    pattern: re.Pattern[str]
    kinds: dict[str, str]  # reversed phrase, single-spaced -> kind

    def kind_of(self, matched: str) -> str:
        """The kind of a phrase as matched on the reversed text (any blanks inside)."""
        kind = self.kinds.get(matched)  # usually written with single spaces, as the table is
        if kind is None:
            kind = self.kinds[" ".join(matched.split())]  # any run of blanks stands for one space
        return kind

    def find(self, rev: str, pos: int) -> tuple[str, int] | None:
        """The kind of phrase ending at ``pos`` of the text, and where it starts.

        ``rev`` is the lower-cased text reversed (``lower_same_length(text)[::-1]``).
        """
        m = self.pattern.match(rev, len(rev) - pos)
        if m is None:
            return None
        return self.kind_of(m.group(1)), len(rev) - m.end()


def phrases_before(kinds: dict[str, str]) -> PhrasesBefore:
    """Compile "|"-separated lower-case phrases by kind; a phrase must start a word."""
    table = {p[::-1]: k for k, ps in kinds.items() for p in ps.split("|")}
    return PhrasesBefore(re.compile(rf"{_B}*({trie_alternation(table)})(?![\w'’])"), table)


NUMBER_WORDS_RE = _number_words_re()

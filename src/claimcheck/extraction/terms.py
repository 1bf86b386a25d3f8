"""Word tokens and a light stemmer, shared by extraction and subject matching.

The stemmer is deliberately small and deterministic: it only has to make the inflected forms a
news text uses ("officers", "killed", "countries") meet the base forms a claim is written with
("officer", "kill", "country"). It is not a linguistic stemmer; both sides of a comparison must
go through :func:`stem` for it to work.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["STOP_WORDS", "WORD_RE", "is_count_noun", "next_words", "stem", "words"]

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
    neither such very too compared now today yesterday last next ago
    """.split()
)
# Words a count can name though they do not end in "s"; and "-s" words that are not plurals.
_COUNT_NOUNS = frozenset("people police staff personnel children men women troops".split())
_NOT_PLURAL = frozenset("does says goes this thus plus less unless always perhaps news".split())
# Up to four words in one match (one regex call instead of one per word): the first after
# blanks or a hyphen ("600-strong"), or right at the position for ``first``.
_W = r"([A-Za-z][A-Za-z'’-]*)"
_MORE = rf"(?:[ \t]+{_W}(?:[ \t]+{_W}(?:[ \t]+{_W})?)?)?"
_NEXT_WORDS_RE = re.compile(rf"(?:[ \t]+|-){_W}{_MORE}")
_FIRST_WORDS_RE = re.compile(rf"{_W}{_MORE}")
MAX_WORDS = 4


def is_count_noun(word: str) -> bool:
    """Whether a lower-case word looks like something a figure counts ("officers", "people")."""
    if word in _COUNT_NOUNS:
        return True
    return (
        len(word) > 3
        and word[-1] == "s"
        and word[-2:] not in ("ss", "us", "is")
        and word not in _NOT_PLURAL
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
    out: list[str] = []
    if m is None:
        return out
    for word in m.groups()[:limit]:
        if word is None:
            break
        w = word.lower()
        if w in stop:
            break
        out.append(w)
    return out

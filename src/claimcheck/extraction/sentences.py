"""The built-in sentence splitter.

Rules, in the order they apply:

* every newline ends a sentence: headlines, bylines and paragraphs are lines of their own;
* inside a line, ``.``, ``!`` or ``?`` (a run of them, then any closing quotes or brackets)
  ends a sentence when whitespace and then an upper-case letter, a digit or an opening quote
  or bracket follow;
* a ``.`` does not end a sentence after a common abbreviation ("Mr", "Sir", "Jan", "U.S",
  "e.g", "etc", ...) or a single letter ("J. K. Rowling"); decimals ("5.3") never qualify
  because no whitespace follows their point;
* sentences exclude surrounding whitespace, and blank stretches give no sentence.

Lines are found with ``str.find`` and sentence ends by one compiled regex; Python only looks at
each candidate boundary, so the cost grows with the number of sentences, not characters.
:func:`clause_start` finds the clause around a position, for the figure reader's role cues.
"""

from __future__ import annotations

import re

from claimcheck.hookspecs import hookimpl
from claimcheck.models import Sentence, Source

__all__ = ["claimcheck_split_sentences", "clause_start", "split_sentences"]

# End punctuation (a run of it, then closing quotes or brackets) and the blanks after it, before
# something that can start a sentence. Starting with a character class lets the regex engine
# skip ahead fast; newlines are found with str.find, which is faster still.
_END_RE = re.compile(r"[.!?][.!?]*([\"'’”)\]]*)[ \t\r\f\v]+(?=[\"'“‘(\[]?[A-Z0-9])")

# The token right before a ".": letters with inner dots ("U.S", "e.g", "a.m") or a plain word.
_LAST_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]+\Z")

# Lower-case forms of abbreviations after which a "." does not end a sentence. "no" is here for
# "No. 10"; the price is a missed split after a sentence ending in "no.", which is rare in news.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr st sir no nos gen col lt sgt cpl capt cmdr maj prof rev hon gov sen rep insp
    supt det ch jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
    thurs fri u.s u.k u.n e.u e.g i.e a.m p.m vs v etc inc ltd co corp jr sr approx
    fig figs vol pp c ca cf dept govt mt
    """.split()
)

# How far back to look for the token before a "."; longer abbreviations do not exist here.
_LOOKBACK = 12
_BLANKS = " \t\r\f\v\n"


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the "." at ``dot`` closes an abbreviation or an initial rather than a sentence."""
    m = _LAST_TOKEN_RE.search(text, max(0, dot - _LOOKBACK), dot)
    if m is None:
        return False
    token = m.group()
    if len(token) == 1:  # a single letter: an initial ("J. K. Rowling") or "A." in a list
        return token.isupper() or token in _ABBREVIATIONS
    return token.lower() in _ABBREVIATIONS


def _spans(text: str) -> list[tuple[int, int]]:
    """Untrimmed (start, end) of every sentence, in order."""
    spans: list[tuple[int, int]] = []
    line = 0
    size = len(text)
    while line <= size:
        stop = text.find("\n", line)
        if stop < 0:
            stop = size
        start = line
        for m in _END_RE.finditer(text, line, stop):
            dot = m.start()
            end = m.end(1)  # after the punctuation and any closing quotes
            # A single "." may close an abbreviation or an initial instead; "...", "!" and "?"
            # always end the sentence.
            if end - dot - len(m.group(1)) == 1 and text[dot] == "." and _is_abbreviation(text, dot):
                continue
            spans.append((start, end))
            start = m.end()
        spans.append((start, stop))
        line = stop + 1
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences: offsets into ``text``, in order, never overlapping."""
    out: list[Sentence] = []
    for start, end in _spans(text):
        # Trim blanks on both sides; an all-blank stretch gives no sentence.
        while start < end and text[start] in _BLANKS:
            start += 1
        while end > start and text[end - 1] in _BLANKS:
            end -= 1
        if start < end:
            out.append(Sentence(start=start, end=end))
    return out


# Characters that may end a clause; ",.!?-" only next to whitespace (checked in Python).
_CLAUSE_END_RE = re.compile(r"[\n;:()\[\]–—,.!?-]")
_CLOSERS = "\"'’”)]"


def clause_start(rev: str, pos: int, window: int) -> int:
    """Where the clause around text position ``pos`` starts, at most ``window`` back.

    A clause ends at a line break, a sentence end, a comma, semicolon, colon, bracket or a dash
    between blanks. ``rev`` is the text reversed, so the nearest boundary is the first found.
    """
    n = len(rev)
    i, limit = n - pos, n - pos + window
    while (m := _CLAUSE_END_RE.search(rev, i, limit)) is not None:
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
    return max(0, pos - window)


@hookimpl(trylast=True)
def claimcheck_split_sentences(source: Source) -> list[Sentence]:
    return split_sentences(source.text)

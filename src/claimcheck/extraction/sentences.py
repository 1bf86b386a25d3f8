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

One compiled regex finds every boundary, line breaks and sentence ends alike, abbreviations
included (as look-behinds); Python only sees the boundaries, so the cost grows with the number
of sentences, not characters.
:func:`clause_start` finds the clause around a position, for the figure reader's role cues.
"""

from __future__ import annotations

import re

from pydantic import TypeAdapter

from claimcheck.hookspecs import hookimpl
from claimcheck.models import Sentence, Source

__all__ = ["claimcheck_split_sentences", "clause_start", "split_sentences"]

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


def _after_abbreviation() -> str:
    r"""Lookbehinds, to be placed right after a ".", that fail when that "." closes an abbreviation
    or an initial.

    The token before a "." is its letters, with inner dots ("U.S", "e.g", "a.m"): the longest
    run ``(?:[A-Za-z]\.)*[A-Za-z]+`` that ends there. It is an abbreviation when it is one of
    ``_ABBREVIATIONS`` in any case, or a single upper-case letter ("J. K. Rowling"). A token
    equals a plain word ``w`` when ``w`` ends there and neither a letter nor "<letter>." comes
    right before it; a dotted one ("e.g") when "<letter>." does not come right before it (a
    letter may: "xe.g" reads as "e.g"). Lookbehinds must have a fixed width, so there is one per
    width and shape. Checked in the regex, Python never sees the candidate ends they reject.
    """
    groups: dict[tuple[int, bool], list[str]] = {}
    singles = "A-Z"
    for word in sorted(_ABBREVIATIONS):
        if len(word) == 1:
            singles += word  # lower-case single letters in the list: "v", "c"
            continue
        body = "".join(f"[{c.upper()}{c}]" if c.isalpha() else re.escape(c) for c in word)
        groups.setdefault((len(word), "." in word), []).append(body)
    after_letter_dot = r"(?<![A-Za-z]\.)"
    after_letter = r"(?<![A-Za-z])"
    out = [rf"(?<!{after_letter}{after_letter_dot}[{singles}]\.)"]
    for (_, dotted), bodies in sorted(groups.items()):
        guard = after_letter_dot if dotted else after_letter + after_letter_dot
        out.append(rf"(?<!{guard}(?:{'|'.join(bodies)})\.)")
    return "".join(out)


# A sentence boundary: a line break (with the blank lines and indent after it), or end
# punctuation (a run of it, then any closing quotes or brackets: group 1) and the blanks after
# it, before something that can start a sentence. A single "." must not close an abbreviation;
# "...", "!" and "?" always end the sentence. Every alternative starts with one of "\n.!?", so
# the regex engine skips ahead fast over everything else, and Python only sees boundaries.
_END_TAIL = r"""([\"'’”)\]]*)[ \t\r\f\v]+(?=[\"'“‘(\[]?[A-Z0-9])"""
# What must follow end punctuation, checked before the abbreviations: most points, at a decimal
# or inside "U.S.", fail it, and it is cheaper than the look-behinds for every abbreviation.
_MAY_END = r"""(?=[.!?]*[\"'’”)\]]*[ \t\r\f\v]+[\"'“‘(\[]?[A-Z0-9])"""
_BOUNDARY_RE = re.compile(
    r"[\n.!?](?:(?<=\n)[ \t\r\f\v\n]*"  # a line break, the blank lines and indent after it
    rf"|{_MAY_END}(?:(?<=\.)(?:[.!?]+|{_after_abbreviation()})|(?<=[!?])[.!?]*){_END_TAIL})"
)
_BLANKS = " \t\r\f\v\n"


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences: offsets into ``text``, in order, never overlapping.

    Sentences exclude the blanks around them. Only the first sentence can start with blanks
    (a boundary's match takes the blanks after it) and only those that end at a line break or
    at the end of the text can end with some (end punctuation is not blank).
    """
    out: list[dict[str, int]] = []
    start, size = 0, len(text)
    while start < size and text[start] in _BLANKS:
        start += 1
    for m in _BOUNDARY_RE.finditer(text):
        end = m.end(1)  # after the punctuation and any closing quotes
        if end < 0:  # a line break
            end = m.start()
            while end > start and text[end - 1] in _BLANKS:
                end -= 1
            if start < end:  # an all-blank line gives no sentence
                out.append({"start": start, "end": end})
        else:
            out.append({"start": start, "end": end})
        start = m.end()
    end = size
    while end > start and text[end - 1] in _BLANKS:
        end -= 1
    if start < end:
        out.append({"start": start, "end": end})
    # One validation call for the whole list: much cheaper than a Sentence() per sentence.
    return _SENTENCES.validate_python(out)


_SENTENCES = TypeAdapter(list[Sentence])


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

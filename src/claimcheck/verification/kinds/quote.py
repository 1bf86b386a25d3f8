"""The ``quote`` claim kind: words someone said, checked word for word against every source.

Both the claim's quote and the source are reduced to word tokens: lower case; apostrophes
dropped inside a word ("who's" = "whos"); thousands separators dropped inside a number
("2,800" = "2800"); every other character (quote marks, dashes, commas, full stops, line
breaks) only separates words. Each source token keeps its character span in ``Source.text``,
so evidence quotes the passage as written and gives its ``line:col``.

A source
  * SUPPORTS the claim when the quote's tokens stand in it contiguously (inside a longer
    quotation too). An attribution that interrupts a quotation (``ones," he said, "who``) is
    skipped;
  * CONTRADICTS it when it holds a close variant instead: a passage at a word-level edit
    distance of 1 to ``max_changes(n)`` from the quote (n words: at least MIN_VARIANT_WORDS
    of them, at most MAX_CHANGE_SHARE of them changed, added or dropped), found only where at
    least n - max_changes(n) of the quote's words stand within n + max_changes(n) words;
  * is SILENT otherwise. Not misquotes (SILENT, listed in ``considered``): a variant whose
    only differences are words missing at an end of the quote, where the source's passage
    stops at punctuation (``danger," he said``: a shorter quotation); a variant outside
    quotation marks in a source that uses them (reported speech, narration). A source that
    holds the exact words anywhere is never called a contradiction.

With ``by:``, an occurrence counts only when one of the speaker's names is near it (see
:func:`_speaker`): the nearest attribution within two sentences decides, and a pronoun
attribution ("he said") leads back to the last named speaker.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from claimcheck.claims.grammar import describe_value, slugify
from claimcheck.config import Settings
from claimcheck.extraction.terms import STOP_WORDS
from claimcheck.hookspecs import hookimpl
from claimcheck.models import ClaimBase, Evidence, SourceIndex, SourceVerdict
from claimcheck.verification.engine import settle

__all__ = [
    "DIFF_CONTEXT",
    "MAX_CHANGE_SHARE",
    "MIN_VARIANT_WORDS",
    "PRONOUN_LOOKBACK",
    "SPEAKER_WINDOW",
    "QuoteClaim",
    "evaluate",
    "max_changes",
    "tokens",
]

# --- thresholds (docs/kinds/quote.md) ------------------------------------------------------------

#: A quote shorter than this (in words) is only ever SUPPORTED or SILENT: one word changed in
#: a short phrase is too likely to be another sentence altogether.
MIN_VARIANT_WORDS = 6
#: The largest share of a quote's words a close variant may change, add or drop (at least 1).
MAX_CHANGE_SHARE = 0.15
#: How many sentences before and after a passage are searched for its attribution.
SPEAKER_WINDOW = 2
#: How many sentences a pronoun attribution ("he said") may lead back to its named speaker.
PRONOUN_LOOKBACK = 8
#: Matching words shown on each side of a change in a diff.
DIFF_CONTEXT = 3
#: At most this many terms (each a group of words) are given to the corpus prefilter.
_INDEX_GROUPS = 3

_QUOTE_HINT = 'write the words as they were said, like `quote: "we will run towards the danger"`'
_BY_HINT = "name the speaker, like `by: Hogan-Howe` or `by: [Sir Bernard Hogan-Howe, Hogan-Howe]`"


def max_changes(words: int) -> int:
    """How many word changes a close variant of a ``words``-word quote may have (0: none)."""
    if words < MIN_VARIANT_WORDS:
        return 0
    return max(1, int(words * MAX_CHANGE_SHARE))


# --- words ---------------------------------------------------------------------------------------

# A number with thousands separators, a plain or decimal number, or a word (letters and digits,
# apostrophes allowed inside). Hyphens and dashes separate words: "Hogan-Howe" is two.
_TOKEN_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![^\W_])|\d+(?:\.\d+)?(?![^\W_])|[^\W_]+(?:['’][^\W_]+)*"
)
_DROP = str.maketrans("", "", "'’,")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` for every word of ``text``: lower case, no apostrophes, no
    thousands separators."""
    return [(m.start(), m.end(), m.group().lower().translate(_DROP)) for m in _TOKEN_RE.finditer(text)]


# An attribution that interrupts a quotation: `ones," he said, "who` or `ones', he said, 'who`.
_Q = "[\"“”'‘’]"
_W = r"[^\W_]+(?:['’\-][^\W_]+)*"
_BODY = rf"[^\W\d_][^\W_]*(?:['’\-][^\W_]+)*(?:[ \t]+{_W}){{0,7}}"  # one to eight words
_INTERRUPTION_RE = re.compile(rf"(?:[,!?]{_Q}|{_Q},)[ \t]+(?P<body>{_BODY})[ \t]*,[ \t]*{_Q}(?=[^\W_])")

_SPEECH = (
    "said|says|say|saying|added|adds|told|tells|stated|explained|warned|insisted|continued|"
    "argued|noted|declared|replied|commented|remarked|wrote|writes|claimed|asked|admitted|"
    "acknowledged|cautioned|urged|according"
)
_SPEECH_RE = re.compile(rf"\b(?:{_SPEECH})\b", re.IGNORECASE)
_PRONOUN_SAID_RE = re.compile(
    rf"\b(?:he|she|they)\s+(?:also\s+)?(?:{_SPEECH})\b|\b(?:{_SPEECH})\s+(?:he|she|they)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Words:
    """A source's word tokens, computed once per source (``SourceIndex.derived``)."""

    spans: list[tuple[int, int]]  # every token's (start, end) in the text
    norms: list[str]  # every token, normalised
    sentence: list[int]  # every token's sentence index
    quoted: list[tuple[int, int]]  # spans inside double quotation marks, in order
    in_quotes: list[bool]  # every token: inside a quotation?
    everywhere: dict[str, list[int]]  # token -> token indices (for speaker names)
    stream: list[int]  # token indices a quotation is matched on (interruptions left out)
    stream_norms: list[str]
    at: dict[str, list[int]]  # token -> stream positions

    def unquoted(self, text: str, start: int, end: int, hole: tuple[int, int] = (0, 0)) -> str:
        """``text[start:end]`` with quotations and ``hole`` (a passage) blanked out."""
        chars = list(text[start:end])
        k = max(0, bisect.bisect_right(self.quoted, (start, start)) - 1)
        blanks = [hole]
        for a, b in self.quoted[k:]:
            if a >= end:
                break
            blanks.append((a, b))
        for a, b in blanks:
            for i in range(max(a, start), min(b, end)):
                chars[i - start] = " "
        return "".join(chars)


def _quotations(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks, marks included. A straight mark opens or closes,
    a curly one says which; a quotation left open ends with its line (news articles reopen
    a quotation that goes on in the next paragraph)."""
    out: list[tuple[int, int]] = []
    line = 0
    while line <= len(text):
        stop = text.find("\n", line)
        stop = len(text) if stop < 0 else stop
        opened = -1
        for m in _QUOTE_MARK_RE.finditer(text, line, stop):
            mark = m.group()
            if opened < 0 and mark != "”":
                opened = m.start()
            elif opened >= 0 and mark != "“":
                out.append((opened, m.end()))
                opened = -1
        if opened >= 0:
            out.append((opened, stop))
        line = stop + 1
    return out


_QUOTE_MARK_RE = re.compile('["“”]')


def _words(index: SourceIndex) -> _Words:
    text = index.source.text
    found = tokens(text)
    starts = [s.start for s in index.sentences]
    quoted = _quotations(text)
    skipped: list[tuple[int, int]] = [m.span("body") for m in _INTERRUPTION_RE.finditer(text)]
    spans, norms, sentence, in_quotes = [], [], [], []
    everywhere: dict[str, list[int]] = {}
    stream: list[int] = []
    stream_norms: list[str] = []
    at: dict[str, list[int]] = {}
    gap = inside = 0
    for i, (start, end, norm) in enumerate(found):
        spans.append((start, end))
        norms.append(norm)
        sentence.append(max(0, bisect.bisect_right(starts, start) - 1))
        while inside < len(quoted) and quoted[inside][1] <= start:
            inside += 1
        in_quotes.append(inside < len(quoted) and quoted[inside][0] <= start)
        everywhere.setdefault(norm, []).append(i)
        while gap < len(skipped) and skipped[gap][1] <= start:
            gap += 1
        if gap < len(skipped) and skipped[gap][0] <= start:
            continue
        at.setdefault(norm, []).append(len(stream))
        stream.append(i)
        stream_norms.append(norm)
    return _Words(spans, norms, sentence, quoted, in_quotes, everywhere, stream, stream_norms, at)


# --- the claim -----------------------------------------------------------------------------------


class QuoteClaim(ClaimBase):
    """A claim that someone said these words: ``quote: "... run towards the danger"``."""

    kind: Literal["quote"] = "quote"
    quote: str = Field(
        description="The words as said; compared word for word, case and punctuation aside.",
        json_schema_extra={"hint": _QUOTE_HINT},
    )
    by: str | list[str] | None = Field(
        default=None,
        description="Who said it: a name or a list of alternatives (a surname is enough); "
        "one of them must be named near the quotation.",
        json_schema_extra={"hint": _BY_HINT},
    )

    @model_validator(mode="before")
    @classmethod
    def _statement(cls, data: Any) -> Any:
        """Without ``claim:``, the statement is the quote (with its speaker), and the id that
        the loader fell back to (``entry-<n>``) is made from that statement instead."""
        if not isinstance(data, dict) or "claim" in data or "quote" not in data:
            return data
        data = dict(data)
        quote = data["quote"]
        said = f'"{" ".join(quote.split())}"' if isinstance(quote, str) else str(quote)
        by = data.get("by")
        speaker = by if isinstance(by, str) else by[0] if isinstance(by, list) and by else None
        data["claim"] = f"{' '.join(speaker.split())}: {said}" if isinstance(speaker, str) else said
        ident = data.get("id")
        if isinstance(ident, str) and re.fullmatch(r"entry-\d+", ident):
            data["id"] = slugify(data["claim"]) or ident
        return data

    @field_validator("quote")
    @classmethod
    def _has_words(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise PydanticCustomError("quote_empty", "is empty", {})
        if not tokens(value):
            raise PydanticCustomError(
                "quote_no_words", "has no words to look for: `{value}`", {"value": value}
            )
        return value

    @field_validator("by", mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        names = value if isinstance(value, list) else [value]
        if value is None:
            return value
        if isinstance(value, list) and not value:
            raise PydanticCustomError("by_empty", "lists no names", {})
        for name in names:
            if not isinstance(name, str):
                shown = (
                    f"a list holding {describe_value(name)}"
                    if isinstance(value, list)
                    else describe_value(name)
                )
                raise PydanticCustomError(
                    "by_type", "should be a name or a list of names, not {shown}", {"shown": shown}
                )
            if not name.strip():
                raise PydanticCustomError("by_name", "holds an empty name", {})
            if not tokens(name):
                raise PydanticCustomError("by_name", "`{name}` is not a name", {"name": name})
        return value

    @property
    def speakers(self) -> list[str]:
        """The ``by:`` names, as a list (empty: any speaker)."""
        return [self.by] if isinstance(self.by, str) else list(self.by or [])

    def words(self) -> list[str]:
        return [t for _, _, t in tokens(self.quote)]

    def index_terms(self) -> list[list[str]] | None:
        """Up to three terms, each a group of ``max_changes + 1`` distinct quote words
        (longest non-stop words first): a passage within ``max_changes`` of the quote lacks at
        most that many of its words, so it holds a word of every group.

        A source word matches a quote word with its apostrophes removed ("who's" = "whos"),
        but its stem keeps them, so each word also stands for its spellings with one
        apostrophe inside ("whos", "who's", "wh'os", ...). Words with other characters than
        ASCII letters are not used.
        """
        words = self.words()
        need = max_changes(len(words)) + 1
        usable = sorted(
            {w for w in words if w.isalpha() and w.isascii()},
            key=lambda w: (w in STOP_WORDS, -len(w), w),
        )
        groups = [usable[i : i + need] for i in range(0, len(usable), need)]
        terms = [
            [spelling for w in group for spelling in (w, *(f"{w[:i]}'{w[i:]}" for i in range(1, len(w))))]
            for group in groups
            if len(group) == need
        ]
        return terms[:_INDEX_GROUPS] or None


# --- finding the quote ---------------------------------------------------------------------------


@dataclass
class _Found:
    """A passage of the source: the quote word for word, or a variant of it."""

    first: int  # stream positions of the passage's first and last word
    last: int
    changes: int = 0
    diff: str = ""
    partial: int = 0  # quote words beyond the source's passage (a shorter quotation)


def _exact(words: list[str], w: _Words) -> list[_Found]:
    n = len(words)
    anchor = min(range(n), key=lambda i: len(w.at.get(words[i], ())))
    out: list[_Found] = []
    for p in w.at.get(words[anchor], ()):
        start = p - anchor
        if start >= 0 and w.stream_norms[start : start + n] == words:
            out.append(_Found(start, start + n - 1))
    return out


def _regions(words: list[str], w: _Words, k: int) -> list[tuple[int, int]]:
    """Stream ranges that may hold a passage within ``k`` changes of the quote: where at
    least n - k of its words stand within n + k words (lossless for such passages)."""
    n = len(words)
    want = Counter(words)
    hits = sorted((p, t) for t in want for p in w.at.get(t, ()))
    span, need = n + k, n - k
    have: Counter[str] = Counter()
    matched = b = 0
    found: list[tuple[int, int]] = []
    for pos, token in hits:
        while b < len(hits) and hits[b][0] < pos + span:
            t = hits[b][1]
            have[t] += 1
            matched += have[t] <= want[t]
            b += 1
        if matched >= need:
            lo, hi = max(0, pos - k), min(len(w.stream) - 1, hits[b - 1][0] + k)
            if found and lo <= found[-1][1] + 1:
                found[-1] = (found[-1][0], max(found[-1][1], hi))
            else:
                found.append((lo, hi))
        matched -= have[token] <= want[token]
        have[token] -= 1
    return found


_Op = tuple[int | None, int | None]  # (quote index, stream position); None: a gap


def _align(words: list[str], stream: list[str], offset: int) -> tuple[int, list[_Op]]:
    """The cheapest word-level alignment of the whole quote with any passage of ``stream``
    (free ends in the source): its cost and its steps, with stream positions + ``offset``."""
    n, m = len(words), len(stream)
    rows = [[0] * (m + 1)]
    for i in range(1, n + 1):
        prev, cur = rows[-1], [i] + [0] * m
        q = words[i - 1]
        for j in range(1, m + 1):
            cur[j] = min(prev[j - 1] + (q != stream[j - 1]), prev[j] + 1, cur[j - 1] + 1)
        rows.append(cur)
    last = rows[n]
    cost = min(last)
    # The longest of the cheapest: a changed last word rather than a dropped one.
    j = max(j for j in range(m + 1) if last[j] == cost)
    i = n
    ops: list[_Op] = []
    while i > 0:
        if j > 0 and rows[i][j] == rows[i - 1][j - 1] + (words[i - 1] != stream[j - 1]):
            i, j = i - 1, j - 1
            ops.append((i, j + offset))
        elif rows[i][j] == rows[i - 1][j] + 1:
            i -= 1
            ops.append((i, None))
        else:
            j -= 1
            ops.append((None, j + offset))
    ops.reverse()
    return cost, ops


def _joined(w: _Words, a: int, b: int, text: str) -> bool:
    """Whether stream positions ``a`` and ``b`` (= a + 1) are words of one phrase: in one
    sentence, with only blanks between them."""
    if a < 0 or b >= len(w.stream):
        return False
    ta, tb = w.stream[a], w.stream[b]
    return w.sentence[ta] == w.sentence[tb] and not text[w.spans[ta][1] : w.spans[tb][0]].strip()


def _variant(words: list[str], raw: list[str], w: _Words, text: str, lo: int, hi: int) -> _Found | None:
    cost, ops = _align(words, w.stream_norms[lo : hi + 1], lo)
    if cost == 0 or cost > max_changes(len(words)):
        return None
    matches = [
        k
        for k, (qi, sj) in enumerate(ops)
        if qi is not None and sj is not None and words[qi] == w.stream_norms[sj]
    ]
    if not matches:
        return None
    head, tail = matches[0], matches[-1]
    first_pos, last_pos = ops[head][1], ops[tail][1]
    assert first_pos is not None and last_pos is not None
    keep_from, keep_to, partial = 0, len(ops), 0
    # Quote words before the first or after the last matching word are changes only when the
    # source's passage goes on there; where it stops at punctuation ("danger," he said), they
    # are words the source does not quote.
    if head and not _joined(w, first_pos - 1, first_pos, text):
        keep_from = head
        partial += sum(qi is not None for qi, _ in ops[:head])
    if tail < len(ops) - 1 and not _joined(w, last_pos, last_pos + 1, text):
        keep_to = tail + 1
        partial += sum(qi is not None for qi, _ in ops[tail + 1 :])
    kept = ops[keep_from:keep_to]
    changes = sum(
        not (qi is not None and sj is not None and words[qi] == w.stream_norms[sj]) for qi, sj in kept
    )
    positions = [sj for _, sj in kept if sj is not None]
    found = _Found(min(positions), max(positions), changes, partial=partial)
    if changes:
        found.diff = _diff(kept, words, raw, w, text)
    return found


def _diff(ops: list[_Op], words: list[str], raw: list[str], w: _Words, text: str) -> str:
    """The passage as a word diff from the source to the claim: ``[-source-] {+claim+}``,
    with DIFF_CONTEXT matching words around each change."""
    parts: list[tuple[bool, str]] = []  # (is a change, text)
    said: list[str] = []
    claimed: list[str] = []

    def flush() -> None:
        if said or claimed:
            shown = ([f"[-{' '.join(said)}-]"] if said else []) + (
                [f"{{+{' '.join(claimed)}+}}"] if claimed else []
            )
            parts.append((True, " ".join(shown)))
            said.clear()
            claimed.clear()

    for qi, sj in ops:
        source_word = text[slice(*w.spans[w.stream[sj]])] if sj is not None else None
        if qi is not None and sj is not None and words[qi] == w.stream_norms[sj]:
            flush()
            parts.append((False, str(source_word)))
            continue
        if source_word is not None:
            said.append(source_word)
        if qi is not None:
            claimed.append(raw[qi])
    flush()
    changed = [k for k, (change, _) in enumerate(parts) if change]
    shown: list[str] = []
    for k, (change, word) in enumerate(parts):
        near = any(abs(k - c) <= DIFF_CONTEXT for c in changed)
        if change or near:
            shown.append(word)
        elif not shown or shown[-1] != "...":
            shown.append("...")
    return '"' + " ".join(shown) + '"'


# --- who said it ---------------------------------------------------------------------------------


def _name_tokens(names: list[str]) -> list[list[str]]:
    """Each name's tokens, and for a name of several words its last word (the surname)."""
    out: list[list[str]] = []
    for name in names:
        full = [t for _, _, t in tokens(name)]
        parts = name.split()
        surname = [t for _, _, t in tokens(parts[-1])] if len(parts) > 1 else []
        for candidate in (full, surname):
            if candidate and candidate not in out:
                out.append(candidate)
    return out


def _named(w: _Words, names: list[list[str]]) -> dict[int, list[tuple[int, int]]]:
    """Sentence index -> character spans where one of the names stands outside quotation
    marks (a name inside a quotation is spoken about, not speaking)."""
    out: dict[int, list[tuple[int, int]]] = {}
    for name in names:
        for i in w.everywhere.get(name[0], ()):
            if w.norms[i : i + len(name)] == name and not w.in_quotes[i]:
                span = (w.spans[i][0], w.spans[i + len(name) - 1][1])
                out.setdefault(w.sentence[i], []).append(span)
    return out


def _speaker(
    claim: QuoteClaim, index: SourceIndex, w: _Words, named: dict[int, list[tuple[int, int]]], found: _Found
) -> tuple[bool, str]:
    """Whether the passage is attributed to the claim's speaker, and how that was decided.

    Only the words outside quotation marks (and outside the passage) of each sentence are
    looked at. Sentences are examined from the nearest out: the passage's own sentence(s),
    then one before, one after, two before, two after (SPEAKER_WINDOW). The first that names
    the speaker attributes the passage to them; the first with a pronoun attribution ("he
    said", "she added") leads back, over at most PRONOUN_LOOKBACK sentences, to the nearest
    sentence that names the speaker (yes) or attributes words to anyone else (no); the first
    with another attribution ("said the Mayor") attributes it to someone else.
    """
    who = "/".join(claim.speakers)
    text = index.source.text
    hole = _passage(w, found)
    a, b = w.sentence[w.stream[found.first]], w.sentence[w.stream[found.last]]

    def outside(s: int) -> str:
        sent = index.sentences[s]
        return w.unquoted(text, sent.start, sent.end, hole)

    def names_in(s: int) -> bool:
        return any(not hole[0] <= x < hole[1] for x, _ in named.get(s, ()))

    def where(s: int) -> str:
        if a <= s <= b:
            return "in the same sentence"
        d = a - s if s < a else s - b
        return f"{d} sentence{'s' if d > 1 else ''} {'before' if s < a else 'after'}"

    def shown(s: int) -> str:
        said = " ".join(outside(s).split())
        return repr(said if len(said) <= 80 else said[:77] + "...")

    order = [*range(a, b + 1)] + [s for d in range(1, SPEAKER_WINDOW + 1) for s in (a - d, b + d)]
    for s in [s for s in dict.fromkeys(order) if 0 <= s < len(index.sentences)]:
        said = outside(s)
        if names_in(s):
            return True, f"{who} is named {where(s)}"
        pronoun = _PRONOUN_SAID_RE.search(said)
        if pronoun is not None:
            cue = " ".join(pronoun.group().split())
            for back in range(min(s, a) - 1, max(-1, min(s, a) - 1 - PRONOUN_LOOKBACK), -1):
                if names_in(back):
                    return True, f'{who} is named {where(back)}, where "{cue}" leads back'
                earlier = outside(back)
                if _SPEECH_RE.search(earlier) and not _PRONOUN_SAID_RE.search(earlier):
                    return False, f'"{cue}" leads back to someone else: {shown(back)}'
            return False, f'"{cue}" leads back to no sentence naming {who}'
        if _SPEECH_RE.search(said):
            return False, f"it is attributed to someone else {where(s)}: {shown(s)}"
    return False, f"{who} is not named within {SPEAKER_WINDOW} sentences of it"


# --- the verdict ---------------------------------------------------------------------------------


def _passage(w: _Words, found: _Found) -> tuple[int, int]:
    return w.spans[w.stream[found.first]][0], w.spans[w.stream[found.last]][1]


def _evidence(index: SourceIndex, w: _Words, found: _Found, value: float, reason: str) -> Evidence:
    start, end = _passage(w, found)
    first, last = w.sentence[w.stream[found.first]], w.sentence[w.stream[found.last]]
    line, col = index.source.position(start)
    return Evidence(
        source_id=index.source.id,
        path=index.source.path,
        line=line,
        col=col,
        sentence=index.source.text[index.sentences[first].start : index.sentences[last].end]
        if index.sentences
        else index.source.text[start:end],
        figure=index.source.text[start:end],
        value=value,
        reason=reason,
    )


def evaluate(claim: QuoteClaim, index: SourceIndex) -> SourceVerdict:
    """One source's verdict on a quote claim, with the passage as evidence."""
    w: _Words = index.derived("quote.words", _words)
    quote = tokens(claim.quote)
    words = [t for _, _, t in quote]
    raw = [claim.quote[s:e] for s, e, _ in quote]
    text = index.source.text
    names = _name_tokens(claim.speakers)
    named = _named(w, names) if names else {}

    def attributed(found: _Found) -> tuple[bool, str]:
        return _speaker(claim, index, w, named, found) if names else (True, "")

    supports: list[Evidence] = []
    considered: list[Evidence] = []
    exact = _exact(words, w)
    for found in exact:
        ok, why = attributed(found)
        if ok:
            supports.append(
                _evidence(index, w, found, 1.0, "quoted word for word" + (f"; {why}" if why else ""))
            )
        else:
            considered.append(_evidence(index, w, found, 1.0, f"quoted word for word, but {why}"))
    if supports:
        return settle(index, supports, [], considered, "")
    contradicts: list[tuple[float, Evidence]] = []
    k = max_changes(len(words))
    if not exact and k:
        n = len(words)
        for lo, hi in _regions(words, w, k):
            variant = _variant(words, raw, w, text, lo, hi)
            if variant is None:
                continue
            if variant.changes == 0:
                shown = n - variant.partial
                reason = f"quotes only part of it ({shown} of its {n} words), word for word"
                considered.append(_evidence(index, w, variant, shown / n, reason))
                continue
            similarity = round(max(0.0, 1 - variant.changes / n), 3)
            plural = "s" if variant.changes > 1 else ""
            reason = (
                f"misquoted: {variant.changes} word change{plural} away (similarity {similarity:g}): "
                f"{variant.diff} ([-source-] {{+claim+}})"
            )
            ok, why = attributed(variant)
            if (
                ok
                and w.quoted
                and not all(w.in_quotes[w.stream[p]] for p in range(variant.first, variant.last + 1))
            ):
                # Reported speech or narration is not a quotation that could misquote anyone.
                ok, why = False, "the source's words do not stand inside quotation marks"
            if ok:
                evidence = _evidence(index, w, variant, similarity, reason + (f"; {why}" if why else ""))
                contradicts.append((similarity, evidence))
            else:
                considered.append(_evidence(index, w, variant, similarity, f"{reason}, but {why}"))
    if k:
        reason = (
            f"the source does not quote it, nor a passage within {k} word change{'s' if k > 1 else ''} of it"
        )
    else:
        reason = "the source does not quote it word for word"
    # The closest misquote first.
    closest = [e for _, e in sorted(contradicts, key=lambda c: -c[0])]
    return settle(index, [], closest, considered, reason)


# --- plugin hooks --------------------------------------------------------------------------------


@hookimpl
def claimcheck_claim_kinds() -> list[type[ClaimBase]]:
    return [QuoteClaim]


@hookimpl
def claimcheck_claim_kind(entry: Mapping[str, Any]) -> str | None:
    return "quote" if "quote" in entry else None


@hookimpl(trylast=True)
def claimcheck_evaluate_source(
    claim: ClaimBase, index: SourceIndex, settings: Settings
) -> SourceVerdict | None:
    if isinstance(claim, QuoteClaim):
        return evaluate(claim, index)
    return None

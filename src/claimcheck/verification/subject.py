"""Subject matching, shared by claim kinds: does a sentence name what a claim is about?

A claim's ``about`` is a list of terms, each a list of alternative words or phrases. A sentence
names the subject when every term is in it, except entity terms (all alternatives capitalised:
"Met", "Paris"), which may be anywhere in the source, and at least one term is in the sentence
itself. Words meet through :func:`claimcheck.extraction.terms.stem`; acronyms ("UK", "CO19")
must match as written. Per-sentence words and clauses are computed on first use and kept with
the source's index.

Speed: a claim's terms are compiled once (:class:`Subject`), and a sentence is only split into
words when its text could hold every term that must stand in it. That test is a substring
search for each word's stem in the lower-cased sentence (see :func:`_stem_keys`): a word whose
stem is the claim word's stem starts with that stem (less a final "y": "countries" ->
"country"), or is one of the stemmer's irregular plurals ("women" -> "woman"). It can only
let a sentence through that then fails the word test, never drop one that would pass it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from claimcheck.extraction.terms import _IRREGULAR, WORD_RE, stem, word_forms, words
from claimcheck.models import SourceIndex

__all__ = [
    "Clauses",
    "SentenceWords",
    "Subject",
    "compile_subject",
    "document_words",
    "is_entity",
    "missing_names",
    "subject_matches",
    "term_in",
    "term_in_label",
]

Terms = list[list[str]]
_APOSTROPHES = ("'s", "’s")


def _sentence_words(chunk: str) -> tuple[frozenset[str], frozenset[str]]:
    raw = WORD_RE.findall(chunk)  # the same tokens as ``words(chunk)``, without the offsets
    # Without a hyphen word_forms adds nothing, without an apostrophe _as_written neither.
    stems = frozenset(map(stem, word_forms(raw) if "-" in chunk else raw))
    if "'" in chunk or "’" in chunk:
        return stems, _as_written(raw)
    return stems, frozenset(raw)


class SentenceWords(dict[int, tuple[frozenset[str], frozenset[str]]]):
    """Per sentence, computed on first use: its stemmed words, and its words as written (for
    acronyms). Only the sentences holding figures are ever looked at. A dict: a sentence looked
    up again costs one dict lookup."""

    def __init__(self, index: SourceIndex) -> None:
        super().__init__()
        self._index = index

    def __missing__(self, sentence: int) -> tuple[frozenset[str], frozenset[str]]:
        s = self._index.sentences[sentence]
        found = self[sentence] = _sentence_words(self._index.source.text[s.start : s.end])
        return found


def _document_stems(index: SourceIndex) -> frozenset[str]:
    return frozenset(index.stems.split())


def _document_raw(index: SourceIndex) -> frozenset[str]:
    return _as_written(WORD_RE.findall(index.source.text))


def document_words(index: SourceIndex) -> tuple[frozenset[str], frozenset[str]]:
    """The source's stems (computed at extraction) and its words as written."""
    stems: frozenset[str] = index.derived("subject.doc_stems", _document_stems)
    return stems, index.derived("subject.doc_raw", _document_raw)


def _as_written(tokens: list[str]) -> frozenset[str]:
    """Words as written, plus possessives without their 's: "UK's" also gives "UK", so an
    acronym (matched as written, not stemmed) is found in its possessive too."""
    out = set(tokens)
    out.update([t[:-2] for t in tokens if t.endswith(_APOSTROPHES)])
    return frozenset(out)


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def _alt_words(alt: str) -> list[str]:
    # Tokenised like the source text, so "-year-old" or "Thunberg," meet their words there.
    return [w for _, _, w in words(alt)]


def _alternative_in(alt: str, stems: frozenset[str], raw: frozenset[str]) -> bool:
    # A multi-word alternative ("Metropolitan Police") needs all its words.
    tokens = _alt_words(alt)
    if not tokens:
        return False
    for w in tokens:
        if _is_acronym(w):
            if w not in raw:
                return False
        elif stem(w) not in stems:
            return False
    return True


def term_in(term: list[str], stems: frozenset[str], raw: frozenset[str]) -> bool:
    return any(_alternative_in(alt, stems, raw) for alt in term)


def is_entity(term: list[str]) -> bool:
    return all(alt[:1].isupper() for alt in term)


def term_in_label(term: list[str], label: list[str]) -> bool:
    stems = frozenset(stem(w) for w in label)
    return any((ws := _alt_words(alt)) and all(stem(w) in stems for w in ws) for alt in term)


# --- compiled subjects ---------------------------------------------------------------------------


def _sigma(low: str) -> str:
    # A capital sigma lower-cases by its context (to "ς" at the end of a word, else "σ"), so a
    # word lower-cased alone may differ there from the same word lower-cased in its sentence:
    # both count as "σ".
    return low.replace("ς", "σ") if "ς" in low else low


def _stem_keys(s: str) -> tuple[str, ...]:
    """Strings one of which the lower-cased text of any word with stem ``s`` holds.

    :func:`stem` lower-cases a word and then only cuts its end (possessive, suffix, doubled
    consonant, final "e"), except that it turns "-ies"/"-ied" into "y" and maps irregular
    plurals: so the stem, less a final "y", begins the word, or the word is such a plural.
    """
    return (_sigma(s[:-1] if s.endswith("y") else s), *_IRREGULAR_BY_STEM.get(s, ()))


# The stemmer's irregular plurals by their stem: "lif" <- "lives".
_IRREGULAR_BY_STEM: dict[str, list[str]] = {}
for _plural in _IRREGULAR:
    _IRREGULAR_BY_STEM.setdefault(stem(_plural), []).append(_sigma(_plural))


def _is_plain(word: str) -> bool:
    """A non-empty word without blanks: found in a blank-separated list by a substring search."""
    return bool(word) and word.split() == [word]


def _in_blank_list(listing: str, word: str) -> bool:
    """Whether ``word`` (plain) is one of the blank-separated words of ``listing``: the same as
    ``word in listing.split()``, without splitting."""
    n, end = len(word), len(listing)
    at = listing.find(word)
    while at != -1:
        after = at + n
        if (at == 0 or listing[at - 1].isspace()) and (after == end or listing[after].isspace()):
            return True
        at = listing.find(word, at + 1)
    return False


class _Alternative:
    """One alternative of a term: the stems and acronyms it needs, and how to spot them."""

    __slots__ = ("acronyms", "keys", "label_stems", "plain", "stems")

    def __init__(self, tokens: list[str]) -> None:
        self.stems = frozenset(stem(w) for w in tokens if not _is_acronym(w))
        self.acronyms = frozenset(w for w in tokens if _is_acronym(w))
        # For a label every word is stemmed, acronyms too (see term_in_label).
        self.label_stems = frozenset(stem(w) for w in tokens)
        self.keys = tuple(_stem_keys(s) for s in self.stems)
        self.plain = all(_is_plain(s) for s in self.stems)

    def may_stand(self, low: str, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] (lower-cased: ``low``) may hold the alternative."""
        for keys in self.keys:
            if not any(key in low for key in keys):
                return False
        return all(text.find(w, start, end) >= 0 for w in self.acronyms)

    def stands_in(self, stems: frozenset[str], raw: frozenset[str]) -> bool:
        return self.stems <= stems and self.acronyms <= raw

    def stands_in_document(self, index: SourceIndex) -> bool:
        if self.plain:
            listing = index.stems
            if not all(_in_blank_list(listing, s) for s in self.stems):
                return False
        elif not self.stems <= index.derived("subject.doc_stems", _document_stems):
            return False
        return not self.acronyms or self.acronyms <= index.derived("subject.doc_raw", _document_raw)


def _alternatives(term: Sequence[str]) -> list[_Alternative]:
    # An alternative without a word never matches: it is left out.
    return [a for a in (_Alternative(_alt_words(alt)) for alt in term) if a.label_stems]


class _Term:
    __slots__ = ("alternatives", "entity", "low_keys", "names", "others", "raw_keys")

    def __init__(self, term: Sequence[str]) -> None:
        self.entity = is_entity(list(term))
        self.alternatives = _alternatives(term)
        # For the cheap test: alternatives of one word, by the keys of their stem or as
        # written (an acronym); the others one by one.
        self.low_keys = tuple(
            k for a in self.alternatives if not a.acronyms and len(a.keys) == 1 for k in a.keys[0]
        )
        self.raw_keys = tuple(
            w for a in self.alternatives if not a.stems and len(a.acronyms) == 1 for w in a.acronyms
        )
        self.others = [a for a in self.alternatives if len(a.keys) + len(a.acronyms) > 1]
        names = [alt for alt in term if alt[:1].isupper()]
        # The names of a term that mixes names and words (see missing_names).
        self.names: tuple[list[str], list[_Alternative]] | None = None
        if names and len(names) < len(term):
            self.names = (names, _alternatives(names))

    def may_stand(self, low: str, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] (lower-cased: ``low``) may hold the term: False only when
        :meth:`stands_in` is False for the words of that text."""
        for key in self.low_keys:
            if key in low:
                return True
        for w in self.raw_keys:
            if text.find(w, start, end) >= 0:
                return True
        return any(a.may_stand(low, text, start, end) for a in self.others)

    def stands_in(self, stems: frozenset[str], raw: frozenset[str]) -> bool:
        return any(a.stands_in(stems, raw) for a in self.alternatives)


class Subject:
    """A claim's ``about``, compiled once: what :func:`subject_matches`, :func:`term_in_label`
    and :func:`missing_names` need of its terms."""

    def __init__(self, about: Sequence[Sequence[str]]) -> None:
        self.terms = [_Term(t) for t in about]
        self.local = [t for t in self.terms if not t.entity]  # must stand in the sentence
        self.entities = [t for t in self.terms if t.entity]
        self.named = [t.names for t in self.terms if t.names is not None]
        # For the matcher: each local term with its keys, and whether they are its only test.
        self.local_keys = [(t, t.low_keys, not (t.raw_keys or t.others)) for t in self.local]
        self.label_stems = [a.label_stems for t in self.terms for a in t.alternatives]

    def matcher(self, index: SourceIndex) -> Callable[[int], bool]:
        """:func:`subject_matches` on one source, as a function of the sentence."""
        return _matcher(self, index)

    def in_label(self, label: list[str]) -> bool:
        """Whether a figure's label names any term (:func:`term_in_label`)."""
        if not label:
            return False
        stems = frozenset(map(stem, label))
        for needed in self.label_stems:
            if needed <= stems:
                return True
        return False

    def missing_names(self, index: SourceIndex, sentence: int) -> list[str]:
        """:func:`missing_names`."""
        if not self.named:
            return []
        stems, raw = index.derived("subject.words", SentenceWords)[sentence]
        for names, alternatives in self.named:
            if not any(a.stands_in(stems, raw) for a in alternatives):
                return names
        return []


class _LowerSentences(dict[int, str]):
    """Per sentence, computed on first use: its text lower-cased (for the cheap test)."""

    def __init__(self, index: SourceIndex) -> None:
        super().__init__()
        self._index = index

    def __missing__(self, sentence: int) -> str:
        s = self._index.sentences[sentence]
        found = self[sentence] = _sigma(self._index.source.text[s.start : s.end].lower())
        return found


def _matcher(subject: Subject, index: SourceIndex) -> Callable[[int], bool]:
    """:func:`subject_matches` for one subject on one source, as a function of the sentence;
    the source-wide tests (entities anywhere in the source) are kept between sentences."""
    lower: _LowerSentences = index.derived("subject.lower", _LowerSentences)
    sentence_words: SentenceWords = index.derived("subject.words", SentenceWords)
    sentences = index.sentences
    text = index.source.text
    local = subject.local_keys
    entities = subject.entities
    in_document: dict[int, bool] = {}

    def names_subject(sentence: int) -> bool:
        low = lower[sentence]
        # The cheap test first: a term that must stand in the sentence and cannot.
        for t, keys, only_keys in local:
            for key in keys:
                if key in low:
                    break
            else:
                if only_keys:
                    return False
                s = sentences[sentence]
                if not t.may_stand(low, text, s.start, s.end):
                    return False
        if entities:
            s = sentences[sentence]
            maybe = [t.may_stand(low, text, s.start, s.end) for t in entities]
            if not local and True not in maybe:
                return False  # no term stands in the sentence
        stems, raw = sentence_words[sentence]
        for t, _, _ in local:
            if not t.stands_in(stems, raw):
                return False
        in_sentence = bool(local)
        for i, t in enumerate(entities):
            if maybe[i] and t.stands_in(stems, raw):
                in_sentence = True
                continue
            found = in_document.get(i)
            if found is None:
                found = in_document[i] = any(a.stands_in_document(index) for a in t.alternatives)
            if not found:
                return False
        return in_sentence

    return names_subject


@lru_cache(maxsize=4096)
def _compiled(about: tuple[tuple[str, ...], ...]) -> Subject:
    return Subject(about)


def compile_subject(about: Sequence[Sequence[str]]) -> Subject:
    """The compiled :class:`Subject` of ``about`` (kept: claims are evaluated on many sources)."""
    return _compiled(tuple(map(tuple, about)))


def subject_matches(about: Terms, index: SourceIndex, sentence: int) -> bool:
    """Whether sentence ``sentence`` names the subject (see the module docstring)."""
    return compile_subject(about).matcher(index)(sentence)


# Where a clause ends inside a sentence, for binding a figure to its subject: punctuation that
# sets off a part, and conjunctions that join two statements ("22 killed and 59 injured").
# Commas are not boundaries: "increase by 600, taking the total to 2,800" is one statement.
_CLAUSE_BREAK_RE = re.compile(r"\s*[;:()\[\]\u2013\u2014]\s*|\s+-\s+|\s+(?:and|but|while|whereas)\s+")


class Clauses:
    """Per sentence, computed on first use: (start offset, stemmed words) of each clause."""

    def __init__(self, index: SourceIndex) -> None:
        self._index = index
        self._done: dict[int, list[tuple[int, frozenset[str]]]] = {}

    def __getitem__(self, sentence: int) -> list[tuple[int, frozenset[str]]]:
        found = self._done.get(sentence)
        if found is None:
            s = self._index.sentences[sentence]
            chunk = self._index.source.text[s.start : s.end]
            breaks = list(_CLAUSE_BREAK_RE.finditer(chunk))
            starts = [0, *(m.end() for m in breaks)]
            ends = [*(m.start() for m in breaks), len(chunk)]
            found = [
                (s.start + a, frozenset(map(stem, word_forms(WORD_RE.findall(chunk, a, b)))))
                for a, b in zip(starts, ends, strict=True)
            ]
            self._done[sentence] = found
        return found


def missing_names(about: Terms, index: SourceIndex, sentence: int) -> list[str]:
    """A term that mixes names and words ([Harvard, study, deaths]) is matched by its names
    when it decides a contradiction: "deaths" alone may be anyone's count."""
    return compile_subject(about).missing_names(index, sentence)

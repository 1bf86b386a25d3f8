"""Subject matching, shared by claim kinds: does a sentence name what a claim is about?

A claim's ``about`` is a list of terms, each a list of alternative words or phrases. A sentence
names the subject when every term is in it, except entity terms (all alternatives capitalised:
"Met", "Paris"), which may be anywhere in the source, and at least one term is in the sentence
itself. Words meet through :func:`claimcheck.extraction.terms.stem`; acronyms ("UK", "CO19")
must match as written. Per-sentence words and clauses are computed on first use and kept with
the source's index.
"""

from __future__ import annotations

import re

from claimcheck.extraction.terms import WORD_RE, stem, word_forms, words
from claimcheck.models import SourceIndex

__all__ = [
    "Clauses",
    "SentenceWords",
    "document_words",
    "is_entity",
    "missing_names",
    "subject_matches",
    "term_in",
    "term_in_label",
]

Terms = list[list[str]]


class SentenceWords:
    """Per sentence, computed on first use: its stemmed words, and its words as written (for
    acronyms). Only the sentences holding figures are ever looked at."""

    def __init__(self, index: SourceIndex) -> None:
        self._index = index
        self._done: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def __getitem__(self, sentence: int) -> tuple[frozenset[str], frozenset[str]]:
        found = self._done.get(sentence)
        if found is None:
            s = self._index.sentences[sentence]
            raw = [w for _, _, w in words(self._index.source.text[s.start : s.end])]
            found = (frozenset(stem(w) for w in word_forms(raw)), _as_written(raw))
            self._done[sentence] = found
        return found


def document_words(index: SourceIndex) -> tuple[frozenset[str], frozenset[str]]:
    """The source's stems (computed at extraction) and its words as written."""
    return frozenset(index.stems.split()), _as_written(WORD_RE.findall(index.source.text))


def _as_written(tokens: list[str]) -> frozenset[str]:
    """Words as written, plus possessives without their 's: "UK's" also gives "UK", so an
    acronym (matched as written, not stemmed) is found in its possessive too."""
    out = set(tokens)
    out.update(t[:-2] for t in tokens if t.endswith(("'s", "’s")))
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


def subject_matches(about: Terms, index: SourceIndex, sentence: int) -> bool:
    """Whether sentence ``sentence`` names the subject (see the module docstring)."""
    stems, raw = index.derived("subject.words", SentenceWords)[sentence]
    doc_stems, doc_raw = index.derived("subject.doc_words", document_words)
    in_sentence = 0
    for term in about:
        if term_in(term, stems, raw):
            in_sentence += 1
        elif not (is_entity(term) and term_in(term, doc_stems, doc_raw)):
            return False
    return in_sentence > 0


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
                (s.start + a, frozenset(stem(w) for w in word_forms([w for _, _, w in words(chunk[a:b])])))
                for a, b in zip(starts, ends, strict=True)
            ]
            self._done[sentence] = found
        return found


def missing_names(about: Terms, index: SourceIndex, sentence: int) -> list[str]:
    """A term that mixes names and words ([Harvard, study, deaths]) is matched by its names
    when it decides a contradiction: "deaths" alone may be anyone's count."""
    stems, raw = index.derived("subject.words", SentenceWords)[sentence]
    for term in about:
        names = [alt for alt in term if alt[:1].isupper()]
        if names and len(names) < len(term) and not term_in(names, stems, raw):
            return names
    return []

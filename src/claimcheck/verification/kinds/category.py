"""The ``category`` claim kind: a subject takes one value of a closed list.

```yaml
- about: [UK, threat, level]
  is: severe
  among: [low, moderate, substantial, severe, critical]
```

A source **states a value** for the subject where (docs/kinds/category.md has every rule)

  1. a sentence names the subject (:func:`names_subject`: the shared
     :func:`~claimcheck.verification.subject.subject_matches`, possessive acronyms included),
  2. it holds a value of ``among`` as a whole word, in any case, quoted or not
     ("is "SEVERE""), but not as part of a longer word ("severely", "low-level"),
  3. a subject word stands in the value's clause, at most ``MAX_GAP`` words from it, with the
     subject's other words on the same side ("low levels (of crime)" is not the threat level),
  4. nothing around the value makes it something other than a statement of the subject's
     value: a question, a hypothesis ("could be raised to critical"), a comparison ("more
     severe than"), an adjective of another noun ("severe weather"), a list of values ("severe
     or critical"), another name or a narrower subject ("the threat level in France", "the
     French threat level", "the level of crime"), a plain value in the past tense ("was
     critical"), or a negation that is not right before the value ("was not raised to
     critical"). Such a value decides nothing and is reported in ``considered``.

Each value stated has a **stage** and may be **negated**:

* after "from" (or "previously", "formerly") it is the level *before* a change ("raised from
  severe to critical"); after "to" it is the level the change reached; otherwise it is a plain
  statement of the level. A claim is about the current level, which the plain and the "to"
  values state, unless its ``about`` says ``before`` / ``previous`` / ``previously`` (a role
  cue, as for figures; or ``role: before``), when only the "from" values count. ``role: any``
  counts every stage.
* "not", "never", "n't", "no longer", "rather than" right before the value (with only words
  such as "at", "be", "currently" or quotes between) negate it: "is no longer severe" states
  that the level is *not* severe.

Then the values decide: a stated claimed value SUPPORTS; a stated other value CONTRADICTS; a
negated claimed value CONTRADICTS; a negated other value decides nothing ("not critical"
leaves severe, and three other values, open). A false CONTRADICTS is the worst error, so a
contradiction needs the value bound to the subject more tightly than a support does
(:meth:`_Reading._unbound`): every subject word of the claim in its clause, no other name
before the value when the sentence leaves out the claim's names, and not in the past tense,
even after "to" ("was raised to critical" last year says little about today).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from claimcheck.claims._fields import about_text
from claimcheck.config import Settings
from claimcheck.extraction.terms import STOP_WORDS, stem, word_forms, words
from claimcheck.hookspecs import hookimpl
from claimcheck.models import (
    ClaimBase,
    Evidence,
    FigureRole,
    Role,
    SourceIndex,
    SourceVerdict,
)
from claimcheck.verification.engine import settle
from claimcheck.verification.subject import (
    Clauses,
    SentenceWords,
    document_words,
    is_entity,
    missing_names,
    subject_matches,
    term_in,
)

__all__ = [
    "AMONG_HINT",
    "IS_HINT",
    "MAX_GAP",
    "CategoryClaim",
    "Stated",
    "evaluate",
    "names_subject",
    "stated_values",
]

AMONG_HINT = (
    "list every value the category can take, like `among: [low, moderate, substantial, severe, critical]`; "
    "`is:` names one of them"
)
IS_HINT = "name one of the values listed in `among:`, like `is: severe` with `among: [low, severe, critical]`"

# At most this many words between a value and the nearest subject word of its clause.
MAX_GAP = 6


# --- the claim -----------------------------------------------------------------------------------


def _as_text(value: Any) -> Any:
    # YAML reads `is: 3` or `among: [1, 2, 3]` as numbers; a category value is still a word.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _key(value: str) -> str:
    """How values compare: case and runs of blanks do not matter."""
    return " ".join(value.split()).casefold()


_Value = Annotated[str, BeforeValidator(_as_text)]


class CategoryClaim(ClaimBase):
    """A claim that a subject takes one value of a closed list: ``UK threat level is severe``."""

    kind: Literal["category"] = "category"
    about: list[list[str]] = Field(
        min_length=1, description="Subject terms; each item lists alternative words."
    )
    # Before `is_`: its validator checks the value against the validated list.
    among: list[_Value] = Field(
        min_length=1,
        description="Every value the category can take.",
        json_schema_extra={"hint": AMONG_HINT},
    )
    is_: _Value = Field(
        alias="is",
        description="The value the claim states: one of `among`.",
        json_schema_extra={"hint": IS_HINT},
    )
    role: Role = Field(
        default=Role.TOTAL,
        description="`before`: the value before a change; `any`: every stage; otherwise the current value.",
    )

    @field_validator("among")
    @classmethod
    def _distinct_values(cls, among: list[str]) -> list[str]:
        seen: set[str] = set()
        out = []
        for value in among:
            text = " ".join(value.split())
            if not re.search(r"[^\W_]", text):
                shown = f"`{value}`" if value.strip() else "empty text"
                raise PydanticCustomError("category_value", f"a value is a word or a few words, not {shown}")
            if _key(text) in seen:
                raise PydanticCustomError("category_value", f"lists `{text}` twice")
            seen.add(_key(text))
            out.append(text)
        return out

    @field_validator("is_")
    @classmethod
    def _one_of_among(cls, value: str, info: ValidationInfo) -> str:
        text = " ".join(value.split())
        among = info.data.get("among")
        if among is None:  # `among:` is missing or invalid: that is the problem to report
            return text
        if _key(text) not in {_key(v) for v in among}:
            close = difflib.get_close_matches(_key(text), [_key(v) for v in among], n=1)
            guess = f"; did you mean `{next(v for v in among if _key(v) == close[0])}`?" if close else ""
            shown = ", ".join(among)
            raise PydanticCustomError(
                "category_value", f"should be one of the values in `among:` ({shown}), not `{text}`{guess}"
            )
        return text

    @classmethod
    def default_statement(cls, raw: Mapping[str, Any]) -> str | None:
        """The statement of an entry without ``claim:`` (the loader asks): "<about> is <is>"."""
        value = _as_text(raw.get("is"))
        if "about" not in raw or not isinstance(value, str) or not value.strip():
            return None
        return f"{about_text(raw['about'])} is {' '.join(value.split())}"

    @property
    def value_index(self) -> int:
        """The claimed value's position in ``among``."""
        key = _key(self.is_)
        return next(i for i, v in enumerate(self.among) if _key(v) == key)

    def index_terms(self) -> list[list[str]] | None:
        return self.about


# --- reading the values a source states ----------------------------------------------------------

# Negations right before a value ("n't" words and "no longer" are found by rule).
_NEGATORS = frozenset({"not", "never", "nor", "neither"})
# Words that may stand between a negation (or a subject word) and the value it negates.
_FILLERS = frozenset(
    """at as be been being currently now yet still even officially considered rated deemed judged
    assessed classed classified set kept held placed regarded seen ranked a the level levels of""".split()
)
# Right before a value: it is compared, graded or approached, not stated ("more severe than").
_DEGREE = frozenset(
    """more less most least very so too increasingly highly extremely fairly quite rather pretty
    than below above beyond under over near nearly almost like close next similar compared
    equivalent equal""".split()
)
# Between the subject and the value: the statement is a hypothesis, a plan or a question.
_HYPOTHETICAL = frozenset(
    """could may might would should will shall can cannot if whether unless expected likely
    unlikely possible possibly perhaps probably considering consider considers mull mulls
    mulling plan plans planning want wants calls urged ought""".split()
)
# Right before the subject, these put the whole statement in doubt ("it is untrue that").
_FRAMES = frozenset("whether if unless deny denies denied untrue false doubt doubts".split())
# Words of a new, present statement after an earlier value ("previously severe, is now critical").
_PRESENT = frozenset("is are has have now remains remain stands stand currently today".split())
# Between the subject and the value: a plain value is stated for an earlier time.
_PAST = frozenset("was were had previously formerly once earlier until".split())
# Right after a value these words leave it the subject's value; any other word makes it an
# adjective of that word ("severe weather"), unless it is a subject word ("severe threat").
_FOLLOWERS = frozenset(
    """and or but nor to from after since for in on at until till as with by following amid
    because when where while which who that meaning now today yesterday again last this earlier
    later status category rating alert is was has have had remains remained it its the a an
    across throughout according said says despite due given level levels not rather instead""".split()
)
# Prepositions that introduce another place or body between subject and value ("the threat
# level in Northern Ireland is substantial").
_PLACE_PREPOSITIONS = frozenset("in for of across within inside outside on at".split())
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())
_CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)
_BEFORE_MARKERS = frozenset({"from", "previously", "formerly"})
_AFTER_MARKERS = frozenset({"to", "into"})
# Skipped when looking for the stage marker before a value: "raised to the level of critical".
_STAGE_SKIP = frozenset({"the", "a", "level", "levels", "of"})
QUOTES = ('"', "'")
_LISTED_RE = re.compile(r"""[\s,/"']*(?:(?:or|and|nor)[\s"']+)?""", re.IGNORECASE)


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def _bare(word: str) -> str:
    """A word without a possessive ending: "UK's" -> "UK"."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_name(word: str, sentence_first: bool) -> bool:
    """Whether a word names something: capitalised, and not only because a sentence starts
    with it (there it needs to be an acronym or a possessive: "UK", "France's"); days and
    months are not names of a subject."""
    if not word[:1].isupper() or word.lower() in _CALENDAR:
        return False
    return not sentence_first or _is_acronym(word) or _bare(word) != word


def _marker(lw: list[str], first: int, clause_first: int) -> tuple[FigureRole | None, int]:
    """The stage a marker word right before word ``first`` gives a value ("from severe": the
    level before a change; "to critical": the level it reached), and the marker's position."""
    k = first - 1
    while k >= clause_first and lw[k] in _STAGE_SKIP:
        k -= 1
    if k >= clause_first and lw[k] in _BEFORE_MARKERS:
        return FigureRole.BEFORE, k
    if k >= clause_first and lw[k] in _AFTER_MARKERS:
        return FigureRole.AFTER, k
    return None, k


def _is_negator(word: str) -> bool:
    low = word.lower()
    return low in _NEGATORS or low.endswith(("n't", "n’t"))


@lru_cache(maxsize=256)
def _values_re(among: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted(
        (r"\s+".join(re.escape(w) for w in v.split()) for v in among), key=len, reverse=True
    )
    return re.compile(rf"(?<!\w)(?<!\w['’-])(?:{'|'.join(alternatives)})(?![\w]|[-'’]\w)", re.IGNORECASE)


class _Tokens:
    """Per sentence, computed on first use: its words as ``(start, end, word)``, offsets into
    the source's text."""

    def __init__(self, index: SourceIndex) -> None:
        self._index = index
        self._done: dict[int, list[tuple[int, int, str]]] = {}

    def __getitem__(self, sentence: int) -> list[tuple[int, int, str]]:
        found = self._done.get(sentence)
        if found is None:
            s = self._index.sentences[sentence]
            found = [
                (s.start + a, s.start + b, w) for a, b, w in words(self._index.source.text[s.start : s.end])
            ]
            self._done[sentence] = found
        return found


def _sentence_starts(index: SourceIndex) -> list[int]:
    return [s.start for s in index.sentences]


def _possessive_free_doc_words(index: SourceIndex) -> frozenset[str]:
    _, raw = index.derived("subject.doc_words", document_words)
    return frozenset(raw) | {_bare(w) for w in raw}


def names_subject(about: list[list[str]], index: SourceIndex, sentence: int) -> bool:
    """:func:`subject_matches`, also when an acronym stands in the possessive ("the UK's").

    The shared matcher compares acronyms with the words as written, and "UK's" is one word; so
    this retries with possessive endings dropped, with the same rule (entities may stand
    anywhere in the source, at least one term in the sentence).
    """
    if subject_matches(about, index, sentence):
        return True
    stems, raw = index.derived("subject.words", SentenceWords)[sentence]
    bare = frozenset(_bare(w) for w in raw)
    if bare == raw:
        return False
    doc_stems, _ = index.derived("subject.doc_words", document_words)
    doc_raw = index.derived("category.doc_words", _possessive_free_doc_words)
    in_sentence = 0
    for term in about:
        if term_in(term, stems, raw | bare):
            in_sentence += 1
        elif not (is_entity(term) and term_in(term, doc_stems, doc_raw)):
            return False
    return in_sentence > 0


class _SubjectWords:
    """Which words of a text are words of a claim's subject (any alternative of any term)."""

    def __init__(self, about: list[list[str]]) -> None:
        self.stems: set[str] = set()
        self.acronyms: set[str] = set()
        for term in about:
            for alt in term:
                for _, _, w in words(alt):
                    if _is_acronym(w):
                        self.acronyms.add(w)
                    else:
                        self.stems.add(stem(w))

    def __contains__(self, word: str) -> bool:
        for part in word_forms([word]):
            bare = _bare(part)
            if bare in self.acronyms or (not _is_acronym(bare) and stem(part) in self.stems):
                return True
        return False


@dataclass(frozen=True)
class Stated:
    """A value of ``among`` a sentence states for the subject, and how."""

    sentence: int
    start: int  # offsets of the value in the source's text
    end: int
    value: int  # index into ``among``
    written: str  # as written, from the negation (if any) to the end of the value
    shown: str  # the same for a reason: "no longer severe"
    negated: bool
    stage: FigureRole | None  # BEFORE ("from severe"), AFTER ("to critical"), None (plain)
    loose: str | None  # why it states nothing about the subject (None: it does)
    unbound: str | None  # why it cannot contradict (None: it can)


class _Reading:
    """How one value in one sentence is stated: the words around it, read once."""

    def __init__(
        self,
        about: list[list[str]],
        subject: _SubjectWords,
        index: SourceIndex,
        sentence: int,
        match: re.Match[str],
        others: list[tuple[int, int]],
    ) -> None:
        self.about, self.subject, self.index, self.sentence, self.match = (
            about,
            subject,
            index,
            sentence,
            match,
        )
        self.text = index.source.text
        self.tokens: list[tuple[int, int, str]] = index.derived("category.tokens", _Tokens)[sentence]
        self.lw = [w.lower() for _, _, w in self.tokens]
        starts = [a for a, _, _ in self.tokens]
        self.first = bisect.bisect_left(starts, match.start())
        self.last = bisect.bisect_left(starts, match.end()) - 1
        self.end = index.sentences[sentence].end
        clauses = index.derived("subject.clauses", Clauses)[sentence]
        ci = max(i for i, (start, _) in enumerate(clauses) if start <= match.start())
        self.clause_stems = clauses[ci][1]
        lo, hi = clauses[ci][0], clauses[ci + 1][0] if ci + 1 < len(clauses) else self.end
        in_clause = [k for k, a in enumerate(starts) if lo <= a < hi] or [self.first]
        self.clause = range(in_clause[0], in_clause[-1] + 1)
        # The sentence's other values, by their first and last word.
        self.others = [(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b) - 1) for a, b in others]
        self.other_spans = others
        self.loose: str | None = None

    def word(self, k: int) -> str:
        return self.tokens[k][2]

    def loosen(self, why: str) -> None:
        self.loose = self.loose or why

    def read(self, value: int) -> Stated:
        gap, region, subject_start = self._anchor()
        negation = self._negation(region)
        stage = self._stage() if negation is None else None
        ahead = range(region.start, negation) if negation is not None else region
        past = next((self.word(k) for k in ahead if self.lw[k] in _PAST), None)
        if past is not None and stage is None:
            self.loosen(f"it is stated in the past tense (`{past}`)")
        self._doubts(ahead, negation)
        if subject_start is not None:
            self._other_subjects(subject_start, gap)
        if gap and stage is None and negation is None:
            self._values_between(gap)
        self._around()
        begin, end = self.match.start(), self.match.end()
        shown = [self.match.group()]
        if negation is not None:
            begin = self.tokens[negation][0]
            kept = [self.word(k) for k in range(negation, self.first) if self.lw[k] not in _FILLERS]
            shown = [*kept, *shown]
            if self.text[begin : self.match.start()].endswith(QUOTES) and self.text[end : end + 1] in QUOTES:
                end += 1  # `not "severe"`: the closing quote with the opening one
        return Stated(
            sentence=self.sentence,
            start=self.match.start(),
            end=self.match.end(),
            value=value,
            written=self.text[begin:end],
            shown=" ".join(" ".join(shown).split()),
            negated=negation is not None,
            stage=stage,
            loose=self.loose,
            unbound=self._unbound(past, stage, subject_start),
        )

    def _anchor(self) -> tuple[range, range, int | None]:
        """The words between the value and the nearest subject word of its clause (``gap``),
        the words before the value that say how it is stated (``region``), and where the
        subject's phrase starts."""
        first, last = self.first, self.last
        before = [k for k in self.clause if k < first and self.word(k) in self.subject]
        after = [k for k in self.clause if k > last and self.word(k) in self.subject]
        if before and first - before[-1] - 1 <= MAX_GAP:
            gap = region = range(before[-1] + 1, first)
            subject_start = before[0]
        elif after and after[0] - last - 1 <= MAX_GAP:
            gap, region = range(last + 1, after[0]), range(self.clause.start, first)
            subject_start = after[0]
            if not gap and not self._names_all_terms(after[0]):
                # Right before a subject word the value describes it: "severe threat level" is
                # the subject, "low levels (of crime)" is not.
                self.loosen(f"it describes `{self.match.group()} {self.word(after[0])}`, not the subject")
        else:
            self.loosen("no subject word stands near it in its clause")
            return range(0), range(0), None
        side = range(self.clause.start, first) if subject_start < first else range(last + 1, self.clause.stop)
        stems = frozenset(stem(w) for w in word_forms([self.word(k) for k in side]))
        missing = next(
            (t for t in self.about if not is_entity(t) and not term_in(t, stems, frozenset())), None
        )
        if missing is not None and not self._names_all_terms(last + 1):  # "a severe threat level"
            # "Crime levels are low in the UK, where the threat is severe": the words before
            # "low" name levels, not the threat level.
            self.loosen(
                f"the subject's words before it do not name {'/'.join(missing)}"
                if subject_start < first
                else f"the subject's words after it do not name {'/'.join(missing)}"
            )
        # After an earlier value and a new present statement, only the words since count
        # ("previously severe, is now critical"); "was raised from severe to critical" is one.
        earlier = [b for _, b in self.others if region.start <= b < first]
        if earlier and any(self.lw[k] in _PRESENT for k in range(max(earlier) + 1, first)):
            region = range(max(earlier) + 1, first)
        return gap, region, subject_start

    def _names_all_terms(self, k: int) -> bool:
        """Whether the run of subject words from word ``k`` on holds every term of ``about``
        that is not a name."""
        run: list[str] = []
        while k < len(self.tokens) and self.word(k) in self.subject:
            run.append(self.word(k))
            k += 1
        stems = frozenset(stem(w) for w in word_forms(run))
        return all(term_in(t, stems, frozenset()) for t in self.about if not is_entity(t))

    def _negation(self, region: range) -> int | None:
        """Where a negation right before the value starts ("is no longer severe"), or None."""
        lw, k = self.lw, self.first - 1
        while k in region:
            w = lw[k]
            if w == "longer" and k - 1 in region and lw[k - 1] == "no":
                return k - 1
            if k - 1 in region and (
                (w == "than" and lw[k - 1] in ("rather", "other")) or (w == "of" and lw[k - 1] == "instead")
            ):
                return k - 1
            if _is_negator(w):
                return k
            if w not in _FILLERS:
                return None
            k -= 1
        return None

    def _stage(self) -> FigureRole | None:
        stage, k = _marker(self.lw, self.first, self.clause.start)
        if stage is FigureRole.AFTER and k > 0 and self.lw[k - 1] in _DEGREE:  # "close to critical"
            self.loosen(f"it is compared with, not stated (`{self.word(k - 1)} {self.word(k)}`)")
        return stage

    def _doubts(self, ahead: range, negation: int | None) -> None:
        """Questions, hypotheses, comparisons, and negations not right before the value."""
        lw, first = self.lw, self.first
        if self.text[self.index.sentences[self.sentence].start : self.end].rstrip(" \t\n\"')").endswith("?"):
            self.loosen("the sentence asks a question")
        words_ahead = [lw[k] for k in ahead]
        hypothetical = next((w for w in words_ahead if w in _HYPOTHETICAL or w.endswith(("'ll", "'d"))), None)
        if hypothetical is not None or re.search(r"\b(?:set|going|about) to\b", " ".join(words_ahead)):
            self.loosen(f"it is a hypothesis or a plan (`{hypothetical or 'to'}`)")
        weak = next((self.word(k) for k in ahead if _is_negator(lw[k])), None)
        if weak is not None:
            self.loosen(f"a negation (`{weak}`) stands between the subject and the value")
        if negation is None and first > 0 and lw[first - 1] in _DEGREE:
            self.loosen(f"it is compared or graded, not stated (`{self.word(first - 1)}`)")

    def _other_subjects(self, subject_start: int, gap: range) -> None:
        """The subject said under a negation or a condition ("it is not true that the ..."), or
        qualified by another name ("the French threat level", "the threat level for Northern
        Ireland-related terrorism (in the UK) is substantial")."""
        lw, clause = self.lw, self.clause
        lead = range(max(clause.start, subject_start - 5), subject_start)
        said = [k for k in lead if _is_negator(lw[k]) or lw[k] in _FRAMES]
        if said and "," not in self.text[self.tokens[said[-1]][1] : self.tokens[subject_start][0]]:
            self.loosen(f"the subject is named under a negation or a condition (`{self.word(said[-1])}`)")
        q = subject_start - 1
        if q in clause and _is_name(self.word(q), q == 0) and self.word(q) not in self.subject:
            self.loosen(f"it may be about {self.word(q)} (`{self.word(q)} {self.word(subject_start)}`)")
        span = range(subject_start + 1, self.first) if subject_start < self.first else gap
        # ... and a place or body named right after the value: "raised to critical in France".
        after = range(self.last + 1, min(self.last + 4, self.clause.stop))
        for k in (*span, *after):
            if lw[k] not in _PLACE_PREPOSITIONS:
                continue
            j = k + 1 + (k + 1 < len(lw) and lw[k + 1] in _DETERMINERS)
            if j >= len(lw) or j == self.first or self.word(j) in self.subject:
                continue
            w, phrase = self.word(j), " ".join(self.word(i) for i in range(k, j + 1))
            if _is_name(w, False):
                self.loosen(f"it may be about {w} (`{phrase}`)")
                return
            if lw[k] in ("of", "for") and k in span and w[:1].islower():
                # "the level of crime", "the threat level for international terrorism"
                self.loosen(f"the subject is narrowed to something else (`{phrase}`)")
                return

    def _values_between(self, gap: range) -> None:
        """Another value between the subject and this one, unless it is the level before a
        change ("from severe to critical"): this one may be about something the sentence goes
        on to."""
        for a, _ in self.others:
            if a in gap and _marker(self.lw, a, self.clause.start)[0] is not FigureRole.BEFORE:
                self.loosen("another value stands between it and the subject")
                return

    def _around(self) -> None:
        """A list of values ("severe or critical"), a comparison or an adjective after it."""
        text, match = self.text, self.match
        for a, b in self.other_spans:
            between = text[match.end() : a] if a >= match.end() else text[b : match.start()]
            if "\n" not in between and _LISTED_RE.fullmatch(between):
                self.loosen("it is listed with other values")
                return
        nxt = self.last + 1
        if nxt < len(self.tokens) and not text[match.end() : self.tokens[nxt][0]].strip():
            if self.lw[nxt] == "than":
                self.loosen("it is compared, not stated (`than`)")
            elif self.lw[nxt] not in _FOLLOWERS and self.word(nxt) not in self.subject:
                self.loosen(
                    f"it describes the word after it (`{match.group()} {self.word(nxt)}`), not the subject"
                )

    def _unbound(self, past: str | None, stage: FigureRole | None, subject_start: int | None) -> str | None:
        """Why the value is not bound tightly enough to the subject to contradict the claim.

        Every subject word must stand in the value's clause (a capitalised name may stand
        elsewhere in the source only when the sentence does not name it), the value must not be
        stated in the past tense (a level a change reached last year says little about today),
        and a sentence that leaves out the claim's names must not name someone or something
        else before the value ("Brussels raised its threat level to critical").
        """
        names = missing_names(self.about, self.index, self.sentence)
        if names:
            return f"its sentence names none of {'/'.join(names)}"
        if past is not None and stage is not FigureRole.BEFORE:
            return f"it is stated in the past tense (`{past}`)"
        stems, raw = self.index.derived("subject.words", SentenceWords)[self.sentence]
        raw = raw | {_bare(w) for w in raw}
        clause_raw = frozenset(_bare(self.word(k)) for k in self.clause)
        names_left_out = False
        for term in self.about:
            if not is_entity(term):
                if not term_in(term, self.clause_stems, frozenset()):
                    return f"its clause does not name {'/'.join(term)}"
            elif not term_in(term, stems, raw):
                names_left_out = True
            elif not term_in(term, self.clause_stems, clause_raw):
                return f"{'/'.join(term)} stands in another clause of its sentence"
        if names_left_out or not any(is_entity(t) for t in self.about):
            for k in range(self.clause.start, self.first):
                w = self.word(k)
                # Here even a sentence's first word may be a name ("Brussels raised ...").
                if _is_name(w, False) and w.lower() not in STOP_WORDS and w not in self.subject:
                    return f"its sentence names {w}, not the claim's subject"
        if subject_start == 1 and self.clause.start == 0:
            # A capitalised first word before the subject may be a name ("French threat level").
            w = self.word(0)
            if w[:1].isupper() and w.lower() not in STOP_WORDS and w not in self.subject:
                return f"`{w} {self.word(subject_start)}` may name another subject"
        return None


def stated_values(about: list[list[str]], among: list[str], index: SourceIndex) -> list[Stated]:
    """Every value of ``among`` that a sentence naming the subject holds, in text order, with
    how it is stated (see the module docstring)."""
    pattern = _values_re(tuple(among))
    keys = {_key(v): i for i, v in enumerate(among)}
    starts = index.derived("category.starts", _sentence_starts)
    by_sentence: dict[int, list[re.Match[str]]] = {}
    for m in pattern.finditer(index.source.text):
        at = bisect.bisect_right(starts, m.start()) - 1
        if at >= 0 and m.end() <= index.sentences[at].end:
            by_sentence.setdefault(at, []).append(m)
    subject = _SubjectWords(about)
    out: list[Stated] = []
    for sentence, matches in by_sentence.items():
        if not names_subject(about, index, sentence):
            continue
        spans = [(m.start(), m.end()) for m in matches]
        for m in matches:
            others = [span for span in spans if span != (m.start(), m.end())]
            out.append(_Reading(about, subject, index, sentence, m, others).read(keys[_key(m.group())]))
    return out


# --- the verdict ---------------------------------------------------------------------------------


def subject_text(claim: CategoryClaim) -> str:
    terms = " ".join("/".join(t) for t in claim.about)
    if claim.role is Role.BEFORE:
        return f"{terms} (before a change)"
    return f"{terms} (any stage)" if claim.role is Role.ANY else terms


def _counts(claim: CategoryClaim, st: Stated) -> str | None:
    """Why a stated value's stage does not fit the claim's, or None when it does."""
    if claim.role is Role.ANY:
        return None
    if claim.role is Role.BEFORE:
        return None if st.stage is FigureRole.BEFORE else "it is not the level before a change"
    if st.stage is FigureRole.BEFORE:
        return "it is the level before a change, not the current one"
    return None


def _evidence(claim: CategoryClaim, index: SourceIndex, st: Stated, reason: str) -> Evidence:
    line, col = index.source.position(st.start)
    return Evidence(
        source_id=index.source.id,
        path=index.source.path,
        line=line,
        col=col,
        sentence=index.sentence_text(st.sentence),
        figure=st.written,
        value=float(st.value),
        role=st.stage,
        reason=reason,
    )


def evaluate(claim: CategoryClaim, index: SourceIndex, settings: Settings) -> SourceVerdict:
    """One source's verdict on a category claim, with the deciding sentence as evidence."""
    claimed = claim.value_index
    subject = subject_text(claim)
    want = f'"{claim.among[claimed]}"'
    supports: list[Evidence] = []
    contradicts: list[Evidence] = []
    undecided: list[Evidence] = []
    for st in stated_values(claim.about, claim.among, index):
        said = f'"{st.shown}"'
        if st.stage is FigureRole.AFTER:
            said += " (the level a change reached)"
        elif st.stage is FigureRole.BEFORE:
            said += " (the level before a change)"
        if st.loose:
            reason = f"{said} decides nothing: {st.loose}"
            undecided.append(_evidence(claim, index, st, reason))
            continue
        if why := _counts(claim, st):
            undecided.append(_evidence(claim, index, st, f"{said} decides nothing: {why}"))
            continue
        if st.negated and st.value != claimed:
            reason = f"states {said} for {subject}, which leaves {want} open"
            undecided.append(_evidence(claim, index, st, reason))
        elif not st.negated and st.value == claimed:
            if names := missing_names(claim.about, index, st.sentence):
                reason = f"{said} would support {want}, but its sentence names none of {'/'.join(names)}"
                undecided.append(_evidence(claim, index, st, reason))
            else:
                supports.append(_evidence(claim, index, st, f"states {said} for {subject}"))
        elif st.unbound:
            reason = f"{said} would contradict {want}, but is not bound to the subject: {st.unbound}"
            undecided.append(_evidence(claim, index, st, reason))
        else:
            reason = f"states {said} for {subject}, not {want}"
            contradicts.append(_evidence(claim, index, st, reason))
    return settle(
        index, supports, contradicts, undecided, f"no value of {'/'.join(claim.among)} for {subject}"
    )


# --- plugin hooks --------------------------------------------------------------------------------


@hookimpl
def claimcheck_claim_kinds() -> list[type[ClaimBase]]:
    return [CategoryClaim]


@hookimpl(trylast=True)
def claimcheck_claim_kind(entry: Mapping[str, Any]) -> str | None:
    return "category" if "is" in entry else None


@hookimpl(trylast=True)
def claimcheck_evaluate_source(
    claim: ClaimBase, index: SourceIndex, settings: Settings
) -> SourceVerdict | None:
    if isinstance(claim, CategoryClaim):
        return evaluate(claim, index, settings)
    return None

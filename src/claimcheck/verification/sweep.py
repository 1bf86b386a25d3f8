"""One pass over the sources for many claims at once: source by source, not claim by claim.

Claim by claim, a run must keep every source's extraction in memory until the last claim that
might need it has run, which over 10,000 sources is every extraction of the corpus. Source by
source, each source is read and extracted once (or taken from the cache), evaluated for every
claim that holds its subject words, and let go: one extraction in memory at a time, whatever
the number of sources and claims. The source checks (arithmetic) ride along in the same pass.

Which claims a source can decide is found from the source's word stems through an index from
stems to claims, so a source costs a few dictionary lookups for the claims it cannot match.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pydantic import TypeAdapter

from claimcheck.errors import ClaimcheckError
from claimcheck.extraction.terms import stem, word_forms, words
from claimcheck.models import ClaimBase, SourceCheck, SourceIndex, SourceVerdict

__all__ = [
    "SweepClaim",
    "SweepResult",
    "TermStems",
    "alternative_stems",
    "holds_terms",
    "in_part",
    "sweep",
    "term_stems",
]

#: A claim's index terms as stems: per term, the stems of each alternative (all must be held).
TermStems = list[list[frozenset[str]]]


def alternative_stems(alt: str) -> set[str]:
    """The stems a source must hold for one alternative of a term (every word, any form)."""
    return {stem(w) for w in word_forms([t for _, _, t in words(alt)])}


def term_stems(terms: list[list[str]]) -> TermStems:
    """The stems of each alternative of each term; alternatives without a word are dropped, so
    a term left with none is held by no source."""
    return [[stems for alt in term if (stems := frozenset(alternative_stems(alt)))] for term in terms]


def holds_terms(held: set[str] | frozenset[str], terms: TermStems) -> bool:
    """Whether a source with the stems ``held`` holds every term through some alternative."""
    return all(any(alt <= held for alt in term) for term in terms)


def _holds(held: set[str], terms: TermStems | None) -> bool:
    # No index terms (None, or an empty list): every selected source holds the claim.
    return not terms or holds_terms(held, terms)


@dataclass(frozen=True)
class SweepClaim:
    """A claim to evaluate in the sweep, on its readable selected sources."""

    claim: ClaimBase
    readable: frozenset[Path]


@dataclass
class SweepResult:
    """Per claim (in the order given): the sources that hold its subject words with their
    verdicts, or the error that stopped its evaluation; per checked source: its checks."""

    verdicts: list[dict[Path, SourceVerdict]] = field(default_factory=list)
    errors: dict[int, ClaimcheckError] = field(default_factory=dict)
    checks: dict[Path, list[SourceCheck] | ClaimcheckError] = field(default_factory=dict)

    def merge(self, other: SweepResult) -> None:
        """Add another part's results (of the same claims, other sources)."""
        for mine, theirs in zip(self.verdicts, other.verdicts, strict=True):
            mine.update(theirs)
        for i, error in other.errors.items():
            self.errors.setdefault(i, error)
        self.checks.update(other.checks)

    def dump(self, names: Sequence[str], source_id: Callable[[Path], str]) -> bytes | None:
        """The result as JSON, each claim's verdicts under its name (the claims' order is this
        process's own), to hand to another process; None if it holds an error (an error keeps
        its class and place only within a process: the other process sweeps again)."""
        if self.errors or any(isinstance(c, ClaimcheckError) for c in self.checks.values()):
            return None
        verdicts = {
            name: {source_id(p): v for p, v in part.items()}
            for name, part in zip(names, self.verdicts, strict=True)
        }
        checks = {source_id(p): c for p, c in self.checks.items() if not isinstance(c, ClaimcheckError)}
        return _STORED.dump_json((verdicts, checks))

    @classmethod
    def load(
        cls, data: bytes, names: Sequence[str], paths: Mapping[str, Path], checked: Collection[str]
    ) -> SweepResult:
        """The part of a result stored by :meth:`dump` that ``names`` (claims, in order) and
        ``checked`` (source ids) need; ``paths`` maps source ids back to paths. Raises
        ValueError when the data does not hold all of it."""
        try:
            verdicts, checks = _STORED.validate_json(data)
            return cls(
                verdicts=[{paths[sid]: v for sid, v in verdicts[name].items()} for name in names],
                checks={paths[sid]: checks[sid] for sid in checked},
            )
        except KeyError as exc:
            raise ValueError(f"the stored sweep lacks {exc}") from None


_STORED: TypeAdapter[tuple[dict[str, dict[str, SourceVerdict]], dict[str, list[SourceCheck]]]] = TypeAdapter(
    tuple[dict[str, dict[str, SourceVerdict]], dict[str, list[SourceCheck]]]
)


def in_part(source_id: str, part: tuple[int, int]) -> bool:
    """Whether a source falls in the i-th of n parts: by a hash of its id, so that every
    process splits any set of sources the same way."""
    which, parts = part
    return parts <= 1 or zlib.crc32(source_id.encode()) % parts == which


class SweepCorpus(Protocol):
    """What the sweep needs of the corpus (``claimcheck.verification.engine.Corpus`` is one)."""

    def source_id(self, path: Path) -> str:
        """The source's id, which orders the sweep."""
        ...

    def known_stems(self, path: Path) -> str | None:
        """The source's word stems if known without extracting it (memory, cache), else None."""
        ...

    def transient_index(self, path: Path) -> SourceIndex:
        """The source's extraction, not kept by the corpus; raises if it cannot be read."""
        ...


def sweep(
    corpus: SweepCorpus,
    claims: Sequence[SweepClaim],
    evaluate: Callable[[ClaimBase, SourceIndex], SourceVerdict],
    check_paths: Collection[Path] = (),
    check: Callable[[SourceIndex], list[SourceCheck]] | None = None,
    part: tuple[int, int] = (0, 1),
) -> SweepResult:
    """Evaluate ``claims`` on every source that holds their index terms, and run ``check`` on
    each of ``check_paths``, reading each source once, in source id order.

    ``part=(i, n)``: only the sources of the i-th of n parts (:func:`in_part`), so that n
    processes can share a sweep; the parts' results merge with :meth:`SweepResult.merge`.
    """
    result = SweepResult(verdicts=[{} for _ in claims])
    terms: list[TermStems | None] = []
    everywhere: list[int] = []  # claims without index terms: every selected source decides
    by_stem: dict[str, list[int]] = {}  # a stem every source holding the claim must hold
    for i, item in enumerate(claims):
        index_terms = item.claim.index_terms()
        stems = term_stems(index_terms) if index_terms is not None else None
        terms.append(stems)
        if not stems:
            everywhere.append(i)
            continue
        # A source holding the claim holds all of some alternative of the first term, so it
        # holds that alternative's first stem: index the claim under those.
        for first in sorted({min(alt) for alt in stems[0]}):
            by_stem.setdefault(first, []).append(i)
    wanted = set(check_paths).union(*(item.readable for item in claims))
    for path in sorted(wanted, key=corpus.source_id):
        if not in_part(corpus.source_id(path), part):
            continue
        index: SourceIndex | None = None
        stems_text = corpus.known_stems(path)
        try:
            if stems_text is None:
                index = corpus.transient_index(path)
                stems_text = index.stems
        except ClaimcheckError as exc:
            if path in check_paths:
                result.checks[path] = exc
            continue
        held = set(stems_text.split())
        candidates = set(everywhere)
        for s in held & by_stem.keys():
            candidates.update(by_stem[s])
        hits = [
            i
            for i in sorted(candidates)
            if i not in result.errors and path in claims[i].readable and _holds(held, terms[i])
        ]
        if not hits and path not in check_paths:
            continue
        try:
            if index is None:
                index = corpus.transient_index(path)
        except ClaimcheckError as exc:
            for i in hits:
                result.errors[i] = exc
            if path in check_paths:
                result.checks[path] = exc
            continue
        for i in hits:
            try:
                result.verdicts[i][path] = evaluate(claims[i].claim, index)
            except ClaimcheckError as exc:
                result.errors[i] = exc  # the claim errors alone; the others go on
        if check is not None and path in check_paths:
            try:
                result.checks[path] = check(index)
            except ClaimcheckError as exc:
                result.checks[path] = exc
    return result

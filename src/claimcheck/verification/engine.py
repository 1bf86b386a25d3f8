"""The verification engine: the corpus of sources, source selection, and claim outcomes.

``Corpus`` reads and extracts each source once per run and hands the same SourceIndex to every
claim. ``evaluate_claim`` asks the claim's kind for a verdict per selected source, then the
claim's quantifier (``across``) turns those verdicts into an outcome.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from claimcheck._manager import PluginManager
from claimcheck.config import Settings
from claimcheck.errors import ClaimcheckError, ClaimValidationError, SourceError
from claimcheck.models import ClaimBase, ClaimResult, Known, Outcome, SourceIndex, SourceVerdict, Verdict

__all__ = [
    "Corpus",
    "apply_xfail",
    "decide",
    "evaluate_claim",
    "expand_globs",
    "resolve_known",
    "select_sources",
]

_GLOB_CHARS = frozenset("*?[")


class Corpus:
    """The run's sources, each loaded and extracted at most once (errors are kept too)."""

    def __init__(self, pm: PluginManager, settings: Settings) -> None:
        self.pm = pm
        self.settings = settings
        self._indexes: dict[Path, SourceIndex | ClaimcheckError] = {}

    def source_id(self, path: Path) -> str:
        """A source's id: its path relative to the project root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.settings.root.resolve()).as_posix()
        except ValueError:
            return path.resolve().as_posix()

    def index(self, path: Path) -> SourceIndex:
        """Load and extract one source (once); raise its SourceError or PluginError."""
        key = path.resolve()
        if key not in self._indexes:
            try:
                source = self.pm.load_source(key, self.source_id(key))
                # Reports show paths relative to the project root, so they match across machines.
                source = source.model_copy(update={"path": self.source_id(key)})
                self._indexes[key] = self.pm.index_source(source)
            except ClaimcheckError as exc:
                self._indexes[key] = exc
        found = self._indexes[key]
        if isinstance(found, ClaimcheckError):
            raise found
        return found

    def paths(self) -> list[Path]:
        """Every source this run has tried to read, in id order."""
        return sorted(self._indexes, key=self.source_id)

    def error(self, path: Path) -> ClaimcheckError | None:
        """The error that stops a source being read, or None if it reads fine."""
        try:
            self.index(path)
        except ClaimcheckError as exc:
            return exc
        return None


def expand_globs(patterns: Sequence[str], base: Path) -> tuple[list[Path], list[int]]:
    """Files matched by globs relative to ``base``, sorted and unique, and the indices of the
    patterns that matched nothing."""
    found: dict[Path, None] = {}
    unmatched: list[int] = []
    for i, pattern in enumerate(patterns):
        full = pattern if os.path.isabs(pattern) else str(base / pattern)
        hits = sorted(Path(p) for p in glob.glob(full, recursive=True) if os.path.isfile(p))
        if not hits:
            unmatched.append(i)
        for hit in hits:
            found.setdefault(hit.resolve(), None)
    return sorted(found), unmatched


def match_reference(ref: str, paths: Iterable[Path], corpus: Corpus, base: Path) -> list[Path]:
    """Sources among ``paths`` that ``ref`` names: a glob relative to ``base``, a source id,
    a file name, a file stem, or a unique prefix of one of those."""
    paths = list(paths)
    exact = [p for p in paths if ref in (corpus.source_id(p), p.name, p.stem)]
    if exact:
        return exact
    if _GLOB_CHARS & set(ref) or "/" in ref:
        full = ref if os.path.isabs(ref) else str(base / ref)
        hits = {Path(p).resolve() for p in glob.glob(full, recursive=True)}
        return [p for p in paths if p in hits]
    prefixed = [p for p in paths if p.name.startswith(ref)]
    return prefixed if len(prefixed) == 1 else []


def select_sources(claim: ClaimBase, file_sources: list[Path], corpus: Corpus, base: Path) -> list[Path]:
    """Narrow a claim file's sources by the claim's own ``sources:``."""
    if claim.sources is None:
        return file_sources
    chosen: dict[Path, None] = {}
    for ref in claim.sources:
        hits = match_reference(ref, file_sources, corpus, base)
        if not hits:
            ids = ", ".join(corpus.source_id(p) for p in file_sources[:5])
            raise ClaimValidationError(
                f"`sources: {ref}` matches none of this file's sources",
                claim.location,
                f"use a glob relative to the claim file or a source id, e.g. one of: {ids}",
            )
        for hit in hits:
            chosen.setdefault(hit, None)
    return sorted(chosen)


def resolve_known(claim: ClaimBase, paths: list[Path], corpus: Corpus, base: Path) -> dict[Path, Known]:
    """Map each `known:` key (a source id, file name, stem or unique prefix) to its source."""
    resolved: dict[Path, Known] = {}
    for ref, known in claim.known.items():
        hits = match_reference(ref, paths, corpus, base)
        if len(hits) != 1:
            ids = ", ".join(p.name for p in paths[:5])
            problem = "matches none" if not hits else f"matches {len(hits)}"
            raise ClaimValidationError(
                f"`known: {ref}` {problem} of this claim's sources",
                claim.location,
                f"name one selected source by id, file name or a unique prefix, e.g. one of: {ids}",
            )
        resolved[hits[0]] = known
    return resolved


def _short(verdict: SourceVerdict) -> str:
    ev = verdict.evidence
    return f"{verdict.source_id}:{ev.line}" if ev else verdict.source_id


def decide(claim: ClaimBase, verdicts: Sequence[SourceVerdict]) -> tuple[Outcome, str]:
    """Apply the claim's quantifier to its per-source verdicts."""
    supports = [v for v in verdicts if v.verdict is Verdict.SUPPORTS]
    contradicts = [v for v in verdicts if v.verdict is Verdict.CONTRADICTS]
    silent = [v for v in verdicts if v.verdict is Verdict.SILENT]
    tally = f"{len(supports)} support, {len(contradicts)} contradict, {len(silent)} silent"
    q = claim.across
    if not supports and not contradicts:
        loose = [v.source_id for v in verdicts if v.considered]
        if loose:
            return Outcome.FAILED, (
                f"no source decides {claim.claim!r}: {', '.join(loose)} state it too loosely "
                f"(a hedged figure that could be either way); {len(verdicts)} checked"
            )
        return Outcome.FAILED, f"no source mentions {claim.claim!r} ({len(verdicts)} checked, all silent)"
    if q.kind == "all":
        if contradicts:
            names = ", ".join(_short(v) for v in contradicts)
            return Outcome.FAILED, f"{len(contradicts)} source(s) contradict: {names} ({tally})"
        return Outcome.PASSED, tally
    if q.kind == "every":
        if len(supports) == len(verdicts):
            return Outcome.PASSED, tally
        others = ", ".join(
            f"{v.source_id} ({v.verdict.value.lower()})" for v in verdicts if v not in supports
        )
        return Outcome.FAILED, f"across every source: not supported by {others} ({tally})"
    if q.kind == "no":
        if supports:
            names = ", ".join(_short(v) for v in supports)
            return Outcome.FAILED, f"across no source: supported by {names} ({tally})"
        return Outcome.PASSED, tally
    needed = {"any": 1, "most": len(verdicts) // 2 + 1, "at least": q.n or 1}[q.kind]
    if len(supports) >= needed:
        return Outcome.PASSED, tally
    return Outcome.FAILED, f"across {q} sources: {len(supports)} support, {needed} needed ({tally})"


def evaluate_claim(
    claim: ClaimBase,
    paths: Sequence[Path],
    corpus: Corpus,
    file: str,
    known: Mapping[Path, Known] | None = None,
) -> ClaimResult:
    """Evaluate one claim on its readable selected sources; unreadable ones are skipped here
    (they are reported once, on their own) and a claim with no readable source is an error."""
    loc = claim.location
    result = ClaimResult(
        id=claim.id,
        file=file,
        line=loc.line if loc else None,
        statement=claim.claim,
        kind=claim.kind,
        across=str(claim.across),
        outcome=Outcome.ERROR,
    )
    if claim.skip is not None:
        result.outcome, result.message = Outcome.SKIPPED, claim.skip
        return result
    verdicts: list[SourceVerdict] = []
    unreadable: list[str] = []
    for path in paths:
        try:
            index = corpus.index(path)
        except SourceError:
            unreadable.append(corpus.source_id(path))
            continue
        verdict = corpus.pm.evaluate_source(claim, index, corpus.settings)
        label = (known or {}).get(path)
        if label is not None:
            verdict = verdict.model_copy(update={"known": label.verdict, "known_why": label.why})
        verdicts.append(verdict)
    result.sources = verdicts
    if not verdicts:
        why = f"its sources cannot be read: {', '.join(unreadable)}" if unreadable else "it selects no source"
        result.message = f"claim could not be evaluated: {why}"
        return result
    outcome, message = decide(claim, verdicts)
    if unreadable:
        message += f"; not read: {', '.join(unreadable)}"
    result.outcome, result.message = outcome, message
    return result


def apply_xfail(result: ClaimResult, claim: ClaimBase) -> ClaimResult:
    """An ``xfail:`` claim that fails is expected; one that passes fails (strict), as in pytest."""
    if claim.xfail is None or result.outcome not in (Outcome.PASSED, Outcome.FAILED):
        return result
    if result.outcome is Outcome.FAILED:
        result.outcome, result.message = Outcome.XFAILED, f"{claim.xfail} ({result.message})"
    else:
        result.outcome, result.message = Outcome.FAILED, f"[XPASS(strict)] {claim.xfail} ({result.message})"
    return result

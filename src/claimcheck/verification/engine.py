"""The verification engine: the corpus of sources, source selection, and claim outcomes.

``Corpus`` reads and extracts each source once per run and hands the same SourceIndex to every
claim. ``evaluate_claim`` asks the claim's kind for a verdict per selected source, then the
claim's quantifier (``across``) turns those verdicts into an outcome.
"""

from __future__ import annotations

import gc
import glob
import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from fnmatch import fnmatch
from fnmatch import translate as fnmatch_translate
from pathlib import Path
from typing import Protocol

from claimcheck._manager import PluginManager
from claimcheck.config import Settings
from claimcheck.errors import ClaimcheckError, ClaimValidationError
from claimcheck.extraction.cache import LAYOUT, IndexCache
from claimcheck.extraction.digests import FileDigests
from claimcheck.models import (
    ClaimBase,
    ClaimResult,
    Evidence,
    Known,
    Outcome,
    Source,
    SourceIndex,
    SourceVerdict,
    Verdict,
)
from claimcheck.verification.sweep import alternative_stems

__all__ = [
    "Corpus",
    "apply_xfail",
    "decide",
    "evaluate_claim",
    "expand_globs",
    "resolve_known",
    "select_sources",
    "settle",
]

_GLOB_CHARS = frozenset("*?[")


# A claim's sources: selected, readable, unreadable.
_Selection = tuple[frozenset[Path], frozenset[Path], frozenset[Path]]


class ClaimContext(Protocol):
    """What a claim-level evaluation may ask of the run: other claims' results."""

    def result_of(self, claim_id: str) -> ClaimResult:
        """The result of another claim of the same file (evaluated once, then kept)."""
        ...


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Extraction allocates many small objects that all live on: the cyclic collector would
    scan them again and again for nothing (about a quarter of the reader's time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def claim_stems(claim: ClaimBase) -> set[str] | None:
    """The stems of a claim's index terms (None: the claim is evaluated on every source)."""
    terms = claim.index_terms()
    if terms is None:
        return None
    return {s for term in terms for alt in term for s in alternative_stems(alt)}


class Corpus:
    """The run's sources, each loaded and extracted at most once (errors are kept too)."""

    def __init__(self, pm: PluginManager, settings: Settings) -> None:
        self.pm = pm
        self.settings = settings
        self._indexes: dict[Path, SourceIndex | ClaimcheckError] = {}
        # Sources loaded (read, decoded) to learn whether they can be read, not yet extracted:
        # extraction takes them from here, then lets them go.
        self._loaded: dict[Path, Source] = {}
        self._ids: dict[Path, str] = {}
        self._root_prefix = os.path.realpath(settings.root) + "/"
        self.unreadable: set[Path] = set()
        self.cache: IndexCache | None = None
        self.digests: FileDigests | None = None
        if settings.cache_dir is not None:
            self.cache = IndexCache(settings.cache_dir, pm.reader_signature())
            # Sources unchanged since an earlier run are known by their stat data, not read.
            self.digests = FileDigests(settings.cache_dir / LAYOUT / "sources.stat")
        # Subject word stem -> sources holding it, for the stems of the claims seen so far.
        self._by_stem: dict[str, set[Path]] = {}
        self._order: list[str] = []  # stems in the order they were first asked for
        self._scanned: dict[Path, int] = {}  # source -> how many of _order it was read for
        self._complete: set[Path] = set()  # sources read for every stem in _order
        # Word stems of sources known from the cache, not (yet) loaded in full: most sources
        # of a large corpus are only ever needed for the index from stems to sources.
        self._stems: dict[Path, str] = {}
        self._cache_keys: dict[Path, str | None] = {}
        self._read: set[Path] = set()
        # One Path object per file: set operations on the same objects never call Path.__eq__
        # (Python code), which over 10,000 sources x 1,000 claims cost more than the claims.
        self._canonical: dict[Path, Path] = {}
        self._selections: dict[int, tuple[Sequence[Path], _Selection]] = {}
        # Selections already read for every stem asked for so far: (id, stems known then).
        self._checked: dict[int, tuple[frozenset[Path], int]] = {}

    def selection(self, paths: Sequence[Path]) -> _Selection:
        """(selected, readable, unreadable) sources of a selection, every source read once.

        Kept per selection list: the claims of a file share their file's list, so a run over
        10,000 sources builds these sets once per file, not once per claim.
        """
        memo = self._selections.get(id(paths))
        if memo is not None and memo[0] is paths:
            return memo[1]
        selected = frozenset(paths)
        self.read_all(selected - self._read)
        bad = selected & self.unreadable
        found: _Selection = (selected, selected - bad, frozenset(bad))
        self._selections[id(paths)] = (paths, found)  # the list is kept, so its id stays its own
        return found

    def canonical(self, paths: Iterable[Path]) -> list[Path]:
        """The corpus's own Path object for each path (first seen wins)."""
        return [self._canonical.setdefault(p, p) for p in paths]

    def source_id(self, path: Path) -> str:
        """A source's id: its path relative to the project root, with forward slashes."""
        found = self._ids.get(path)
        if found is None:
            text = str(path)
            if text.startswith(self._root_prefix) and "/.." not in text and "/./" not in text:
                # Paths from expand_globs are absolute and resolved already: skip the syscalls.
                found = text[len(self._root_prefix) :]
            else:
                try:
                    found = path.resolve().relative_to(self.settings.root.resolve()).as_posix()
                except ValueError:
                    found = path.resolve().as_posix()
            self._ids[path] = found
        return found

    def index(self, path: Path) -> SourceIndex:
        """Load and extract one source (once); raise its SourceError or PluginError."""
        found = self._indexes.get(path)  # paths from expand_globs are already resolved
        if found is None:
            key = path if path.is_absolute() else path.resolve()
            if key not in self._indexes:
                try:
                    self._indexes[key] = self._extract(key)
                    self._read.add(key)
                except ClaimcheckError as exc:
                    self._indexes[key] = exc
                    self._read.add(key)
                    self.unreadable.add(key)
            found = self._indexes[key]
        if isinstance(found, ClaimcheckError):
            raise found
        return found

    def content_key(self, path: Path) -> str | None:
        """The source's key in the extraction cache: a hash of its bytes and of the reader.
        None when the cache is off or the file cannot be read."""
        return self._cache_key(path)

    def _cache_key(self, path: Path) -> str | None:
        if self.cache is None or self.digests is None:
            return None
        if path not in self._cache_keys:
            try:
                self._cache_keys[path] = self.cache.key_of_digest(self.digests.digest(str(path)))
            except OSError:
                self._cache_keys[path] = None  # the loader reports why it cannot be read
        return self._cache_keys[path]

    def known_stems(self, path: Path) -> str | None:
        """The source's word stems (space-separated) if known without extracting it: kept from
        an earlier extraction, or the cache's small stems file. None otherwise."""
        found = self._stems.get(path)
        if found is not None:
            return found
        indexed = self._indexes.get(path)
        if isinstance(indexed, SourceIndex):
            return indexed.stems
        if indexed is None and self.cache is not None:
            key = self._cache_key(path)
            cached = self.cache.get_stems(key) if key else None
            if cached is not None:
                # Only a readable, decodable file was ever cached: this one reads fine.
                self._stems[path] = cached
                self._read.add(path)
                return cached
        return None

    def stems(self, path: Path) -> str | None:
        """The source's word stems (space-separated), or None if it cannot be read. Taken from
        the cache when possible, without loading the whole extraction."""
        found = self.known_stems(path)
        if found is not None:
            return found
        try:
            return self.transient_index(path).stems
        except ClaimcheckError:
            return None

    def transient_index(self, path: Path) -> SourceIndex:
        """The source's extraction, as :meth:`index`, but not kept: a pass over many sources
        holds one at a time. Its stems and any error are kept."""
        found = self._indexes.get(path)
        if isinstance(found, SourceIndex):
            return found
        if isinstance(found, ClaimcheckError):
            raise found
        try:
            index = self._extract(path)
        except ClaimcheckError as exc:
            self._indexes[path] = exc
            self._read.add(path)
            self.unreadable.add(path)
            raise
        self._read.add(path)
        self._stems[path] = index.stems
        return index

    def _load(self, path: Path) -> Source:
        source = self._loaded.pop(path, None)
        if source is None:
            sid = self.source_id(path)
            source = self.pm.load_source(path, sid)
            # Reports show paths relative to the project root, so they match across machines.
            source = source.model_copy(update={"path": sid})
        return source

    def _extract(self, path: Path) -> SourceIndex:
        sid = self.source_id(path)
        cache_key = self._cache_key(path)
        if self.cache is not None:
            cached = self.cache.get(cache_key) if cache_key else None
            if cached is not None:
                self._loaded.pop(path, None)
                source = cached.source.model_copy(update={"id": sid, "path": sid})
                return cached.model_copy(update={"source": source})
        with _gc_paused():
            source = self._load(path)
            index = self.pm.index_source(source)
        if self.cache is not None and cache_key is not None:
            self.cache.put(cache_key, index)
        return index

    def holding_any(self, stems: set[str], paths: Iterable[Path]) -> set[Path]:
        """The sources among ``paths`` whose text holds at least one of ``stems``.

        Backed by an index from stems to sources: each source is read for a stem only once.
        Register every claim's stems in one call first (the runner does), so that each
        source's word list is split once, not once per claim.
        """
        new = [s for s in stems if s not in self._by_stem]
        for s in new:
            self._by_stem[s] = set()
            self._order.append(s)
        if new:
            self._complete.clear()
        if isinstance(paths, frozenset):
            seen = self._checked.get(id(paths))
            if seen is not None and seen[0] is paths and seen[1] == len(self._order):
                todo: set[Path] | frozenset[Path] = frozenset()
            else:
                todo = paths - self._complete
                self._checked[id(paths)] = (paths, len(self._order))
        else:
            todo = set(paths) - self._complete
        for path in todo:
            pending = self._order[self._scanned.get(path, 0) :]
            if pending:
                held = set((self.stems(path) or "").split())
                for s in pending:
                    if s in held:
                        self._by_stem[s].add(path)
            self._scanned[path] = len(self._order)
            self._complete.add(path)
        found: set[Path] = set()
        for s in stems:
            found |= self._by_stem[s]
        return found

    def holding_terms(self, terms: list[list[str]], paths: Iterable[Path]) -> frozenset[Path]:
        """The sources among ``paths`` that hold every term: for each term at least one
        alternative with all its words."""
        selection = paths if isinstance(paths, frozenset) else frozenset(paths)
        stems = {s for term in terms for alt in term for s in alternative_stems(alt)}
        self.holding_any(stems, selection)
        found = selection
        for term in terms:
            holding: set[Path] = set()
            for alt in term:
                alt_stems = alternative_stems(alt)
                if alt_stems:
                    holding |= set.intersection(*(self._by_stem[s] for s in alt_stems))
            found = found & holding
        return found

    def save_digests(self) -> None:
        """Write down the digests of the sources hashed so far, for the next run."""
        if self.digests is not None:
            self.digests.save()

    @property
    def read(self) -> set[Path]:
        """Sources read so far (readable or not), in full or from the cache's stems."""
        return self._read

    def read_all(self, paths: Iterable[Path]) -> None:
        for path in paths:
            self.error(path)

    def paths(self) -> list[Path]:
        """Every source this run has tried to read, in id order."""
        return sorted(self._read, key=self.source_id)

    def error(self, path: Path) -> ClaimcheckError | None:
        """The error that stops a source being read, or None if it reads fine.

        Loads the source (or finds it in the cache) without extracting it: planning a run over
        10,000 sources must not hold 10,000 extractions.
        """
        found = self._indexes.get(path)
        if isinstance(found, ClaimcheckError):
            return found
        if found is not None or path in self._loaded or path in self._stems:
            return None
        key = self._cache_key(path)
        if key is not None and self.cache is not None and self.cache.has(key):
            # Only a readable, decodable file is ever cached: this one reads fine.
            self._read.add(path)
            return None
        try:
            self._loaded[path] = self._load(path)
        except ClaimcheckError as exc:
            self._indexes[path] = exc
            self.unreadable.add(path)
            return exc
        finally:
            self._read.add(path)
        return None


def expand_globs(patterns: Sequence[str], base: Path) -> tuple[list[Path], list[int]]:
    """Files matched by globs relative to ``base``, sorted and unique, and the indices of the
    patterns that matched nothing."""
    found: dict[str, None] = {}
    unmatched: list[int] = []
    root = os.path.realpath(base)
    for i, pattern in enumerate(patterns):
        full = pattern if os.path.isabs(pattern) else os.path.join(root, pattern)
        folder, name = os.path.split(full)
        if _GLOB_CHARS & set(name) and not _GLOB_CHARS & set(folder) and "**" not in name:
            hits = _files_in(os.path.normpath(folder), name)
        else:
            hits = [
                # Under a resolved folder only a symlinked file needs resolving.
                os.path.realpath(p) if os.path.islink(p) else os.path.normpath(p)
                for p in glob.glob(full, recursive=True)
                if os.path.isfile(p)
            ]
        if not hits:
            unmatched.append(i)
        for hit in hits:
            found.setdefault(hit, None)
    return [Path(p) for p in sorted(found)], unmatched


def _files_in(folder: str, pattern: str) -> list[str]:
    """``glob.glob(folder/pattern)`` for the usual ``sources/*.txt``, keeping only files, in
    one directory listing: a listing says which entries are files and links without a stat
    call each. Hidden names match only a pattern that starts with a dot, as in glob."""
    match = re.compile(fnmatch_translate(pattern)).match
    hidden = pattern.startswith(".")
    hits = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if (hidden or entry.name[0] != ".") and match(entry.name) and entry.is_file():
                    hits.append(os.path.realpath(entry.path) if entry.is_symlink() else entry.path)
    except OSError:
        return []
    return hits


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
        found = [p for p in paths if p in hits]
        # A pattern over ids or file names: `000*`, `seeds/00[0-3]*`.
        return found or [p for p in paths if fnmatch(p.name, ref) or fnmatch(corpus.source_id(p), ref)]
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


def settle(
    index: SourceIndex,
    supports: Sequence[Evidence],
    contradicts: Sequence[Evidence],
    undecided: Sequence[Evidence],
    silent_reason: str,
) -> SourceVerdict:
    """One source's verdict from the evidence a kind found in it, the same rule for every kind.

    A source that supports the claim somewhere is not called a contradiction because of another
    passage: that one is more likely about another quantity, time or place than the source at
    odds with itself (it is listed under ``considered``). Otherwise any contradiction decides;
    with neither, the source is SILENT.
    """
    sid, path = index.source.id, index.source.path
    if supports:
        first = supports[0]
        rest = [*supports[1:], *contradicts, *undecided]
        return SourceVerdict(
            source_id=sid,
            path=path,
            verdict=Verdict.SUPPORTS,
            evidence=first,
            considered=rest,
            reason=first.reason,
        )
    if contradicts:
        first = contradicts[0]
        rest = [*contradicts[1:], *undecided]
        return SourceVerdict(
            source_id=sid,
            path=path,
            verdict=Verdict.CONTRADICTS,
            evidence=first,
            considered=rest,
            reason=first.reason,
        )
    reason = undecided[0].reason if undecided else silent_reason
    return SourceVerdict(
        source_id=sid, path=path, verdict=Verdict.SILENT, considered=list(undecided), reason=reason
    )


def _short(verdict: SourceVerdict) -> str:
    ev = verdict.evidence
    return f"{verdict.source_id}:{ev.line}" if ev else verdict.source_id


def decide(claim: ClaimBase, verdicts: Sequence[SourceVerdict], unmentioned: int = 0) -> tuple[Outcome, str]:
    """Apply the claim's quantifier to its per-source verdicts (``unmentioned`` more sources
    are SILENT without being listed)."""
    supports = [v for v in verdicts if v.verdict is Verdict.SUPPORTS]
    contradicts = [v for v in verdicts if v.verdict is Verdict.CONTRADICTS]
    silent = [v for v in verdicts if v.verdict is Verdict.SILENT]
    checked = len(verdicts) + unmentioned
    tally = f"{len(supports)} support, {len(contradicts)} contradict, {len(silent) + unmentioned} silent"
    q = claim.across
    if not supports and not contradicts:
        loose = [v.source_id for v in verdicts if v.considered]
        if loose:
            return Outcome.FAILED, (
                f"no source decides {claim.claim!r}: {', '.join(loose)} come close but decide "
                f"nothing (see `considered`); {checked} checked"
            )
        return Outcome.FAILED, f"no source mentions {claim.claim!r} ({checked} checked, all silent)"
    if q.kind == "all":
        if contradicts:
            names = ", ".join(_short(v) for v in contradicts)
            return Outcome.FAILED, f"{len(contradicts)} source(s) contradict: {names} ({tally})"
        return Outcome.PASSED, tally
    if q.kind == "every":
        if len(supports) == checked:
            return Outcome.PASSED, tally
        others = [f"{v.source_id} ({v.verdict.value.lower()})" for v in verdicts if v not in supports]
        if unmentioned:
            others.append(f"{unmentioned} more silent")
        return Outcome.FAILED, f"across every source: not supported by {', '.join(others)} ({tally})"
    if q.kind == "no":
        if supports:
            names = ", ".join(_short(v) for v in supports)
            return Outcome.FAILED, f"across no source: supported by {names} ({tally})"
        return Outcome.PASSED, tally
    needed = {"any": 1, "most": checked // 2 + 1, "at least": q.n or 1}[q.kind]
    if len(supports) >= needed:
        return Outcome.PASSED, tally
    return Outcome.FAILED, f"across {q} sources: {len(supports)} support, {needed} needed ({tally})"


def evaluate_claim(
    claim: ClaimBase,
    paths: Sequence[Path],
    corpus: Corpus,
    file: str,
    known: Mapping[Path, Known] | None = None,
    context: ClaimContext | None = None,
    swept: tuple[Collection[Path], Mapping[Path, SourceVerdict]] | None = None,
) -> ClaimResult:
    """Evaluate one claim on its readable selected sources; unreadable ones are skipped here
    (they are reported once, on their own) and a claim with no readable source is an error.

    ``swept``: the sources that hold the claim's index terms and their verdicts, found by a
    sweep over the sources (:mod:`claimcheck.verification.sweep`); without it, this function
    finds them and asks the claim's kind."""
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
    terms = claim.index_terms()
    # Set operations, not loops over the selection: a claim over 10,000 sources must cost
    # little more than one over the few that hold its subject words.
    _, readable, bad = corpus.selection(paths)
    unreadable = sorted(corpus.source_id(p) for p in bad)
    holding: Set[Path]
    if swept is not None:
        holding, given = frozenset(swept[0]), swept[1]
    else:
        holding = corpus.holding_terms(terms, readable) if terms is not None else readable
        given = {}
    listed = len(paths) <= corpus.settings.list_silent_up_to
    # Sources without the subject words are SILENT without asking the claim's kind; with many
    # sources they are only counted.
    if listed:
        shown = [p for p in paths if p in readable]
    else:
        shown = sorted((holding | set(known or {})) & readable)
    unmentioned = len(readable) - len(shown)
    whole: dict[Path, SourceVerdict] = dict(given)
    if not claim.per_source and context is not None and swept is None:
        decided = [p for p in shown if p in holding]
        found = corpus.pm.evaluate_claim(claim, [corpus.index(p) for p in decided], corpus.settings, context)
        if found is not None:
            whole = dict(zip(decided, found, strict=True))
    for path in shown:
        label = (known or {}).get(path)
        if path in whole:
            verdict = whole[path]
        elif path in holding:
            verdict = corpus.pm.evaluate_source(claim, corpus.index(path), corpus.settings)
        else:
            sid = corpus.source_id(path)
            verdict = SourceVerdict(
                source_id=sid,
                path=sid,
                verdict=Verdict.SILENT,
                reason="the source does not hold every subject word",
            )
        if label is not None:
            verdict = verdict.model_copy(update={"known": label.verdict, "known_why": label.why})
        verdicts.append(verdict)
    result.unmentioned = unmentioned
    result.sources = verdicts
    if not verdicts and not unmentioned:
        why = f"its sources cannot be read: {', '.join(unreadable)}" if unreadable else "it selects no source"
        result.message = f"claim could not be evaluated: {why}"
        return result
    outcome, message = decide(claim, verdicts, unmentioned)
    if unreadable:
        message += f"; not read: {', '.join(unreadable)}"
    result.outcome, result.message = outcome, message
    return result


def apply_xfail(result: ClaimResult, reason: str | None) -> ClaimResult:
    """An expected failure (``xfail:``) that fails is XFAILED; one that passes fails (strict),
    as in pytest. Errors stay errors: a claim that cannot be evaluated is never expected."""
    if reason is None or result.outcome not in (Outcome.PASSED, Outcome.FAILED):
        return result
    # A new result: the one given may be kept by the runner and shared.
    if result.outcome is Outcome.FAILED:
        return result.model_copy(
            update={"outcome": Outcome.XFAILED, "message": f"{reason} ({result.message})"}
        )
    return result.model_copy(
        update={"outcome": Outcome.FAILED, "message": f"[XPASS(strict)] {reason} ({result.message})"}
    )

"""One run over claim files: plan each file (claims and their sources), evaluate, report.

The pytest plugin and ``claimcheck.verify()`` both drive a Runner, so a claim gets the same
verdicts from ``pytest claims/``, from the library and from the CLI.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from claimcheck._manager import PluginManager, get_plugin_manager
from claimcheck._version import __version__
from claimcheck.claims.loader import ClaimFileContents, load_claim_file
from claimcheck.claims.stored import dump_contents, load_contents
from claimcheck.config import Settings
from claimcheck.errors import ClaimcheckError, ClaimFileError, Location
from claimcheck.models import (
    ClaimBase,
    ClaimResult,
    Known,
    Outcome,
    Report,
    SourceCheck,
    SourceStatus,
    SourceVerdict,
    Verdict,
)
from claimcheck.reports.terminal import claim_text
from claimcheck.verification.engine import (
    Corpus,
    claim_stems,
    evaluate_claim,
    expand_globs,
    match_reference,
    resolve_known,
    select_sources,
)
from claimcheck.verification.result_cache import RenderedResult, ResultCache
from claimcheck.verification.sweep import SweepClaim, SweepResult, in_part, sweep

__all__ = ["FilePlan", "PlannedClaim", "Runner"]

E = TypeVar("E", bound=ClaimcheckError)

#: How long a process sharing a sweep waits at least for another's part before sweeping it
#: itself (more when its own part took longer: the others have as much to do).
SHARE_WAIT_S = 10.0


@dataclass
class PlannedClaim:
    """One entry of a claim file, ready to run: a valid claim and its sources, or an error."""

    name: str
    location: Location
    claim: ClaimBase | None = None
    error: ClaimcheckError | None = None
    paths: list[Path] = field(default_factory=list)
    known: dict[Path, Known] = field(default_factory=dict)


@dataclass
class FilePlan:
    """A claim file after loading: its claims, its sources, and what is wrong with either."""

    path: Path
    error: ClaimFileError | None = None
    problems: list[ClaimcheckError] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)
    claims: list[PlannedClaim] = field(default_factory=list)
    #: Sources whose arithmetic the file's editors know to be wrong, with the reason.
    arithmetic_xfail: dict[Path, str] = field(default_factory=dict)


class _FileContext:
    """What a claim-level evaluation may ask of the run: the results of its file's claims."""

    def __init__(self, runner: Runner, file: Path) -> None:
        self._runner = runner
        self._file = file

    def result_of(self, claim_id: str) -> ClaimResult:
        plan = self._runner._plans[self._file]
        planned = next(p for p in plan.claims if p.claim is not None and p.claim.id == claim_id)
        return self._runner.evaluate(planned, self._file)


class Runner:
    """Holds what a run shares: settings, plugins and the corpus (each source read once)."""

    def __init__(
        self, settings: Settings, pm: PluginManager | None = None, source_override: list[str] | None = None
    ) -> None:
        self.settings = settings
        self.pm = pm or get_plugin_manager()
        self.corpus = Corpus(self.pm, settings)
        # Sources given on the command line or to verify(): they replace every file's own.
        self.source_override = source_override
        # Subject stems and sources of every planned claim, registered with the corpus's index
        # in one go before the first evaluation, so that each source is scanned once.
        self._stems: set[str] = set()
        self._paths: set[Path] = set()
        self._registered = False
        self._plans: dict[Path, FilePlan] = {}
        # Results by (claim file, claim name): a claim that others build on is evaluated once.
        self._results: dict[tuple[Path, str], ClaimResult] = {}
        # Source checks found by prepare(), by source.
        self._checks: dict[Path, list[SourceCheck] | ClaimcheckError] = {}
        self.results_cache: ResultCache | None = None
        if settings.cache_dir is not None:
            self.results_cache = ResultCache(settings.cache_dir, self.pm.engine_signature())
        # What decides results besides claims and sources (the report's path is not one).
        self._settings_key = settings.model_dump_json(exclude={"json_report", "cache", "claim_files"})
        self._fingerprints: dict[int, tuple[list[Path], str | None]] = {}
        # Claims whose result the result cache holds, by (file, name): read when asked for.
        self._stored: dict[tuple[Path, str], str] = {}
        self._announced: dict[int, list[Path]] = {}
        # Results of this run already rendered for the cache, by (file, name).
        self._rendered: dict[tuple[Path, str], RenderedResult] = {}
        self._file_sources_memo: dict[tuple[object, ...], tuple[list[Path], list[ClaimcheckError]]] = {}
        self._registered_lists: set[int] = set()

    def display_path(self, path: Path) -> str:
        return self.corpus.source_id(path)

    def _file_sources(
        self, path: Path, declared: list[str] | None, declared_at: list[Location]
    ) -> tuple[list[Path], list[ClaimcheckError]]:
        problems: list[ClaimcheckError] = []
        if self.source_override is not None:
            patterns, base = self.source_override, Path.cwd()
            where = [Location(Path("--claimcheck-sources"))] * len(patterns)
            hint = "fix the glob; sources given on the command line are relative to the current directory"
        elif declared is not None:
            patterns, base, where = declared, path.parent, declared_at
            hint = "fix the glob or remove it; a claim file's `sources:` are relative to the claim file"
        else:
            patterns, base = self.settings.sources, self.settings.root
            where = [Location(self.settings.root / "pyproject.toml")] * len(patterns)
            hint = "fix `[tool.claimcheck] sources`; its globs are relative to pyproject.toml"
        memo_key = (tuple(patterns), str(base), tuple(where), hint)
        memo = self._file_sources_memo.get(memo_key)
        if memo is not None:
            # Claim files that share their sources (the usual case: pyproject's globs) share one
            # list, so that per-list work (selection sets, fingerprints) is done once.
            return memo[0], list(memo[1])
        found, unmatched = expand_globs(patterns, base)
        paths = self.corpus.canonical(found)
        for i in unmatched:
            loc = where[i] if i < len(where) else Location(path)
            problems.append(
                ClaimFileError(
                    f"source glob {patterns[i]!r} matches no file (relative to {self.display_path(base)}/)",
                    loc,
                    hint,
                )
            )
        for p in paths:
            err = self.corpus.error(p)
            if err is not None:
                problems.append(err)
        self._file_sources_memo[memo_key] = (paths, problems)
        return paths, list(problems)

    def _load_claim_file(self, path: Path) -> ClaimFileContents:
        """Load a claim file, or take it from the result cache while its bytes, claimcheck and
        the installed kinds are unchanged (a file that fails to load is never stored)."""
        kinds = self.pm.claim_kinds()
        key = None
        if self.results_cache is not None:
            try:
                data = path.read_bytes()
            except OSError:
                data = None  # the loader says why
            if data is not None:
                digest = hashlib.sha256(data).hexdigest()
                key = self.results_cache.key("claim file", str(path), digest)
                stored = self.results_cache.get_bytes(key)
                if stored is not None:
                    try:
                        return load_contents(stored, kinds)
                    except ValueError:
                        pass  # not what we stored: load the file
        contents = load_claim_file(path, kinds=kinds, detect_kind=self.pm.detect_kind)
        if key is not None and self.results_cache is not None:
            self.results_cache.put_bytes(key, dump_contents(contents))
        return contents

    def plan(self, path: Path) -> FilePlan:
        """Load a claim file and resolve its sources; every problem is recorded, none raised."""
        plan = FilePlan(path=path)
        try:
            contents = self._load_claim_file(path)
        except ClaimFileError as exc:
            plan.error = self.relocate(exc)
            return plan
        plan.sources, problems = self._file_sources(path, contents.sources, contents.source_locations)
        plan.problems = [self.relocate(p) for p in problems]
        for ref, (reason, where) in contents.arithmetic_xfail.items():
            hits = match_reference(ref, plan.sources, self.corpus, path.parent)
            if len(hits) == 1:
                plan.arithmetic_xfail[hits[0]] = reason
            else:
                plan.problems.append(
                    self.relocate(
                        ClaimFileError(
                            f"`arithmetic: xfail: {ref}` names {len(hits)} sources of the file, not one",
                            where,
                            "name one source by id, file name or a unique prefix",
                        )
                    )
                )
        for entry in contents.entries:
            planned = PlannedClaim(
                name=entry.name,
                location=entry.location,
                claim=entry.claim,
                error=self.relocate(entry.error) if entry.error else None,
            )
            if entry.claim is not None:
                try:
                    planned.paths = select_sources(entry.claim, plan.sources, self.corpus, path.parent)
                    planned.known = resolve_known(entry.claim, planned.paths, self.corpus, path.parent)
                    self._stems |= claim_stems(entry.claim) or set()
                    if id(planned.paths) not in self._registered_lists:
                        self._paths.update(planned.paths)
                        if planned.paths is plan.sources:  # kept alive by the memo: its id stays
                            self._registered_lists.add(id(planned.paths))
                    self._registered = False
                except ClaimcheckError as exc:
                    planned.error = self.relocate(exc)
            plan.claims.append(planned)
        # Checks across the file's claims (references between them, cycles).
        valid = {p.claim.id: p.claim for p in plan.claims if p.claim is not None and p.error is None}
        by_id = {p.claim.id: p for p in plan.claims if p.claim is not None}
        for claim_id, error in self.pm.check_claims(valid):
            if claim_id in by_id and by_id[claim_id].error is None:
                by_id[claim_id].error = self.relocate(error)
        self._plans[path] = plan
        return plan

    def _selection_key(self, paths: list[Path]) -> str | None:
        """A hash of a selection's sources: id and content of each (None if one has no key).
        Kept per list: the claims of a file share their file's list."""
        memo = self._fingerprints.get(id(paths))
        if memo is not None and memo[0] is paths:
            return memo[1]
        _, readable, _ = self.corpus.selection(paths)
        digest = hashlib.sha256()
        found: str | None = None
        for path in paths:
            sid = self.corpus.source_id(path)
            content = self.corpus.content_key(path) if path in readable else "unreadable"
            if content is None:
                break
            digest.update(f"{sid}\0{content}\n".encode())
        else:
            found = digest.hexdigest()
        self._fingerprints[id(paths)] = (paths, found)  # the list is kept, so its id stays its own
        return found

    def _result_key(self, planned: PlannedClaim, file: Path) -> str | None:
        """The result cache's key for a claim: everything its result depends on."""
        claim = planned.claim
        if self.results_cache is None or claim is None or not claim.per_source:
            return None
        selection = self._selection_key(planned.paths)
        if selection is None:
            return None
        loc = claim.location
        known = [(self.corpus.source_id(p), k.model_dump_json()) for p, k in planned.known.items()]
        return self.results_cache.key(
            self._settings_key,
            self.display_path(file),
            f"{loc.line}:{loc.col}" if loc else "",
            f"{type(claim).__module__}.{type(claim).__qualname__}",
            claim.model_dump_json(),
            repr(sorted(known)),
            selection,
        )

    def _check_key(self, path: Path) -> str | None:
        content = self.corpus.content_key(path)
        if self.results_cache is None or content is None:
            return None
        return self.results_cache.key("source checks", self._settings_key, content)

    def prepare(
        self,
        claims: Iterable[tuple[PlannedClaim, Path]],
        checked: Iterable[Path] = (),
        share: tuple[int, int] | None = None,
    ) -> None:
        """Evaluate many claims and source checks in one pass over the sources, before their
        items run: results are taken from the result cache where it has them, and the rest
        come from a sweep that reads each source once and keeps one extraction in memory at a
        time. Claims of kinds that compare sources (not ``per_source``) are left to
        :meth:`evaluate`, claim by claim.

        ``share=(i, n)``: this process is the i-th of n running the same claims (xdist
        workers); each sweeps its part of the sources and hands it to the others through the
        result cache, so that a source is read by one process, not by all.
        """
        jobs: list[tuple[PlannedClaim, Path, str | None]] = []
        everything: list[str | None] = []  # keys of every claim and check asked for, cached or not
        for planned, file in claims:
            claim = planned.claim
            if claim is None or planned.error is not None or claim.skip is not None or not claim.per_source:
                continue
            if (file, planned.name) in self._results or (file, planned.name) in self._stored:
                continue
            key = self._result_key(planned, file)
            everything.append(key)
            if key is not None and self.results_cache is not None and self.results_cache.has(key):
                # Read when its item runs: under xdist, each worker runs only some items.
                self._stored[(file, planned.name)] = key
            else:
                jobs.append((planned, file, key))
        paths: list[Path] = []
        for path in dict.fromkeys(checked):
            if path in self._checks or path in self.corpus.unreadable:
                continue
            key = self._check_key(path)
            everything.append(key)
            found = self.results_cache.get_checks(key) if self.results_cache and key else None
            if found is not None:
                self._checks[path] = found
            else:
                paths.append(path)
        # Every selected source has been hashed by now (the keys above).
        self.corpus.save_digests()
        if not jobs and not paths:
            return
        items = [
            SweepClaim(claim, self.corpus.selection(planned.paths)[1])
            for planned, _, _ in jobs
            if (claim := planned.claim)
        ]

        def run(part: tuple[int, int]) -> SweepResult:
            return sweep(
                self.corpus,
                items,
                lambda claim, index: self.pm.evaluate_source(claim, index, self.settings),
                paths,
                lambda index: self.pm.check_source(index, self.settings),
                part,
            )

        names = [key for _, _, key in jobs]
        if share is None or share[1] <= 1 or share[0] >= share[1] or None in everything or None in names:
            swept = run((0, 1))
        else:
            swept = self._shared_sweep(
                run, share, [n for n in names if n], paths, items, sorted(map(str, everything))
            )
        for i, (planned, file, key) in enumerate(jobs):
            assert planned.claim is not None
            error = swept.errors.get(i)
            if error is not None:
                self._results[(file, planned.name)] = self._error_of(
                    planned, self.display_path(file), self.relocate(error)
                )
                continue
            verdicts = swept.verdicts[i]
            result = evaluate_claim(
                planned.claim,
                planned.paths,
                self.corpus,
                self.display_path(file),
                planned.known,
                swept=(verdicts.keys(), verdicts),
            )
            self._results[(file, planned.name)] = result
            # Processes sharing the run store one part of the results each (every process holds
            # them all in memory, as any may run any item).
            if key is not None and self.results_cache is not None and in_part(key, share or (0, 1)):
                rendered = render(result)
                self._rendered[(file, planned.name)] = rendered
                self.results_cache.put_result(key, rendered)
        for path in paths:
            outcome = swept.checks.get(path)
            if outcome is None:
                continue
            self._checks[path] = outcome
            key = self._check_key(path)
            if key and self.results_cache is not None and not isinstance(outcome, ClaimcheckError):
                self.results_cache.put_checks(key, outcome)

    def _shared_sweep(
        self,
        run: Callable[[tuple[int, int]], SweepResult],
        share: tuple[int, int],
        names: list[str],
        paths: list[Path],
        items: list[SweepClaim],
        everything: list[str],
    ) -> SweepResult:
        """Sweep this process's part, store it, and take the other parts from the processes
        sweeping them; a part that does not come in time (its process died, or is far slower)
        is swept here. Parts are keyed by every claim and check of the run, cached or not, so
        that processes that found different results in the cache still meet."""
        assert self.results_cache is not None
        cache = self.results_cache
        which, count = share
        run_key = cache.key("shared sweep", str(count), *everything)
        sid = self.corpus.source_id
        by_id = {sid(p): p for p in set(paths).union(*(item.readable for item in items))}
        started = time.monotonic()
        result = run(share)
        # Nothing to hand over (an error in the part) still tells the others not to wait.
        cache.put_bytes(cache.key(run_key, str(which)), result.dump(names, sid) or b"")
        # Generous: the other processes do the same amount of work, give or take.
        deadline = time.monotonic() + max(SHARE_WAIT_S, 3 * (time.monotonic() - started))
        for other in range(count):
            if other == which:
                continue
            part = (other, count)
            checked = [sid(p) for p in paths if in_part(sid(p), part)]
            found = None
            while found is None:
                data = cache.get_bytes(cache.key(run_key, str(other)))
                if data is not None:
                    try:
                        found = SweepResult.load(data, names, by_id, checked)
                    except ValueError:
                        break  # stored for other claims: sweep it here
                elif time.monotonic() > deadline:
                    break
                else:
                    time.sleep(0.02)
            result.merge(found if found is not None else run(part))
        return result

    def announce_selection(self, planned: PlannedClaim) -> list[str]:
        """The ids of the claim's sources, the first time its selection is asked for (claims
        that share their file's sources share one list): the report lists every source the
        run's claims selected, also those a result only counts as unmentioned."""
        paths = planned.paths
        if id(paths) in self._announced and self._announced[id(paths)] is paths:
            return []
        self._announced[id(paths)] = paths  # kept, so that its id stays its own
        return [self.corpus.source_id(p) for p in paths]

    def rendered(self, planned: PlannedClaim, file: Path) -> RenderedResult:
        """The claim's result as its test item reports it (without `xfail:` applied). Taken
        from the result cache as stored, without parsing it, when the cache holds it."""
        key = (file, planned.name)
        found = self._rendered.get(key)
        if found is not None:
            return found
        stored = self._stored.get(key)
        if stored is not None and self.results_cache is not None:
            found = self.results_cache.get_rendered(stored)
            if found is not None:
                return found
            del self._stored[key]  # an entry gone bad since planning: evaluated below
        return render(self.evaluate(planned, file))

    def evaluate(self, planned: PlannedClaim, file: Path) -> ClaimResult:
        """The claim's result; an invalid entry gives an `error` result with its message."""
        shown = self.display_path(file)
        if planned.claim is None or planned.error is not None:
            return self._error_of(planned, shown, planned.error)
        key = (file, planned.name)
        stored = self._stored.pop(key, None)
        if stored is not None and self.results_cache is not None:
            found = self.results_cache.get_result(stored)
            if found is not None:  # else (an entry gone bad since) evaluated below
                self._results[key] = found
        if key in self._results:
            return self._results[key]  # never changed in place: apply_xfail makes a new one
        if not self._registered:
            self.corpus.holding_any(self._stems, self._paths)
            self._registered = True
        if key not in self._results:
            context = _FileContext(self, file)
            try:
                self._results[key] = evaluate_claim(
                    planned.claim, planned.paths, self.corpus, shown, planned.known, context
                )
            except ClaimcheckError as exc:
                # A claim that cannot be evaluated (a division by zero in `expr`, a plugin's
                # bug) is an error of its own; the other claims still run.
                return self._error_of(planned, shown, self.relocate(exc))
        return self._results[key]

    def check_source(self, path: Path, file: Path) -> ClaimResult:
        """The ``arithmetic[<source id>]`` result: every source check on one source."""
        sid = self.corpus.source_id(path)
        name = f"arithmetic[{sid}]"
        result = ClaimResult(
            id=name,
            file=self.display_path(file),
            statement=f"the arithmetic of {sid} adds up",
            kind="arithmetic",
            across="all",
            outcome=Outcome.PASSED,
        )
        try:
            known = self._checks.get(path)
            if isinstance(known, ClaimcheckError):
                raise known
            checks = (
                known if known is not None else self.pm.check_source(self.corpus.index(path), self.settings)
            )
        except ClaimcheckError as exc:
            result.outcome, result.message = Outcome.ERROR, str(self.relocate(exc))
            return result
        bad = [c for c in checks if not c.consistent]
        result.checks = checks
        verdict = Verdict.CONTRADICTS if bad else Verdict.SUPPORTS if checks else Verdict.SILENT
        lines = [
            f"line {c.line}: {c.stated}: {c.computation}" + (f" ({c.cause})" if c.cause else "") for c in bad
        ]
        reason = "; ".join(lines) if bad else f"{len(checks)} check(s), all consistent"
        result.sources = [SourceVerdict(source_id=sid, path=sid, verdict=verdict, reason=reason)]
        if bad:
            result.outcome = Outcome.FAILED
            result.message = f"{len(bad)} of {len(checks)} arithmetic check(s) in {sid} do not add up"
        else:
            result.message = reason
        return result

    @staticmethod
    def _error_of(planned: PlannedClaim, shown: str, error: ClaimcheckError | None) -> ClaimResult:
        return ClaimResult(
            id=planned.name,
            file=shown,
            line=planned.location.line,
            statement=planned.claim.claim if planned.claim else "",
            kind=planned.claim.kind if planned.claim else "",
            across=str(planned.claim.across) if planned.claim else "",
            outcome=Outcome.ERROR,
            message=str(error),
        )

    def error_result(self, name: str, file: Path, *errors: ClaimcheckError) -> ClaimResult:
        """A result for a problem that is not one claim's: a broken file, unreadable sources.
        Its line is the first error's line in the claim file itself (a source's bad byte is
        on a line of another file)."""
        shown = self.display_path(file)
        first = next((e.location for e in errors if e.location and str(e.location.path) == shown), None)
        return ClaimResult(
            id=name,
            file=shown,
            line=first.line if first else None,
            statement="",
            kind="",
            across="",
            outcome=Outcome.ERROR,
            message="\n".join(str(e) for e in errors),
        )

    def relocate(self, error: E) -> E:
        """Show an error's file relative to the project root, so messages match across checkouts."""
        if error.location is not None and error.location.path.is_absolute():
            error.location = replace(error.location, path=Path(self.display_path(error.location.path)))
        return error

    def source_statuses(self) -> list[SourceStatus]:
        statuses = []
        for path in self.corpus.paths():
            err = self.corpus.error(path)
            sid = self.corpus.source_id(path)
            statuses.append(SourceStatus(id=sid, path=sid, error=str(err) if err else None))
        return statuses

    def report(self, results: list[ClaimResult]) -> Report:
        return Report(claimcheck_version=__version__, claims=results, sources=self.source_statuses())


def render(result: ClaimResult) -> RenderedResult:
    """What a claim's test item reports: a failed or erroring claim prints its evidence."""
    failed = result.outcome in (Outcome.FAILED, Outcome.ERROR)
    text = claim_text(result) if failed else ""
    return RenderedResult(result.outcome, result.message, text, result.model_dump_json())

"""One run over claim files: plan each file (claims and their sources), evaluate, report.

The pytest plugin and ``claimcheck.verify()`` both drive a Runner, so a claim gets the same
verdicts from ``pytest claims/``, from the library and from the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from claimcheck._manager import PluginManager, get_plugin_manager
from claimcheck._version import __version__
from claimcheck.claims.loader import load_claim_file
from claimcheck.config import Settings
from claimcheck.errors import ClaimcheckError, ClaimFileError, Location
from claimcheck.models import (
    ClaimBase,
    ClaimResult,
    Known,
    Outcome,
    Report,
    SourceStatus,
    SourceVerdict,
    Verdict,
)
from claimcheck.verification.engine import (
    Corpus,
    claim_stems,
    evaluate_claim,
    expand_globs,
    match_reference,
    resolve_known,
    select_sources,
)

__all__ = ["FilePlan", "PlannedClaim", "Runner"]

E = TypeVar("E", bound=ClaimcheckError)


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
        return paths, problems

    def plan(self, path: Path) -> FilePlan:
        """Load a claim file and resolve its sources; every problem is recorded, none raised."""
        plan = FilePlan(path=path)
        try:
            contents = load_claim_file(path, kinds=self.pm.claim_kinds(), detect_kind=self.pm.detect_kind)
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
                    self._paths.update(planned.paths)
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

    def evaluate(self, planned: PlannedClaim, file: Path) -> ClaimResult:
        """The claim's result; an invalid entry gives an `error` result with its message."""
        shown = self.display_path(file)
        if planned.claim is None or planned.error is not None:
            return self._error_of(planned, shown, planned.error)
        if not self._registered:
            self.corpus.holding_any(self._stems, self._paths)
            self._registered = True
        key = (file, planned.name)
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
        return self._results[key].model_copy(deep=True)

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
            index = self.corpus.index(path)
            checks = self.pm.check_source(index, self.settings)
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

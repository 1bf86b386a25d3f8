"""The pytest plugin (``pytest11`` entry point): claim files become test items.

Each claim is one item, ``claims/<file>.yaml::<id>``, so ``-k``, ``-m`` (tags are markers),
``--lf`` and xdist work as for any test. A file that cannot be read becomes one failing item
``<file>::[file]``; unreadable sources or globs that match nothing become ``<file>::[sources]``;
every other claim still runs. This module is imported on every pytest run in the environment,
so it imports claimcheck's pipeline only when a claim file is collected.
"""

from __future__ import annotations

import atexit
import gc
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from claimcheck._manager import PluginManager
    from claimcheck.config import Settings
    from claimcheck.errors import ClaimcheckError
    from claimcheck.models import ClaimResult, Report
    from claimcheck.runner import PlannedClaim, Runner


class _State:
    """Per-session state, kept in ``config.stash``."""

    def __init__(
        self, settings: Settings, patterns: list[re.Pattern[str]], source_override: list[str] | None
    ) -> None:
        self.settings = settings
        self.patterns = patterns
        self.source_override = source_override
        self._runner: Runner | None = None
        self._pm: PluginManager | None = None
        self.checked_sources: set[Path] = set()
        self.frozen = False  # objects alive after collection are out of the cyclic GC's reach

    @property
    def pm(self) -> PluginManager:
        """The plugin manager: all the xdist controller needs, to hand the Report to reporters."""
        if self._pm is None:
            from claimcheck._manager import get_plugin_manager

            self._pm = get_plugin_manager()
        return self._pm

    @property
    def runner(self) -> Runner:
        if self._runner is None:
            from claimcheck.runner import Runner

            self._runner = Runner(self.settings, self.pm, source_override=self.source_override)
        return self._runner


_state_key = pytest.StashKey[_State]()
_exit_hook_registered = False


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("claimcheck", "claimcheck: verify YAML claims against source documents")
    group.addoption(
        "--claimcheck-json",
        metavar="PATH",
        default=None,
        help="write the run's Report (claims, per-source verdicts, evidence) as JSON to PATH.",
    )
    group.addoption(
        "--claimcheck-sources",
        metavar="GLOB",
        action="append",
        default=None,
        help="check claims against these files instead of each claim file's own sources "
        "(globs relative to the current directory; repeatable).",
    )
    group.addoption(
        "--claimcheck-no-matrix",
        action="store_true",
        default=False,
        help="do not print the claims x sources matrix in the terminal summary.",
    )
    group.addoption(
        "--claimcheck-no-cache",
        action="store_true",
        default=False,
        help="extract every source anew instead of reusing .claimcheck_cache/ "
        "(--cache-clear empties it first).",
    )
    group.addoption(
        "--claimcheck-no-arithmetic",
        action="store_true",
        default=False,
        help="do not check each source's arithmetic against itself (the arithmetic[<source>] items).",
    )
    group.addoption(
        "--claimcheck-eval",
        action="store_true",
        default=False,
        help="score computed verdicts against the claims' `known:` labels: confusion matrix, "
        "precision/recall/F1, false-CONTRADICTS rate and every disagreement.",
    )
    group.addoption(
        "--claimcheck-eval-min-f1",
        metavar="F1",
        type=float,
        default=None,
        help="with scoring on, fail the run when macro-F1 against `known:` is below F1 (e.g. 0.9).",
    )


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob with `**` as a regex over POSIX paths relative to the root."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r"\Z")


def is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _freeze_at_exit() -> None:
    # At exit CPython runs the cyclic collector over every object still alive, which after a
    # run over 10,000 sources costs about a second (and holds up xdist until each worker has
    # exited). Nothing is left to collect then: freezing moves every object out of its reach.
    gc.freeze()


def _thaw(state: _State) -> None:
    if state.frozen:
        state.frozen = False
        gc.unfreeze()


def pytest_configure(config: pytest.Config) -> None:
    from claimcheck.config import load_settings

    global _exit_hook_registered
    if not _exit_hook_registered:
        atexit.register(_freeze_at_exit)
        _exit_hook_registered = True
    from claimcheck.errors import ClaimcheckError

    json_path = config.getoption("claimcheck_json")
    overrides: dict[str, Any] = {
        "json_report": Path(json_path).resolve() if json_path and not is_xdist_worker(config) else None
    }
    if config.getoption("claimcheck_no_cache"):
        overrides["cache"] = False
    if config.getoption("claimcheck_no_arithmetic"):
        overrides["arithmetic"] = False
    try:
        settings = load_settings(config.rootpath, **overrides)
    except ClaimcheckError as exc:
        raise pytest.UsageError(str(exc)) from exc
    if config.getoption("cacheclear", False) and not is_xdist_worker(config):
        # As pytest's own cache: emptied once, by the controller, before any worker starts.
        from claimcheck.extraction.cache import IndexCache

        IndexCache.clear(settings.root / ".claimcheck_cache")
    patterns = [_glob_regex(p) for p in settings.claim_files]
    state = _State(settings, patterns, config.getoption("claimcheck_sources"))
    config.stash[_state_key] = state
    # Registered before pytest's own clean-ups (this hook runs before the built-in plugins'),
    # so it runs after them: see pytest_collection_finish.
    config.add_cleanup(lambda: _thaw(state))
    config.addinivalue_line("markers", "claimcheck: a claim collected from a claimcheck YAML file")
    if not is_xdist_worker(config):
        collector = ResultCollector(config)
        config.stash[_collector_key] = collector
        config.pluginmanager.register(collector, "claimcheck-results")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ClaimFile | None:
    if file_path.suffix not in (".yaml", ".yml"):
        return None
    state = parent.config.stash[_state_key]
    try:
        rel = file_path.resolve().relative_to(state.settings.root.resolve()).as_posix()
    except ValueError:
        rel = file_path.as_posix()
    if any(p.match(rel) for p in state.patterns):
        return ClaimFile.from_parent(parent, path=file_path)
    return None


class ClaimFile(pytest.File):
    """A YAML claim file: one item per claim, plus items for file and source problems."""

    def collect(self) -> Any:
        state = self.config.stash[_state_key]
        plan = state.runner.plan(self.path)
        if plan.error is not None:
            yield ProblemItem.from_parent(self, name="[file]", errors=[plan.error])
            return
        if plan.problems:
            yield ProblemItem.from_parent(self, name="[sources]", errors=plan.problems)
        for planned in plan.claims:
            yield ClaimItem.from_parent(self, name=planned.name, planned=planned)
        if state.settings.arithmetic:
            # One item per source, with the first claim file (in collection order) selecting it.
            for source in plan.sources:
                if source not in state.checked_sources and source not in state.runner.corpus.unreadable:
                    state.checked_sources.add(source)
                    name = f"arithmetic[{state.runner.corpus.source_id(source)}]"
                    xfail = plan.arithmetic_xfail.get(source)
                    yield SourceCheckItem.from_parent(self, name=name, source=source, xfail=xfail)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Evaluate the selected claims and source checks in one pass over the sources (or take
    them from the result cache), after deselection (``-k``, ``-m``, ``--lf``) and before the
    first item runs; each item then reports its own result."""
    state = session.config.stash.get(_state_key, None)
    if state is None or state._runner is None or session.config.option.collectonly:
        return
    claims = [(item.planned, item.path) for item in session.items if isinstance(item, ClaimItem)]
    checked = [item.source for item in session.items if isinstance(item, SourceCheckItem)]
    if session.items and all(isinstance(item, _Item) for item in session.items) and not state.frozen:
        # A session of claims only: what collection built (items, plans, the corpus's maps)
        # lives to the end, and no test code runs that could leave cycles with finalizers.
        # Frozen, it is not walked by each collection of the older generation again, nor by
        # pytest's two collections at the end (about 0.1 s per process over 10,000 sources).
        # Thawed after pytest's clean-ups.
        gc.freeze()
        state.frozen = True
    if claims or checked:
        share = None
        workerinput = getattr(session.config, "workerinput", None)
        if workerinput is not None:
            # xdist workers collect the same items: each sweeps a part of the sources.
            worker = str(workerinput.get("workerid", ""))
            count = int(workerinput.get("workercount", 1))
            if worker.startswith("gw") and worker[2:].isdigit():
                share = (int(worker[2:]), count)
        state.runner.prepare(claims, checked, share=share)


class ClaimcheckFailure(Exception):
    """Raised by an item whose claim failed or could not be evaluated; carries the text."""


class _Item(pytest.Item):
    """Base of claimcheck's items: the result travels on the test report (see makereport)."""

    result_json: str | None = None
    sources_json: str | None = None
    selected_json: str | None = None

    def _record(self, result: ClaimResult) -> None:
        self.result_json = result.model_dump_json()

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, ClaimcheckFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ProblemItem(_Item):
    """A failing item for a problem outside any one claim: a broken file, unreadable sources."""

    def __init__(self, *, errors: list[ClaimcheckError], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.errors = errors
        self.add_marker("claimcheck")

    def runtest(self) -> None:
        from claimcheck.errors import SourceError
        from claimcheck.models import SourceStatus

        runner = self.config.stash[_state_key].runner
        result = runner.error_result(self.name, self.path, *self.errors)
        statuses = [
            SourceStatus(id=sid, path=sid, error=str(e))
            for e in self.errors
            if isinstance(e, SourceError) and e.location
            for sid in [runner.display_path(e.location.path)]
        ]
        self.sources_json = json.dumps([s.model_dump(mode="json") for s in statuses])
        self._record(result)
        raise ClaimcheckFailure(f"{result.file}: {result.message}")

    def reportinfo(self) -> tuple[Path, int | None, str]:
        shown = self.config.stash[_state_key].runner.display_path(self.path)
        line = next(
            (e.location.line for e in self.errors if e.location and str(e.location.path) == shown),
            None,
        )
        return self.path, (line - 1 if line else None), f"claimcheck: {self.name}"


class ClaimItem(_Item):
    """One claim: passes or fails by its quantifier over the per-source verdicts."""

    def __init__(self, *, planned: PlannedClaim, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.planned = planned
        self.add_marker("claimcheck")
        claim = planned.claim
        if claim is None:
            return
        for tag in claim.tags:
            self.config.addinivalue_line("markers", f"{tag}: claimcheck tag")
            self.add_marker(tag)
        if claim.skip is not None:
            self.add_marker(pytest.mark.skip(reason=claim.skip))
            self._record(self._skipped(claim.skip))

    def _skipped(self, reason: str) -> ClaimResult:
        from claimcheck.models import ClaimResult, Outcome

        claim = self.planned.claim
        assert claim is not None
        state = self.config.stash[_state_key]
        return ClaimResult(
            id=claim.id,
            file=state.runner.display_path(self.path),
            line=self.planned.location.line,
            statement=claim.claim,
            kind=claim.kind,
            across=str(claim.across),
            outcome=Outcome.SKIPPED,
            message=reason,
        )

    def runtest(self) -> None:
        from claimcheck.models import Outcome
        from claimcheck.reports.terminal import claim_text
        from claimcheck.verification.engine import apply_xfail

        runner = self.config.stash[_state_key].runner
        claim = self.planned.claim
        selected = runner.announce_selection(self.planned)
        if selected:
            self.selected_json = json.dumps(selected)
        if claim is None or claim.xfail is None:
            # The usual case, and on a warm run the result is passed on as the cache holds it.
            rendered = runner.rendered(self.planned, self.path)
            self.result_json = rendered.json
            if rendered.outcome in (Outcome.FAILED, Outcome.ERROR):
                raise ClaimcheckFailure(rendered.text)
            return
        # `xfail:` is applied here rather than as a pytest mark, so that a claim that cannot be
        # evaluated still errors and a strict XPASS shows its evidence.
        result = apply_xfail(runner.evaluate(self.planned, self.path), claim.xfail)
        self._record(result)
        if result.outcome is Outcome.XFAILED:
            pytest.xfail(result.message)
        if result.outcome in (Outcome.FAILED, Outcome.ERROR):
            raise ClaimcheckFailure(claim_text(result))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.planned.location.line
        return self.path, (line - 1 if line else None), f"claim: {self.name}"


class SourceCheckItem(_Item):
    """``arithmetic[<source id>]``: one source's arithmetic, checked against itself."""

    def __init__(self, *, source: Path, xfail: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.xfail = xfail
        self.add_marker("claimcheck")

    def runtest(self) -> None:
        from claimcheck.models import Outcome
        from claimcheck.reports.terminal import checks_text
        from claimcheck.verification.engine import apply_xfail

        result = self.config.stash[_state_key].runner.check_source(self.source, self.path)
        result = apply_xfail(result, self.xfail)
        self._record(result)
        if result.outcome is Outcome.XFAILED:
            pytest.xfail(result.message)
        if result.outcome in (Outcome.FAILED, Outcome.ERROR):
            raise ClaimcheckFailure(checks_text(result))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"claimcheck: {self.name}"


# --- reporting ---------------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Put the claim's result on its report as plain JSON text: it crosses xdist with the
    report, and stays out of junitxml's properties."""
    report = yield
    if isinstance(item, _Item) and (call.when == "call" or report.skipped):
        report.claimcheck_result = item.result_json
        report.claimcheck_sources = item.sources_json
        report.claimcheck_selected = item.selected_json
    return report


class ResultCollector:
    """Gathers each claim's result from test reports (on the controller under xdist), prints
    the summary and hands the finished Report to the ``claimcheck_report`` hook."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.results: dict[str, ClaimResult] = {}
        self.report: Report | None = None
        self.gate_message = ""
        self.unreadable: dict[str, dict[str, Any]] = {}
        self.selected: set[str] = set()  # ids of every source the claims that ran selected
        # The last report parsed: its status and its log both ask for its result, in either
        # order. Kept here, not on the report, so results go when the collector goes.
        self._parsed: tuple[pytest.TestReport | None, ClaimResult | None] = (None, None)

    def release(self) -> None:
        self.results = {}
        self.selected = set()
        self.report = None
        self._parsed = (None, None)

    def _result_of(self, report: pytest.TestReport) -> ClaimResult | None:
        from claimcheck.models import ClaimResult

        if self._parsed[0] is report:
            return self._parsed[1]
        value = getattr(report, "claimcheck_result", None)
        parsed = ClaimResult.model_validate_json(value) if isinstance(value, str) else None
        self._parsed = (report, parsed)
        return parsed

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        from claimcheck.models import Outcome

        result = self._result_of(report)
        if result is None:
            return
        if report.skipped and not hasattr(report, "wasxfail"):
            result.outcome = Outcome.SKIPPED
        self.results[report.nodeid] = result
        selected = getattr(report, "claimcheck_selected", None)
        if isinstance(selected, str):
            self.selected.update(json.loads(selected))
        sources = getattr(report, "claimcheck_sources", None)
        if isinstance(sources, str):
            for status in json.loads(sources):
                self.unreadable[status["id"]] = status

    def pytest_report_teststatus(self, report: pytest.TestReport) -> Any:
        if report.when != "call" or not report.passed or hasattr(report, "wasxfail"):
            return None
        result = self._result_of(report)
        if result is None:
            return None
        return "passed", ".", (f"PASSED ({result.message})", {"green": True})

    def ordered(self) -> list[ClaimResult]:
        items = sorted(self.results.items(), key=lambda kv: (kv[1].file, kv[1].line or 10**9, kv[0]))
        return [r for _, r in items]

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        from claimcheck.models import Outcome
        from claimcheck.reports.terminal import claim_text, matrix_lines

        results = self.ordered()
        if not results:
            return
        if self.config.getoption("verbose") > 0:
            passed = [r for r in results if r.outcome is Outcome.PASSED]
            if passed:
                terminalreporter.write_sep("=", "claimcheck: evidence for passed claims")
                for r in passed:
                    terminalreporter.write_line(claim_text(r))
                    terminalreporter.write_line("")
        lines = [] if self.config.getoption("claimcheck_no_matrix") else matrix_lines(results)
        if lines:
            terminalreporter.write_sep("=", "claimcheck: claims x sources")
            for line in lines:
                terminalreporter.write_line(line)
        if self.report is not None and self.report.evaluation is not None:
            from claimcheck.reports.terminal import evaluation_lines

            terminalreporter.write_sep("=", "claimcheck: verdicts against known labels")
            for line in evaluation_lines(self.report.evaluation):
                terminalreporter.write_line(line)
            if self.gate_message:
                terminalreporter.write_line(self.gate_message, red=True, bold=True)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        state = self.config.stash[_state_key]
        if not self.results and state.settings.json_report is None:
            return
        from claimcheck._version import __version__
        from claimcheck.models import Report, SourceStatus

        results = self.ordered()
        paths = dict.fromkeys(self.selected)  # source ids are their paths, relative to the root
        paths.update({v.source_id: v.path for r in results for v in r.sources})  # one model a source
        seen = {i: SourceStatus(id=i, path=path or i) for i, path in paths.items()}
        seen.update({i: SourceStatus.model_validate(s) for i, s in self.unreadable.items()})
        evaluation = None
        min_f1 = self.config.getoption("claimcheck_eval_min_f1")
        if self.config.getoption("claimcheck_eval") or min_f1 is not None:
            from claimcheck.reports.terminal import NO_LABELS
            from claimcheck.verification.scoring import evaluate_results

            evaluation = evaluate_results(results)
            if min_f1 is not None and not evaluation.labels:
                self.gate_message = f"claimcheck: --claimcheck-eval-min-f1={min_f1:g}, but {NO_LABELS}"
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
            elif min_f1 is not None and evaluation.macro_f1 < min_f1:
                self.gate_message = (
                    f"claimcheck: macro-F1 {evaluation.macro_f1:.3f} is below "
                    f"--claimcheck-eval-min-f1={min_f1:g}"
                )
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
        self.report = Report(
            claimcheck_version=__version__,
            claims=results,
            sources=[seen[i] for i in sorted(seen)],
            evaluation=evaluation,
        )
        state.pm.report(self.report, state.settings)


_collector_key = pytest.StashKey[ResultCollector]()


def pytest_unconfigure(config: pytest.Config) -> None:
    collector = config.stash.get(_collector_key, None)
    if collector is not None:
        del config.stash[_collector_key]
        config.pluginmanager.unregister(collector)
        # pytest keeps every plugin it registered (its plugin_registered history): let the
        # results go now, or pytest's final garbage collection walks them all.
        collector.release()


__all__ = ["ClaimFile", "ClaimItem", "ProblemItem", "ResultCollector", "SourceCheckItem", "is_xdist_worker"]

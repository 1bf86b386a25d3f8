"""Source-major evaluation (the sweep), the result cache, and sweeps shared between processes.

The sweep must give exactly the results that evaluating claim by claim gives; the result cache
must give them back unchanged, and miss when anything they depend on changes.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimcheck.config import Settings
from claimcheck.models import SourceIndex
from claimcheck.runner import FilePlan, Runner

REPO = Path(__file__).resolve().parent.parent


def _synth() -> ModuleType:
    name = "claimcheck_bench_synth"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "bench" / "synth.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def seeds_project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "claims", tmp_path / "claims")
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck]\nsources = ["seeds/*.txt"]\n')
    return tmp_path


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    _synth().generate(root / "corpus", 80, 40, seed=3)
    return root / "corpus"


def _settings(root: Path, **settings: object) -> Settings:
    return Settings(root=root, sources=["seeds/*.txt", "sources/*.txt"], **settings)  # type: ignore[arg-type]


def _plans(runner: Runner, root: Path) -> list[FilePlan]:
    return [runner.plan(f) for f in sorted((root / "claims").glob("*.yaml"))]


def _run(root: Path, *, prepare: bool, share: tuple[int, int] | None = None, **settings: object) -> list[str]:
    """Every claim and source-check result of a project, as JSON, in file order."""
    runner = Runner(_settings(root, **settings))
    plans = _plans(runner, root)
    claims = [(planned, plan.path) for plan in plans for planned in plan.claims]
    sources = [s for plan in plans for s in plan.sources]
    if prepare:
        runner.prepare(claims, sources, share=share)
    out = [runner.evaluate(planned, file).model_dump_json() for planned, file in claims]
    out += [runner.check_source(s, plans[0].path).model_dump_json() for s in dict.fromkeys(sources)]
    return out


@pytest.mark.parametrize("silent_up_to", [50, 3])
def test_sweep_gives_what_claim_by_claim_evaluation_gives(
    seeds_project: Path, synthetic: Path, silent_up_to: int
) -> None:
    # The seeds' claims hold every kind (figure, quote, category, agreement, derived); the
    # synthetic corpus has claims over 80 sources, listed in full or only counted.
    for root in (seeds_project, synthetic):
        by_claim = _run(root, prepare=False, cache=False, list_silent_up_to=silent_up_to)
        by_source = _run(root, prepare=True, cache=False, list_silent_up_to=silent_up_to)
        assert by_source == by_claim
        assert any('"verdict":"SUPPORTS"' in r for r in by_source)


def test_sweep_keeps_no_extraction_in_memory(synthetic: Path) -> None:
    runner = Runner(Settings(root=synthetic, sources=["sources/*.txt"], cache=False))
    plans = _plans(runner, synthetic)
    runner.prepare([(p, plan.path) for plan in plans for p in plan.claims], plans[0].sources)
    held = [v for v in runner.corpus._indexes.values() if isinstance(v, SourceIndex)]
    assert held == []
    # ... yet every source was read, and is known to read fine.
    assert len(runner.corpus.read) == 80 and not runner.corpus.unreadable


def test_result_cache_gives_the_same_results_and_misses_after_an_edit(seeds_project: Path) -> None:
    cold = _run(seeds_project, prepare=True)
    runner = Runner(_settings(seeds_project))
    plans = _plans(runner, seeds_project)
    claims = [(p, plan.path) for plan in plans for p in plan.claims]
    runner.prepare(claims, plans[0].sources)
    assert runner.results_cache is not None
    warm = [runner.evaluate(p, f).model_dump_json() for p, f in claims]
    assert warm == cold[: len(warm)]
    per_source = [p for p, _ in claims if p.claim is not None and p.claim.per_source and p.claim.skip is None]
    assert runner.results_cache.hits == len(per_source) and runner.results_cache.misses == 0

    # One word changed in one source: the claims over it are evaluated again, and see it.
    source = seeds_project / "seeds" / "000_13a9b1029d5fba0e.txt"
    text = source.read_text()
    assert "2,800" in text
    source.write_text(text.replace("2,800", "2,900"))
    after = Runner(_settings(seeds_project))
    plans = _plans(after, seeds_project)
    claims = [(p, plan.path) for plan in plans for p in plan.claims]
    after.prepare(claims, plans[0].sources)
    results = {p.name: after.evaluate(p, f) for p, f in claims}
    # Every claim file of the seeds selects 000, so every result depends on it.
    assert after.results_cache is not None and after.results_cache.hits == 0
    total = results["met-armed-total-after-uplift-2800-across-all-sources"]
    verdicts = {v.source_id: v.verdict.value for v in total.sources}
    assert verdicts["seeds/000_13a9b1029d5fba0e.txt"] != "SUPPORTS"


def test_a_corrupted_result_entry_is_evaluated_again(seeds_project: Path) -> None:
    cold = _run(seeds_project, prepare=True)
    for entry in (seeds_project / ".claimcheck_cache" / "v3" / "results").rglob("*.json"):
        entry.write_bytes(entry.read_bytes()[:40])  # cut short: its key line, then half a JSON
    assert _run(seeds_project, prepare=True) == cold


def test_two_processes_share_one_sweep(synthetic: Path, tmp_path: Path) -> None:
    alone = _run(synthetic, prepare=True, cache=False)
    project = tmp_path / "shared"
    shutil.copytree(synthetic, project, ignore=shutil.ignore_patterns(".claimcheck_cache"))
    results: dict[int, list[str]] = {}

    def worker(i: int) -> None:
        results[i] = _run(project, prepare=True, share=(i, 2))

    threads = [threading.Thread(target=worker, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert results[0] == results[1] == alone


def test_a_share_whose_partner_never_comes_is_swept_alone(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimcheck.runner

    monkeypatch.setattr(claimcheck.runner, "SHARE_WAIT_S", 0.2)
    alone = _run(synthetic, prepare=True, cache=False)
    project = tmp_path / "lonely"
    shutil.copytree(synthetic, project, ignore=shutil.ignore_patterns(".claimcheck_cache"))
    assert _run(project, prepare=True, share=(1, 2)) == alone


def test_report_is_byte_identical_cold_warm_and_under_xdist(seeded: pytest.Pytester) -> None:
    shutil.copytree(REPO / "claims", seeded.path / "claims")
    runs = []
    for args in ([], [], ["-p", "xdist", "-n", "2"], ["--claimcheck-no-cache"]):
        result = seeded.runpytest_subprocess("--claimcheck-json=report.json", *args)
        assert result.ret == 0, result.stdout.str()
        runs.append((seeded.path / "report.json").read_bytes())
    assert runs[0] == runs[1] == runs[2] == runs[3]
    assert len(list((seeded.path / ".claimcheck_cache" / "v3" / "results").rglob("*.json"))) > 10


def _lines(run: pytest.RunResult) -> list[str]:
    """A run's output without the line that says how long it took."""
    timing = re.compile(r" in [0-9.]+s")
    return [line for line in run.stdout.lines if not timing.search(line)]


@pytest.mark.parametrize(
    "damage",
    [
        lambda head, body: (head.replace(b'"failed"', b'"passed"'), body),
        lambda head, body: (head, body.replace(b'"CONTRADICTS"', b'"SUPPORTS"', 1)),
        lambda head, body: (head.replace(b"contradict", b"contradicx"), body),
        lambda head, body: (b"{}", body),
    ],
    ids=["outcome", "result", "text", "no-fields"],
)
def test_a_warm_run_reports_what_the_cold_run_did_and_a_damaged_entry_is_not_believed(
    seeded: pytest.Pytester, damage: Any
) -> None:
    (seeded.path / "claims").mkdir()
    (seeded.path / "claims" / "met.yaml").write_text(
        "claims:\n"
        "  - id: armed-3000\n    claim: The Met will have 3,000 armed officers\n"
        "    about: [Met, armed]\n    expect: \"== 3000\"\n"
        "  - id: armed-2800\n    claim: The Met will have 2,800 armed officers\n"
        "    about: [Met, armed]\n    expect: \"== 2800\"\n"
    )
    args = ["-p", "no:cacheprovider", "--claimcheck-json=report.json"]
    cold = seeded.runpytest(*args)
    cold.assert_outcomes(passed=1, failed=1)
    cold_json = (seeded.path / "report.json").read_bytes()
    entries = sorted((seeded.path / ".claimcheck_cache" / "v3" / "results").rglob("*.json"))
    stored = [e for e in entries if b'"outcome": "failed"' in e.read_bytes().split(b"\n")[1]]
    assert len(stored) == 1  # the failing claim's entry, with its failure text
    warm = seeded.runpytest(*args)
    assert _lines(warm) == _lines(cold) and (seeded.path / "report.json").read_bytes() == cold_json

    key, head, body = stored[0].read_bytes().split(b"\n", 2)
    head, body = damage(head, body)
    stored[0].write_bytes(b"\n".join([key, head, body]))
    again = seeded.runpytest(*args)
    assert _lines(again) == _lines(cold) and (seeded.path / "report.json").read_bytes() == cold_json


# --- a claim file stored as JSON ---------------------------------------------------------------


def test_a_stored_claim_file_loads_as_the_file_itself(tmp_path: Path) -> None:
    from claimcheck._manager import get_plugin_manager
    from claimcheck.claims.loader import load_claim_file
    from claimcheck.claims.stored import dump_contents, load_contents

    pm = get_plugin_manager(entry_points=False)
    bad = tmp_path / "mixed.yaml"
    bad.write_text(
        "sources: ['../seeds/*.txt']\n"
        "arithmetic:\n  xfail:\n    004: the rise is measured against the new figure\n"
        "claims:\n"
        "  - Met armed total == 2800\n"
        "  - id: broken\n    claim: x\n    expect: '=== 3'\n    about: [Met]\n"
        "  - quote: Our officers run towards the danger\n    said_by: [Hogan-Howe]\n"
    )
    for path in (REPO / "claims" / "seeds.yaml", bad):
        loaded = load_claim_file(path, kinds=pm.claim_kinds(), detect_kind=pm.detect_kind)
        assert any(e.error for e in loaded.entries) == (path == bad)
        back = load_contents(dump_contents(loaded), pm.claim_kinds())
        assert dump_contents(back) == dump_contents(loaded)
        assert [str(e.error) for e in back.entries] == [str(e.error) for e in loaded.entries]
        assert [type(e.error) for e in back.entries] == [type(e.error) for e in loaded.entries]
        assert [e.claim.location if e.claim else None for e in back.entries] == [
            e.claim.location if e.claim else None for e in loaded.entries
        ]
        assert back.arithmetic_xfail == loaded.arithmetic_xfail
    with pytest.raises(ValueError):
        load_contents(b'{"entries": [{"claim": {"kind": "nonesuch"}}]}', pm.claim_kinds())
    with pytest.raises(ValueError):
        load_contents(b"not json", pm.claim_kinds())


def test_xdist_workers_store_every_result_between_them(seeded: pytest.Pytester) -> None:
    shutil.copytree(REPO / "claims", seeded.path / "claims")
    results = seeded.path / ".claimcheck_cache" / "v3" / "results"
    seeded.runpytest_subprocess("-p", "no:cacheprovider")
    alone = {p.name for p in results.rglob("*.json")}
    shutil.rmtree(seeded.path / ".claimcheck_cache")
    seeded.runpytest_subprocess("-p", "no:cacheprovider", "-p", "xdist", "-n", "2")
    shared = {p.name for p in results.rglob("*.json")}
    # Every entry a single process writes; besides, the two parts of the shared sweep.
    assert len(alone) > 10 and alone <= shared and len(shared - alone) == 2

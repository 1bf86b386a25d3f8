"""Smoke tests for the benchmarks in bench/, so that they cannot rot unnoticed.

bench/ is not a package: its scripts are imported by path.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import claimcheck

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str) -> ModuleType:
    module_name = f"claimcheck_bench_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synth() -> ModuleType:
    return _load("synth")


@pytest.fixture(scope="module")
def speed() -> ModuleType:
    return _load("speed")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- bench/synth.py ------------------------------------------------------------------------------


def test_synth_is_deterministic(tmp_path: Path, synth: ModuleType) -> None:
    synth.generate(tmp_path / "a", 30, 10, seed=7)
    synth.generate(tmp_path / "b", 30, 10, seed=7)
    synth.generate(tmp_path / "c", 30, 10, seed=8)
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c
    assert sorted(a) == sorted(
        [
            "pyproject.toml",
            "truth.json",
            "claims/claims_001.yaml",
            *(f"sources/{i:05d}.txt" for i in range(1, 31)),
        ]
    )
    assert a["pyproject.toml"] == b'[tool.claimcheck]\nsources = ["sources/*.txt"]\n'
    sizes = [len(v) for k, v in a.items() if k.startswith("sources/")]
    assert min(sizes) > 1500 and max(sizes) < 5000


def test_synth_regenerates_into_its_own_folder_only(tmp_path: Path, synth: ModuleType) -> None:
    synth.generate(tmp_path / "a", 12, 3, seed=1)
    synth.generate(tmp_path / "a", 6, 2, seed=1)  # an earlier corpus is replaced
    assert len(list((tmp_path / "a" / "sources").iterdir())) == 6
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        synth.generate(tmp_path / "other", 6, 2)


def test_synth_truth_agrees_with_verify(tmp_path: Path, synth: ModuleType, speed: ModuleType) -> None:
    truth = synth.generate(tmp_path / "corpus", 30, 10, seed=0)
    assert json.loads((tmp_path / "corpus" / "truth.json").read_text()) == truth.verdicts
    counts = truth.counts()
    assert counts["supports"] and counts["contradicts"] and counts["distractors"]
    assert all(5 <= len(m) <= 20 for m in truth.mentions.values())

    report = claimcheck.verify(tmp_path / "corpus" / "claims")
    agreement = speed.compare(report.model_dump(mode="json"), truth.verdicts, truth.sources)
    assert agreement.problems == []
    assert agreement.mismatches == []
    assert agreement.pairs == 30 * 10 and agreement.perfect


def test_synth_filler_never_names_a_subject(synth: ModuleType) -> None:
    assert synth.vocabulary_clashes() == []


def test_sources_per_claim_scales(synth: ModuleType) -> None:
    assert [synth.sources_per_claim(n) for n in (3, 30, 100, 1000, 10_000, 10**6)] == [3, 5, 5, 10, 15, 20]


# --- bench/speed.py ------------------------------------------------------------------------------


def test_compare_reads_unlisted_sources_as_silent(speed: ModuleType) -> None:
    sources = ["s/1.txt", "s/2.txt", "s/3.txt"]

    def claim(cid: str, **verdicts: str) -> dict[str, object]:
        listed = [{"source_id": f"s/{k[1:]}.txt", "verdict": v, "reason": "r"} for k, v in verdicts.items()]
        return {"id": cid, "outcome": "passed", "sources": listed, "unmentioned": 3 - len(listed)}

    report = {"claims": [claim("a", n1="SUPPORTS", n2="SILENT"), claim("b")]}
    truth = {"a": {"s/1.txt": "SUPPORTS"}, "b": {}}
    ok = speed.compare(report, truth, sources)
    assert ok.perfect and ok.pairs == 6 and ok.decided == 1

    truth = {"a": {"s/1.txt": "SUPPORTS", "s/3.txt": "CONTRADICTS"}, "b": {}}
    bad = speed.compare(report, truth, sources)
    assert [(m[0], m[1], m[2], m[3]) for m in bad.mismatches] == [("a", "s/3.txt", "CONTRADICTS", "SILENT")]
    assert bad.rate == pytest.approx(5 / 6)

    missing = speed.compare(
        {"claims": [claim("a", n1="SUPPORTS")]}, {"a": {"s/1.txt": "SUPPORTS"}, "c": {}}, sources
    )
    assert missing.problems == ["c: missing from the report"] and not missing.perfect

    # Items that are not generated claims: a passed check counts apart, a failed one is a problem.
    extra = [
        {"id": "check[s/1.txt]", "outcome": "passed"},
        {"id": "[file]", "outcome": "error", "message": "m"},
    ]
    truth = {"a": {"s/1.txt": "SUPPORTS"}, "b": {}}
    mixed = speed.compare({"claims": [*report["claims"], *extra]}, truth, sources)
    assert mixed.others == 1 and len(mixed.problems) == 1 and "[file]" in mixed.problems[0]


def test_speed_quick_prints_its_table(tmp_path: Path) -> None:
    cmd = [sys.executable, str(BENCH / "speed.py"), "--quick", "--keep", str(tmp_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for row in ("floor: regex", "reader: split_sentences + figure_mentions", "peer: quantulum3"):
        assert row in out
    less = re.search(r"reader less judging.* ([\d.]+) MB/s .*judging ([\d,]+) scan matches", out)
    assert less is not None, out
    assert float(less.group(1)) > 0 and int(less.group(2).replace(",", "")) > 0
    for run in ("cold", "warm"):
        assert f"e2e 20 x 10 {run}, -n 2: wall" in out
        assert f"e2e 20 x 10 {run}, -n 2: peak RSS" in out
        assert f"e2e 20 x 10 {run}, -n 2: agreement" in out
    assert "AGREEMENT BELOW" not in out, out
    assert (tmp_path / "20x10" / "report.json").is_file()


# --- bench/accuracy.py ---------------------------------------------------------------------------

_ARTICLE_A = """Harbour ferry fares to rise next month
The Lornith ferry company will raise its single fare to £4.50 from 1 May, it said on Tuesday.
About 1,200 passengers use the crossing every day, the company added.
"We have held fares for three years," said its manager.
"""
_ARTICLE_B = """Ferry operator confirms fare increase
Passengers on the Lornith crossing will pay £4.50 for a single ticket from May.
The operator said 900 passengers a day now use the route, fewer than last year.
"""


def test_accuracy_on_a_tiny_gold_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cluster = tmp_path / "gold" / "harbour-ferry-fares"
    cluster.mkdir(parents=True)
    (cluster / "01_gazette.txt").write_text(_ARTICLE_A)
    (cluster / "02_courier.txt").write_text(_ARTICLE_B)
    claims = [
        {
            "id": "ferry-fare",
            "statement": "A single ferry fare will cost £4.50",
            "kind": "quantity",
            "subject": "single ferry fare",
            "terms": ["single", "fare", "ticket"],
            "op": "==",
            "value": 4.5,
            "unit": "GBP",
            "tolerance": None,
            "gold": {"01_gazette.txt": "supports", "02_courier.txt": "supports"},
            "why": {
                "01_gazette.txt": "The Lornith ferry company will raise its single fare to £4.50 from 1 May, "
                "it said on Tuesday.",
                "02_courier.txt": "Passengers on the Lornith crossing will pay £4.50 "
                "for a single ticket from May.",
            },
        },
        {
            "id": "ferry-passengers",
            "statement": "About 1,200 passengers use the ferry every day",
            "kind": "quantity",
            "subject": "daily ferry passengers",
            "terms": ["passengers"],
            "op": "approx",
            "value": 1200,
            "unit": "people",
            "tolerance": 0.05,
            "gold": {"01_gazette.txt": "supports", "02_courier.txt": "contradicts"},
            "why": {
                "01_gazette.txt": "About 1,200 passengers use the crossing every day, the company added.",
                "02_courier.txt": "The operator said 900 passengers a day now use the route, "
                "fewer than last year.",
            },
        },
        {
            "id": "ferry-quote",
            "statement": "The manager said: we have held fares for three years",
            "kind": "quote",
            "subject": "the manager",
            "terms": ["manager"],
            "op": "quote",
            "value": "We have held fares for three years",
            "unit": None,
            "tolerance": None,
            "gold": {"01_gazette.txt": "supports", "02_courier.txt": "silent"},
            "why": {
                "01_gazette.txt": '"We have held fares for three years," said its manager.',
                "02_courier.txt": "no mention",
            },
        },
    ]
    (cluster / "claims.json").write_text(json.dumps(claims, indent=1, ensure_ascii=False))

    accuracy = _load("accuracy")
    assert accuracy.main([str(tmp_path / "gold")]) == 0
    out = capsys.readouterr().out
    assert "claimcheck accuracy on" in out
    assert "clusters 1, claims 3, " in out and ", unsupported 1" in out
    assert "claimcheck (quantity claims)" in out and "keyword baseline" in out
    assert "unsupported (1), counted but not scored:" in out
    assert "harbour-ferry-fares/ferry-quote [quote]" in out

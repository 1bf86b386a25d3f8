"""Speed: claimcheck's reader against a regex floor and a peer, and end-to-end runs with pytest.

    python bench/speed.py [--sizes 100x100,1000x100,10000x1000] [--quick] [--keep DIR]

Every figure of the table comes from this one run:

* floor: one compiled regex pass for digits (``\\d[\\d,.]*``, ``finditer``) over the texts of a
  synthetic corpus (bench/synth.py), in this process: one core;
* reader: claimcheck's ``split_sentences`` + ``figure_mentions`` (sentences, and every figure
  with its hedge, unit, role and label) over the same texts, one core: MB/s, docs/s, and its
  speed as a fraction of the floor's;
* reader less judging: the same work less the Python that judges each candidate (sentences,
  the reader's scans, and the models): what judging costs a candidate, and what the reader's
  target would leave it;
* peer: quantulum3's ``parser.parse`` on a sample of the same texts, if it is installed
  (``pip install -e '.[bench]'``), one core;
* end to end: for each size (sources x claims) a synthetic corpus is generated in a temporary
  folder, then ``python -m pytest -p xdist -n 2 -q -p no:cacheprovider
  --claimcheck-json=report.json claims/`` runs there as a subprocess. Measured: wall time, the
  peak RSS of the whole process tree (pytest and its xdist workers), and the agreement of every
  (claim, selected source) verdict in report.json with the generator's truth (a source that a
  claim's ``sources`` list leaves out is SILENT);
* warm: the largest run again, in the same folder, so that claimcheck's ``.claimcheck_cache/``
  from the cold run is there.

Peak RSS: a sampler polls ``/proc/*/stat`` every 50 ms, finds the process tree under the pytest
process through the parent ids, and sums the resident pages of its processes; the table shows the
highest sum. A sum over the tree is what the machine must hold at once (``ru_maxrss`` from
``getrusage(RUSAGE_CHILDREN)`` or ``wait4`` is the largest *single* process, which understates
a tree of three processes; it is shown as a cross-check). Pages shared between processes count
in each, so the sum errs high, never low; a peak shorter than 50 ms can be missed.

Targets (the machine this was written for has 2 cores): reader >= 10 MB/s per core; 10,000
sources x 1,000 claims <= 20 s cold and <= 3 s warm with ``-n 2``; peak RSS <= 1 GiB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar, cast

from pydantic import TypeAdapter

from claimcheck import __version__
from claimcheck.extraction import figures
from claimcheck.extraction.figures import figure_mentions
from claimcheck.extraction.sentences import split_sentences
from claimcheck.extraction.terms import NUMBER_WORDS_RE, lower_same_length
from claimcheck.models import Mention

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = "100x100,1000x100,10000x1000"
QUICK_SIZES = "20x10"

TARGET_READER_MBS = 10.0  # per core
TARGET_SIZE = (10_000, 1_000)
TARGET_COLD_S = 20.0
TARGET_WARM_S = 3.0
TARGET_RSS = 1 << 30
SAMPLE_EVERY_S = 0.05
PAGE = os.sysconf("SC_PAGE_SIZE")


def _load_synth() -> ModuleType:
    """bench/synth.py, imported by path (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("claimcheck_bench_synth", HERE / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --- the table -----------------------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    figure: str
    detail: str = ""
    target: str = ""
    status: str = ""  # PASS, MISS or ""


def _check(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def render(rows: list[Row]) -> list[str]:
    heads = Row("measure", "figure", "detail", "target", "")
    width = [
        max(len(getattr(r, f)) for r in [heads, *rows]) for f in ("measure", "figure", "target", "status")
    ]
    lines = []
    for r in [heads, *rows]:
        lines.append(
            f"{r.measure:<{width[0]}}  {r.figure:>{width[1]}}  {r.target:<{width[2]}}  "
            f"{r.status:<{width[3]}}  {r.detail}".rstrip()
        )
        if r is heads:
            lines.append("-" * max(len(line) for line in lines))
    return lines


# --- reading speed -------------------------------------------------------------------------------

DIGITS = re.compile(r"\d[\d,.]*")


def _mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


T = TypeVar("T")


def fastest(run: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """Seconds for the fastest of ``repeat`` calls of ``run``, and what the last call returned."""
    assert repeat > 0
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - t0)
    return best, cast(T, out)


def floor_pass(texts: list[str], repeat: int = 3) -> float:
    """Seconds for the fastest of ``repeat`` regex passes over every text."""

    def scan() -> None:
        for text in texts:
            for _m in DIGITS.finditer(text):
                pass

    return fastest(scan, repeat)[0]


def reader_pass(texts: list[str], repeat: int = 3) -> tuple[float, list[int]]:
    """Seconds for claimcheck's reader over every text, fastest of ``repeat`` passes as for the
    floor, and the figures it found in each text."""
    return fastest(lambda: [len(figure_mentions(text, split_sentences(text))) for text in texts], repeat)


_MENTIONS = TypeAdapter(list[Mention])


def unjudged_pass(texts: list[str], found: list[int], repeat: int = 3) -> tuple[float, int]:
    """Seconds for what the reader does besides judging candidates, fastest of ``repeat``, and
    the candidates its scans matched.

    The same work as :func:`reader_pass` less the Python that reads each candidate's hedge,
    unit, role and label: the sentences, the reader's own scans (digits with what follows them,
    as ``figures._read`` runs it, and number words) and as many Mention models as the reader
    found (``found``, per text), built from the scans' first matches. The reader cannot be
    faster than this without fewer scans or lighter models; what it spends above it is judging.
    """

    def run() -> int:
        matches = 0
        for text, count in zip(texts, found, strict=True):
            sentences = split_sentences(text)
            low = lower_same_length(text)
            low[::-1]  # the reader reverses the text for the words before a figure
            digits = list(figures._SCAN_LOW[figures._may_say_in_total(low)].finditer(low))
            words = list(NUMBER_WORDS_RE.finditer(" " + low))
            matches += len(digits) + len(words)
            _MENTIONS.validate_python(
                [
                    {
                        "quantity": {"value": 0.0, "text": m.group(), "start": m.start(), "end": m.end()},
                        "sentence": len(sentences) - 1,
                        "label": [],
                    }
                    for m in (digits + words)[:count]
                ]
            )
        return matches

    return fastest(run, repeat)


def peer_pass(texts: list[str]) -> tuple[float, float, int] | None:
    """quantulum3 on ``texts``: (seconds, seconds of its first call, quantities), or None when it
    is not installed. Its first call loads its unit data; it is timed apart, on another text."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "classifier dependencies not installed"
            from quantulum3 import parser  # type: ignore[import-untyped]
    except ImportError:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        parser.parse("The council has 2,900 inspectors, up 12 per cent.")
        first = time.perf_counter() - t0
        found = 0
        t0 = time.perf_counter()
        for text in texts:
            found += len(parser.parse(text))
        return time.perf_counter() - t0, first, found


def reading_rows(texts: list[str], peer_texts: list[str]) -> list[Row]:
    mb = _mb(texts)
    floor_s = floor_pass(texts)
    floor = mb / floor_s
    rows = [
        Row(
            "floor: regex \\d[\\d,.]* finditer, 1 core",
            f"{floor:,.1f} MB/s",
            f"{len(texts):,} docs, {mb:.2f} MB",
        )
    ]
    reader_pass(texts[:20], 1)  # warm-up: compiled regexes, the stemmer's cache
    reader_s, found = reader_pass(texts)
    reader = mb / reader_s
    rows.append(
        Row(
            "reader: split_sentences + figure_mentions, 1 core",
            f"{reader:,.2f} MB/s",
            f"{len(texts) / reader_s:,.0f} docs/s, {sum(found):,} figures, {reader / floor:.4f} x floor "
            f"(1/{floor / reader:,.0f})",
            f">= {TARGET_READER_MBS:g} MB/s",
            _check(reader >= TARGET_READER_MBS),
        )
    )
    unjudged_s, matches = unjudged_pass(texts, found)
    budget_s = mb / TARGET_READER_MBS
    rows.append(
        Row(
            "reader less judging: sentences, scans, models, 1 core",
            f"{mb / unjudged_s:,.2f} MB/s",
            f"{unjudged_s * 1e3:,.0f} of the reader's {reader_s * 1e3:,.0f} ms; judging {matches:,} scan "
            f"matches takes the rest, {(reader_s - unjudged_s) / matches * 1e6:.1f} us each; at "
            f"{TARGET_READER_MBS:g} MB/s it would have {(budget_s - unjudged_s) / matches * 1e6:.1f} us each",
        )
    )
    peer = peer_pass(peer_texts)
    if peer is None:
        rows.append(
            Row("peer: quantulum3 parser.parse, 1 core", "-", "not installed (pip install -e '.[bench]')")
        )
    else:
        peer_s, first, found = peer
        pmb = _mb(peer_texts)
        speed = pmb / peer_s
        rows.append(
            Row(
                "peer: quantulum3 parser.parse, 1 core",
                f"{speed:,.3f} MB/s",
                f"{len(peer_texts):,} docs, {len(peer_texts) / peer_s:,.1f} docs/s, {found:,} quantities, "
                f"{speed / floor:.5f} x floor, {speed / reader:.3f} x reader; "
                f"first call {first:.1f} s not counted",
            )
        )
    return rows


# --- end to end ----------------------------------------------------------------------------------


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc/*/stat."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rfind(b")") + 2 :].split()
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # field 4: ppid
        rss[pid] = int(fields[21]) * PAGE  # field 24: rss in pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


@dataclass
class RunResult:
    wall: float
    peak_tree: int
    peak_single: int
    returncode: int
    log: Path


def run_measured(cmd: list[str], cwd: Path, log_path: Path) -> RunResult:
    """Run ``cmd`` in ``cwd`` (output to ``log_path``); wall time and peak RSS of its tree."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_CORE"))}
    # A user's Python keeps compiled modules; without them every run would compile and
    # assertion-rewrite pytest, pydantic and claimcheck anew, which measures the environment.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with open(log_path, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        peak = 0
        while True:
            # wait4 reaps the child and gives its rusage; ru_maxrss covers its waited-for
            # descendants too (the largest single process), in KiB on Linux.
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(SAMPLE_EVERY_S)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    single = usage.ru_maxrss * 1024
    return RunResult(wall, max(peak, single), single, proc.returncode, log_path)


@dataclass
class Agreement:
    pairs: int = 0
    decided: int = 0  # pairs where the truth or claimcheck says SUPPORTS or CONTRADICTS
    # (claim, source, truth, claimcheck, reason and sentence)
    mismatches: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    others: int = 0  # report items that are not generated claims (checks the engine adds), passed

    @property
    def rate(self) -> float:
        return 1.0 - len(self.mismatches) / self.pairs if self.pairs else 0.0

    @property
    def perfect(self) -> bool:
        return not self.mismatches and not self.problems and self.pairs > 0


def compare(report: dict[str, Any], truth: dict[str, dict[str, str]], sources: list[str]) -> Agreement:
    """Every (claim, selected source) verdict of ``report`` against ``truth``.

    ``truth`` maps claim ids to their SUPPORTS / CONTRADICTS sources; ``sources`` are the ids
    every claim selected. A source missing from a claim's truth, or from the claim's ``sources``
    in the report, is SILENT (the report lists only sources that name a claim's subject words and
    counts the others as ``unmentioned``).
    """
    out = Agreement(pairs=len(truth) * len(sources))
    selected = set(sources)
    seen: set[str] = set()
    for claim in report.get("claims", []):
        cid = claim["id"]
        if cid not in truth:
            # Not a claim of the files: a file-level item ("[file]", "[sources]") or a check the
            # engine adds. Only its failure matters here.
            if claim.get("outcome") in ("failed", "error"):
                out.problems.append(
                    f"{claim.get('file')}::{cid}: not a generated claim, "
                    f"{claim.get('outcome')}: {claim.get('message')}"
                )
            else:
                out.others += 1
            continue
        if cid in seen:
            out.problems.append(f"{cid}: reported twice")
        seen.add(cid)
        if claim.get("outcome") == "error":
            out.problems.append(f"{cid}: error: {claim.get('message')}")
        got = {s["source_id"]: s for s in claim.get("sources", [])}
        unknown = sorted(set(got) - selected)
        if unknown:
            out.problems.append(
                f"{cid}: verdicts for sources that are not selected: {', '.join(unknown[:3])}"
            )
        listed = len(got) + int(claim.get("unmentioned", 0) or 0)
        if "unmentioned" in claim and listed != len(sources):
            out.problems.append(
                f"{cid}: {len(got)} listed + {claim['unmentioned']} unmentioned != {len(sources)} selected"
            )
        want = truth[cid]
        for sid in sorted(set(want) | {s for s, v in got.items() if v["verdict"] != "SILENT"}):
            w = want.get(sid, "SILENT")
            g = got[sid]["verdict"] if sid in got else "SILENT"
            out.decided += 1
            if w != g:
                why = got[sid].get("reason", "") if sid in got else "not listed (SILENT)"
                evidence = got[sid].get("evidence") if sid in got else None
                if evidence:
                    why += f' | "{evidence.get("sentence", "")}"'
                out.mismatches.append((cid, sid, w, g, why))
    for cid in sorted(set(truth) - seen):
        out.problems.append(f"{cid}: missing from the report")
        for sid, w in sorted(truth[cid].items()):
            out.decided += 1
            out.mismatches.append((cid, sid, w, "(not run)", "the claim is not in the report"))
    return out


def pytest_cmd(workers: int, extra: list[str], arithmetic: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "pytest", "-p", "xdist", "-n", str(workers), "-q", "-p", "no:cacheprovider"]
    # The targets are for claims x sources; the arithmetic[...] items (one per source) are
    # measured in runs of their own.
    switch = [] if arithmetic else ["--claimcheck-no-arithmetic"]
    return [*cmd, "--claimcheck-json=report.json", *switch, *extra, "claims/"]


def pytest_floor(root: Path, n_items: int, workers: int, failing: int = 0) -> float:
    """Wall time of pytest alone running ``n_items`` empty tests with ``-n workers``, the first
    ``failing`` of them failing: what any plugin with that many items (and failures) pays
    before doing anything."""
    folder = root / f"floor-{n_items}-{failing}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test_empty.py").write_text(
        f"import pytest\n\n\n@pytest.mark.parametrize('i', range({n_items}))\n"
        f"def test_empty(i):\n    assert i >= {failing}\n"
    )
    cmd = [sys.executable, "-m", "pytest", "-p", "xdist", "-n", str(workers), "-q", "-p", "no:cacheprovider"]
    cmd += ["-p", "no:claimcheck", "test_empty.py"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode != (1 if failing else 0):
        raise RuntimeError(f"pytest alone exited with {done.returncode} in {folder}")
    return time.perf_counter() - t0


@dataclass
class E2E:
    label: str
    n_sources: int
    n_claims: int
    run: RunResult
    agreement: Agreement
    gen_s: float = 0.0
    mb: float = 0.0
    failed: int = 0  # claims that failed (what pytest's summary prints at length)


def end_to_end(
    synth: ModuleType,
    root: Path,
    n_sources: int,
    n_claims: int,
    seed: int,
    workers: int,
    extra: list[str],
    warm: bool,
    arithmetic: bool = False,
) -> list[E2E]:
    folder = root / f"{n_sources}x{n_claims}"
    t0 = time.perf_counter()
    synth.generate(folder, n_sources, n_claims, seed)
    gen_s = time.perf_counter() - t0
    mb = sum(p.stat().st_size for p in (folder / "sources").iterdir()) / 1e6
    truth = json.loads((folder / "truth.json").read_text())
    sources = sorted(f"sources/{p.name}" for p in (folder / "sources").glob("*.txt"))
    out = []
    runs = [("cold", False), ("warm", False)] if warm else [("cold", False)]
    if arithmetic:
        runs += [("cold + arithmetic items", True), ("warm + arithmetic items", True)]
    for label, checks in runs:
        log(f"speed: {n_sources:,} x {n_claims:,} {label}: pytest -n {workers} in {folder} ...")
        if label.startswith("cold"):
            shutil.rmtree(folder / ".claimcheck_cache", ignore_errors=True)
        report_path = folder / "report.json"
        report_path.unlink(missing_ok=True)
        log_name = "pytest-" + label.replace(" + ", "-").replace(" ", "-") + ".log"
        run = run_measured(pytest_cmd(workers, extra, checks), folder, folder / log_name)
        failed = 0
        if run.returncode not in (0, 1) or not report_path.is_file():
            agreement = Agreement(pairs=len(truth) * len(sources))
            tail = run.log.read_text(errors="replace")[-2000:]
            agreement.problems.append(
                f"pytest exited with {run.returncode}, report.json: {report_path.is_file()}\n{tail}"
            )
        else:
            report = json.loads(report_path.read_text())
            agreement = compare(report, truth, sources)
            failed = int(report.get("summary", {}).get("failed", 0))
        out.append(E2E(label, n_sources, n_claims, run, agreement, gen_s, mb, failed))
        log(
            f"speed:   {run.wall:.2f} s, peak {run.peak_tree / 2**20:,.0f} MiB, "
            f"agreement {100 * agreement.rate:.4f} %"
        )
    return out


def e2e_rows(results: list[E2E], workers: int) -> list[Row]:
    rows = []
    for r in results:
        name = f"e2e {r.n_sources:,} x {r.n_claims:,} {r.label}, -n {workers}"
        at_target = (r.n_sources, r.n_claims) == TARGET_SIZE and r.label in ("cold", "warm")
        limit = TARGET_COLD_S if r.label == "cold" else TARGET_WARM_S
        detail = f"{r.n_sources / r.run.wall:,.0f} sources/s, {r.mb:.1f} MB, exit {r.run.returncode}"
        if r.label == "cold":
            detail += f"; generated in {r.gen_s:.1f} s (not counted)"
        if "arithmetic" in r.label:
            detail += f"; {r.n_claims + r.n_sources:,} items"
        rows.append(
            Row(
                f"{name}: wall",
                f"{r.run.wall:,.2f} s",
                detail,
                f"<= {limit:g} s" if at_target else "",
                _check(r.run.wall <= limit) if at_target else "",
            )
        )
        rows.append(
            Row(
                f"{name}: peak RSS",
                f"{r.run.peak_tree / 2**20:,.0f} MiB",
                f"process tree, /proc every {SAMPLE_EVERY_S * 1000:.0f} ms; largest single process "
                f"{r.run.peak_single / 2**20:,.0f} MiB (wait4 ru_maxrss)",
                "<= 1 GiB",
                _check(r.run.peak_tree <= TARGET_RSS),
            )
        )
        a = r.agreement
        rows.append(
            Row(
                f"{name}: agreement",
                f"{100 * a.rate:.4f} %",
                f"{a.pairs - len(a.mismatches):,} of {a.pairs:,} (claim, source) pairs; "
                f"decided pairs {a.decided - len(a.mismatches):,} of {a.decided:,}"
                + (f"; {len(a.problems)} problem(s)" if a.problems else "")
                + (f"; {a.others:,} other report item(s) passed" if a.others else ""),
                "100 %",
                _check(a.perfect),
            )
        )
    return rows


def loud(results: list[E2E], show: int = 5) -> list[str]:
    lines = []
    for r in results:
        a = r.agreement
        if a.perfect:
            continue
        lines += [
            "",
            "!" * 100,
            f"!!! AGREEMENT BELOW 100 % on {r.n_sources:,} x {r.n_claims:,} {r.label}: "
            f"{len(a.mismatches):,} mismatched (claim, source) pair(s), {len(a.problems)} problem(s)",
            "!" * 100,
        ]
        lines += [f"  problem: {p}" for p in a.problems[:show]]
        for cid, sid, want, got, why in a.mismatches[:show]:
            lines.append(f"  {cid} @ {sid}: truth {want}, claimcheck {got}")
            lines.append(f"      {why}")
        if len(a.mismatches) > show:
            lines.append(f"  ... and {len(a.mismatches) - show:,} more")
    return lines


# --- main ----------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        m = re.fullmatch(r"\s*([\d_]+)\s*x\s*([\d_]+)\s*", part)
        if not m:
            raise argparse.ArgumentTypeError(f"`{part}` is not SOURCESxCLAIMS, like 1000x100")
        sizes.append((int(m.group(1)), int(m.group(2))))
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=parse_sizes, help=f"end-to-end sizes, SOURCESxCLAIMS (default {DEFAULT_SIZES})"
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"a tiny run for smoke tests (sizes {QUICK_SIZES})"
    )
    parser.add_argument(
        "--reader-docs", type=int, help="documents for the floor and the reader (default 1000)"
    )
    parser.add_argument("--peer-docs", type=int, help="documents for quantulum3 (default 40)")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers (default 2)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora (default 0)")
    parser.add_argument(
        "--keep", type=Path, help="write the corpora here and keep them (default: a temporary folder)"
    )
    parser.add_argument("--no-warm", action="store_true", help="skip the warm re-run of the largest size")
    parser.add_argument(
        "--pytest-arg", action="append", default=[], help="extra argument for the pytest runs"
    )
    parser.add_argument(
        "--no-arithmetic-runs",
        action="store_true",
        help="skip the runs of the largest size with the arithmetic[...] items (one per source)",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or parse_sizes(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    reader_docs = args.reader_docs or (20 if args.quick else 1000)
    peer_docs = args.peer_docs or (2 if args.quick else 40)

    synth = _load_synth()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="claimcheck-speed-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        log(f"speed: reading {reader_docs:,} synthetic documents ...")
        reader_dir = root / "reader"
        synth.generate(reader_dir, reader_docs, max(1, reader_docs // 10), args.seed)
        texts = [p.read_text(encoding="utf-8") for p in sorted((reader_dir / "sources").glob("*.txt"))]
        rows = reading_rows(texts, texts[:peer_docs])
        results: list[E2E] = []
        largest = max(sizes, key=lambda s: s[0] * s[1])
        for n_sources, n_claims in sizes:
            warm = not args.no_warm and (n_sources, n_claims) == largest
            checks = not args.no_arithmetic_runs and (n_sources, n_claims) == largest
            results += end_to_end(
                synth, root, n_sources, n_claims, args.seed, args.workers, args.pytest_arg, warm, checks
            )
        # The same number of items as the largest runs, passing, then failing as many as the
        # largest claims-only run failed: pytest's summary of failures costs time of its own.
        claims_only = [r for r in results if (r.n_sources, r.n_claims) == largest and "+" not in r.label]
        failing = max((r.failed for r in claims_only), default=0)
        counts = [(largest[1], 0)] + ([(largest[1], failing)] if failing else [])
        if not args.no_arithmetic_runs:
            counts.append((largest[0] + largest[1], 0))
        floor_rows = []
        for n, bad in counts:
            failing_text = f", {bad:,} failing" if bad else ""
            log(f"speed: pytest alone, {n:,} empty tests{failing_text}, -n {args.workers} ...")
            floor_rows.append(
                Row(
                    f"pytest alone: {n:,} empty tests{failing_text}, -n {args.workers}",
                    f"{pytest_floor(root, n, args.workers, bad):,.2f} s",
                    "start-up, collection, running and reporting with no plugin work: "
                    f"the floor under an end-to-end run with {n:,} items"
                    + (f" of which {bad:,} fail" if bad else ""),
                )
            )
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    rows += e2e_rows(results, args.workers) + floor_rows

    print(
        f"claimcheck {__version__} speed, Python {platform.python_version()}, {platform.machine()}, "
        f"{cores} core(s); reading rows use 1 core (this process), end-to-end rows pytest -n {args.workers}"
    )
    print()
    for line in render(rows):
        print(line)
    missed = [r.measure for r in rows if r.status == "MISS"]
    print()
    print(f"{len(missed)} target(s) missed" + (": " + "; ".join(missed) if missed else ""))
    for line in loud(results):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Accuracy on labelled gold clusters: claimcheck's verdicts against hand-made labels.

    python bench/accuracy.py [GOLD_DIR ...]        (default: ../shared/gold)

A GOLD_DIR is a cluster (a folder with ``claims.json`` and ``*.txt`` articles) or a folder of
clusters. Each cluster's ``claims.json`` is converted mechanically into a claimcheck claim file
(see docs/accuracy.md): ``statement``, ``kind``, ``subject``, ``terms``, ``op``, ``value``,
``unit`` and ``tolerance`` decide the claim; ``gold`` and ``why`` only become ``known:`` labels,
which the scorer compares with the computed verdicts afterwards. The claims then run through the
same engine as ``pytest claims/`` (``claimcheck.verify``). Texts are read from GOLD_DIR at run
time; nothing of them is stored in the product.

Printed: the measurement overall, per kind and per cluster, the claims whose kind is not built
yet (counted, never dropped), and a keyword-search baseline scored the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.api import verify
from claimcheck.claims.grammar import normalise_unit, subject_terms
from claimcheck.config import Settings
from claimcheck.extraction.sentences import split_sentences
from claimcheck.models import ClaimResult, Evaluation, Outcome, SourceVerdict, Verdict
from claimcheck.reports.terminal import evaluation_lines
from claimcheck.sources.text import read_source
from claimcheck.verification.kinds.figure import KNOWN_UNITS
from claimcheck.verification.scoring import evaluate_results

DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "gold"

_OPS = {"==": "==", "approx": "~=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_VERDICT = {"supports": "SUPPORTS", "contradicts": "CONTRADICTS", "silent": "SILENT"}


@dataclass
class Cluster:
    name: str
    path: Path
    claims: list[dict[str, Any]]


@dataclass
class Converted:
    """A cluster's claims as a claimcheck claim file, plus those not convertible yet."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    unsupported: list[tuple[str, str, str]] = field(default_factory=list)  # (id, kind, why)


def find_clusters(dirs: Iterable[Path]) -> list[Cluster]:
    clusters = []
    for d in dirs:
        folders = [d] if (d / "claims.json").is_file() else sorted(p.parent for p in d.glob("*/claims.json"))
        for folder in folders:
            claims = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
            clusters.append(Cluster(folder.name, folder, claims))
    return clusters


def known_of(claim: dict[str, Any]) -> dict[str, Any]:
    """The labels, as `known:` entries (used only for scoring, never to decide a verdict)."""
    why = claim.get("why", {})
    return {f: {"verdict": v, "why": why.get(f)} for f, v in sorted(claim.get("gold", {}).items())}


def claim_unit_of(unit: Any) -> str | None:
    """A gold unit as a claimcheck measurement unit; count nouns ("people") give None.
    A rate ("GBP/hour") is compared on its numerator."""
    if not isinstance(unit, str) or not unit.strip():
        return None
    canonical = normalise_unit(unit.split("/")[0])
    return canonical if canonical in KNOWN_UNITS else None


def convert_claim(claim: dict[str, Any]) -> dict[str, Any] | str:
    """A gold claim as a claimcheck claim entry, or the reason it cannot be one yet."""
    kind = claim.get("kind")
    if kind != "quantity":
        return f"claim kind `{kind}` is not built yet"
    value = claim.get("value")
    op = claim.get("op")
    if op == "between" and isinstance(value, list) and len(value) == 2:
        expect = f"between {value[0]} and {value[1]}"
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and op in _OPS:
        expect = f"{_OPS[op]} {value}"
    else:
        return f"value {value!r} with op {op!r} (dates and clock times are not built yet)"
    unit = claim_unit_of(claim.get("unit"))
    # A term that only names the unit ("years", "km") is checked by the unit test, not as a
    # subject word: as a subject word it would bind any figure in that unit.
    terms = [t for t in claim.get("terms") or [] if not unit or claim_unit_of(t) != unit]
    entry: dict[str, Any] = {
        "id": claim["id"],
        "claim": claim.get("statement") or claim["id"],
        "about": [terms],
        "expect": expect,
        "known": known_of(claim),
    }
    if unit:
        entry["unit"] = unit
    if claim.get("tolerance"):
        entry["tolerance"] = f"{float(claim['tolerance']) * 100:g}%"
    # The role comes from the subject's cue words ("before", "increase", ...), as for any claim.
    try:
        _, role = subject_terms(str(claim.get("subject") or ""))
    except ValueError:
        role = None
    if role is not None:
        entry["role"] = role.value
    if not entry["about"][0]:
        return "no terms to match"
    return entry


def convert_cluster(cluster: Cluster) -> Converted:
    out = Converted()
    for claim in cluster.claims:
        entry = convert_claim(claim)
        if isinstance(entry, str):
            out.unsupported.append((claim.get("id", "?"), str(claim.get("kind")), entry))
        else:
            out.entries.append(entry)
    return out


def run_cluster(cluster: Cluster, workdir: Path) -> tuple[list[ClaimResult], Converted]:
    """Write the converted claim file (JSON is YAML) and verify it with the normal engine."""
    converted = convert_cluster(cluster)
    if not converted.entries:
        return [], converted
    claim_file = workdir / f"{cluster.name}.yaml"
    sources = [str(cluster.path.resolve() / "*.txt")]
    claim_file.write_text(json.dumps({"sources": sources, "claims": converted.entries}, indent=1))
    # Ids relative to the gold folder ("cluster/01_x.txt"); no cache: gold folders may be read-only.
    settings = Settings(root=cluster.path.parent, cache=False, arithmetic=False)
    report = verify(claim_file, settings=settings)
    return report.claims, converted


# --- the keyword baseline ----------------------------------------------------------------------

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def baseline_results(cluster: Cluster) -> list[ClaimResult]:
    """Keyword search: sentences holding a claim term, then any figure equal to the value
    (within tolerance) supports, any other figure contradicts, no figure is silence."""
    texts = {p.name: read_source(p, p.name).text for p in sorted(cluster.path.glob("*.txt"))}
    results = []
    for claim in cluster.claims:
        entry = convert_claim(claim)
        if isinstance(entry, str):
            continue
        value = float(claim["value"]) if not isinstance(claim["value"], list) else float(claim["value"][0])
        tol = abs(value) * float(claim.get("tolerance") or 0)
        terms = [t.lower() for t in claim.get("terms") or []]
        verdicts = []
        for name, text in texts.items():
            figures = []
            for s in split_sentences(text):
                sentence = text[s.start : s.end]
                if any(t in sentence.lower() for t in terms):
                    figures += [
                        float(f.replace(",", ""))
                        for f in _DIGITS.findall(sentence)
                        if f.replace(",", "").replace(".", "", 1).isdigit()
                    ]
            if any(abs(f - value) <= tol for f in figures):
                verdict = Verdict.SUPPORTS
            else:
                verdict = Verdict.CONTRADICTS if figures else Verdict.SILENT
            known = claim["gold"].get(name)
            verdicts.append(
                SourceVerdict(
                    source_id=name,
                    path=name,
                    verdict=verdict,
                    reason="keyword baseline",
                    known=Verdict(_VERDICT[known]) if known else None,
                )
            )
        results.append(
            ClaimResult(
                id=claim["id"],
                file=cluster.name,
                statement=claim["statement"],
                kind="figure",
                across="all",
                outcome=Outcome.PASSED,
                sources=verdicts,
            )
        )
    return results


# --- printing ----------------------------------------------------------------------------------


def _row(name: str, ev: Evaluation) -> str:
    return (
        f"{name:<32} {ev.labels:>6} {ev.macro_f1:>8.3f} {100 * ev.accuracy:>8.1f}% "
        f"{100 * ev.false_contradicts_rate:>9.1f}% {100 * ev.strict_accuracy:>8.1f}%"
    )


def _header() -> str:
    return f"{'':<32} {'labels':>6} {'macro-F1':>8} {'accuracy':>9} {'false-C':>10} {'strict':>9}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, help="gold cluster folders (default ../shared/gold)")
    parser.add_argument("--quiet", action="store_true", help="leave out the list of disagreements")
    args = parser.parse_args(argv)
    dirs = args.gold or [DEFAULT_GOLD]
    missing = [d for d in dirs if not d.is_dir()]
    if missing:
        print(f"accuracy: no such folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    clusters = find_clusters(dirs)
    if not clusters:
        print(f"accuracy: no claims.json found under {', '.join(map(str, dirs))}", file=sys.stderr)
        return 2
    all_results: list[ClaimResult] = []
    per_cluster: dict[str, list[ClaimResult]] = {}
    baseline: list[ClaimResult] = []
    unsupported: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for cluster in clusters:
            results, converted = run_cluster(cluster, Path(tmp))
            per_cluster[cluster.name] = results
            all_results += results
            unsupported += [(cluster.name, *u) for u in converted.unsupported]
            baseline += baseline_results(cluster)
    overall = evaluate_results(all_results)
    print("claimcheck accuracy on", ", ".join(str(d) for d in dirs))
    print(
        f"clusters {len(clusters)}, claims {sum(len(c.claims) for c in clusters)}, "
        f"scored {len(all_results)}, unsupported {len(unsupported)}"
    )
    print()
    print(_header())
    print(_row("claimcheck (quantity claims)", overall))
    print(_row("keyword baseline (same claims)", evaluate_results(baseline)))
    print()
    print("per cluster:")
    print(_header())
    for name, results in per_cluster.items():
        print(_row(name, evaluate_results(results)))
    kinds: dict[str, int] = {}
    for c in clusters:
        for claim in c.claims:
            kinds[str(claim.get("kind"))] = kinds.get(str(claim.get("kind")), 0) + 1
    print()
    print("per kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print(_header())
    print(_row("quantity", overall))
    if unsupported:
        print()
        print(f"unsupported ({len(unsupported)}), counted but not scored:")
        for cluster_name, claim_id, kind, why in unsupported:
            print(f"  {cluster_name}/{claim_id} [{kind}]: {why}")
    print()
    for line in evaluation_lines(overall, disagreements=not args.quiet):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Plain-text views of results: a claim's evidence table, and the claims x sources matrix.

Used by the pytest plugin (failure text, ``-v`` tables, terminal summary) and by the CLI.
Everything here is a pure function of ClaimResults, so output is deterministic.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence

from claimcheck.models import ClaimResult, Evaluation, SourceVerdict, Verdict

__all__ = [
    "LEGEND",
    "NO_LABELS",
    "checks_text",
    "claim_text",
    "evaluation_lines",
    "evidence_table",
    "matrix_lines",
    "short_labels",
    "trim_sentence",
]

_MARK = {Verdict.SUPPORTS: "S", Verdict.CONTRADICTS: "C", Verdict.SILENT: "."}
LEGEND = "S supports, C contradicts, . silent, (blank) not selected"


def short_labels(ids: Sequence[str]) -> dict[str, str]:
    """Shortest unique prefix (at least 3 characters) of each source's file name; the whole id
    where another source has the same file name."""
    names = {i: i.rsplit("/", 1)[-1] for i in ids}
    ordered = sorted(names.values())
    counts: dict[str, int] = {}
    for name in ordered:
        counts[name] = counts.get(name, 0) + 1
    # A prefix is shared with some other name iff it is shared with a neighbour in sorted
    # order, so the longest common prefix with the two neighbours decides the length.
    longest: dict[str, int] = {}
    for a, b in itertools.pairwise(ordered):
        if a == b:
            continue
        common = len(os.path.commonprefix((a, b)))  # noqa: RUF071 (characters, not path parts)
        longest[a] = max(longest.get(a, 0), common)
        longest[b] = max(longest.get(b, 0), common)
    labels: dict[str, str] = {}
    for i, name in names.items():
        if counts[name] > 1:
            labels[i] = i
        else:
            labels[i] = name[: min(len(name), max(3, longest.get(name, 0) + 1))]
    return labels


def trim_sentence(sentence: str, figure: str, width: int = 90) -> str:
    """The sentence cut to ``width`` characters around the figure, with ellipses."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= width:
        return sentence
    at = sentence.find(figure)
    at = at if at >= 0 else 0
    start = max(0, min(at + len(figure) // 2 - width // 2, len(sentence) - width))
    text = sentence[start : start + width]
    return ("..." if start > 0 else "") + text + ("..." if start + width < len(sentence) else "")


def _row(v: SourceVerdict, label: str) -> list[str]:
    ev = v.evidence
    if ev is None:
        return [label, v.verdict.value, "", "", "", v.reason]
    read = f"{ev.value:g}" + (f" {ev.unit}" if ev.unit else "")
    return [
        label,
        v.verdict.value,
        ev.figure,
        read,
        f"{ev.line}:{ev.col}",
        trim_sentence(ev.sentence, ev.figure),
    ]


def evidence_table(result: ClaimResult, labels: dict[str, str] | None = None) -> list[str]:
    """One row per selected source: verdict, figure as written, value read, line, sentence."""
    if not result.sources:
        return []
    labels = labels or short_labels([v.source_id for v in result.sources])
    rows = [["source", "verdict", "figure", "read as", "line", "sentence / reason"]]
    rows += [_row(v, labels.get(v.source_id, v.source_id)) for v in result.sources]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i < 5 else cell for i, cell in enumerate(r)).rstrip() for r in rows
    ]
    if result.kind == "figure":
        return lines
    # Other kinds explain a decision in words (a quote's word diff, a computation): show that
    # reason under its row.
    out = lines[:1]
    for line, v in zip(lines[1:], result.sources, strict=True):
        out.append(line)
        if v.evidence is not None and v.evidence.reason:
            out.append(" " * (sum(widths) + 10) + "why: " + v.evidence.reason)
    return out


def claim_text(result: ClaimResult, labels: dict[str, str] | None = None) -> str:
    """What a failed (or, with -v, passed) claim prints: statement, outcome, table, sources."""
    where = f"{result.file}:{result.line}" if result.line else result.file
    lines = [f"{where}: {result.statement or result.id}", f"{result.outcome.value}: {result.message}"]
    used = labels or short_labels([v.source_id for v in result.sources])
    table = evidence_table(result, used)
    if table:
        lines.append("")
        lines.extend("  " + row for row in table)
        shown = {v.source_id for v in result.sources}
        lines.append("")
        lines.extend(f"  {used[s]} = {s}" for s in sorted(shown) if used.get(s, s) != s)
    return "\n".join(lines)


# More sources than this and the matrix becomes a count per claim: a 10,000-column matrix
# helps no one.
MATRIX_COLUMNS = 40


def _tally_lines(results: Sequence[ClaimResult], n_sources: int) -> list[str]:
    name_w = max(len(r.id) for r in results)
    out_w = max(len(r.outcome.value) for r in results)
    lines = [f"{'':{name_w + out_w + 4}}supports  contradicts  silent   ({n_sources} sources)"]
    for r in results:
        counts = {v: 0 for v in Verdict}
        for s in r.sources:
            counts[s.verdict] += 1
        silent = counts[Verdict.SILENT] + r.unmentioned
        lines.append(
            f"{r.id.ljust(name_w)}  {r.outcome.value.ljust(out_w)}  "
            f"{counts[Verdict.SUPPORTS]:>8}  {counts[Verdict.CONTRADICTS]:>11}  {silent:>6}"
        )
    return lines


def matrix_lines(results: Sequence[ClaimResult]) -> list[str]:
    """The claims x sources matrix: one row per claim, one column per source."""
    ids = sorted({v.source_id for r in results for v in r.sources})
    if not ids:
        return []
    if len(ids) > MATRIX_COLUMNS:
        # Sources that hold none of a claim's words are counted, not listed, in its result.
        selected = max(len(r.sources) + r.unmentioned for r in results)
        return _tally_lines(results, max(len(ids), selected))
    labels = short_labels(ids)
    cols = [labels[i] for i in ids]
    name_w = max(len(r.id) for r in results)
    out_w = max(len(r.outcome.value) for r in results)
    head = " " * (name_w + out_w + 4) + " ".join(c.center(max(3, len(c))) for c in cols)
    lines = [head.rstrip()]
    for r in results:
        marks = {v.source_id: _MARK[v.verdict] for v in r.sources}
        cells = " ".join(marks.get(i, " ").center(max(3, len(labels[i]))) for i in ids)
        lines.append(f"{r.id.ljust(name_w)}  {r.outcome.value.ljust(out_w)}  {cells}".rstrip())
    lines.append("")
    lines.append(f"legend: {LEGEND}")
    lines.extend(f"  {labels[i]} = {i}" for i in ids if labels[i] != i)
    return lines


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


NO_LABELS = "no `known:` labels in the selected claims: nothing to score (docs/claims.md, `known`)"


def evaluation_lines(ev: Evaluation, disagreements: bool = True) -> list[str]:
    """The scores against `known` labels: confusion matrix, per-verdict scores, disagreements."""
    if not ev.labels:  # scores over no labels would print as zeros, which read as a measurement
        return [NO_LABELS]
    order = [v.value for v in (Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.SILENT)]
    lines = [f"labels: {ev.labels}", "", "known \\ computed  " + "  ".join(f"{c:>11}" for c in order)]
    for k in order:
        lines.append(f"{k:<16}  " + "  ".join(f"{ev.confusion[k][c]:>11}" for c in order))
    lines += ["", f"{'verdict':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'labels':>6}"]
    for s in ev.scores:
        lines.append(
            f"{s.verdict.value:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>6}"
        )
    lines += [
        "",
        f"macro-F1 {ev.macro_f1:.3f}   accuracy {_pct(ev.accuracy)}   "
        f"false-CONTRADICTS {_pct(ev.false_contradicts_rate)}   strict accuracy {_pct(ev.strict_accuracy)}",
    ]
    if disagreements and ev.disagreements:
        lines += ["", f"disagreements ({len(ev.disagreements)}):"]
        for d in ev.disagreements:
            said = f" '{d.figure}' line {d.line}" if d.figure else ""
            lines.append(
                f"  {d.claim_id} @ {d.source_id}: known {d.known.value}, got {d.computed.value}{said}"
            )
            lines.append(f"      why: {d.reason}")
            if d.sentence:
                lines.append(f"      sentence: {trim_sentence(d.sentence, d.figure or '', 120)}")
            if d.known_why and d.known_why != "no mention":
                lines.append(f"      labelled: {trim_sentence(d.known_why, '', 120)}")
    return lines


def checks_text(result: ClaimResult) -> str:
    """What a failed source-check item prints: each inconsistency with its sentence."""
    lines = [f"{result.file}: {result.statement}", f"{result.outcome.value}: {result.message}"]
    for c in result.checks:
        if c.consistent:
            continue
        lines += ["", f"  line {c.line}:{c.col}  {c.stated}", f"    recomputed: {c.computation}"]
        if c.cause:
            lines.append(f"    likely cause: {c.cause}")
        lines.append(f"    sentence: {trim_sentence(c.sentence, c.figures[0] if c.figures else '', 110)}")
    consistent = [c for c in result.checks if c.consistent]
    if consistent:
        lines += ["", f"  {len(consistent)} other check(s) add up"]
    return "\n".join(lines)

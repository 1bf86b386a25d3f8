"""Scoring: computed verdicts against the `known` verdicts editors wrote down.

The arithmetic is the usual one for a three-class confusion matrix (known x computed):
per verdict, precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean,
each 0.0 when its denominator is 0; macro-F1 averages F1 over the verdicts that occur (as
known or computed). The false-CONTRADICTS rate is the share of labels that are not CONTRADICTS
but were computed as CONTRADICTS: the false alarms a gate would raise.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.models import (
    ClaimResult,
    Disagreement,
    Evaluation,
    SourceVerdict,
    Verdict,
    VerdictScore,
)

__all__ = ["evaluate_results", "same_sentence"]

_ORDER = (Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.SILENT)


def _squash(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())


def same_sentence(evidence_sentence: str, labelled: str) -> bool:
    """Whether the evidence sentence is the labelled one (either may hold the other, since
    sentence splitters disagree on headlines and quotes)."""
    a, b = _squash(evidence_sentence), _squash(labelled)
    return bool(a and b) and (a in b or b in a)


def _strict_ok(v: SourceVerdict) -> bool:
    if v.known is not v.verdict:
        return False
    if v.verdict is Verdict.SILENT or not v.known_why or v.known_why == "no mention":
        return True
    return v.evidence is not None and same_sentence(v.evidence.sentence, v.known_why)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate_results(results: Iterable[ClaimResult]) -> Evaluation:
    """Score every source verdict that carries a `known` label."""
    labelled: list[tuple[ClaimResult, SourceVerdict]] = [
        (r, v) for r in results for v in r.sources if v.known is not None
    ]
    confusion = {k.value: {c.value: 0 for c in _ORDER} for k in _ORDER}
    for _, v in labelled:
        assert v.known is not None
        confusion[v.known.value][v.verdict.value] += 1
    scores = []
    for verdict in _ORDER:
        tp = confusion[verdict.value][verdict.value]
        predicted = sum(confusion[k.value][verdict.value] for k in _ORDER)
        actual = sum(confusion[verdict.value].values())
        p, r = _ratio(tp, predicted), _ratio(tp, actual)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        scores.append(VerdictScore(verdict=verdict, precision=p, recall=r, f1=f1, support=actual))
    present = [s for s in scores if s.support or sum(confusion[k.value][s.verdict.value] for k in _ORDER)]
    total = len(labelled)
    correct = sum(confusion[v.value][v.value] for v in _ORDER)
    not_contradicts = total - sum(confusion[Verdict.CONTRADICTS.value].values())
    false_contradicts = sum(
        confusion[k.value][Verdict.CONTRADICTS.value] for k in _ORDER if k is not Verdict.CONTRADICTS
    )
    disagreements = [
        Disagreement(
            claim_id=r.id,
            file=r.file,
            source_id=v.source_id,
            known=v.known,
            computed=v.verdict,
            figure=v.evidence.figure if v.evidence else None,
            sentence=v.evidence.sentence if v.evidence else None,
            line=v.evidence.line if v.evidence else None,
            reason=v.reason,
            known_why=v.known_why,
        )
        for r, v in labelled
        if v.known is not None and v.known is not v.verdict
    ]
    return Evaluation(
        labels=total,
        confusion=confusion,
        scores=scores,
        macro_f1=sum(s.f1 for s in present) / len(present) if present else 0.0,
        accuracy=_ratio(correct, total),
        false_contradicts_rate=_ratio(false_contradicts, not_contradicts),
        strict_accuracy=_ratio(sum(_strict_ok(v) for _, v in labelled), total),
        disagreements=disagreements,
    )

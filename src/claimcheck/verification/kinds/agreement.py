"""The ``agreement`` claim kind: do the sources agree on a figure nobody has written down?

    - id: met-uplift-agrees
      about: [[Met, Metropolitan], [armed, firearms]]
      role: change
      expect: consistent

Each source's figures for the quantity are found exactly as for a ``figure`` claim (subject,
role, unit), keeping only figures bound to the subject (the binding a contradiction needs, see
docs/claims.md): a stray figure must not break an agreement. Two figures agree when the values
they allow overlap, widened by the claim's ``tolerance``. The value most sources state is the
consensus: its sources SUPPORT, the others CONTRADICT, and the message groups sources by value.
A source stating two values that disagree with each other CONTRADICTS too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from claimcheck.config import Settings
from claimcheck.hookspecs import hookimpl
from claimcheck.models import (
    ClaimBase,
    Evidence,
    Role,
    SourceIndex,
    SourceVerdict,
    Tolerance,
    Verdict,
)
from claimcheck.verification.engine import ClaimContext
from claimcheck.verification.intervals import Interval, figure_interval
from claimcheck.verification.kinds.figure import KNOWN_UNITS, describe, not_bound, stated_figures

__all__ = ["AgreementClaim", "evaluate_agreement"]


class AgreementClaim(ClaimBase):
    """Every source that states the quantity states the same value (within tolerance)."""

    per_source: ClassVar[bool] = False

    kind: Literal["agreement"] = "agreement"
    about: list[list[str]]
    expect: Literal["consistent"] = "consistent"
    unit: str | None = None
    tolerance: Tolerance | None = None
    role: Role = Role.TOTAL

    def index_terms(self) -> list[list[str]] | None:
        return self.about


def _fmt(value: float, unit: str | None) -> str:
    return f"{value:,g}" + (f" {unit}" if unit else "")


def _widen(allowed: Interval, claim: AgreementClaim, value: float) -> Interval:
    return allowed.widened(claim.tolerance.width(value)) if claim.tolerance else allowed


def evaluate_agreement(
    claim: AgreementClaim, indexes: list[SourceIndex], settings: Settings
) -> list[SourceVerdict]:
    """One verdict per source: SUPPORTS with the consensus, CONTRADICTS against it."""
    unit = claim.unit if claim.unit in KNOWN_UNITS else None
    stated: list[list[tuple[Evidence, Interval]]] = []
    for index in indexes:
        found = []
        for m, value in stated_figures(claim.about, claim.role, unit, index):
            if not_bound(claim.about, index, m) is not None:
                continue
            scale = value / m.quantity.value if m.quantity.value else 1.0
            allowed = _widen(figure_interval(m.quantity, settings.approx_width, scale), claim, value)
            line, col = index.source.position(m.quantity.start)
            evidence = Evidence(
                source_id=index.source.id,
                path=index.source.path,
                line=line,
                col=col,
                sentence=index.sentence_text(m.sentence),
                figure=m.quantity.text,
                value=value,
                unit=unit,
                hedge=m.quantity.hedge,
                role=m.quantity.role,
                reason=describe(m, value, unit),
            )
            found.append((evidence, allowed))
        stated.append(found)
    # The consensus: the stated value whose interval agrees with the most sources' figures.
    candidates = sorted({e.value for figures in stated for e, _ in figures})
    best, best_count = None, -1
    for value in candidates:
        point = Interval(value, value)
        count = sum(any(a.intersects(point) for _, a in figures) for figures in stated)
        if count > best_count:
            best, best_count = value, count
    groups: dict[float, list[str]] = {}
    for index, figures in zip(indexes, stated, strict=True):
        for e, _ in figures[:1]:
            groups.setdefault(e.value, []).append(index.source.id)
    summary = "; ".join(f"{_fmt(v, unit)}: {', '.join(ids)}" for v, ids in sorted(groups.items()))
    verdicts = []
    for index, figures in zip(indexes, stated, strict=True):
        sid, path = index.source.id, index.source.path
        if not figures or best is None:
            verdicts.append(
                SourceVerdict(
                    source_id=sid,
                    path=path,
                    verdict=Verdict.SILENT,
                    reason="states no figure bound to the subject",
                )
            )
            continue
        point = Interval(best, best)
        agreeing = [(e, a) for e, a in figures if a.intersects(point)]
        if len(agreeing) == len(figures):
            e = agreeing[0][0]
            reason = f"{e.reason} agrees with {_fmt(best, unit)}"
            verdicts.append(
                SourceVerdict(
                    source_id=sid,
                    path=path,
                    verdict=Verdict.SUPPORTS,
                    evidence=e.model_copy(update={"reason": reason}),
                    considered=[x for x, _ in figures[1:]],
                    reason=reason,
                )
            )
        else:
            e = next(x for x, a in figures if not a.intersects(point))
            reason = f"{e.reason} disagrees with {_fmt(best, unit)} (sources by value: {summary})"
            verdicts.append(
                SourceVerdict(
                    source_id=sid,
                    path=path,
                    verdict=Verdict.CONTRADICTS,
                    evidence=e.model_copy(update={"reason": reason}),
                    considered=[x for x, _ in figures if x is not e],
                    reason=reason,
                )
            )
    return verdicts


@hookimpl
def claimcheck_claim_kinds() -> list[type[ClaimBase]]:
    return [AgreementClaim]


@hookimpl
def claimcheck_claim_kind(entry: Mapping[str, Any]) -> str | None:
    expect = entry.get("expect")
    return "agreement" if isinstance(expect, str) and expect.strip().lower() == "consistent" else None


@hookimpl
def claimcheck_evaluate_claim(
    claim: ClaimBase, indexes: list[SourceIndex], settings: Settings, context: ClaimContext
) -> list[SourceVerdict] | None:
    if isinstance(claim, AgreementClaim):
        return evaluate_agreement(claim, indexes, settings)
    return None

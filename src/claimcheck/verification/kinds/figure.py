"""The ``figure`` claim kind: one number, checked against every figure a source states.

A figure in a source is "the claimed quantity" when
  1. its unit fits the claim's (a per cent is not a count; km and miles convert),
  2. its role fits (a change of +600 is not a total of 2,800; see ROLE_FITS),
  3. its sentence names the subject: every term of ``about`` appears in the sentence, except
     capitalised terms (entities: "Met", "Paris"), which may appear anywhere in the source, and
     at least one term is in the sentence itself;
  4. among several such figures in one sentence, those whose own label words name a term win
     ("Seven British, 18 Canadian nationals": for Canadians, only 18 counts).
Then the figure's value decides: its stated number satisfying the expectation SUPPORTS; an
interval (from its hedge) that cannot satisfy it CONTRADICTS; anything between decides nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from claimcheck.config import Settings
from claimcheck.extraction.terms import word_forms, words
from claimcheck.hookspecs import hookimpl
from claimcheck.models import (
    ClaimBase,
    Evidence,
    FigureClaim,
    FigureRole,
    Mention,
    Role,
    Source,
    SourceIndex,
    SourceVerdict,
    Verdict,
)
from claimcheck.verification.engine import settle
from claimcheck.verification.intervals import Interval, expectation_set, figure_interval, judge
from claimcheck.verification.subject import Clauses, Subject, compile_subject

__all__ = ["ROLE_FITS", "claim_unit", "convert", "describe", "evaluate", "not_bound", "stated_figures"]

# Which figure roles (None: a plain figure) count for each claim role.
ROLE_FITS: dict[Role, frozenset[FigureRole | None]] = {
    Role.TOTAL: frozenset({None, FigureRole.TOTAL, FigureRole.AFTER}),
    Role.AFTER: frozenset({FigureRole.AFTER, FigureRole.TOTAL}),
    Role.BEFORE: frozenset({FigureRole.BEFORE}),
    Role.CHANGE: frozenset({FigureRole.CHANGE}),
    Role.ANY: frozenset({None, *FigureRole}),
}

# Fixed physical conversions into one base unit per dimension. Currencies never convert:
# an exchange rate is not a fact of the text.
_CONVERSIONS: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0),
    "mi": ("length", 1609.344),
    "m": ("length", 1.0),
    "ft": ("length", 0.3048),
    "kg": ("mass", 1.0),
    "t": ("mass", 1000.0),
    "minute": ("time", 60.0),
    "hour": ("time", 3600.0),
    "day": ("time", 86400.0),
    "week": ("time", 604800.0),
    "month": ("months", 1.0),
    "year": ("months", 12.0),
}
# Relative rounding allowed when a figure is converted into the claim's unit.
CONVERSION_ROUNDING = 0.005
KNOWN_UNITS = frozenset({"%", "pp", "GBP", "USD", "EUR", *_CONVERSIONS})


def claim_unit(claim: FigureClaim) -> str | None:
    """The claim's unit if it is a measurement unit; count nouns ("officers") are not."""
    unit = claim.expect.unit or claim.unit
    return unit if unit in KNOWN_UNITS else None


def convert(value: float, unit: str | None, to: str | None) -> float | None:
    """``value`` in ``unit`` expressed in ``to``, or None when the units do not match."""
    if unit == to:
        return value
    if unit in _CONVERSIONS and to in _CONVERSIONS:
        (dim_a, factor_a), (dim_b, factor_b) = _CONVERSIONS[unit], _CONVERSIONS[to]
        if dim_a == dim_b:
            return value * factor_a / factor_b
    return None


def not_bound(about: list[list[str]], index: SourceIndex, m: Mention) -> str | None:
    """Why a figure is not bound tightly enough to its subject to contradict the claim, or
    None when it is.

    A value that matches is itself evidence that the figure is the claimed quantity; a value
    that differs is not, so a contradiction needs more: the figure's own label names a subject
    term, or it has no label of its own ("to around 2,800") and a subject term stands in its
    clause. A figure labelled as something else ("32 Kenyans", "six minutes") never contradicts.
    """
    return _not_bound(compile_subject(about), index, m)


def _not_bound(subject: Subject, index: SourceIndex, m: Mention) -> str | None:
    names = subject.missing_names(index, m.sentence)
    if names:
        return f"its sentence names none of {'/'.join(names)}"
    if subject.in_label(m.label):
        return None
    if m.label:
        return f"it counts {' '.join(m.label)!r}, not the subject"
    # With no label, the figure's own words may name the subject: "a 16-year-old".
    own = word_forms([w for _, _, w in words(m.quantity.text)])
    if subject.in_label(own):
        return None
    clauses = index.derived("subject.clauses", Clauses)[m.sentence]
    stems = next(ws for start, ws in reversed(clauses) if start <= m.quantity.start)
    if not subject.local or any(t.stands_in(stems, frozenset()) for t in subject.local):
        return None
    return "no subject word stands in its clause"


# Labels that name no particular thing: "2,975 people died" may count the subject's deaths.
_GENERIC_LABELS = frozenset("people person persons individuals others adults residents".split())


def _counts_something_else(subject: Subject, m: Mention) -> str | None:
    """The figure's label when it names something other than the subject ("7,340 trees")."""
    if not m.label or m.label[0] in _GENERIC_LABELS:
        return None
    if subject.in_label(m.label):
        return None
    return " ".join(m.label)


# The units each unit converts from (the same unit aside).
_CONVERTIBLE: dict[str | None, frozenset[str | None]] = {
    to: frozenset(u for u, (dim, _) in _CONVERSIONS.items() if dim == _CONVERSIONS[to][0] and u != to)
    for to in _CONVERSIONS
}


def stated_figures(
    about: list[list[str]], role: Role, unit: str | None, index: SourceIndex
) -> list[tuple[Mention, float]]:
    """Mentions that state the quantity (subject, role, unit), with their value in ``unit``."""
    return _stated_figures(compile_subject(about), role, unit, index)


def _stated_figures(
    subject: Subject, role: Role, unit: str | None, index: SourceIndex
) -> list[tuple[Mention, float]]:
    fits = ROLE_FITS[role]
    convertible = _CONVERTIBLE.get(unit, frozenset())
    names_subject = subject.matcher(index)
    by_sentence: dict[int, list[tuple[Mention, float]]] = {}
    matched: dict[int, bool] = {}
    for m in index.mentions:
        q = m.quantity
        if q.role not in fits:
            continue
        figure_unit = q.unit
        if figure_unit == unit:
            value = q.value
        elif figure_unit not in convertible:
            continue
        else:
            converted = convert(q.value, figure_unit, unit)
            if converted is None:
                continue
            value = converted
        sentence = m.sentence
        found = matched.get(sentence)
        if found is None:
            found = matched[sentence] = names_subject(sentence)
        if found:
            group = by_sentence.get(sentence)
            if group is None:
                by_sentence[sentence] = [(m, value)]
            else:
                group.append((m, value))
    out: list[tuple[Mention, float]] = []
    for group in by_sentence.values():
        labelled = [(m, v) for m, v in group if subject.in_label(m.label)]
        out.extend(labelled or group)
    return out


# --- the verdict ---------------------------------------------------------------------------------


def describe(m: Mention, value: float, unit: str | None) -> str:
    q = m.quantity
    parts = [q.hedge.value if q.hedge else "exact"]
    if q.role:
        parts.append(q.role.value)
    shown = f"{value:g}" + (f" {unit}" if unit else "")
    return f"'{q.text}' read as {shown} ({', '.join(parts)})"


def _position(source: Source, offset: int) -> tuple[int, int]:
    """``source.position(offset)``, without building the source's table of line starts: most
    sources give one or two figures as evidence."""
    if offset < 0:
        return source.position(offset)
    text = source.text
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _evidence(
    index: SourceIndex, m: Mention, value: float, unit: str | None, allowed: Interval, reason: str
) -> Evidence:
    q = m.quantity
    line, col = _position(index.source, q.start)
    return Evidence(
        source_id=index.source.id,
        path=index.source.path,
        line=line,
        col=col,
        sentence=index.sentence_text(m.sentence),
        figure=q.text,
        value=value,
        unit=unit,
        hedge=q.hedge,
        role=q.role,
        low=None if math.isinf(allowed.lo) else allowed.lo,
        high=None if math.isinf(allowed.hi) else allowed.hi,
        reason=reason,
    )


def subject_text(claim: FigureClaim) -> str:
    terms = " ".join("/".join(t) for t in claim.about)
    return f"{terms} ({claim.role.value})"


def evaluate(claim: FigureClaim, index: SourceIndex, settings: Settings) -> SourceVerdict:
    """One source's verdict on a figure claim, with the deciding figure as evidence."""
    unit = claim_unit(claim)
    width = settings.approx_width
    supports: list[Evidence] = []
    contradicts: list[Evidence] = []
    undecided: list[Evidence] = []
    accepted, negated = expectation_set(claim.expect, claim.tolerance, width)
    exact = claim.expect.op in ("==", "~=")
    subject = compile_subject(claim.about)
    for m, value in _stated_figures(subject, claim.role, unit, index):
        scale = value / m.quantity.value if m.quantity.value else 1.0
        allowed = figure_interval(m.quantity, width, scale)
        if m.quantity.unit != unit:
            # A converted figure was rounded in its own unit ("100 km" is not 62.1371 miles
            # to the last digit): allow for that rounding.
            allowed = allowed.widened(abs(value) * CONVERSION_ROUNDING)
        verdict = judge(value, allowed, accepted, negated)
        said = describe(m, value, unit)
        expect = claim.expect.text
        if verdict is Verdict.SUPPORTS and (names := subject.missing_names(index, m.sentence)):
            reason = f"{said} would satisfy {expect}, but its sentence names none of {'/'.join(names)}"
            undecided.append(_evidence(index, m, value, unit, allowed, reason))
        elif verdict is Verdict.SUPPORTS and not exact and (other := _counts_something_else(subject, m)):
            # Equal to the claimed value, a figure is likely the claimed quantity; merely above
            # or below it, any figure of the sentence could be, unless it says what it counts.
            reason = f"{said} would satisfy {expect}, but it counts {other!r}, not the subject"
            undecided.append(_evidence(index, m, value, unit, allowed, reason))
        elif verdict is Verdict.SUPPORTS:
            supports.append(_evidence(index, m, value, unit, allowed, f"{said} satisfies {expect}"))
        elif verdict is Verdict.CONTRADICTS and (loose := _not_bound(subject, index, m)):
            reason = f"{said} would contradict {expect}, but is not bound to the subject: {loose}"
            undecided.append(_evidence(index, m, value, unit, allowed, reason))
        elif verdict is Verdict.CONTRADICTS:
            shown = f"{allowed.lo:g}" if allowed.lo == allowed.hi else f"{allowed.lo:g}..{allowed.hi:g}"
            reason = f"{said} allows {shown}, which cannot satisfy {expect}"
            contradicts.append(_evidence(index, m, value, unit, allowed, reason))
        else:
            reason = f"{said} could satisfy {expect} but does not state it"
            undecided.append(_evidence(index, m, value, unit, allowed, reason))
    # The reason for silence is only read when no figure was found.
    silent = "" if supports or contradicts or undecided else f"no figure for {subject_text(claim)}"
    return settle(index, supports, contradicts, undecided, silent)


# --- plugin hooks --------------------------------------------------------------------------------


@hookimpl
def claimcheck_claim_kinds() -> list[type[ClaimBase]]:
    return [FigureClaim]


@hookimpl(trylast=True)
def claimcheck_claim_kind(entry: Mapping[str, Any]) -> str | None:
    return "figure" if "expect" in entry else None


@hookimpl(trylast=True)
def claimcheck_evaluate_source(
    claim: ClaimBase, index: SourceIndex, settings: Settings
) -> SourceVerdict | None:
    if isinstance(claim, FigureClaim):
        return evaluate(claim, index, settings)
    return None

"""The ``derived`` claim kind: arithmetic over other claims' figures.

    - id: met-armed-before
      expr: "met-armed-total - met-armed-uplift"
      expect: "== 2200"
    - id: uplift-share
      expr: "met-armed-uplift / (met-armed-total - met-armed-uplift)"
      expect: "> 25%"

``expr`` names claims of the same file by id, with numbers, ``+ - * /`` and brackets; a minus
between two ids needs spaces around it, since ids may contain hyphens. It is read by a small
parser of its own, never ``eval``. A referenced claim contributes, per source, the value that
source SUPPORTS it with; a source that supports every referenced claim gets the expression
computed with its own figures and a verdict on ``expect``; other sources are SILENT. A ratio
is compared with a percentage as a fraction (0.273 is 27.3 %). Unknown ids, cycles and a
division by zero are errors on the claim's line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from pydantic import field_validator

from claimcheck.config import Settings
from claimcheck.errors import ClaimcheckError, ClaimValidationError
from claimcheck.hookspecs import hookimpl
from claimcheck.models import (
    ClaimBase,
    ClaimResult,
    Evidence,
    Expectation,
    SourceIndex,
    SourceVerdict,
    Tolerance,
    Verdict,
)
from claimcheck.verification.engine import ClaimContext
from claimcheck.verification.intervals import Interval, expectation_set, judge

__all__ = ["DerivedClaim", "Expr", "parse_expr"]

_TOKEN_RE = re.compile(r"\s*(?:([a-z0-9][a-z0-9._-]*%?)|([-+*/()]))", re.IGNORECASE)


@dataclass(frozen=True)
class Expr:
    """A parsed expression: a number, a claim id, a negation or a binary operation."""

    op: str  # "num", "ref", "neg", "+", "-", "*", "/"
    num: float = 0.0
    ref: str = ""
    left: Expr | None = None
    right: Expr | None = None

    def _parts(self) -> list[Expr]:
        return [e for e in (self.left, self.right) if e is not None]

    def refs(self) -> list[str]:
        if self.op == "ref":
            return [self.ref]
        return [r for part in self._parts() for r in part.refs()]

    def value(self, values: Mapping[str, float]) -> float:
        if self.op == "num":
            return self.num
        if self.op == "ref":
            return values[self.ref]
        left = self.left.value(values) if self.left is not None else 0.0
        if self.op == "neg":
            return -left
        right = self.right.value(values) if self.right is not None else 0.0
        if self.op == "+":
            return left + right
        if self.op == "-":
            return left - right
        if self.op == "*":
            return left * right
        if right == 0:
            raise ZeroDivisionError(str(self.right))
        return left / right

    def __str__(self) -> str:
        if self.op == "num":
            return f"{self.num:g}"
        if self.op == "ref":
            return self.ref
        if self.op == "neg":
            return f"-{self.left}"
        return f"({self.left} {self.op} {self.right})"


def _tokens(text: str) -> list[str]:
    out, at = [], 0
    while at < len(text.rstrip()):
        m = _TOKEN_RE.match(text, at)
        if m is None or m.end() == at:
            raise ValueError(f"unexpected {text[at:].strip()[:10]!r} at character {at + 1}")
        out.append(m.group(1) or m.group(2))
        at = m.end()
    return out


def parse_expr(text: str) -> Expr:
    """Parse ``text``; ValueError with a readable message if it is not an expression."""
    tokens = _tokens(text)
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def sum_() -> Expr:
        left = product()
        while peek() in ("+", "-"):
            op = take()
            left = Expr(op, left=left, right=product())
        return left

    def product() -> Expr:
        left = factor()
        while peek() in ("*", "/"):
            op = take()
            left = Expr(op, left=left, right=factor())
        return left

    def factor() -> Expr:
        token = peek()
        if token is None:
            raise ValueError("the expression ends too early")
        take()
        if token == "-":
            return Expr("neg", left=factor())
        if token == "(":
            inner = sum_()
            if peek() != ")":
                raise ValueError("a `(` is never closed")
            take()
            return inner
        if token in ("+", "*", "/", ")"):
            raise ValueError(f"`{token}` where a number or a claim id should be")
        number = token[:-1] if token.endswith("%") else token
        try:
            value = float(number)
        except ValueError:
            if token.endswith("%"):
                raise ValueError(f"`{token}`: only numbers take a %") from None
            return Expr("ref", ref=token)
        return Expr("num", num=value / 100 if token.endswith("%") else value)

    if not tokens:
        raise ValueError("the expression is empty")
    expr = sum_()
    if pos != len(tokens):
        raise ValueError(f"unexpected `{tokens[pos]}` after a complete expression")
    return expr


class DerivedClaim(ClaimBase):
    """A figure computed from other claims' figures."""

    per_source: ClassVar[bool] = False

    kind: Literal["derived"] = "derived"
    expr: str
    expect: Expectation
    tolerance: Tolerance | None = None

    @field_validator("expr")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            parse_expr(value)
        except ValueError as exc:
            raise ValueError(
                f"{exc}; write claim ids and numbers with + - * / and brackets, "
                'e.g. "met-armed-total - met-armed-uplift" (spaces around a minus)'
            ) from None
        return value

    @property
    def parsed(self) -> Expr:
        return parse_expr(self.expr)


def _supported_values(result: ClaimResult) -> dict[str, Evidence]:
    return {v.source_id: v.evidence for v in result.sources if v.verdict is Verdict.SUPPORTS and v.evidence}


def _error(claim: ClaimBase, message: str, hint: str) -> ClaimValidationError:
    return ClaimValidationError(message, claim.location, hint)


def evaluate_derived(
    claim: DerivedClaim, indexes: list[SourceIndex], settings: Settings, context: ClaimContext
) -> list[SourceVerdict]:
    expr = claim.parsed
    refs = list(dict.fromkeys(expr.refs()))
    per_ref = {ref: _supported_values(context.result_of(ref)) for ref in refs}
    percent = claim.expect.unit == "%"
    accepted, negated = expectation_set(claim.expect, claim.tolerance, settings.approx_width)
    verdicts = []
    for index in indexes:
        sid, path = index.source.id, index.source.path
        missing = [ref for ref in refs if sid not in per_ref[ref]]
        if missing:
            verdicts.append(
                SourceVerdict(
                    source_id=sid,
                    path=path,
                    verdict=Verdict.SILENT,
                    reason=f"supports none of the figures of {', '.join(missing)}",
                )
            )
            continue
        values = {ref: per_ref[ref][sid].value for ref in refs}
        try:
            result = expr.value(values)
        except ZeroDivisionError:
            raise _error(
                claim,
                f"`{claim.expr}` divides by zero with the figures of {sid}",
                "check the figures the referenced claims read, or the expression",
            ) from None
        shown = result * 100 if percent else result
        verdict = judge(shown, Interval(shown, shown), accepted, negated) or Verdict.SILENT
        computation = claim.expr
        for ref in sorted(refs, key=len, reverse=True):
            computation = computation.replace(ref, f"{values[ref]:g}")
        reason = f"{computation} = {shown:.4g}{'%' if percent else ''}, " + (
            f"satisfies {claim.expect.text}" if verdict is Verdict.SUPPORTS else f"fails {claim.expect.text}"
        )
        first = per_ref[refs[0]][sid] if refs else None
        evidence = None
        if first is not None:
            evidence = first.model_copy(
                update={
                    "figure": ", ".join(per_ref[r][sid].figure for r in refs),
                    "value": shown,
                    "unit": "%" if percent else None,
                    "hedge": None,
                    "role": None,
                    "low": None,
                    "high": None,
                    "reason": reason,
                }
            )
        verdicts.append(
            SourceVerdict(
                source_id=sid,
                path=path,
                verdict=verdict,
                evidence=evidence,
                considered=[per_ref[r][sid] for r in refs],
                reason=reason,
            )
        )
    return verdicts


@hookimpl
def claimcheck_claim_kinds() -> list[type[ClaimBase]]:
    return [DerivedClaim]


@hookimpl
def claimcheck_claim_kind(entry: Mapping[str, Any]) -> str | None:
    return "derived" if "expr" in entry else None


@hookimpl
def claimcheck_check_claims(claims: Mapping[str, ClaimBase]) -> list[tuple[str, ClaimcheckError]]:
    problems: list[tuple[str, ClaimcheckError]] = []
    derived = {i: c for i, c in claims.items() if isinstance(c, DerivedClaim)}
    for claim_id, claim in derived.items():
        unknown = [r for r in claim.parsed.refs() if r not in claims]
        if unknown:
            known = ", ".join(sorted(claims)[:6])
            problems.append(
                (
                    claim_id,
                    _error(
                        claim,
                        f"`expr` names unknown claim(s): {', '.join(unknown)}",
                        f"use ids of claims in this file (e.g. {known}); put spaces around a minus",
                    ),
                )
            )
    # Cycles: a derived claim that needs itself, directly or through others.
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        if state.get(node) == 1:
            return [*trail[trail.index(node) :], node] if node in trail else None
        if state.get(node) == 2 or node not in derived:
            return None
        state[node] = 1
        for ref in derived[node].parsed.refs():
            cycle = visit(ref, [*trail, node])
            if cycle:
                return cycle
        state[node] = 2
        return None

    for claim_id in derived:
        cycle = visit(claim_id, [])
        if cycle:
            for member in dict.fromkeys(cycle):
                if member in derived and not any(member == p[0] for p in problems):
                    problems.append(
                        (
                            member,
                            _error(
                                derived[member],
                                f"`expr` forms a cycle: {' -> '.join(cycle)}",
                                "a derived claim cannot depend on itself; break the cycle",
                            ),
                        )
                    )
    return problems


@hookimpl
def claimcheck_evaluate_claim(
    claim: ClaimBase, indexes: list[SourceIndex], settings: Settings, context: ClaimContext
) -> list[SourceVerdict] | None:
    if isinstance(claim, DerivedClaim):
        return evaluate_derived(claim, indexes, settings, context)
    return None

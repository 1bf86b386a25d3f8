"""Intervals with open or closed ends: what a hedged figure allows, what a claim accepts.

A figure's hedge makes an interval ("more than 600" is (600, inf), "around 2,800" is
[2660, 2940] with the default 5 % width); an expectation is an interval or, for ``!=``, the
complement of one. The verdict on one figure follows from three tests:

- the stated number satisfies the expectation, or the whole interval lies inside it: SUPPORTS;
- no value of the interval satisfies it: CONTRADICTS;
- otherwise the figure decides nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimcheck.models import Expectation, Hedge, Quantity, Tolerance, Verdict

__all__ = ["Interval", "expectation_set", "figure_interval", "judge"]


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = True

    def contains(self, x: float) -> bool:
        above = x > self.lo or (x == self.lo and self.lo_closed)
        below = x < self.hi or (x == self.hi and self.hi_closed)
        return above and below

    def intersects(self, other: Interval) -> bool:
        if self.hi < other.lo or other.hi < self.lo:
            return False
        if self.hi == other.lo and not (self.hi_closed and other.lo_closed):
            return False
        return not (other.hi == self.lo and not (other.hi_closed and self.lo_closed))

    def widened(self, by: float) -> Interval:
        return Interval(self.lo - by, self.hi + by, self.lo_closed, self.hi_closed)

    def within(self, other: Interval) -> bool:
        """Whether every value of self is in other."""
        lo_ok = other.lo < self.lo or (other.lo == self.lo and (other.lo_closed or not self.lo_closed))
        hi_ok = self.hi < other.hi or (self.hi == other.hi and (other.hi_closed or not self.hi_closed))
        return lo_ok and hi_ok


def figure_interval(q: Quantity, approx_width: float, scale: float = 1.0) -> Interval:
    """The values a figure allows, in the claim's unit (``scale`` converts its value)."""
    v = q.value * scale
    w = abs(v) * approx_width
    inf = math.inf
    match q.hedge:
        case None:
            return Interval(v, v)
        case Hedge.APPROX:
            return Interval(v - w, v + w)
        case Hedge.NEARLY:
            return Interval(v - w, v, hi_closed=False)
        case Hedge.MORE_THAN:
            return Interval(v, inf, lo_closed=False, hi_closed=False)
        case Hedge.AT_LEAST:
            return Interval(v, inf, hi_closed=False)
        case Hedge.LESS_THAN:
            return Interval(-inf, v, lo_closed=False, hi_closed=False)
        case _:  # AT_MOST
            return Interval(-inf, v, lo_closed=False)


def expectation_set(
    expect: Expectation, tolerance: Tolerance | None, approx_width: float
) -> tuple[Interval, bool]:
    """The values that satisfy an expectation: an interval, and whether that is its complement."""
    v = expect.value
    tol = tolerance.width(v) if tolerance else 0.0
    inf = math.inf
    match expect.op:
        case "==":
            return Interval(v - tol, v + tol), False
        case "!=":
            return Interval(v - tol, v + tol), True
        case "~=":
            width = tol if tolerance else abs(v) * approx_width
            return Interval(v - width, v + width), False
        case ">":
            return Interval(v - tol, inf, lo_closed=False, hi_closed=False), False
        case ">=":
            return Interval(v - tol, inf, hi_closed=False), False
        case "<":
            return Interval(-inf, v + tol, lo_closed=False, hi_closed=False), False
        case "<=":
            return Interval(-inf, v + tol, lo_closed=False), False
        case _:  # between
            high = expect.high if expect.high is not None else v
            high_tol = tolerance.width(high) if tolerance else 0.0
            return Interval(v - tol, high + high_tol), False


def judge(stated: float, allowed: Interval, accepted: Interval, negated: bool) -> Verdict | None:
    """SUPPORTS, CONTRADICTS, or None when the figure decides nothing (see the module doc)."""
    if negated:
        satisfied = not accepted.contains(stated)
        entailed = not allowed.intersects(accepted)
        excluded = allowed.within(accepted)
    else:
        satisfied = accepted.contains(stated)
        entailed = allowed.within(accepted)
        excluded = not allowed.intersects(accepted)
    if satisfied or entailed:
        return Verdict.SUPPORTS
    return Verdict.CONTRADICTS if excluded else None

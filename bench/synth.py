"""A synthetic corpus with known verdicts: news-like articles, claim files, and the truth.

    python bench/synth.py OUT --sources N --claims M [--seed S]

``generate(out, n_sources, n_claims, seed)`` writes

* ``OUT/pyproject.toml``: ``[tool.claimcheck] sources = ["sources/*.txt"]``;
* ``OUT/sources/NNNNN.txt``: articles of about 2-3 KB, a headline line then paragraphs;
* ``OUT/claims/claims_NNN.yaml``: at most 100 claims a file, in the mapping form;
* ``OUT/truth.json``: ``{claim_id: {source_id: "SUPPORTS" | "CONTRADICTS"}}``; a source that is
  not listed for a claim is SILENT.

Every claim is about an invented organisation and a count noun (``about: [Vendrel, inspectors]``)
or a rate (``about: [Vendrel, vacancy]``). Its subject words appear in a few sources (5 for 100
sources, 10 for 1,000, 15 for 10,000); each of those either SUPPORTS it (the figure, exact or
hedged: "around 2,900", "more than 2,900" for ``>= 2900``), CONTRADICTS it (a figure at least 20 %
away, exact or hedged, labelled with the subject's count noun), or mentions the subject with
distractors only, which must stay SILENT: a figure of another role ("600 extra inspectors" for a
total), another unit ("40 per cent of Vendrel inspectors", "37 hours", "£28,500", "3 percentage
points"), a year or a date, a bound that neither states nor excludes the value ("more than
2,400" for ``== 2900``), or a figure labelled as something else ("uses 300 vans to support its
inspectors"). All other sources are SILENT: their figures count other things (decoy
organisations and nouns that no claim names).

The texts keep to what claimcheck's rules decide (docs/claims.md): the count noun is in the
figure's sentence, a contradicting figure carries it as its label ("2,100 inspectors") or has no
label in a clause that names it, and within one source every claim has its own count noun, since
an entity term may stand anywhere in a source. Deterministic: one ``random.Random(seed)``, no
global state; the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ClaimSpec", "Truth", "generate", "sources_per_claim"]

CLAIMS_PER_FILE = 100
SUPPORTS, CONTRADICTS = "SUPPORTS", "CONTRADICTS"

# --- word lists (invented for this benchmark) ---------------------------------------------------

# Count nouns that claims name. No filler or decoy sentence uses any of them.
COUNT_NOUNS = (
    "inspectors wardens nurses drivers engineers teachers rangers paramedics firefighters volunteers "
    "surveyors cadets librarians technicians apprentices auditors pilots guards clerks couriers "
    "lifeguards stewards porters welders chemists translators dispatchers mechanics electricians "
    "plumbers carpenters gardeners cleaners tutors pharmacists dentists surgeons analysts planners "
    "cashiers"
).split()
# Rates that percentage claims name: the subject word, and how a sentence names the rate.
RATE_NOUNS = {
    "vacancy": "vacancy rate",
    "turnout": "turnout",
    "occupancy": "occupancy rate",
    "attrition": "attrition rate",
    "absence": "absence rate",
    "uptake": "uptake",
    "retention": "retention rate",
    "coverage": "coverage",
    "compliance": "compliance rate",
    "punctuality": "punctuality score",
}
# Things filler and decoy sentences count (never a claim's subject).
DECOY_NOUNS = (
    "benches lamps buses parcels trees tickets bicycles ferries kiosks bridges tables chairs "
    "vans leaflets boxes meals rooms beds lorries posters"
).split()
ORG_KINDS = (
    "council",
    "trust",
    "authority",
    "agency",
    "board",
    "service",
    "district",
    "cooperative",
    "foundation",
    "consortium",
)
FIRST_NAMES = (
    "Alma Bruno Celia Dario Edith Felix Greta Hugo Ines Jonas Karin Linus Mira Nils Orla Petra "
    "Quentin Rosa Silas Tilde Ursel Viggo Wanda Xavi Yara Zeno"
).split()
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()

_ONSETS = "B C D F G H J K L M N P R S T V W Br Dr Gr Tr St Pl Cr Fl".split()
_VOWELS = "a e i o u".split()
_MIDS = "n r l m s v rr st nd lv rn sk lt nt rd".split()
_ENDS = "el ast or ine ath ow ell and ick ane ord ith ex ur am".split()


def _name_pool(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct invented names ("Vendrel", "Korrast"), shuffled by ``rng``."""
    names = [o + v + m + e for o in _ONSETS for v in _VOWELS for m in _MIDS for e in _ENDS]
    if n > len(names):
        names += [a + b.lower() for a in names[:200] for b in names[:200]]
    picked = rng.sample(names, n)
    return picked


# --- numbers as a news text writes them --------------------------------------------------------


def _fmt(n: float) -> str:
    """2900 -> "2,900", 12.5 -> "12.5"."""
    if float(n).is_integer():
        return f"{int(n):,}"
    return f"{n:,.1f}"


def _grain(n: float) -> int:
    return 10 if n >= 1000 else 1


def _round(n: float, grain: int) -> int:
    return max(grain, round(n / grain) * grain)


def _away(rng: random.Random, value: float, grain: int, low: float = 0.55, high: float = 1.7) -> int:
    """A figure at least 25 % away from ``value`` (either side)."""
    if rng.random() < 0.5:
        return _round(value * rng.uniform(low, 0.75), grain)
    return _round(value * rng.uniform(1.25, high), grain)


def _away_pct(rng: random.Random, value: float) -> float:
    """A percentage clearly different from ``value``: at least 25 % and 3 points away."""
    gap = max(3.0, 0.25 * value)
    if value - gap * 1.2 >= 1 and rng.random() < 0.5:
        return float(int(value - gap * rng.uniform(1.0, 1.6)))
    return float(min(99, math.ceil(value + gap * rng.uniform(1.0, 1.6))))


# --- claims --------------------------------------------------------------------------------------


@dataclass
class ClaimSpec:
    """One synthetic claim: its subject, its expectation, and how to write it as YAML."""

    id: str
    entity: str
    noun: str  # a count noun ("inspectors") or a rate's subject word ("vacancy")
    kind: str  # "count" or "rate"
    role: str  # "total", "change" or "before"
    op: str  # "==", "~=" or ">="
    value: float
    tolerance: str | None = None
    across: str | None = None

    @property
    def expect(self) -> str:
        v = f"{self.value:g}" if self.kind == "rate" else str(int(self.value))
        return f"{self.op} {v}{'%' if self.kind == 'rate' else ''}"

    def statement(self) -> str:
        if self.kind == "rate":
            return f"{self.entity}'s {RATE_NOUNS[self.noun]} {self.expect}"
        word = {"total": "", "change": "extra ", "before": "previous "}[self.role]
        return f"{self.entity} {word}{self.noun} {self.expect}"

    def yaml(self) -> str:
        lines = [
            f"  - id: {self.id}",
            f'    claim: "{self.statement()}"',
            f"    about: [{self.entity}, {self.noun}]",
            f'    expect: "{self.expect}"',
        ]
        if self.role != "total":
            lines.append(f"    role: {self.role}")
        if self.tolerance:
            lines.append(f'    tolerance: "{self.tolerance}"')
        if self.across:
            lines.append(f"    across: {self.across}")
        return "\n".join(lines)

    def satisfied_by(self, x: float) -> bool:
        """Whether a stated (exact) figure ``x`` satisfies the claim: the generator's own check."""
        v = self.value
        if self.op == ">=":
            return x >= v
        if self.op == "==":
            return x == v
        tol = self.tolerance or "5%"
        width = v * float(tol[:-1]) / 100 if tol.endswith("%") else float(tol)
        return abs(x - v) <= width + 1e-9


def _make_claim(rng: random.Random, i: int, entity: str, count_nouns: list[str]) -> ClaimSpec:
    r = rng.random()
    if r < 0.25:
        noun = rng.choice(sorted(RATE_NOUNS))
        value = float(rng.randint(6, 80)) if rng.random() < 0.8 else rng.randint(60, 800) / 10
        op = rng.choices(["==", "~=", ">="], [2, 1, 1])[0]
        claim = ClaimSpec(f"c{i:05d}-{entity.lower()}-{noun}", entity, noun, "rate", "total", op, value)
        if op == "~=":
            claim.tolerance = rng.choice(["1", "2", "10%"])
    else:
        noun = rng.choice(count_nouns)
        role = "total" if r < 0.75 else ("change" if r < 0.9 else "before")
        scale = rng.random()
        if scale < 0.4:
            value = float(rng.randint(40, 990))
        elif scale < 0.85:
            value = float(rng.randint(100, 999) * 10)
        else:
            value = float(rng.randint(1000, 6000) * 10)
        op = "==" if role != "total" else rng.choices(["==", "~=", ">="], [2, 1, 1])[0]
        claim = ClaimSpec(f"c{i:05d}-{entity.lower()}-{noun}", entity, noun, "count", role, op, value)
        if op == "~=":
            claim.tolerance = rng.choice([None, "5%", "3%", str(max(1, int(value * 0.04)))])
    claim.across = rng.choices([None, "any", "at least 2"], [6, 2, 2])[0]
    return claim


# --- the sentences -------------------------------------------------------------------------------

# A Writer turns (rng, claim, a value) into one sentence. Supporting and contradicting writers
# get the figure to state; distractors choose their own figures, never one that would decide.
Writer = Callable[[random.Random, ClaimSpec, float], str]

_SOFT = ("around", "about", "roughly", "some", "an estimated", "approximately")


def _n(v: float) -> str:
    return _fmt(v)


def _pc(rng: random.Random, v: float) -> str:
    return f"{_fmt(v)}{rng.choice(['%', ' per cent', ' per cent', ' percent'])}"


def _year(rng: random.Random) -> int:
    return rng.randint(1975, 2019)


# Count claims, role total ("== N", "~= N", ">= N"): the sentence states the figure ``v``.
_TOTAL_STATE: list[Writer] = [
    lambda r, c, v: f"{c.entity} employs {_n(v)} {c.noun}, according to its annual report.",
    lambda r, c, v: f"The {c.entity} {r.choice(ORG_KINDS)} now has {_n(v)} {c.noun} on its books.",
    lambda r, c, v: f"The number of {c.noun} at {c.entity} has reached {_n(v)}.",
    lambda r, c, v: f"{_n(v)} {c.noun} now work for {c.entity}, officials confirmed.",
    lambda r, c, v: (
        f"The number of {c.entity} {c.noun} grew from {_n(_round(v * r.uniform(0.5, 0.8), _grain(v)))} "
        f"to {_n(v)} over the past {r.choice(['year', 'two years', 'decade'])}."
    ),
    lambda r, c, v: (
        f"{c.entity} will add {_n(_round(v * r.uniform(0.1, 0.3), _grain(v)))} extra {c.noun}, "
        f"taking the total to {_n(v)}."
    ),
]
_TOTAL_STATE.append(
    lambda r, c, v: (
        f"{c.entity} has {_n(v)} {c.noun} and {_n(r.randint(12, 400))} {r.choice(DECOY_NOUNS)}, "
        "the audit showed."
    )
)
_TOTAL_HEDGED: list[Writer] = [
    lambda r, c, v: f"{c.entity} now has {r.choice(_SOFT)} {_n(v)} {c.noun}, a spokesperson said.",
    lambda r, c, v: f"Managers at {c.entity} put the number of {c.noun} at {r.choice(_SOFT)} {_n(v)}.",
]
# "more than X" / "fewer than X" forms, for bounds the caller picks.
_MORE = ("more than", "over", "upwards of")
_FEWER = ("fewer than", "less than", "under")


def _more(r: random.Random, c: ClaimSpec, v: float) -> str:
    return f"{c.entity} now has {r.choice(_MORE)} {_n(v)} {c.noun}, the report found."


def _at_least(r: random.Random, c: ClaimSpec, v: float) -> str:
    return f"{c.entity} says it has at least {_n(v)} {c.noun} on duty at any time."


def _fewer(r: random.Random, c: ClaimSpec, v: float) -> str:
    return f"{c.entity} has {r.choice(_FEWER)} {_n(v)} {c.noun}, union officials said."


def _up_to(r: random.Random, c: ClaimSpec, v: float) -> str:
    return f"{c.entity} can call on up to {_n(v)} {c.noun} in an emergency."


# Count claims, role change.
_CHANGE_STATE: list[Writer] = [
    lambda r, c, v: (
        f"{c.entity} will hire {_n(v)} extra {c.noun} over the next {r.choice(['year', 'two years'])}."
    ),
    lambda r, c, v: f"{c.entity} plans to recruit a further {_n(v)} {c.noun}, its chair said.",
    lambda r, c, v: f"The number of {c.entity} {c.noun} will increase by {_n(v)} under the plan.",
    lambda r, c, v: (
        f"{c.entity} is taking on {_n(v)} additional {c.noun} this {r.choice(['spring', 'autumn'])}."
    ),
]
# Count claims, role before.
_BEFORE_STATE: list[Writer] = [
    lambda r, c, v: (
        f"The number of {c.entity} {c.noun} grew from {_n(v)} to "
        f"{_n(_round(v * r.uniform(1.3, 1.8), _grain(v)))} in {r.choice(['two', 'three', 'five'])} years."
    ),
    lambda r, c, v: (
        f"{c.entity} now has {_n(_round(v * r.uniform(1.3, 1.8), _grain(v)))} {c.noun}, up from {_n(v)}."
    ),
]


# Rate claims ("== P%", "~= P%", ">= P%").
def _rate(c: ClaimSpec) -> str:
    return RATE_NOUNS[c.noun]


_RATE_STATE: list[Writer] = [
    lambda r, c, v: f"{c.entity}'s {_rate(c)} stood at {_pc(r, v)} last year.",
    lambda r, c, v: f"{c.entity} reported a {_rate(c)} of {_pc(r, v)} for the year.",
    lambda r, c, v: f"Figures show the {_rate(c)} at {c.entity} was {_pc(r, v)} in the latest quarter.",
]
_RATE_HEDGED: list[Writer] = [
    lambda r, c, v: f"{c.entity}'s {_rate(c)} is {r.choice(_SOFT)} {_pc(r, v)}, the review found.",
]


def _rate_more(r: random.Random, c: ClaimSpec, v: float) -> str:
    return f"{c.entity}'s {_rate(c)} was {r.choice(['more than', 'above', 'over'])} {_pc(r, v)} this year."


def _rate_less(r: random.Random, c: ClaimSpec, v: float) -> str:
    return f"{c.entity}'s {_rate(c)} was {r.choice(['less than', 'below', 'under'])} {_pc(r, v)} this year."


# Distractors: the subject is named, but no figure of the claimed quantity is stated.
def _decoy_value(r: random.Random, c: ClaimSpec) -> int:
    """A count for a distractor: well away from the claimed value, so it could not support it."""
    while True:
        k = r.randint(12, 950) if r.random() < 0.5 else r.randint(110, 990) * 10
        if abs(k - c.value) > 0.3 * c.value:
            return k


_COUNT_DISTRACTORS: list[Writer] = [
    # another role: a change for a total, a total for a change
    lambda r, c, v: (
        f"{c.entity} will hire {_n(_decoy_value(r, c))} extra {c.noun} next {r.choice(['spring', 'year'])}."
        if c.role != "change"
        else f"{c.entity} will then have {_n(_decoy_value(r, c))} {c.noun} in total."
    ),
    # another unit
    lambda r, c, v: f"About {_pc(r, r.randint(11, 89))} of {c.entity} {c.noun} work night shifts.",
    lambda r, c, v: f"{c.entity} {c.noun} work {r.randint(30, 48)} hours a week on average.",
    lambda r, c, v: f"Each of the {c.entity} {c.noun} earns £{_n(r.randint(190, 450) * 100)} a year.",
    # a year, a date
    lambda r, c, v: f"{c.entity} has trained its own {c.noun} since {_year(r)}.",
    lambda r, c, v: f"The {c.entity} {c.noun} will hold a ballot on {r.randint(2, 28)} {r.choice(MONTHS)}.",
    # another subject's figure, in the next sentence
    lambda r, c, v: (
        f"{c.entity} {c.noun} joined the talks on {r.choice(WEEKDAYS)}. "
        f"The neighbouring {r.choice(ORG_KINDS)} has {_n(_decoy_value(r, c))} {r.choice(DECOY_NOUNS)}."
    ),
    # a figure labelled as something else
    lambda r, c, v: (
        f"{c.entity} uses {_n(_decoy_value(r, c))} {r.choice(DECOY_NOUNS)} to support its {c.noun}."
    ),
]


def _bound_distractor(r: random.Random, c: ClaimSpec, v: float) -> str:
    """A bound that neither states nor excludes the claimed value ("more than 2,400" for
    ``== 2900``): undecided, so SILENT. Only for ``==`` claims."""
    below = _round(c.value * r.uniform(0.7, 0.85), _grain(c.value))
    return f"{c.entity} has {r.choice(['more than', 'over'])} {_n(below)} {c.noun}, the union believes."


_RATE_DISTRACTORS: list[Writer] = [
    lambda r, c, v: f"{c.entity}'s {_rate(c)} rose by {r.randint(2, 9)} percentage points.",
    lambda r, c, v: f"{c.entity} has published its {_rate(c)} every year since {_year(r)}.",
    lambda r, c, v: (
        f"The {c.entity} {_rate(c)} for {r.choice(MONTHS)} {_year(r)} is due on "
        f"{r.randint(2, 28)} {r.choice(MONTHS)}."
    ),
    lambda r, c, v: f"{c.entity} spent £{_n(r.randint(12, 90) * 1000)} on improving its {_rate(c)}.",
]

# Sentences that name the subject without any figure.
_MENTIONS: list[Callable[[random.Random, str, str], str]] = [
    lambda r, e, w: f"{e} said the {w} would be consulted before any decision.",
    lambda r, e, w: f"The future of the {e} {w} has been debated for months.",
    lambda r, e, w: f"Critics say {e} has not been open about its {w}.",
    lambda r, e, w: f"A spokesperson for {e} declined to comment on the {w} beyond a short statement.",
]


# --- filler: figures and words no claim is about --------------------------------------------------

_FILLER: list[Callable[[random.Random, str, str], str]] = [
    lambda r, e, p: (
        f"The {e} {r.choice(ORG_KINDS)} approved {r.randint(3, 90)} new {r.choice(DECOY_NOUNS)} "
        "for the town centre."
    ),
    lambda r, e, p: f'"We have listened carefully to residents," said {p}, who chairs the {e} committee.',
    lambda r, e, p: (
        f"The scheme was first proposed in {_year(r)} and revised on {r.randint(2, 28)} {r.choice(MONTHS)}."
    ),
    lambda r, e, p: (
        f"Local businesses have asked for clearer signs and longer opening hours on {r.choice(WEEKDAYS)}s."
    ),
    lambda r, e, p: (
        f"{p} said the budget of £{_n(r.randint(2, 95) * 10000)} would be reviewed in the spring."
    ),
    lambda r, e, p: f"A public meeting is planned at the {e} hall on {r.choice(WEEKDAYS)} evening.",
    lambda r, e, p: (
        f"Last winter {r.randint(14, 380)} {r.choice(DECOY_NOUNS)} were repaired after the storms."
    ),
    lambda r, e, p: f"Residents can comment online until the end of {r.choice(MONTHS)}.",
    lambda r, e, p: (
        f"The {e} {r.choice(ORG_KINDS)} said about {r.randint(5, 60)} per cent of its "
        f"{r.choice(DECOY_NOUNS)} were more than ten years old."
    ),
    lambda r, e, p: "Opposition members called the plan rushed, and asked for an independent review.",
    lambda r, e, p: f"{p}, a local historian, said the area had changed beyond recognition since {_year(r)}.",
    lambda r, e, p: f"The project is expected to take {r.randint(2, 9)} years and will be funded in stages.",
    lambda r, e, p: (
        f"Transport links to the site have improved, with {r.randint(2, 12)} extra "
        f"{r.choice(['buses', 'ferries'])} an hour at peak times."
    ),
    lambda r, e, p: f"Campaigners gathered outside the {e} offices on {r.choice(WEEKDAYS)} morning.",
    lambda r, e, p: f'"This is a question of fairness," {p} told reporters.',
    lambda r, e, p: "The regional office will publish its full findings later this year.",
    lambda r, e, p: (
        f"The {e} {r.choice(ORG_KINDS)} has {_n(r.randint(12, 4000))} {r.choice(DECOY_NOUNS)} in storage."
    ),
    lambda r, e, p: f"A consultation on the plans drew {_n(r.randint(120, 9000))} responses, {p} said.",
    lambda r, e, p: f"The old {e} depot, built in {_year(r)}, is due to be sold.",
    lambda r, e, p: f"{p} warned that costs could rise by up to {r.randint(5, 30)} per cent.",
    lambda r, e, p: "Several neighbouring towns are watching the experiment closely.",
    lambda r, e, p: f"The {e} {r.choice(ORG_KINDS)} meets again on {r.randint(2, 28)} {r.choice(MONTHS)}.",
    lambda r, e, p: f"Road works on the ring road will last around {r.randint(3, 20)} weeks.",
    lambda r, e, p: f"Ticket prices at the {e} museum rose to £{r.randint(4, 18)} last year.",
    lambda r, e, p: "Nobody was available to explain the delay when the paper called.",
    lambda r, e, p: f"In {_year(r)} a similar proposal was dropped after a legal challenge.",
    lambda r, e, p: f"The {e} market now opens on {r.choice(WEEKDAYS)}s and the first weekend of each month.",
    lambda r, e, p: (
        f"{p} said the town had {r.randint(3, 40)} {r.choice(DECOY_NOUNS)} fewer than a decade ago."
    ),
    lambda r, e, p: f"The river path, about {r.randint(2, 15)} km long, reopened after repairs.",
    lambda r, e, p: f'"We will keep the public informed at every stage," a {e} statement said.',
    lambda r, e, p: (
        f"An independent panel of {r.choice(['five', 'seven', 'nine'])} members "
        "will advise on the next steps."
    ),
    lambda r, e, p: f"The {e} library extension cost £{r.randint(2, 9)}.{r.randint(1, 9)} million.",
]
_HEADLINES: list[Callable[[random.Random, str, str], str]] = [
    lambda r, e, w: f"{e} sets out new plans for its {w}",
    lambda r, e, w: f"Questions over {e} {w} as review begins",
    lambda r, e, w: f"{e} under pressure over {w}",
]
_PLAIN_HEADLINES: list[Callable[[random.Random, str], str]] = [
    lambda r, e: f"{e} {r.choice(ORG_KINDS)} reviews town centre plans",
    lambda r, e: f"Residents divided over {e} scheme",
    lambda r, e: f"{e} budget talks continue",
]


# --- the corpus ----------------------------------------------------------------------------------


@dataclass
class Truth:
    """What the generator knows: every claim's SUPPORTS / CONTRADICTS sources (others SILENT),
    and which sources name each claim's subject at all (distractor sources included)."""

    claims: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    verdicts: dict[str, dict[str, str]] = field(default_factory=dict)
    mentions: dict[str, list[str]] = field(default_factory=dict)

    def verdict(self, claim_id: str, source_id: str) -> str:
        return self.verdicts.get(claim_id, {}).get(source_id, "SILENT")

    def counts(self) -> dict[str, int]:
        s = sum(v == SUPPORTS for d in self.verdicts.values() for v in d.values())
        c = sum(v == CONTRADICTS for d in self.verdicts.values() for v in d.values())
        m = sum(len(v) for v in self.mentions.values())
        return {"supports": s, "contradicts": c, "distractors": m - s - c}


def sources_per_claim(n_sources: int) -> int:
    """How many sources name each claim's subject: 5 up to 100 sources, 10 at 1,000, 15 at
    10,000 (5 per decade), never more than 20 or than the sources there are."""
    k = round(5 * math.log10(max(n_sources, 1)) - 5)
    return min(n_sources, max(5, min(20, k)))


def _block(rng: random.Random, claim: ClaimSpec, verdict: str | None) -> tuple[list[str], str | None]:
    """The sentences one source gives about one claim, and the verdict they earn."""
    c, v = claim, claim.value
    g = _grain(v)
    out: list[str] = []
    if rng.random() < 0.7:
        out.append(rng.choice(_MENTIONS)(rng, c.entity, RATE_NOUNS[c.noun] if c.kind == "rate" else c.noun))
    distractors = _RATE_DISTRACTORS if c.kind == "rate" else _COUNT_DISTRACTORS
    if c.kind == "count" and c.op == "==" and c.role == "total":
        distractors = [*distractors, _bound_distractor]
    if verdict == SUPPORTS:
        out.append(_supporting(rng, c))
    elif verdict == CONTRADICTS:
        out.append(_contradicting(rng, c, g))
    # Distractors: one or two for a silent mention, sometimes one beside a decided figure.
    n = rng.choice([1, 2]) if verdict is None else int(rng.random() < 0.4)
    for _ in range(n):
        out.insert(rng.randint(0, len(out)), rng.choice(distractors)(rng, c, v))
    return out, verdict


def _supporting(rng: random.Random, c: ClaimSpec) -> str:
    v = c.value
    if c.kind == "rate":
        if c.op == ">=":
            return rng.choice(
                [
                    lambda: _rate_more(rng, c, v),
                    lambda: rng.choice(_RATE_STATE)(rng, c, v + rng.randint(0, 9)),
                ]
            )()
        if c.op == "~=":
            w = v * 0.1 if c.tolerance == "10%" else float(c.tolerance or 1)
            near = round(v + rng.uniform(-0.6, 0.6) * w, 1)
            assert c.satisfied_by(near)
            return rng.choice(_RATE_STATE + _RATE_HEDGED)(rng, c, near)
        return rng.choice(_RATE_STATE + _RATE_HEDGED)(rng, c, v)
    if c.role == "change":
        return rng.choice(_CHANGE_STATE)(rng, c, v)
    if c.role == "before":
        return rng.choice(_BEFORE_STATE)(rng, c, v)
    if c.op == ">=":
        pick = rng.randrange(3)
        if pick == 0:
            return _more(rng, c, v)
        if pick == 1:
            return _at_least(rng, c, v)
        return rng.choice(_TOTAL_STATE)(rng, c, _round(v * rng.uniform(1.0, 1.5), _grain(v)))
    if c.op == "~=":
        near = v
        if rng.random() < 0.6:
            tol = c.tolerance or "5%"
            width = v * float(tol[:-1]) / 100 if tol.endswith("%") else float(tol)
            near = float(round(v + rng.uniform(-0.7, 0.7) * width))
            assert c.satisfied_by(near)
        return rng.choice(_TOTAL_STATE + _TOTAL_HEDGED)(rng, c, near)
    return rng.choice(_TOTAL_STATE + _TOTAL_HEDGED)(rng, c, v)


def _contradicting(rng: random.Random, c: ClaimSpec, g: int) -> str:
    v = c.value
    if c.kind == "rate":
        if c.op == ">=":
            low = _away_pct(rng, v) if v > 8 else 0.0
            if low <= 0 or low >= v:
                low = max(1.0, float(int(v * 0.6)))
            return rng.choice([_rate_less(rng, c, low), rng.choice(_RATE_STATE)(rng, c, low)])
        other = _away_pct(rng, v)
        while c.satisfied_by(other):
            other = float(min(99, other + 5))
        return rng.choice(_RATE_STATE + _RATE_HEDGED)(rng, c, other)
    if c.role == "change":
        return rng.choice(_CHANGE_STATE)(rng, c, _away(rng, v, g))
    if c.role == "before":
        return rng.choice(_BEFORE_STATE)(rng, c, _away(rng, v, g))
    if c.op == ">=":
        low = _round(v * rng.uniform(0.5, 0.78), g)
        pick = rng.randrange(3)
        if pick == 0:
            return _fewer(rng, c, low)
        if pick == 1:
            return _up_to(rng, c, low)
        return rng.choice(_TOTAL_STATE)(rng, c, low)
    other = _away(rng, v, g)
    pick = rng.randrange(5)
    if pick == 0:
        return _more(rng, c, _round(v * rng.uniform(1.25, 1.6), g))
    if pick == 1:
        return _fewer(rng, c, _round(v * rng.uniform(0.5, 0.78), g))
    return rng.choice(_TOTAL_STATE + _TOTAL_HEDGED)(rng, c, other)


def _assign(rng: random.Random, claims: list[ClaimSpec], n_sources: int) -> list[list[int]]:
    """Per source, the claims whose subject it names; one claim per noun within a source."""
    k = sources_per_claim(n_sources)
    per_source: list[list[int]] = [[] for _ in range(n_sources)]
    nouns: list[set[str]] = [set() for _ in range(n_sources)]
    for ci, claim in enumerate(claims):
        chosen = 0
        tries = 0
        while chosen < k and tries < 6 * k + 20:
            s = rng.randrange(n_sources)
            tries += 1
            if claim.noun in nouns[s]:
                continue
            nouns[s].add(claim.noun)
            per_source[s].append(ci)
            chosen += 1
    return per_source


def _article(
    rng: random.Random, claims: list[ClaimSpec], mine: list[int], decoys: list[str], people: list[str]
) -> tuple[str, dict[int, str | None]]:
    """One source: headline, then paragraphs of claim blocks and filler, 2-3 KB."""
    verdicts: dict[int, str | None] = {}
    paragraphs: list[list[str]] = []
    for ci in mine:
        verdict = rng.choices([SUPPORTS, CONTRADICTS, None], [45, 25, 30])[0]
        sentences, verdicts[ci] = _block(rng, claims[ci], verdict)
        paragraphs.append(sentences)
    decoy = rng.choice(decoys)
    if mine:
        first = claims[mine[0]]
        word = RATE_NOUNS[first.noun] if first.kind == "rate" else first.noun
        headline = rng.choice(_HEADLINES)(rng, first.entity, word)
    else:
        headline = rng.choice(_PLAIN_HEADLINES)(rng, decoy)
    size = len(headline) + sum(len(s) + 1 for p in paragraphs for s in p)
    target = rng.randint(2000, 3000)
    order = list(range(len(_FILLER)))  # each filler sentence at most once per pass
    rng.shuffle(order)
    next_filler = 0
    while size < target:
        para = []
        for _ in range(rng.randint(2, 4)):
            person = f"{rng.choice(FIRST_NAMES)} {rng.choice(people)}"
            para.append(_FILLER[order[next_filler % len(order)]](rng, rng.choice(decoys), person))
            next_filler += 1
        paragraphs.insert(rng.randint(0, len(paragraphs)), para)
        size += sum(len(s) + 1 for s in para) + 1
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    return f"{headline}\n\n{body}\n", verdicts


def generate(out: Path, n_sources: int, n_claims: int, seed: int = 0) -> Truth:
    """Write a corpus of ``n_sources`` articles and ``n_claims`` claims into ``out``; return the
    truth (also written to ``out/truth.json``). ``out`` must be empty, missing, or an earlier
    corpus (then its sources, claims and cache are replaced)."""
    if n_sources < 1 or n_claims < 1:
        raise ValueError("need at least one source and one claim")
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / "truth.json").is_file():
        raise FileExistsError(f"{out} is not empty and holds no synthetic corpus (no truth.json)")
    for owned in ("sources", "claims", ".claimcheck_cache"):
        shutil.rmtree(out / owned, ignore_errors=True)
    (out / "sources").mkdir(parents=True)
    (out / "claims").mkdir()

    rng = random.Random(seed)
    names = _name_pool(rng, n_claims + 60 + 80)
    entities, decoys, people = names[:n_claims], names[n_claims : n_claims + 60], names[n_claims + 60 :]
    claims = [_make_claim(rng, i + 1, e, COUNT_NOUNS) for i, e in enumerate(entities)]
    per_source = _assign(rng, claims, n_sources)

    truth = Truth(claims=[c.id for c in claims])
    truth.verdicts = {c.id: {} for c in claims}
    truth.mentions = {c.id: [] for c in claims}
    for s, mine in enumerate(per_source):
        sid = f"sources/{s + 1:05d}.txt"
        truth.sources.append(sid)
        text, verdicts = _article(rng, claims, mine, decoys, people)
        (out / sid).write_text(text, encoding="utf-8")
        for ci, verdict in verdicts.items():
            truth.mentions[claims[ci].id].append(sid)
            if verdict is not None:
                truth.verdicts[claims[ci].id][sid] = verdict

    for f in range(0, n_claims, CLAIMS_PER_FILE):
        chunk = claims[f : f + CLAIMS_PER_FILE]
        head = f"# Synthetic claims from bench/synth.py (seed {seed}); truth in ../truth.json.\nclaims:\n"
        body = "\n\n".join(c.yaml() for c in chunk)
        (out / "claims" / f"claims_{f // CLAIMS_PER_FILE + 1:03d}.yaml").write_text(head + body + "\n")
    (out / "pyproject.toml").write_text('[tool.claimcheck]\nsources = ["sources/*.txt"]\n')
    verdicts = {cid: dict(sorted(d.items())) for cid, d in truth.verdicts.items()}
    (out / "truth.json").write_text(json.dumps(verdicts, indent=1, sort_keys=True) + "\n")
    return truth


def vocabulary_clashes() -> list[str]:
    """Subject words of claims that filler or decoy text uses (should be none): such a word in a
    sentence with a figure would make that figure a candidate for some claim."""
    from claimcheck.extraction.terms import stem, words

    subject = {stem(w) for w in COUNT_NOUNS} | {stem(w) for w in RATE_NOUNS}
    rng = random.Random(0)
    text: list[str] = [*DECOY_NOUNS, *ORG_KINDS, *FIRST_NAMES, *MONTHS, *WEEKDAYS]
    for _ in range(20):
        text += [f(rng, "Decoy", "Alma Decoy") for f in _FILLER]
        text += [f(rng, "Decoy") for f in _PLAIN_HEADLINES]
    found = {stem(w) for t in text for _, _, w in words(t)}
    return sorted(found & subject)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--sources", type=int, default=100, help="number of articles (default 100)")
    parser.add_argument("--claims", type=int, default=100, help="number of claims (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    try:
        truth = generate(args.out, args.sources, args.claims, args.seed)
    except (ValueError, FileExistsError) as e:
        print(f"synth: {e}", file=sys.stderr)
        return 2
    took = time.perf_counter() - t0
    n = truth.counts()
    size = sum(p.stat().st_size for p in (args.out / "sources").iterdir())
    print(
        f"wrote {args.out}: {len(truth.sources):,} sources ({size / 1e6:.1f} MB), "
        f"{len(truth.claims):,} claims, "
        f"{n['supports']:,} supporting, {n['contradicts']:,} contradicting and {n['distractors']:,} "
        f"distractor mentions ({sources_per_claim(args.sources)} sources a claim) in {took:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The data that flows through claimcheck's pipeline, as pydantic models.

These models are the single source of truth for three things: what a claim file may contain
(``ClaimFile``, ``FigureClaim``), what a run produces (``Report``), and the JSON Schema of both
(``claimcheck schema``). Every stage takes and returns these types:

    claims (FigureClaim) -> sources (Source) -> extraction (SourceIndex of Sentence, Mention)
    -> verification (SourceVerdict, ClaimResult) -> reports (Report)
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from enum import Enum
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from claimcheck.errors import Location

__all__ = [
    "ClaimBase",
    "ClaimResult",
    "Disagreement",
    "Evaluation",
    "Evidence",
    "Expectation",
    "FigureClaim",
    "FigureRole",
    "Hedge",
    "Known",
    "Mention",
    "Outcome",
    "Quantifier",
    "Quantity",
    "Report",
    "Role",
    "Sentence",
    "Source",
    "SourceCheck",
    "SourceIndex",
    "SourceStatus",
    "SourceVerdict",
    "Tolerance",
    "Verdict",
    "VerdictScore",
]


class Verdict(str, Enum):
    """What one source says about one claim."""

    SUPPORTS = "SUPPORTS"
    CONTRADICTS = "CONTRADICTS"
    SILENT = "SILENT"


class Outcome(str, Enum):
    """What became of one claim as a test: the same words pytest uses."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"
    XFAILED = "xfailed"


class Role(str, Enum):
    """Which figure of a change a claim is about.

    ``total`` (the default) is the level a source states: a plain figure, a total or the value
    after a change. ``after`` is a total reached by a change. ``before`` is the level a change
    started from, ``change`` the amount of the change. ``any`` accepts every figure.
    """

    TOTAL = "total"
    CHANGE = "change"
    BEFORE = "before"
    AFTER = "after"
    ANY = "any"


class FigureRole(str, Enum):
    """The part a figure plays in its sentence, as the reader sees it (None: a plain figure)."""

    TOTAL = "total"
    CHANGE = "change"
    BEFORE = "before"
    AFTER = "after"


class Hedge(str, Enum):
    """How a hedge word turns a stated figure into an interval (see docs/claims.md)."""

    APPROX = "approximately"  # around, about, some, roughly: value +- approx width
    NEARLY = "nearly"  # nearly, almost, just under: [value - width, value]
    MORE_THAN = "more than"  # more than, over, above: (value, inf)
    AT_LEAST = "at least"  # at least, or more, upwards of: [value, inf)
    LESS_THAN = "less than"  # less than, fewer than, under, below: (-inf, value)
    AT_MOST = "at most"  # up to, as many as, no more than: (-inf, value]


# ---------------------------------------------------------------------------------------------
# Sources and what the reader finds in them


class Source(BaseModel):
    """One document, read and normalised: curly quotes straightened, NBSP -> space, CRLF -> LF.

    Every replacement keeps the text's line and column layout, so a position in ``text`` maps to
    the same ``line:col`` in the file on disk.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    path: str
    text: str
    sha256: str
    _line_starts: list[int] | None = PrivateAttr(default=None)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset into ``text``."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            at = find("\n")
            while at != -1:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._line_starts = starts
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1


class Quantity(BaseModel):
    """A figure as written in a text, and what it was read as.

    ``start`` and ``end`` are offsets into the text it was read from; ``text[start:end]`` is the
    figure as written, hedge included ("around 2,800").
    """

    model_config = ConfigDict(frozen=True)

    value: float
    unit: str | None = None
    text: str
    start: int
    end: int
    hedge: Hedge | None = None
    role: FigureRole | None = None


class Sentence(BaseModel):
    """A sentence (or a headline line) of a source: offsets into ``Source.text``."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class Mention(BaseModel):
    """A figure found in a source, with the sentence it stands in."""

    model_config = ConfigDict(frozen=True)

    quantity: Quantity
    sentence: int = Field(description="Index into SourceIndex.sentences")
    label: list[str] = Field(
        default_factory=list,
        description="Lower-case words that name what the figure counts ('armed', 'officers').",
    )


class SourceIndex(BaseModel):
    """Everything extraction computed for one source, once, shared by every claim."""

    model_config = ConfigDict(frozen=True)

    source: Source
    sentences: list[Sentence]
    mentions: list[Mention]
    stems: str = Field(default="", description="Every word stem of the text, sorted, space-separated.")
    # Derived lookups (word sets per sentence, ...) that plugins compute lazily, once per source.
    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)

    def derived(self, key: str, factory: Callable[[SourceIndex], Any]) -> Any:
        """Return ``factory(self)``, computed on first use and kept with this index."""
        # Straight from pydantic's private slot: ``self._derived`` goes through
        # ``BaseModel.__getattr__``, and claim kinds look derived values up for every sentence.
        store: dict[str, Any] = self.__pydantic_private__["_derived"]  # type: ignore[index]
        try:
            return store[key]
        except KeyError:
            found = store[key] = factory(self)
            return found

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.source.text[s.start : s.end]


# ---------------------------------------------------------------------------------------------
# Claims


class Expectation(BaseModel):
    """A parsed ``expect:``: an operator and a value, with the unit written beside the value."""

    model_config = ConfigDict(frozen=True)

    op: Literal["==", "!=", ">=", "<=", ">", "<", "~=", "between"]
    value: float
    high: float | None = None
    unit: str | None = None
    text: str


class Tolerance(BaseModel):
    """How far a figure may be from the claimed value: relative (``5%``) or absolute (``50``)."""

    model_config = ConfigDict(frozen=True)

    amount: float = Field(ge=0)
    relative: bool = False

    def width(self, value: float) -> float:
        return abs(value) * self.amount if self.relative else self.amount


class Quantifier(BaseModel):
    """``across``: how many selected sources must support a claim (see docs/claims.md)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["all", "every", "any", "no", "most", "at least"] = "all"
    n: int | None = Field(default=None, ge=1)

    def __str__(self) -> str:
        return f"at least {self.n}" if self.kind == "at least" else self.kind


class Known(BaseModel):
    """The verdict the editors expect from one source, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    verdict: Verdict
    why: str | None = None


class ClaimBase(BaseModel):
    """Fields every kind of claim has. Subclasses add what their kind checks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=120)
    claim: str = Field(description="The statement shown in reports.")
    across: Quantifier = Quantifier()
    sources: list[str] | None = Field(
        default=None, description="Globs (relative to the claim file) or source ids."
    )
    known: dict[str, Known] = Field(default_factory=dict)
    skip: str | None = None
    xfail: str | None = None
    tags: list[str] = Field(default_factory=list)
    _location: Location | None = PrivateAttr(default=None)

    #: True when a source's verdict depends on that source alone (the claim's kind answers
    #: ``claimcheck_evaluate_source``): the engine may then evaluate it source by source,
    #: together with other claims, and reuse the result while claim and sources are
    #: unchanged. Kinds that compare sources or build on other claims set it to False and
    #: answer ``claimcheck_evaluate_claim`` instead.
    per_source: ClassVar[bool] = True

    @property
    def location(self) -> Location | None:
        """Where the claim is written (file:line:col), set by the loader."""
        return self._location

    def located(self, location: Location) -> ClaimBase:
        self._location = location
        return self

    def index_terms(self) -> list[list[str]] | None:
        """Terms a source must hold, each through at least one alternative with all its words,
        for the claim to be evaluated on it; its other sources are SILENT without a call to
        the kind. None: every source is evaluated."""
        return None


class FigureClaim(ClaimBase):
    """A claim about one number: ``Met armed total after uplift == 2800``."""

    kind: Literal["figure"] = "figure"
    about: list[list[str]] = Field(
        min_length=1, description="Subject terms; each item lists alternative words."
    )
    expect: Expectation
    unit: str | None = None
    tolerance: Tolerance | None = None
    role: Role = Role.TOTAL

    def index_terms(self) -> list[list[str]] | None:
        return self.about


# ---------------------------------------------------------------------------------------------
# Results


class SourceCheck(BaseModel):
    """A check a source passes or fails on its own, such as arithmetic self-consistency:
    "a 34 per cent rise, from 108 to 164" recomputed as +51.9 %."""

    model_config = ConfigDict(frozen=True)

    check: str = Field(description="What was checked, e.g. `arithmetic:percent-change`.")
    consistent: bool
    line: int
    col: int
    sentence: str
    figures: list[str] = Field(default_factory=list, description="The figures used, as written.")
    stated: str = Field(description="What the source states.")
    computation: str = Field(description="What claimcheck recomputed from its other figures.")
    cause: str | None = Field(default=None, description="The likely cause of an inconsistency.")


class Evidence(BaseModel):
    """Why a source got its verdict: where the figure is, as written, and as read."""

    model_config = ConfigDict(frozen=True)

    source_id: str
    path: str
    line: int
    col: int
    sentence: str
    figure: str = Field(description="The figure as written, hedge included.")
    value: float
    unit: str | None = None
    hedge: Hedge | None = None
    role: FigureRole | None = None
    low: float | None = Field(default=None, description="Interval the figure allows (None: -inf).")
    high: float | None = Field(default=None, description="Interval the figure allows (None: inf).")
    reason: str


class SourceVerdict(BaseModel):
    """One source's verdict on one claim, with the evidence behind it."""

    source_id: str
    path: str
    verdict: Verdict
    evidence: Evidence | None = None
    considered: list[Evidence] = Field(
        default_factory=list, description="Figures that matched the subject but decided nothing."
    )
    reason: str = ""
    known: Verdict | None = Field(default=None, description="The verdict the claim's `known:` expects.")
    known_why: str | None = Field(default=None, description="The labelled sentence or reason.")


class ClaimResult(BaseModel):
    """One claim after a run: its outcome and every selected source's verdict."""

    id: str
    file: str
    line: int | None = None
    statement: str
    kind: str
    across: str
    outcome: Outcome
    message: str = ""
    sources: list[SourceVerdict] = Field(default_factory=list)
    checks: list[SourceCheck] = Field(
        default_factory=list, description="For a source-check item: every check made on the source."
    )
    unmentioned: int = Field(
        default=0,
        description="Selected sources that hold none of the claim's subject words: SILENT, and "
        "left out of `sources` when more than `list_silent_up_to` sources are selected.",
    )


class SourceStatus(BaseModel):
    """A source the run selected, and why it could not be read (if so)."""

    id: str
    path: str
    error: str | None = None


class VerdictScore(BaseModel):
    """Precision, recall and F1 of one verdict, computed against `known` labels."""

    verdict: Verdict
    precision: float
    recall: float
    f1: float
    support: int = Field(description="How many labels expect this verdict.")


class Disagreement(BaseModel):
    """A source whose computed verdict differs from its `known` label, with the evidence used."""

    claim_id: str
    file: str
    source_id: str
    known: Verdict
    computed: Verdict
    figure: str | None = None
    sentence: str | None = None
    line: int | None = None
    reason: str
    known_why: str | None = None


class Evaluation(BaseModel):
    """How computed verdicts compare with the `known` labels of a run."""

    labels: int
    confusion: dict[str, dict[str, int]] = Field(description="known verdict -> computed verdict -> count")
    scores: list[VerdictScore]
    macro_f1: float
    accuracy: float
    false_contradicts_rate: float = Field(
        description="Computed CONTRADICTS where known is not, over labels that are not CONTRADICTS."
    )
    strict_accuracy: float = Field(
        description="Accuracy where a SUPPORTS/CONTRADICTS counts only with the labelled sentence."
    )
    disagreements: list[Disagreement] = Field(default_factory=list)


class Report(BaseModel):
    """The result of a run, as written by ``--claimcheck-json`` and returned by ``verify()``."""

    claimcheck_version: str
    claims: list[ClaimResult] = Field(default_factory=list)
    sources: list[SourceStatus] = Field(default_factory=list)
    summary: dict[str, int] = Field(default_factory=dict)
    evaluation: Evaluation | None = Field(
        default=None, description="Scores against `known` labels (with --claimcheck-eval)."
    )

    def model_post_init(self, context: Any, /) -> None:
        if not self.summary:
            counts = {o.value: 0 for o in Outcome}
            for c in self.claims:
                counts[c.outcome.value] += 1
            self.summary = counts

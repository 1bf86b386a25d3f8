"""The `category` claim kind: a subject takes one value of a closed list (docs/kinds/category.md)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck._manager import get_plugin_manager
from claimcheck.claims.loader import ClaimFileContents, load_claim_file
from claimcheck.config import Settings
from claimcheck.models import FigureRole, Outcome, Role, Source, SourceIndex, SourceVerdict, Verdict
from claimcheck.verification.kinds.category import CategoryClaim

S, C, _ = Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.SILENT
LEVELS = ["low", "moderate", "substantial", "severe", "critical"]
UK = [["UK"], ["threat"], ["level"]]
PM = get_plugin_manager(entry_points=False)


def claim(
    value: str, about: list[list[str]] = UK, among: list[str] = LEVELS, role: str = "total"
) -> CategoryClaim:
    data = {"id": "c", "claim": "c", "about": about, "is": value, "among": among, "role": role}
    return CategoryClaim.model_validate(data)


def index(text: str) -> SourceIndex:
    return PM.index_source(Source(id="doc.txt", path="doc.txt", text=text, sha256=""))


def verdict(text: str, value: str, **kwargs: object) -> SourceVerdict:
    return PM.evaluate_source(claim(value, **kwargs), index(text), Settings())  # type: ignore[arg-type]


def row(text: str, **kwargs: object) -> str:
    """The verdict for each value of LEVELS as the claimed one: + supports, x contradicts, . silent."""
    marks = {S: "+", C: "x", _: "."}
    return "".join(marks[verdict(text, v, **kwargs).verdict] for v in LEVELS)


def load(tmp_path: Path, text: str) -> ClaimFileContents:
    path = tmp_path / "c.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_claim_file(path, kinds=PM.claim_kinds(), detect_kind=PM.detect_kind)


# ---------------------------------------------------------------------------------------------
# The claim: fields, detection, defaults


def test_entry_with_is_is_a_category_claim_with_a_statement_and_id(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - about: [UK, threat, level]
            is: severe
            among: [low, moderate, substantial, severe, critical]
        """,
    )
    (c,) = contents.claims
    assert isinstance(c, CategoryClaim)
    assert (c.kind, c.about, c.is_, c.among) == ("category", UK, "severe", LEVELS)
    assert c.claim == "UK threat level is severe"
    assert c.id == "uk-threat-level-is-severe"
    assert c.index_terms() == UK
    assert c.value_index == 3
    assert c.role is Role.TOTAL


def test_about_forms_and_cues_are_those_of_figures(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - id: a
            about: previous UK threat level
            is: SEVERE
            among: [low, severe]
          - id: b
            about: [[UK, Britain], terror threat]
            is: 3
            among: [1, 2, 3]
        """,
    )
    a, b = contents.claims
    assert isinstance(a, CategoryClaim) and isinstance(b, CategoryClaim)
    assert a.about == UK
    assert a.role is Role.BEFORE  # "previous" is a role cue, as for figures
    assert a.value_index == 1  # case does not matter
    assert b.about == [["UK", "Britain"], ["terror"], ["threat"]]
    assert (b.is_, b.among) == ("3", ["1", "2", "3"])  # YAML numbers are words


@pytest.mark.parametrize(
    ("entry", "message", "hint", "at"),
    [
        (
            "about: [UK, threat, level]\n    is: severe",
            "`among:` is required",
            "list every value the category can take",
            (2, 5),
        ),
        (
            "about: [UK, threat, level]\n    is: sever\n    among: [low, severe]",
            "`is:` should be one of the values in `among:` (low, severe), not `sever`; "
            "did you mean `severe`?",
            "name one of the values listed in `among:`",
            (3, 9),
        ),
        (
            "about: [UK, threat, level]\n    is: [severe]\n    among: [low, severe]",
            "`is:` should be text, not a list",
            "name one of the values listed in `among:`",
            (3, 9),
        ),
        (
            "about: [UK, threat, level]\n    is: severe\n    among: severe",
            "`among:` should be a list, not text",
            "list every value the category can take",
            (4, 12),
        ),
        (
            "about: [UK, threat, level]\n    is: severe\n    among: [low, {a: 1}, severe]",
            "`among[1]:` should be text, not a mapping",
            "list every value the category can take",
            (4, 18),
        ),
        (
            "about: [UK, threat, level]\n    is: severe\n    among: []",
            "`among:` list should have at least 1 item after validation, not 0",
            "list every value the category can take",
            (4, 12),
        ),
        (
            "about: [UK, threat, level]\n    is: severe\n    among: [low, severe, Severe]",
            "`among:` lists `Severe` twice",
            "list every value the category can take",
            (4, 12),
        ),
        (
            "about: [UK, threat, level]\n    is: true\n    among: [low, severe]",
            "`is:` should be text, not true/false",
            "name one of the values listed in `among:`",
            (3, 9),
        ),
        (
            "about: [UK, threat, level]\n    is: severe\n    amongst: [low, severe]",
            "unknown field `amongst` (and 1 more problem in this claim)",
            "did you mean `among`?",
            (4, 5),
        ),
        (
            "about: [UK, threat, level]\n    is_: severe\n    among: [low, severe]\n    kind: category",
            "unknown field `is_` (and 1 more problem in this claim)",
            "did you mean `is`?",
            (3, 5),
        ),
        (
            "about: [UK, threat, level]\n    iss: severe\n    among: [low, severe]",
            "unknown field `iss`: cannot tell what kind of claim this is",
            "did you mean `is`?",
            (3, 5),
        ),
        (
            "about: the total\n    is: severe\n    among: [low, severe]",
            "invalid `about`: no subject words are left once stop words and role words "
            "(total, before, uplift, ...) are set aside",
            "name the figure with words",
            (2, 12),
        ),
    ],
)
def test_bad_entries_say_what_and_where(
    tmp_path: Path, entry: str, message: str, hint: str, at: tuple[int, int]
) -> None:
    contents = load(tmp_path, f"claims:\n  - {entry}\n  - Paris attacks killed == 130\n")
    bad, good = contents.entries
    assert good.claim is not None  # the other claims still load
    assert bad.error is not None and bad.claim is None
    assert bad.error.message == message
    assert bad.error.hint is not None and bad.error.hint.startswith(hint)
    assert bad.error.location is not None
    assert (bad.error.location.line, bad.error.location.col) == at


def test_an_invalid_entry_is_named_after_its_would_be_statement(tmp_path: Path) -> None:
    contents = load(tmp_path, "claims:\n  - about: [UK, threat, level]\n    is: severe\n")
    (entry,) = contents.entries
    assert entry.error is not None
    assert entry.name == "uk-threat-level-is-severe"


def test_a_claim_is_built_in_and_only_entries_with_is_are_detected() -> None:
    assert PM.claim_kinds()["category"] is CategoryClaim
    assert PM.detect_kind({"about": "x", "is": "a", "among": ["a"]}) == "category"
    assert PM.detect_kind({"about": "x", "expect": "== 5"}) == "figure"


# ---------------------------------------------------------------------------------------------
# Reading a source: values, negation, stages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One value: the claimed one supports, every other contradicts.
        ("The UK threat level is severe.", "xxx+x"),
        ('The UK\'s threat level stands at "SEVERE".', "xxx+x"),
        ("The threat level in the UK remains at 'critical'.", "xxxx+"),
        ("Severe is the UK's current threat level.", "xxx+x"),
        # Negated: the claimed value contradicts, another decides nothing.
        ("The UK threat level is not severe.", "...x."),
        ("The UK threat level is no longer severe.", "...x."),
        ("The UK threat level isn't critical.", "....x"),
        ('The UK threat level is no longer considered "severe".', "...x."),
        ("The UK threat level remains severe, not critical.", "xxx+x"),
        ("The UK threat level is substantial rather than severe.", "xx+xx"),
        # A change: only the level it reached counts for the current level.
        ("The UK threat level has been raised from severe to critical.", "xxxx+"),
        ("The UK threat level has been lowered from critical to severe.", "xxx+x"),
        ("The UK threat level has been lowered to severe from critical.", "xxx+x"),
        ("The UK threat level is now critical, up from severe.", "xxxx+"),
        ("The UK threat level, previously severe, is now critical.", "xxxx+"),
        # In the past tense a level may support but never contradicts.
        ("The UK threat level was raised from severe to critical.", "....+"),
        ("The UK threat level was critical in 2017.", "....."),
        # Not a statement of the subject's value: decides nothing.
        ("The UK threat level could be raised to critical.", "....."),
        ("The UK threat level is expected to remain severe.", "....."),
        ("Is the UK threat level severe?", "....."),
        ("The UK threat level is more severe than before.", "....."),
        ("Severe weather hit the UK as the threat level rose.", "....."),
        ("The UK threat level is severe or critical.", "....."),
        ("UK threat levels are low, moderate, substantial, severe and critical.", "....."),
        ("The UK threat level has not been raised to critical.", "....."),
        ("It is not true that the UK threat level is severe.", "....."),
        ("The UK threat level is severely high.", "....."),
        ("The UK threat level is low-level.", "....."),
        # Another place or body: not the claim's subject.
        ("The UK threat level is severe, while the threat level in France is critical.", "xxx+x"),
        ("The UK is on alert. The threat level in France is critical.", "....."),
        ("The UK is on alert. France's threat level is critical.", "....."),
        ("The UK is on alert. The threat level has been raised to critical in Belgium.", "....."),
        ("The UK is on alert. Brussels raised its threat level to critical.", "....+"),
        ("The threat level for Northern Ireland-related terrorism in the UK is substantial.", "....."),
        # A subject word must stand near the value, in its clause, with the subject's words.
        ("The UK threat level is severe and the weather is critical.", "xxx+x"),
        ("The UK has a threat level. Nothing here is critical.", "....."),
        ("The UK faces a severe threat level.", "xxx+x"),
        ("Crime is at low levels in the UK, where the threat level has not changed.", "....."),
        ("Crime levels are low in the UK, where the threat is unchanged.", "....."),
        ("The UK faces a grave threat, though the level of crime is low.", "....."),
        ("The threat level for international terrorism in the UK is substantial.", "....."),
        ("The threat level of the UK is severe.", "xxx+x"),
    ],
)
def test_verdicts_per_claimed_value(text: str, expected: str) -> None:
    assert row(text) == expected


def test_a_claim_about_the_previous_level_counts_only_the_from_value() -> None:
    text = "The UK threat level has been raised from substantial to severe."
    assert row(text, role="before") == "xx+xx"
    assert row("The UK threat level is severe.", role="before") == "....."
    assert row(text, role="any") == "xx++x"


def test_support_and_contradiction_in_one_source_is_support_with_the_other_considered() -> None:
    text = "The UK threat level is severe.\nElsewhere: the UK threat level has been raised to critical."
    v = verdict(text, "severe")
    assert v.verdict is S
    assert v.evidence is not None and v.evidence.line == 1
    (other,) = v.considered
    assert other.figure == "critical" and other.line == 2
    assert other.reason == 'states "critical" (the level a change reached) for UK threat level, not "severe"'


def test_evidence_names_the_value_as_written_where_it_stands() -> None:
    v = verdict('Intro.\nThe UK threat level is "severe", officials said.', "severe")
    assert v.verdict is S and v.evidence is not None
    e = v.evidence
    assert (e.figure, e.value, e.line, e.col) == ("severe", 3.0, 2, 25)
    assert e.sentence == 'The UK threat level is "severe", officials said.'
    assert e.reason == v.reason == 'states "severe" for UK threat level'
    assert e.role is None and e.unit is None


def test_a_negated_value_is_shown_with_its_negation() -> None:
    v = verdict('The UK threat level is no longer "severe".', "severe")
    assert v.verdict is C and v.evidence is not None
    assert v.evidence.figure == 'no longer "severe"'
    assert (v.evidence.value, v.evidence.col) == (3.0, 35)
    assert v.reason == 'states "no longer severe" for UK threat level, not "severe"'
    other = verdict("The UK threat level isn't critical.", "severe")
    assert other.verdict is _
    assert other.considered[0].figure == "isn't critical"
    assert other.reason == 'states "isn\'t critical" for UK threat level, which leaves "severe" open'


def test_stages_are_reported_as_roles() -> None:
    v = verdict("The UK threat level has been lowered from critical to severe.", "severe")
    assert v.evidence is not None and v.evidence.role is FigureRole.AFTER
    (before,) = v.considered
    assert before.role is FigureRole.BEFORE
    assert "the level before a change, not the current one" in before.reason


def test_silent_reasons() -> None:
    assert verdict("Nothing about it.", "severe").reason == (
        "no value of low/moderate/substantial/severe/critical for UK threat level"
    )
    v = verdict("The UK threat level could be raised to critical.", "severe")
    assert v.reason.endswith("decides nothing: it is a hypothesis or a plan (`could`)")


def test_multi_word_values_and_alternatives() -> None:
    among = ["low", "medium", "high", "very high"]
    about = [["pollen"], ["count"]]
    assert verdict("The pollen count is very high today.", "very high", about=about, among=among).verdict is S
    assert verdict("The pollen count is very high today.", "high", about=about, among=among).verdict is C
    assert verdict("The pollen count is Very  High.", "very high", about=about, among=among).verdict is S
    about = [["UK", "Britain"], ["threat"], ["level"]]
    assert verdict("Britain's threat level is severe.", "severe", about=about).verdict is S


def test_other_kinds_are_left_to_their_plugins() -> None:
    from claimcheck.models import FigureClaim
    from claimcheck.verification.kinds import category

    figure = FigureClaim.model_validate(
        {"id": "f", "claim": "f", "about": [["x"]], "expect": {"op": "==", "value": 1, "text": "== 1"}}
    )
    assert category.claimcheck_evaluate_source(figure, index("x is 1."), Settings()) is None


# ---------------------------------------------------------------------------------------------
# Property: a plain statement of any value decides every claim about the scale

VOCABULARY = "low moderate substantial severe critical green amber red guarded elevated".split()
SUBJECTS = [
    ([["UK"], ["threat"], ["level"]], "UK threat level"),
    ([["Met"], ["alert"], ["status"]], "Met alert status"),
    ([["flood"], ["warning"]], "flood warning"),
]


@given(
    among=st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=6, unique=True),
    pick=st.integers(min_value=0),
    subject=st.sampled_from(SUBJECTS),
    style=st.sampled_from(["{}", '"{}"', "'{}'", "{}"]),
    upper=st.booleans(),
)
def test_a_plain_statement_supports_its_value_and_contradicts_every_other(
    among: list[str], pick: int, subject: tuple[list[list[str]], str], style: str, upper: bool
) -> None:
    about, words = subject
    stated = among[pick % len(among)]
    shown = stated.upper() if upper else stated
    idx = index(f"The {words} is {style.format(shown)}.")
    for value in among:
        v = PM.evaluate_source(claim(value, about=about, among=among), idx, Settings())
        assert v.verdict is (S if value == stated else C), (value, v.reason)
        assert v.evidence is not None and v.evidence.value == float(among.index(stated))
        assert v.evidence.figure == shown


@given(
    among=st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=6, unique=True),
    pick=st.integers(min_value=0),
    negation=st.sampled_from(["not", "no longer", "never", "isn't"]),
)
def test_a_negated_value_contradicts_only_itself(among: list[str], pick: int, negation: str) -> None:
    stated = among[pick % len(among)]
    verb = "" if negation == "isn't" else "is "
    idx = index(f"The UK threat level {verb}{negation} {stated}.")
    for value in among:
        v = PM.evaluate_source(claim(value, among=among), idx, Settings())
        assert v.verdict is (C if value == stated else _), (value, v.reason)


NOISE = [
    *"UK UK's France threat level levels is was not no longer isn't from to the a in of crime".split(),
    *LEVELS,
    *"Severe \"severe\" 'critical' , . ; : - and or ? rather than previously now raised could".split(),
    "\n",
]


@given(st.lists(st.sampled_from(NOISE), max_size=30), st.sampled_from(["total", "before", "any"]))
def test_any_text_gets_a_verdict_and_evidence_points_at_a_value(words: list[str], role: str) -> None:
    text = " ".join(words)
    idx = index(text)
    for value in LEVELS:
        v = PM.evaluate_source(claim(value, role=role), idx, Settings())
        for e in [v.evidence, *v.considered]:
            if e is not None:
                line_start = sum(len(line) + 1 for line in text.split("\n")[: e.line - 1])
                at = line_start + e.col - 1
                assert text[at:].lower().startswith(LEVELS[int(e.value)])
                assert e.figure.lower().rstrip("\"'").endswith(LEVELS[int(e.value)])


# ---------------------------------------------------------------------------------------------
# Acceptance on the real seeds, through the library and through pytest

SEED_IDS = ["000", "001", "002", "003", "004"]
SEEDS_CLAIMS = """\
sources: [../seeds/*.txt]
claims:
  - id: severe
    about: [UK, threat, level]
    is: severe
    among: [low, moderate, substantial, severe, critical]
  - id: substantial
    about: [UK, threat, level]
    is: substantial
    among: [low, moderate, substantial, severe, critical]
  - id: no-among
    about: [UK, threat, level]
    is: severe
  - id: not-among
    about: [UK, threat, level]
    is: extreme
    among: [low, moderate, substantial, severe, critical]
  - id: wrong-type
    about: [UK, threat, level]
    is: severe
    among: {low: 1}
  - Met armed total after uplift == 2800 across all sources
"""


@pytest.fixture
def report(seeded: pytest.Pytester) -> claimcheck.Report:
    seeded.mkdir("claims")
    (seeded.path / "claims" / "threat.yaml").write_text(SEEDS_CLAIMS, encoding="utf-8")
    return claimcheck.verify(seeded.path / "claims")


def verdicts(report: claimcheck.Report, claim_id: str) -> dict[str, Verdict]:
    (result,) = [c for c in report.claims if c.id == claim_id]
    return {Path(v.path).name[:3]: v.verdict for v in result.sources}


def test_seeds_state_the_threat_level_as_severe(report: claimcheck.Report) -> None:
    assert verdicts(report, "severe") == dict(zip(SEED_IDS, [S, _, S, S, _]))
    (result,) = [c for c in report.claims if c.id == "severe"]
    assert result.outcome is Outcome.PASSED
    lines = {Path(v.path).name[:3]: (v.evidence.line, v.evidence.col) for v in result.sources if v.evidence}
    assert lines == {"000": (10, 109), "002": (7, 166), "003": (14, 47)}
    assert all(v.evidence.figure == "severe" for v in result.sources if v.evidence)


def test_seeds_contradict_substantial(report: claimcheck.Report) -> None:
    assert verdicts(report, "substantial") == dict(zip(SEED_IDS, [C, _, C, C, _]))
    (result,) = [c for c in report.claims if c.id == "substantial"]
    assert result.outcome is Outcome.FAILED
    assert all(
        v.reason == 'states "severe" for UK threat level, not "substantial"'
        for v in result.sources
        if v.evidence
    )


def test_seeds_through_pytest_with_bad_entries_failing_on_their_own(seeded: pytest.Pytester) -> None:
    seeded.mkdir("claims")
    (seeded.path / "claims" / "threat.yaml").write_text(SEEDS_CLAIMS, encoding="utf-8")
    result = seeded.runpytest("claims/threat.yaml", "-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] == 4  # substantial, and the three bad entries
    result.stdout.fnmatch_lines(
        [
            "*_ claim: substantial _*",
            '*000*CONTRADICTS*severe*3*10:109*threat level is "severe"*',
            "*003*CONTRADICTS*severe*3*14:47*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "error: claims/threat.yaml:11:5: `among:` is required",
            "  hint: list every value the category can take*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "error: claims/threat.yaml:16:9: `is:` should be one of the values in `among:` "
            "(low, moderate, substantial, severe, critical), not `extreme`",
            "  hint: name one of the values listed in `among:`*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "error: claims/threat.yaml:21:12: `among:` should be a list, not a mapping",
            "  hint: list every value the category can take*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "severe *passed*S*.*S*S*.*",
            "substantial *failed*C*.*C*C*.*",
            "met-armed-total-after-uplift-2800-across-all-sources*passed*",
        ]
    )


def test_the_shipped_category_claim_is_green() -> None:
    repo = Path(__file__).resolve().parent.parent
    report = claimcheck.verify(repo / "claims" / "seeds.yaml")
    (result,) = [c for c in report.claims if c.kind == "category"]
    assert result.outcome is Outcome.PASSED
    assert {Path(v.path).name[:3]: v.verdict for v in result.sources} == dict(zip(SEED_IDS, [S, _, S, S, _]))

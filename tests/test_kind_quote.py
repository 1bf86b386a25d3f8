"""The `quote` claim kind: word-for-word support, close variants as misquotes, speakers."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import claimcheck
from claimcheck._manager import get_plugin_manager
from claimcheck.claims.loader import load_claim_file
from claimcheck.config import Settings
from claimcheck.extraction.terms import stem, word_forms, words
from claimcheck.models import Outcome, Source, SourceIndex, SourceVerdict, Verdict
from claimcheck.verification.kinds.quote import (
    MAX_CHANGE_SHARE,
    MIN_VARIANT_WORDS,
    QuoteClaim,
    max_changes,
    tokens,
)

PM = get_plugin_manager(entry_points=False)
SETTINGS = Settings()
S, C, _ = Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.SILENT
SEED_IDS = ["000", "001", "002", "003", "004"]
DANGER = "Our firearms officers are the ones who will run towards the danger"
SPRINT = DANGER.replace(" run ", " sprint ")


def index_of(text: str) -> SourceIndex:
    source = Source(id="doc", path="doc.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return PM.index_source(source)


def check(text: str, quote: str, by: str | list[str] | None = None) -> SourceVerdict:
    claim = QuoteClaim(id="q", quote=quote, by=by)
    return PM.evaluate_source(claim, index_of(text), SETTINGS)


# --- words -------------------------------------------------------------------------------------


def test_tokens_ignore_case_quote_marks_apostrophes_dashes_and_thousands_separators() -> None:
    assert [t for _, _, t in tokens("“Who’s run—towards, the 2,800 ‘danger’?” said Hogan-Howe.")] == [
        "whos",
        "run",
        "towards",
        "the",
        "2800",
        "danger",
        "said",
        "hogan",
        "howe",
    ]
    assert [t for _, _, t in tokens("who's 5.3 per cent")] == ["whos", "5.3", "per", "cent"]


def test_token_spans_point_into_the_text() -> None:
    text = "He said: “Run — now”"
    assert [text[s:e] for s, e, _ in tokens(text)] == ["He", "said", "Run", "now"]


def test_max_changes_thresholds() -> None:
    assert [max_changes(n) for n in (1, 5, 6, 12, 13, 14, 19, 20, 40)] == [0, 0, 1, 1, 1, 2, 2, 3, 6]
    assert MIN_VARIANT_WORDS == 6 and MAX_CHANGE_SHARE == 0.15


# --- SUPPORTS --------------------------------------------------------------------------------------


def test_word_for_word_supports_with_the_passage_as_evidence() -> None:
    text = f'Headline\n\nHe said: "{DANGER}." Then he left.'
    v = check(text, DANGER)
    assert v.verdict is S
    assert v.evidence is not None
    assert v.evidence.figure == DANGER
    assert (v.evidence.line, v.evidence.col) == (3, 11)
    assert v.evidence.value == 1.0
    assert v.evidence.sentence.startswith('He said: "Our firearms')
    assert "Then he left" not in v.evidence.sentence
    assert v.reason == "quoted word for word"


@pytest.mark.parametrize(
    "text",
    [
        "“Our firearms officers are the ones who will run towards the danger.”",
        '"Our firearms officers are the ones who will run towards the danger."',
        "OUR FIREARMS OFFICERS ARE THE ONES WHO WILL RUN TOWARDS THE DANGER",
        "Our firearms-officers are the ones - who will run towards, the danger",
        "Our firearms officers are the ones who will\nrun towards the danger",
    ],
)
def test_case_punctuation_quote_marks_and_line_breaks_do_not_matter(text: str) -> None:
    assert check(text, DANGER).verdict is S


def test_a_partial_quote_inside_a_longer_quotation_supports() -> None:
    text = (
        '"The reality is this. Our firearms officers are the ones who will run towards the danger," he said.'
    )
    assert check(text, "firearms officers are the ones who will run").verdict is S
    assert check(text, "The reality is this. Our firearms officers").verdict is S


def test_a_quotation_interrupted_by_its_attribution_supports() -> None:
    text = '"Our firearms officers are the ones," he said, "who will run towards the danger."'
    v = check(text, DANGER)
    assert v.verdict is S
    assert v.evidence is not None and v.evidence.figure.startswith(
        'Our firearms officers are the ones," he said'
    )
    british = "'Our firearms officers are the ones', said Sir Bernard, 'who will run towards the danger.'"
    assert check(british, DANGER).verdict is S


def test_exact_support_wins_over_a_variant_elsewhere() -> None:
    text = f"{SPRINT}. Later: {DANGER}."
    v = check(text, DANGER)
    assert v.verdict is S


# --- CONTRADICTS -----------------------------------------------------------------------------------


def test_one_changed_word_contradicts_with_a_word_diff() -> None:
    v = check(f'"{DANGER}," he said.', SPRINT)
    assert v.verdict is C
    assert v.evidence is not None
    assert v.evidence.figure == DANGER
    assert v.evidence.value == pytest.approx(1 - 1 / 12, abs=1e-3)
    assert '"... ones who will [-run-] {+sprint+} towards the danger"' in v.reason
    assert v.evidence.reason == v.reason
    assert "([-source-] {+claim+})" in v.reason


def test_an_added_or_dropped_word_contradicts() -> None:
    added = check(DANGER, DANGER.replace("the danger", "the real danger"))
    assert added.verdict is C and "{+real+}" in added.reason
    dropped = check(DANGER, DANGER.replace("the ones", "ones"))
    assert dropped.verdict is C and "[-the-]" in dropped.reason


def test_a_changed_last_word_contradicts_when_the_source_goes_on() -> None:
    v = check(f"{DANGER}.", DANGER.replace("danger", "enemy"))
    assert v.verdict is C
    assert "[-danger-] {+enemy+}" in v.reason


def test_more_changes_than_allowed_are_silent() -> None:
    two = DANGER.replace(" run ", " sprint ").replace("danger", "enemy")
    assert max_changes(12) == 1
    v = check(f"{DANGER}.", two)
    assert v.verdict is _ and v.considered == []
    assert "within 1 word change" in v.reason


def test_two_changes_in_a_long_quote_contradict() -> None:
    long = f"{DANGER} and protect the public every single day"  # 20 words: 3 changes allowed
    claim = long.replace(" run ", " sprint ").replace("public", "people")
    v = check(long, claim)
    assert v.verdict is C
    assert "2 word changes" in v.reason
    assert "[-run-] {+sprint+}" in v.reason and "[-public-] {+people+}" in v.reason


def test_a_short_quote_is_never_a_misquote() -> None:
    assert check("We will run towards the danger.", "We will sprint towards danger").verdict is _
    assert check("we will run towards it", "we will walk towards it").verdict is _


def test_another_quote_by_the_same_speaker_stays_silent() -> None:
    seed = (Path(__file__).resolve().parent.parent / "seeds").glob("003_*.txt")
    text = next(seed).read_text(encoding="utf-8")
    v = check(text, "We have seen attacks in Spain and we will be ready for them", by="Hogan-Howe")
    assert v.verdict is _
    v = check(text, "Our police officers are the ones who will protect the public", by="Hogan-Howe")
    assert v.verdict is _


def test_words_missing_where_the_source_stops_quoting_are_a_shorter_quotation() -> None:
    text = f'"{DANGER}," he said.'
    v = check(text, f"{DANGER} every time")
    assert v.verdict is _
    assert [e.reason for e in v.considered] == ["quotes only part of it (12 of its 14 words), word for word"]
    v = check(f'He said: "{DANGER}."', f"Indeed {DANGER}")
    assert v.verdict is _ and v.considered


def test_a_variant_outside_quotation_marks_is_not_a_misquote() -> None:
    reported = f'Hogan-Howe said {DANGER.lower()}. "We are ready," he added.'
    v = check(reported, SPRINT)
    assert v.verdict is _
    assert "do not stand inside quotation marks" in v.reason
    # A source without any quotation marks (a transcript) can misquote.
    assert check(f"HOGAN-HOWE: {DANGER}.", SPRINT).verdict is C


def test_the_exact_words_anywhere_rule_out_a_contradiction() -> None:
    text = f'"{SPRINT}," said Khan. Elsewhere, Hogan-Howe said nothing. "{DANGER}," said Khan.'
    # The exact words are there (attributed to Khan): not a misquote by Hogan-Howe either.
    v = check(text, DANGER, by="Hogan-Howe")
    assert v.verdict is _


# --- by: -----------------------------------------------------------------------------------------


def test_by_a_name_in_the_same_sentence_or_nearby() -> None:
    same = f'"{DANGER}," said Sir Bernard Hogan-Howe.'
    assert check(same, DANGER, by="Hogan-Howe").verdict is S
    assert check(same, DANGER, by="hogan-howe").verdict is S
    assert check(same, DANGER, by="Bernard Hogan-Howe").verdict is S
    assert check(same, DANGER, by=["Cressida Dick", "Sir Bernard Hogan-Howe"]).verdict is S
    before = f"Sir Bernard Hogan-Howe spoke to the press. Crime has fallen. {DANGER}."
    v = check(before, DANGER, by="Hogan-Howe")
    assert v.verdict is S and v.reason == "quoted word for word; Hogan-Howe is named 2 sentences before"


def test_a_surname_is_enough_for_a_full_name() -> None:
    text = f'Mr Hogan-Howe spoke. "{DANGER}."'
    assert check(text, DANGER, by="Sir Bernard Hogan-Howe").verdict is S


def test_by_someone_else_does_not_count() -> None:
    text = f'"{DANGER}," said Sadiq Khan.'
    v = check(text, DANGER, by="Hogan-Howe")
    assert v.verdict is _
    assert v.considered and "attributed to someone else in the same sentence: 'said Sadiq Khan.'" in v.reason


def test_by_a_name_too_far_away_does_not_count() -> None:
    text = f"Hogan-Howe spoke. One. Two. Three. {DANGER}."
    v = check(text, DANGER, by="Hogan-Howe")
    assert v.verdict is _
    assert "Hogan-Howe is not named within 2 sentences of it" in v.reason


def test_a_pronoun_attribution_leads_back_to_the_named_speaker() -> None:
    text = f'"We are ready," said Hogan-Howe.\nHe spoke in London.\nAlso Read\nMore.\n"{DANGER}," he said.'
    v = check(text, DANGER, by="Hogan-Howe")
    assert v.verdict is S
    assert 'where "he said" leads back' in v.reason
    # ... but not past another speaker.
    text = f'"We are ready," said Hogan-Howe.\nSadiq Khan said it was calm.\n"{DANGER}," he said.'
    v = check(text, DANGER, by="Hogan-Howe")
    assert v.verdict is _ and "leads back to someone else" in v.reason


def test_a_name_inside_a_quotation_is_not_the_speaker() -> None:
    text = f'"Hogan-Howe is right: {DANGER.lower()}," she said.'
    assert check(text, DANGER, by="Hogan-Howe").verdict is _


def test_a_misquote_counts_only_with_its_speaker_near() -> None:
    text = f'"{DANGER}," said Sadiq Khan.'
    v = check(text, SPRINT, by="Hogan-Howe")
    assert v.verdict is _
    assert v.considered and "misquoted" in v.considered[0].reason and "but it is attributed" in v.reason
    assert check(text, SPRINT, by="Khan").verdict is C


# --- the model and the prefilter -----------------------------------------------------------------


def test_index_terms_are_groups_of_one_more_word_than_changes_allowed() -> None:
    def words_of(terms: list[list[str]] | None) -> list[list[str]]:
        return [[alt for alt in term if "'" not in alt] for term in terms or []]

    terms = QuoteClaim(id="q", quote=DANGER).index_terms()
    assert words_of(terms) == [["firearms", "officers"], ["danger", "ones"], ["run", "towards"]]
    short = QuoteClaim(id="q", quote="run towards the danger").index_terms()
    assert words_of(short) == [["danger"], ["run"], ["towards"]]  # stop words ("towards") come last
    # A source word may carry an apostrophe the quote lacks ("who's" matches "whos").
    assert short is not None and short[1] == ["run", "r'un", "ru'n"]
    assert QuoteClaim(id="q", quote="2,800 5.3").index_terms() is None


def test_a_quote_without_claim_gets_its_statement_and_id(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        f'claims:\n  - quote: "{DANGER}"\n    by: Hogan-Howe\n'
        f"  - claim: Hogan-Howe on firearms officers\n    quote: {DANGER}\n",
        encoding="utf-8",
    )
    contents = load_claim_file(path, kinds=PM.claim_kinds(), detect_kind=PM.detect_kind)
    first, second = contents.claims
    assert isinstance(first, QuoteClaim) and first.kind == "quote"
    assert first.claim == f'Hogan-Howe: "{DANGER}"'
    assert first.id == "hogan-howe-our-firearms-officers-are-the-ones-who-will-run-towards-the-danger"
    assert second.id == "hogan-howe-on-firearms-officers"
    assert first.speakers == ["Hogan-Howe"] and second.speakers == []  # type: ignore[attr-defined]


def test_kind_is_detected_from_quote() -> None:
    assert PM.detect_kind({"quote": "x"}) == "quote"
    assert PM.claim_kinds()["quote"] is QuoteClaim


@pytest.mark.parametrize(
    ("entry", "message", "where"),
    [
        ('quote: ""', "`quote:` is empty", (3, 12)),
        ('quote: " ... "', "`quote:` has no words to look for: `...`", (3, 12)),
        ("quote: 42", "`quote:` should be text, not a number", (3, 12)),
        ("quote: [a, b]", "`quote:` should be text, not a list", (3, 12)),
        ("quote: abc\n    by: 7", "`by:` should be a name or a list of names, not a number", (4, 9)),
        ("quote: abc\n    by: []", "`by:` lists no names", (4, 9)),
    ],
)
def test_bad_fields_are_located_with_a_hint(
    tmp_path: Path, entry: str, message: str, where: tuple[int, int]
) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(f"claims:\n  - id: bad\n    {entry}\n  - id: good\n    quote: abc\n", encoding="utf-8")
    contents = load_claim_file(path, kinds=PM.claim_kinds(), detect_kind=PM.detect_kind)
    (error,) = contents.errors
    assert error.message == message
    assert error.location is not None and (error.location.line, error.location.col) == where
    assert error.hint and ("quote:" in error.hint or "by:" in error.hint)
    assert [c.id for c in contents.claims] == ["good"]


# --- properties ----------------------------------------------------------------------------------

VOCAB = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)
PUNCTUATION = [" ", ", ", " - ", " — ", "; ", ": ", "\n", "  ", "' "]
QUOTE_MARKS = [" “", "” ", ' "', '" ']


@st.composite
def passages(
    draw: st.DrawFn, min_words: int = 4, unique: bool = False, quote_marks: bool = True
) -> tuple[str, list[str]]:
    """A source text with arbitrary punctuation between its words, and its words."""
    ws = draw(st.lists(VOCAB, min_size=min_words, max_size=30, unique=unique))
    cased = [w.capitalize() if draw(st.booleans()) else w for w in ws]
    separators = st.sampled_from(PUNCTUATION + QUOTE_MARKS if quote_marks else PUNCTUATION)
    text = cased[0]
    for w in cased[1:]:
        text += draw(separators) + w
    return text, cased


def _holds(index: SourceIndex, terms: list[list[str]]) -> bool:
    held = set(index.stems.split())
    return all(
        any({stem(w) for w in word_forms([t for _, _, t in words(alt)])} <= held for alt in term)
        for term in terms
    )


@given(passages(), st.data())
def test_any_run_of_four_or_more_words_of_a_passage_is_supported(
    passage: tuple[str, list[str]], data: st.DataObject
) -> None:
    text, ws = passage
    start = data.draw(st.integers(0, len(ws) - 4))
    end = data.draw(st.integers(start + 4, len(ws)))
    quote = " ".join(ws[start:end])
    claim = QuoteClaim(id="q", quote=quote)
    index = index_of(text)
    assert PM.evaluate_source(claim, index, SETTINGS).verdict is S
    terms = claim.index_terms()
    assert terms is None or _holds(index, terms)


@given(passages(min_words=8, unique=True, quote_marks=False), st.data())
def test_one_changed_word_never_supports_and_inside_the_passage_contradicts(
    passage: tuple[str, list[str]], data: st.DataObject
) -> None:
    text, ws = passage
    start = data.draw(st.integers(0, len(ws) - 8))
    end = data.draw(st.integers(start + 8, len(ws)))
    quoted = ws[start:end]
    at = data.draw(st.integers(0, len(quoted) - 1))
    new = data.draw(VOCAB)
    assume(new.lower() not in {w.lower() for w in ws})
    quoted[at] = new
    claim = QuoteClaim(id="q", quote=" ".join(quoted))
    index = index_of(text)
    verdict = PM.evaluate_source(claim, index, SETTINGS).verdict
    assert verdict is not S
    if 0 < at < len(quoted) - 1:
        assert verdict is C
    terms = claim.index_terms()
    # The corpus prefilter never hides a source the kind would decide.
    assert verdict is _ or terms is None or _holds(index, terms)


@given(passages(min_words=6), passages(min_words=6))
def test_a_quote_mostly_absent_from_the_text_is_never_a_contradiction(
    source: tuple[str, list[str]], other: tuple[str, list[str]]
) -> None:
    vocabulary = {w.lower() for w in source[1]}
    assume(sum(w.lower() in vocabulary for w in other[1]) < len(other[1]) // 2)
    assert check(source[0], " ".join(other[1])).verdict is not C


# --- acceptance on the real seeds -----------------------------------------------------------------

SEED_CLAIMS = f"""\
sources: [../seeds/*.txt]
claims:
  - id: danger
    quote: "{DANGER}"
  - id: danger-misquoted
    quote: "{SPRINT}"
  - id: danger-by
    quote: "{DANGER}"
    by: Hogan-Howe
    across: at least 2
  - id: danger-by-khan
    quote: "{DANGER}"
    by: [Sadiq Khan]
"""


def verdicts(report: claimcheck.Report, claim_id: str) -> dict[str, Verdict]:
    (result,) = [c for c in report.claims if c.id == claim_id]
    return {Path(v.path).name[:3]: v.verdict for v in result.sources}


@pytest.fixture
def report(seeded: pytest.Pytester) -> claimcheck.Report:
    seeded.mkdir("claims")
    (seeded.path / "claims" / "quotes.yaml").write_text(SEED_CLAIMS, encoding="utf-8")
    return claimcheck.verify(seeded.path / "claims")


def test_seeds_quote_supported_by_002_and_003_only(report: claimcheck.Report) -> None:
    assert verdicts(report, "danger") == dict(zip(SEED_IDS, [_, _, S, S, _]))
    (result,) = [c for c in report.claims if c.id == "danger"]
    assert result.outcome is Outcome.PASSED
    # 002 has curly quotes in the file, 003 straight ones.
    raw = {p.name[:3]: p.read_text(encoding="utf-8") for p in (Path(report.sources[0].path).parent).glob("*")}
    assert "“The reality" in raw["002"] and '"The reality' in raw["003"]
    where = {Path(v.path).name[:3]: (v.evidence.line, v.evidence.col) for v in result.sources if v.evidence}
    assert where == {"002": (11, 156), "003": (5, 156)}


def test_seeds_misquote_contradicts_with_the_diff(report: claimcheck.Report) -> None:
    assert verdicts(report, "danger-misquoted") == dict(zip(SEED_IDS, [_, _, C, C, _]))
    (result,) = [c for c in report.claims if c.id == "danger-misquoted"]
    assert result.outcome is Outcome.FAILED
    for v in result.sources:
        if v.evidence is not None:
            assert v.evidence.figure == DANGER
            assert "[-run-] {+sprint+}" in v.evidence.reason


def test_seeds_by_hogan_howe_supports_and_by_khan_does_not(report: claimcheck.Report) -> None:
    assert verdicts(report, "danger-by") == dict(zip(SEED_IDS, [_, _, S, S, _]))
    assert verdicts(report, "danger-by-khan") == dict(zip(SEED_IDS, [_, _, _, _, _]))
    outcomes = {c.id: c.outcome for c in report.claims}
    assert outcomes["danger-by"] is Outcome.PASSED


def test_quote_claims_through_pytest_with_bad_entries_failing_alone(seeded: pytest.Pytester) -> None:
    seeded.mkdir("claims")
    (seeded.path / "claims" / "quotes.yaml").write_text(
        SEED_CLAIMS + '  - id: empty\n    quote: ""\n  - id: typed\n    quote: 12\n    by: Hogan-Howe\n',
        encoding="utf-8",
    )
    result = seeded.runpytest("claims/", "--claimcheck-json=out.json")
    result.assert_outcomes(passed=2, failed=4)
    result.stdout.fnmatch_lines(
        [
            "*claims/quotes.yaml:15:12: `quote:` is empty",
            "  hint: write the words as they were said*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*claims/quotes.yaml:17:12: `quote:` should be text, not a number",
            "  hint: write the words as they were said*",
        ]
    )
    result.stdout.fnmatch_lines(["*002*CONTRADICTS*Our firearms officers are the ones who will run*11:156*"])
    data = json.loads((seeded.path / "out.json").read_text())
    outcomes = {c["id"]: c["outcome"] for c in data["claims"]}
    assert outcomes == {
        "danger": "passed",
        "danger-misquoted": "failed",
        "danger-by": "passed",
        "danger-by-khan": "failed",  # every source silent
        "empty": "error",
        "typed": "error",
    }
    misquoted = next(c for c in data["claims"] if c["id"] == "danger-misquoted")
    reasons = [s["evidence"]["reason"] for s in misquoted["sources"] if s["evidence"]]
    assert len(reasons) == 2 and all("[-run-] {+sprint+}" in r for r in reasons)


def test_the_shipped_quote_claim_passes() -> None:
    report = claimcheck.verify(Path(__file__).resolve().parent.parent / "claims")
    quotes = [c for c in report.claims if c.kind == "quote"]
    assert quotes and all(c.outcome is Outcome.PASSED for c in quotes)
    assert {Path(v.path).name[:3]: v.verdict for v in quotes[0].sources} == dict(
        zip(SEED_IDS, [_, _, S, S, _])
    )

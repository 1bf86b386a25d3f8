"""The scorer's arithmetic on small hand-made cases, and `known:` through the plugin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.models import ClaimResult, Evidence, Outcome, SourceVerdict, Verdict
from claimcheck.verification.scoring import evaluate_results, same_sentence

S, C, _ = Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.SILENT


def result(*pairs: tuple[Verdict, Verdict | None]) -> ClaimResult:
    """A claim whose sources have (computed, known) verdicts."""
    return ClaimResult(
        id="c",
        file="f.yaml",
        statement="s",
        kind="figure",
        across="all",
        outcome=Outcome.PASSED,
        sources=[
            SourceVerdict(source_id=f"s{i}", path=f"s{i}", verdict=computed, known=known, reason="r")
            for i, (computed, known) in enumerate(pairs)
        ],
    )


def test_perfect_agreement() -> None:
    ev = evaluate_results([result((S, S), (C, C), (_, _))])
    assert ev.labels == 3 and ev.accuracy == 1.0 and ev.macro_f1 == 1.0
    assert ev.false_contradicts_rate == 0.0 and ev.disagreements == []


def test_hand_made_confusion_matrix() -> None:
    # known S: computed S, S, C   known C: computed C, _   known _: computed _, _, C, S
    ev = evaluate_results(
        [
            result((S, S), (S, S), (C, S)),
            result((C, C), (_, C)),
            result((_, _), (_, _), (C, _), (S, _)),
        ]
    )
    assert ev.labels == 9
    assert ev.confusion["SUPPORTS"] == {"SUPPORTS": 2, "CONTRADICTS": 1, "SILENT": 0}
    assert ev.confusion["CONTRADICTS"] == {"SUPPORTS": 0, "CONTRADICTS": 1, "SILENT": 1}
    assert ev.confusion["SILENT"] == {"SUPPORTS": 1, "CONTRADICTS": 1, "SILENT": 2}
    by = {s.verdict: s for s in ev.scores}
    # SUPPORTS: tp 2, predicted 3, actual 3
    assert by[S].precision == pytest.approx(2 / 3) and by[S].recall == pytest.approx(2 / 3)
    # CONTRADICTS: tp 1, predicted 3, actual 2 -> p 1/3, r 1/2, f1 0.4
    assert by[C].precision == pytest.approx(1 / 3) and by[C].recall == pytest.approx(1 / 2)
    assert by[C].f1 == pytest.approx(0.4)
    # SILENT: tp 2, predicted 3, actual 4 -> p 2/3, r 1/2, f1 4/7
    assert by[_].f1 == pytest.approx(4 / 7)
    assert ev.macro_f1 == pytest.approx((2 / 3 + 0.4 + 4 / 7) / 3)
    assert ev.accuracy == pytest.approx(5 / 9)
    # false CONTRADICTS: known S->C (1) + known _->C (1) over 7 labels that are not C
    assert ev.false_contradicts_rate == pytest.approx(2 / 7)
    assert len(ev.disagreements) == 4


def test_unlabelled_sources_are_not_scored() -> None:
    ev = evaluate_results([result((S, None), (C, S))])
    assert ev.labels == 1 and ev.accuracy == 0.0 and ev.false_contradicts_rate == 1.0


def test_strict_score_needs_the_labelled_sentence() -> None:
    def ev_with(sentence: str) -> float:
        evidence = Evidence(
            source_id="s", path="s", line=1, col=1, sentence=sentence, figure="5", value=5, reason="r"
        )
        verdict = SourceVerdict(
            source_id="s",
            path="s",
            verdict=S,
            known=S,
            evidence=evidence,
            known_why="The depot holds 5 widgets.",
        )
        r = ClaimResult(
            id="c",
            file="f",
            statement="s",
            kind="figure",
            across="all",
            outcome=Outcome.PASSED,
            sources=[verdict],
        )
        return evaluate_results([r]).strict_accuracy

    assert ev_with("The depot holds 5 widgets.") == 1.0
    assert ev_with("Another sentence with 5 widgets.") == 0.0


def test_same_sentence_tolerates_spacing_and_quotes() -> None:
    assert same_sentence("He said: \u201cno\u201d  today.", 'He said: "no" today.')
    assert not same_sentence("", "x")


_TOTAL = "  - id: total\n    about: [Met, armed]\n    expect: '== 2800'\n"


def _write_claims(seeded: pytest.Pytester, claims: str) -> None:
    """``claims/k.yaml`` in a pytester folder with the seeds: line 3 starts the first claim."""
    seeded.mkdir("claims")
    (seeded.path / "claims" / "k.yaml").write_text(
        f"sources: [../seeds/*.txt]\nclaims:\n{claims}", encoding="utf-8"
    )


def test_eval_option_prints_scores_and_gates(seeded: pytest.Pytester) -> None:
    known = "    known: {000: supports, 001: supports, 002: silent, 003: supports, 004: contradicts}\n"
    _write_claims(seeded, _TOTAL + known)
    result_ = seeded.runpytest("claims/", "--claimcheck-eval", "--claimcheck-json=r.json")
    result_.assert_outcomes(passed=1)
    result_.stdout.fnmatch_lines(
        [
            "*claimcheck: verdicts against known labels*",
            "labels: 5",
            "macro-F1 *accuracy 80.0%*false-CONTRADICTS 0.0%*",
            "*total @ seeds/004*known CONTRADICTS, got SILENT*",
        ]
    )
    assert result_.ret == 0
    data = json.loads((seeded.path / "r.json").read_text())
    assert data["evaluation"]["labels"] == 5
    gated = seeded.runpytest("claims/", "--claimcheck-eval-min-f1=0.99")
    gated.stdout.fnmatch_lines(["*macro-F1 * is below --claimcheck-eval-min-f1=0.99*"])
    assert gated.ret == pytest.ExitCode.TESTS_FAILED


def test_known_naming_no_source_is_an_error(seeded: pytest.Pytester) -> None:
    _write_claims(seeded, _TOTAL + "    known: {999: supports}\n")
    out = seeded.runpytest("claims/")
    out.assert_outcomes(failed=1)
    out.stdout.fnmatch_lines(["*k.yaml:3:*`known: 999` matches none of this claim's sources*"])


def _seed_claims(tmp_path: Path, claims: str) -> Path:
    """A claim file in ``tmp_path`` whose sources are the repository's seeds."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    claim_file = tmp_path / "k.yaml"
    claim_file.write_text(f"sources: ['{seeds}/*.txt']\nclaims:\n{claims}", encoding="utf-8")
    return claim_file


def test_cli_eval_scores_known_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.cli import main

    known = "    known: {000: supports, 002: silent, 004: contradicts}\n"
    claim_file = _seed_claims(tmp_path, _TOTAL + known)
    assert main(["eval", str(claim_file)]) == 0
    out = capsys.readouterr().out
    assert "labels: 3" in out and "known CONTRADICTS, got SILENT" in out
    assert main(["eval", str(claim_file), "--min-f1", "0.99", "-q"]) == 1


def test_eval_without_labels_says_so_instead_of_scoring_zeros(seeded: pytest.Pytester) -> None:
    _write_claims(seeded, _TOTAL)
    shown = seeded.runpytest("claims/", "--claimcheck-eval")
    shown.stdout.fnmatch_lines(
        ["*verdicts against known labels*", "no `known:` labels in the selected claims*"]
    )
    shown.stdout.no_fnmatch_line("macro-F1*")
    assert shown.ret == 0  # measuring nothing fails nothing by default
    # A gate on a score that cannot be computed fails, and says why, rather than "0.000 < 0.5".
    gated = seeded.runpytest("claims/", "--claimcheck-eval-min-f1=0.5")
    gated.stdout.fnmatch_lines(["*--claimcheck-eval-min-f1=0.5, but no `known:` labels*"])
    gated.stdout.no_fnmatch_line("*is below*")
    assert gated.ret == pytest.ExitCode.TESTS_FAILED


def test_cli_eval_without_labels_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.cli import main

    claim_file = _seed_claims(tmp_path, _TOTAL)
    assert main(["eval", str(claim_file)]) == 5
    captured = capsys.readouterr()
    assert "no `known:` labels" in captured.err and "macro-F1" not in captured.out


def test_cli_eval_reports_claims_it_could_not_evaluate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimcheck.cli import main

    claim_file = _seed_claims(
        tmp_path,
        _TOTAL + "    known: {000: supports}\n"
        "  - id: broken\n    about: [Met, armed]\n    expect: '=== 2800'\n",
    )
    assert main(["eval", str(claim_file)]) == 1  # scored, but one claim is left out
    captured = capsys.readouterr()
    assert "labels: 1" in captured.out
    assert "k.yaml:9:" in captured.err and "=== 2800" in captured.err
    assert "1 claim(s) could not be evaluated and are not scored" in captured.err
    # Nothing to score and nothing readable: still the error first, not only "no labels".
    assert main(["eval", str(tmp_path / "missing.yaml")]) == 1
    captured = capsys.readouterr()
    assert "cannot read the claim file" in captured.err

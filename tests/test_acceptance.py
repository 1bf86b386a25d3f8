"""Acceptance on the real seeds: the verdicts issue #3 asks for, through pytest and the library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimcheck
from claimcheck.models import Outcome, Verdict

S, C, _ = Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.SILENT
SEED_IDS = ["000", "001", "002", "003", "004"]

CLAIMS = """\
sources: [../seeds/*.txt]
claims:
  - Met armed total after uplift == 2800 across all sources
  - id: met-uplift
    about: [[Met, Metropolitan], [armed, firearms]]
    role: change
    expect: "== 600"
  - id: paris-killed
    about: [Paris, [killed, lives, dead]]
    expect: "== 130"
  - id: total-3000
    about: [Met, armed]
    expect: "== 3000"
  - Met armed total after uplift == 2800 across every source
"""


def verdicts(report: claimcheck.Report, claim_id: str) -> dict[str, Verdict]:
    (result,) = [c for c in report.claims if c.id == claim_id]
    return {Path(v.path).name[:3]: v.verdict for v in result.sources}


@pytest.fixture
def report(seeded: pytest.Pytester) -> claimcheck.Report:
    seeded.mkdir("claims")
    (seeded.path / "claims" / "seeds.yaml").write_text(CLAIMS, encoding="utf-8")
    return claimcheck.verify(seeded.path / "claims")


def test_armed_total_2800_passes_with_hedged_support(report: claimcheck.Report) -> None:
    claim_id = "met-armed-total-after-uplift-2800-across-all-sources"
    assert verdicts(report, claim_id) == dict(zip(SEED_IDS, [S, S, _, S, _]))
    (result,) = [c for c in report.claims if c.id == claim_id]
    assert result.outcome is Outcome.PASSED
    hedged = {Path(v.path).name[:3]: v.evidence for v in result.sources if v.evidence}
    # 000 and 001 support through the hedge "around"; 003 states it exactly.
    assert hedged["000"].figure == "around 2,800" and hedged["000"].hedge is not None
    assert hedged["001"].figure == "around 2,800" and hedged["001"].hedge is not None
    assert hedged["003"].figure == "2,800" and hedged["003"].hedge is None
    assert all(e.value == 2800 for e in hedged.values())


def test_uplift_of_600_supported_by_000_to_003_and_004_silent(report: claimcheck.Report) -> None:
    assert verdicts(report, "met-uplift") == dict(zip(SEED_IDS, [S, S, S, S, _]))


def test_paris_attacks_killed_130(report: claimcheck.Report) -> None:
    assert verdicts(report, "paris-killed") == dict(zip(SEED_IDS, [S, S, _, _, _]))


def test_total_claimed_as_3000_fails_with_three_cited_contradictions(report: claimcheck.Report) -> None:
    assert verdicts(report, "total-3000") == dict(zip(SEED_IDS, [C, C, _, C, _]))
    (result,) = [c for c in report.claims if c.id == "total-3000"]
    assert result.outcome is Outcome.FAILED
    lines = {Path(v.path).name[:3]: v.evidence.line for v in result.sources if v.evidence}
    assert lines == {"000": 3, "001": 6, "003": 13}


def test_every_quantifier_fails_naming_the_silent_sources(report: claimcheck.Report) -> None:
    (result,) = [c for c in report.claims if c.id.endswith("across-every-source")]
    assert result.outcome is Outcome.FAILED
    assert "002" in result.message and "004" in result.message
    assert "001" not in result.message.split("not supported by")[1].split("(")[0]


def test_plugin_gives_same_outcomes_and_cites_lines(seeded: pytest.Pytester) -> None:
    seeded.mkdir("claims")
    (seeded.path / "claims" / "seeds.yaml").write_text(CLAIMS, encoding="utf-8")
    result = seeded.runpytest("claims/", "--claimcheck-json=out.json")
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ claim: total-3000 _*",
            "*000*CONTRADICTS*around 2,800*2800*3:117*taking the total to around 2,800*",
            "*003*CONTRADICTS*2,800*13:127*",
            "*claimcheck: claims x sources*",
            "met-armed-total-after-uplift-2800-across-all-sources*passed*S*S*.*S*.*",
            "legend: S supports, C contradicts, . silent*",
        ]
    )
    data = json.loads((seeded.path / "out.json").read_text())
    outcomes = {c["id"]: c["outcome"] for c in data["claims"]}
    assert outcomes["total-3000"] == "failed"
    assert outcomes["met-uplift"] == "passed"


def test_shipped_demo_claims_are_green(pytester: pytest.Pytester) -> None:
    """`make demo`: the repository's own claims/ pass against its seeds/."""
    repo = Path(__file__).resolve().parent.parent
    report = claimcheck.verify(repo / "claims")
    assert len(report.claims) >= 8
    bad = [
        (c.id, c.outcome, c.message)
        for c in report.claims
        if c.outcome not in (Outcome.PASSED, Outcome.XFAILED)
    ]
    assert bad == []
    units = {v.evidence.unit for c in report.claims for v in c.sources if v.evidence}
    roles = {v.evidence.role for c in report.claims for v in c.sources if v.evidence}
    assert "%" in units and None in units  # several kinds of figure
    assert len(roles) >= 3


def test_large_selections_count_unmentioned_sources_instead_of_listing_them(seeded: pytest.Pytester) -> None:
    from claimcheck.config import Settings

    seeded.mkdir("claims")
    (seeded.path / "claims" / "seeds.yaml").write_text(CLAIMS, encoding="utf-8")
    full = claimcheck.verify(seeded.path / "claims")
    compact = claimcheck.verify(
        seeded.path / "claims", settings=Settings(root=seeded.path, list_silent_up_to=0)
    )
    for a, b in zip(full.claims, compact.claims):
        assert (a.id, a.outcome) == (b.id, b.outcome)
        assert len(b.sources) + b.unmentioned == len(a.sources) == 5
        # Every source that is not listed was SILENT in the full report.
        listed = {v.source_id for v in b.sources}
        assert all(v.verdict is _ for v in a.sources if v.source_id not in listed)
    paris = next(c for c in compact.claims if c.id == "paris-killed")
    assert paris.unmentioned >= 1

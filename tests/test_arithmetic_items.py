"""The arithmetic[<source>] items: on by default, one per source, switchable, expected failures."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck.models import Outcome

CLAIMS = "claims:\n  - Met armed total after uplift == 2800\n"
SEED4 = "arithmetic[[]seeds/004_d0c416e1bfdd907e.txt[]]"


@pytest.fixture
def project(seeded: pytest.Pytester) -> pytest.Pytester:
    # The `seeded` fixture turns arithmetic off; these tests are about it, so it is back on.
    seeded.makefile(".toml", pyproject='[tool.claimcheck]\nsources = ["seeds/*.txt"]\n')
    seeded.makefile(".yaml", **{"claims/c": CLAIMS})
    return seeded


def test_one_item_per_source_and_only_seed_004_fails(project: pytest.Pytester) -> None:
    out = project.runpytest("claims/", "-rf")
    out.assert_outcomes(passed=5, failed=1)
    out.stdout.fnmatch_lines(
        [
            f"*_ claimcheck: {SEED4} _*",
            "*1 of 2 arithmetic check(s) in seeds/004_d0c416e1bfdd907e.txt do not add up",
            "*line 12:124*34 per cent rise*",
            "*recomputed: 108 -> 164 is +51.9%*",
            "*likely cause: 34% is the rise measured against 164*",
            "*1 other check(s) add up",
        ]
    )


def test_switched_off_by_option_or_setting(project: pytest.Pytester) -> None:
    project.runpytest("claims/", "--claimcheck-no-arithmetic").assert_outcomes(passed=1)
    project.makefile(".toml", pyproject='[tool.claimcheck]\nsources = ["seeds/*.txt"]\narithmetic = false\n')
    project.runpytest("claims/").assert_outcomes(passed=1)


def test_each_source_is_checked_once_across_claim_files(project: pytest.Pytester) -> None:
    project.makefile(".yaml", **{"claims/d": CLAIMS})
    out = project.runpytest("claims/", "--collect-only", "-q")
    assert sum("arithmetic[" in line for line in out.outlines) == 5


def test_a_known_error_is_an_expected_failure(project: pytest.Pytester) -> None:
    project.makefile(
        ".yaml",
        **{
            "claims/c": "arithmetic:\n  xfail:\n    004: the rise is measured against the new figure\n"
            + CLAIMS
        },
    )
    project.runpytest("claims/").assert_outcomes(passed=5, xfailed=1)
    # naming a source the file does not select is a problem of its own
    project.makefile(".yaml", **{"claims/c": "arithmetic:\n  xfail:\n    999: nope\n" + CLAIMS})
    out = project.runpytest("claims/")
    out.assert_outcomes(passed=5, failed=2)
    out.stdout.fnmatch_lines(["*claims/c.yaml:3:5: `arithmetic: xfail: 999` names 0 sources of the file*"])


def test_a_bad_arithmetic_section_is_a_file_error(project: pytest.Pytester) -> None:
    project.makefile(".yaml", **{"claims/c": "arithmetic: [1]\n" + CLAIMS})
    out = project.runpytest("claims/")
    out.assert_outcomes(failed=1)
    out.stdout.fnmatch_lines(["*claims/c.yaml:1:13: `arithmetic:` takes one key, `xfail:`*"])


def test_verify_reports_the_same_items(project: pytest.Pytester) -> None:
    report = claimcheck.verify(project.path / "claims")
    arithmetic = {c.id: c.outcome for c in report.claims if c.kind == "arithmetic"}
    assert len(arithmetic) == 5
    assert arithmetic["arithmetic[seeds/004_d0c416e1bfdd907e.txt]"] is Outcome.FAILED
    checks = next(c for c in report.claims if c.id.endswith("004_d0c416e1bfdd907e.txt]")).checks
    assert [c.consistent for c in checks].count(False) == 1

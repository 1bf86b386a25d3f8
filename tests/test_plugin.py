"""The pytest plugin, driven for real with pytester: collection, node ids and pytest's options,
the verdict display, bad input, and agreement with ``claimcheck.verify``.

Every test writes its own claim files (line numbers below count from the first line of the
text given to ``makefile``, which strips the leading newline) and checks them against the
copy of seeds/ that the ``seeded`` fixture provides. Tests marked ``xfail(strict=True)``
pin down a bug in src/ that is still open; each reason says what is wrong.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck

# --- claim entries on the seeds (each ``  - id:`` entry is 5 or 6 lines) -----------------------

UPLIFT = """\
  - id: uplift
    claim: The Met is adding 600 armed officers
    about: [[Met, Metropolitan], [armed, firearms]]
    role: change
    expect: "== 600"
    tags: [met]
"""  # S S S S . ; passes

PARIS = """\
  - id: paris-toll
    claim: The Paris attacks killed 130 people
    about: [Paris, [killed, dead, died]]
    expect: "== 130"
"""  # S . . . . ; passes

TOTAL_3000 = """\
  - id: armed-3000
    claim: The Met will have 3,000 armed officers after the uplift
    about: [Met, armed]
    expect: "== 3000"
    tags: [met]
"""  # C C . C . ; fails: the seeds say (around) 2,800

TOTAL_2800 = """\
  - id: armed-2800
    claim: After the uplift the Met will have about 2,800 armed officers
    about: [Met, armed]
    expect: "== 2800"
"""  # S S . S . ; passes

ZEBRAS = """\
  - id: zebras
    claim: London zoo keeps 12 zebras
    about: [zebras]
    expect: "== 12"
"""  # . . . . . ; fails: no source mentions it

ONE_LINER = "  - Met armed total after uplift == 2800\n"
ONE_LINER_ID = "met-armed-total-after-uplift-2800"

SEED_LEGEND = [
    f"  {n} = seeds/{f}"
    for n, f in [
        ("000", "000_13a9b1029d5fba0e.txt"),
        ("001", "001_628868c8c5389bd3.txt"),
        ("002", "002_bb2636a71bc6a4f9.txt"),
        ("003", "003_d64b466f13a34b0b.txt"),
        ("004", "004_d0c416e1bfdd907e.txt"),
    ]
]


def claims(*entries: str, sources: str | None = None) -> str:
    """A claim file: optional ``sources:`` line, then ``claims:`` and the entries."""
    head = f"sources: {sources}\n" if sources is not None else ""
    return head + "claims:\n" + "".join(entries)


def write(pytester: pytest.Pytester, relpath: str, text: str | bytes) -> Path:
    """Write a file exactly as given (no dedent or strip), making its folders."""
    path = pytester.path / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def outcomes(run: pytest.RunResult) -> dict[str, str]:
    """Each test's outcome by node id, from an in-process run's reports."""
    found: dict[str, str] = {}
    for rep in run.reprec.getreports("pytest_runtest_logreport"):  # type: ignore[attr-defined]
        if rep.when == "call" or (rep.when == "setup" and not rep.passed):
            if hasattr(rep, "wasxfail"):
                found[rep.nodeid] = "xfailed" if rep.skipped else "xpassed"
            else:
                found[rep.nodeid] = rep.outcome
    return found


def json_report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{c['file']}::{c['id']}": c for c in report["claims"]}


# --- 1. collection -----------------------------------------------------------------------------


def test_collects_claims_dirs_and_claims_suffix_and_nothing_else(seeded: pytest.Pytester) -> None:
    seeded.makefile(".yaml", **{"claims/met": claims(UPLIFT)})
    seeded.makefile(".yml", **{"reports/claims/2016/paris": claims(PARIS)})
    seeded.makefile(".claims.yaml", **{"docs/total": claims(ONE_LINER)})
    # YAML that is no claim file, none of it valid: never opened.
    broken = "on: [push\n  jobs: : :\n\t- nope\n"
    seeded.makefile(
        ".yaml",
        **{".github/workflows/ci": broken, "config": broken, "deploy/ci": broken, "claimsdir/x": broken},
    )
    write(seeded, "notclaims/facts.claim.yaml", broken)

    result = seeded.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(
        [
            "claims/met.yaml::uplift",
            f"docs/total.claims.yaml::{ONE_LINER_ID}",
            "reports/claims/2016/paris.yml::paris-toll",
            "3 tests collected*",
        ]
    )
    result.stdout.no_fnmatch_line("*ci.yaml*")
    result.stdout.no_fnmatch_line("*config.yaml*")
    result.stdout.no_fnmatch_line("*claimsdir*")
    result.stdout.no_fnmatch_line("*facts.claim.yaml*")
    assert result.ret == pytest.ExitCode.OK

    ran = seeded.runpytest()
    ran.assert_outcomes(passed=3)


def test_claim_files_setting_replaces_the_patterns(seeded: pytest.Pytester) -> None:
    seeded.makefile(
        ".toml",
        pyproject="""
        [tool.claimcheck]
        sources = ["seeds/*.txt"]
        claim_files = ["facts/**/*.yml"]
        arithmetic = false
    """,
    )
    seeded.makefile(".yml", **{"facts/police/met": claims(UPLIFT)})
    # Would be claim files by default; now they are plain YAML, invalid and untouched.
    seeded.makefile(".yaml", **{"claims/old": "claims: [unclosed\n"})
    seeded.makefile(".claims.yaml", **{"docs/x": "{"})

    result = seeded.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(["facts/police/met.yml::uplift", "1 test collected*"])
    result.stdout.no_fnmatch_line("*old.yaml*")
    result.stdout.no_fnmatch_line("*x.claims.yaml*")
    seeded.runpytest().assert_outcomes(passed=1)


def test_claim_file_without_claims_list_fails_as_file_item(seeded: pytest.Pytester) -> None:
    seeded.makefile(
        ".yaml",
        **{
            "claims/nolist": "# only sources, no claims\nsources: [../seeds/*.txt]\n",
            "claims/good": claims(PARIS),
        },
    )
    result = seeded.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    assert outcomes(result) == {
        "claims/good.yaml::paris-toll": "passed",
        "claims/nolist.yaml::[file]": "failed",
    }
    result.stdout.fnmatch_lines(
        [
            "*claims/nolist.yaml:2:1: the claim file has no `claims:` list",
            "  hint: *add `claims:`*",
        ]
    )
    result.stdout.fnmatch_lines(["FAILED claims/nolist.yaml::[[]file]*"])


# --- 2. node ids and pytest's options ---------------------------------------------------------


@pytest.fixture
def met(seeded: pytest.Pytester) -> pytest.Pytester:
    """claims/met.yaml: the one-liner (passes), uplift (passes, tag met), paris-toll (passes),
    armed-3000 (fails, tag met)."""
    seeded.makefile(".yaml", **{"claims/met": claims(ONE_LINER, UPLIFT, PARIS, TOTAL_3000)})
    return seeded


def test_collect_only_lists_claim_node_ids(met: pytest.Pytester) -> None:
    result = met.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(
        [
            f"claims/met.yaml::{ONE_LINER_ID}",
            "claims/met.yaml::uplift",
            "claims/met.yaml::paris-toll",
            "claims/met.yaml::armed-3000",
            "4 tests collected*",
        ]
    )


def test_node_id_selects_one_claim(met: pytest.Pytester) -> None:
    result = met.runpytest("claims/met.yaml::paris-toll")
    result.assert_outcomes(passed=1)
    assert list(outcomes(result)) == ["claims/met.yaml::paris-toll"]


def test_k_selects_by_claim_id(met: pytest.Pytester) -> None:
    result = met.runpytest("-k", "uplift")
    result.assert_outcomes(passed=2, deselected=2)  # `uplift` and the one-liner's slug
    assert sorted(outcomes(result)) == [f"claims/met.yaml::{ONE_LINER_ID}", "claims/met.yaml::uplift"]


@pytest.mark.parametrize("strict", [[], ["--strict-markers"]], ids=["lax", "strict-markers"])
def test_m_selects_by_tag(met: pytest.Pytester, strict: list[str]) -> None:
    result = met.runpytest("-m", "met", *strict)
    result.assert_outcomes(passed=1, failed=1, deselected=2)
    assert outcomes(result) == {"claims/met.yaml::uplift": "passed", "claims/met.yaml::armed-3000": "failed"}
    inverse = met.runpytest("-m", "not met", *strict)
    inverse.assert_outcomes(passed=2, deselected=2)


def test_last_failed_reruns_only_the_failing_claim(met: pytest.Pytester) -> None:
    met.runpytest().assert_outcomes(passed=3, failed=1)
    rerun = met.runpytest("--lf")
    rerun.assert_outcomes(failed=1)
    rerun.stdout.fnmatch_lines(["run-last-failure: rerun previous 1 failure*"])
    assert outcomes(rerun) == {"claims/met.yaml::armed-3000": "failed"}


def test_xdist_gives_same_outcomes_and_identical_json(met: pytest.Pytester) -> None:
    met.makefile(".yaml", **{"claims/more": claims(ZEBRAS, UPLIFT)})  # `uplift` again
    plain = met.runpytest("--claimcheck-json=plain.json")
    expected = {"passed": 4, "failed": 2}
    plain.assert_outcomes(**expected)

    dist = met.runpytest_subprocess("-p", "xdist", "-n", "2", "--claimcheck-json=dist.json")
    dist.assert_outcomes(**expected)
    dist.stdout.fnmatch_lines(["*2 workers*"])
    dist.stdout.fnmatch_lines(["*claimcheck: claims x sources*", "legend: *"])
    assert (met.path / "dist.json").read_bytes() == (met.path / "plain.json").read_bytes()


def test_junitxml_lists_each_claim_with_its_failure_text(met: pytest.Pytester) -> None:
    result = met.runpytest("--junitxml=out.xml")
    result.assert_outcomes(passed=3, failed=1)
    cases = {tc.get("name"): tc for tc in ET.parse(met.path / "out.xml").iter("testcase")}
    assert set(cases) == {ONE_LINER_ID, "uplift", "paris-toll", "armed-3000"}
    assert all(tc.get("classname") == "claims.met.yaml" for tc in cases.values())
    for name in (ONE_LINER_ID, "uplift", "paris-toll"):
        assert cases[name].find("failure") is None
    failure = cases["armed-3000"].find("failure")
    assert failure is not None and failure.text is not None
    assert "claims/met.yaml:" in failure.get("message", "")
    assert "failed: 3 source(s) contradict" in failure.text
    assert "CONTRADICTS  around 2,800" in failure.text


def test_json_report_is_valid_and_deterministic(met: pytest.Pytester) -> None:
    met.runpytest("--claimcheck-json=out/one.json").assert_outcomes(passed=3, failed=1)
    met.runpytest("--claimcheck-json=out/two.json").assert_outcomes(passed=3, failed=1)
    one, two = met.path / "out" / "one.json", met.path / "out" / "two.json"
    assert one.read_bytes() == two.read_bytes()

    report = json_report(one)
    claims_ = by_id(report)
    assert {k: c["outcome"] for k, c in claims_.items()} == {
        f"claims/met.yaml::{ONE_LINER_ID}": "passed",
        "claims/met.yaml::uplift": "passed",
        "claims/met.yaml::paris-toll": "passed",
        "claims/met.yaml::armed-3000": "failed",
    }
    total = claims_["claims/met.yaml::armed-3000"]
    verdicts = {Path(v["source_id"]).name[:3]: v["verdict"] for v in total["sources"]}
    assert verdicts == {
        "000": "CONTRADICTS",
        "001": "CONTRADICTS",
        "002": "SILENT",
        "003": "CONTRADICTS",
        "004": "SILENT",
    }
    ev = total["sources"][0]["evidence"]
    assert (ev["figure"], ev["value"], ev["line"], ev["col"]) == ("around 2,800", 2800.0, 3, 117)
    assert ev["source_id"] == "seeds/000_13a9b1029d5fba0e.txt"
    assert report["summary"]["passed"] == 3 and report["summary"]["failed"] == 1
    assert [s["id"] for s in report["sources"]] == [line.split(" = ")[1] for line in SEED_LEGEND]


def test_verbose_prints_passed_word_and_evidence(met: pytest.Pytester) -> None:
    result = met.runpytest("-v")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "claims/met.yaml::uplift PASSED (4 support, 0 contradict, 1 silent)*",
            "claims/met.yaml::armed-3000 FAILED*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*= claimcheck: evidence for passed claims =*",
            "claims/met.yaml:*: The Met is adding 600 armed officers",
            "passed: 4 support, 0 contradict, 1 silent",
            "",
            "  source  verdict   figure  read as  line   sentence / reason",
            "  000     SUPPORTS  600     600      1:19   Met Police to get 600 extra armed officers*",
            "  001     SUPPORTS  600     600      10:11  *",
            "  002     SUPPORTS  600     600      1:1    *",
            "  003     SUPPORTS  600     600      1:51   *",
            "  004     SILENT                            no figure for *",
        ]
    )
    quiet = met.runpytest()
    quiet.stdout.no_fnmatch_line("*evidence for passed claims*")
    quiet.stdout.no_fnmatch_line("*PASSED (*")


def test_terminal_summary_matrix_and_legend(met: pytest.Pytester) -> None:
    result = met.runpytest()
    result.stdout.fnmatch_lines(
        [
            "*= claimcheck: claims x sources =*",
            "* 000 001 002 003 004",
            f"{ONE_LINER_ID}  passed   S   S   .   S   .",
            "uplift * passed   S   S   S   S   .",
            "paris-toll * passed   S   .   .   .   .",
            "armed-3000 * failed   C   C   .   C   .",
            "",
            "legend: S supports, C contradicts, . silent, (blank) not selected",
            *SEED_LEGEND,
        ]
    )
    hidden = met.runpytest("--claimcheck-no-matrix")
    hidden.assert_outcomes(passed=3, failed=1)
    hidden.stdout.no_fnmatch_line("*claims x sources*")
    hidden.stdout.no_fnmatch_line("legend:*")


def test_help_lists_claimcheck_options(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(
        [
            "claimcheck: verify YAML claims against source documents:",
            "  --claimcheck-json=PATH*",
            "  --claimcheck-sources=GLOB*",
            "  --claimcheck-no-matrix*",
        ]
    )


# --- 3. verdict display -------------------------------------------------------------------------


def test_contradiction_prints_table_with_figures_as_written(met: pytest.Pytester) -> None:
    result = met.runpytest("-k", "3000")
    result.assert_outcomes(failed=1, deselected=3)
    result.stdout.fnmatch_lines(
        [
            "*_ claim: armed-3000 _*",
            "claims/met.yaml:*: The Met will have 3,000 armed officers after the uplift",
            "failed: 3 source(s) contradict: seeds/000_*.txt:3, seeds/001_*.txt:6, "
            "seeds/003_*.txt:13 (0 support, 3 contradict, 2 silent)",
            "",
            "  source  verdict      figure        read as  line    sentence / reason",
            "  000     CONTRADICTS  around 2,800  2800     3:117   ...*taking the total to around 2,800.",
            "  001     CONTRADICTS  around 2,800  2800     6:49    "
            "The total number of armed officers will rise to around 2,800*",
            "  002     SILENT                                      the source does not hold every *",
            "  003     CONTRADICTS  2,800         2800     13:127  ...*the total within the force to 2,800.",
            "  004     SILENT                                      no figure for Met armed (total)",
            "",
            *SEED_LEGEND,
        ]
    )
    result.stdout.fnmatch_lines(["FAILED claims/met.yaml::armed-3000 - *"])


def test_skip_and_xfail(seeded: pytest.Pytester) -> None:
    seeded.makefile(
        ".yaml",
        **{
            "claims/marks": claims(
                PARIS.replace("paris-toll", "paywalled") + "    skip: the article is paywalled\n",
                TOTAL_3000 + "    xfail: the seeds round to 2,800\n",
                UPLIFT.replace("id: uplift", "id: uplift-xfail") + "    xfail: thought to be wrong\n",
                PARIS,
            )
        },
    )
    result = seeded.runpytest("-rsx")
    result.assert_outcomes(passed=1, skipped=1, xfailed=1, failed=1)
    assert outcomes(result) == {
        "claims/marks.yaml::paywalled": "skipped",
        "claims/marks.yaml::armed-3000": "xfailed",
        "claims/marks.yaml::uplift-xfail": "failed",
        "claims/marks.yaml::paris-toll": "passed",
    }
    result.stdout.fnmatch_lines(
        [
            "*[[]XPASS(strict)] thought to be wrong*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "SKIPPED [[]1] claims/marks.yaml*: the article is paywalled",
            "XFAIL claims/marks.yaml::armed-3000 - the seeds round to 2,800*",
        ]
    )


# --- 4. bad input ---------------------------------------------------------------------------


def test_yaml_syntax_error_fails_its_file_only(seeded: pytest.Pytester) -> None:
    seeded.makefile(".yaml", **{"claims/good": claims(UPLIFT, PARIS)})
    write(seeded, "claims/broken.yaml", 'claims:\n  - id: oops\n    claim: [unclosed\n    expect: "== 1"\n')
    result = seeded.runpytest()
    result.assert_outcomes(passed=2, failed=1)
    assert outcomes(result) == {
        "claims/broken.yaml::[file]": "failed",
        "claims/good.yaml::uplift": "passed",
        "claims/good.yaml::paris-toll": "passed",
    }
    result.stdout.fnmatch_lines(
        [
            "*claims/broken.yaml:4:11: invalid YAML: *",
            "  hint: *",
        ]
    )


# The bad entry always starts on line 6, between two valid claims (lines 2 and 6+N).
BAD_ENTRIES = {
    "unknown-field": (
        "  - id: misspelt\n"
        "    claim: The Met is adding 600 armed officers\n"
        "    about: [Met, armed]\n"
        "    role: change\n"
        '    expect: "== 600"\n'
        "    tolerence: 5%\n",
        "misspelt",
        ["*claims/bad.yaml:11:5: unknown field `tolerence`", "  hint: did you mean `tolerance`?"],
    ),
    "misspelt-expect": (
        "  - id: no-expect\n"
        "    claim: The Met is adding 600 armed officers\n"
        "    about: [Met, armed]\n"
        '    expct: "== 600"\n',
        "no-expect",
        [
            "*claims/bad.yaml:9:5: unknown field `expct`: cannot tell what kind of claim this is",
            "  hint: did you mean `expect`? *",
        ],
    ),
    "wrong-type": (
        "  - id: list-tolerance\n"
        "    claim: The Met is adding 600 armed officers\n"
        "    about: [Met, armed]\n"
        '    expect: "== 600"\n'
        "    tolerance: [1]\n",
        "list-tolerance",
        [
            "*claims/bad.yaml:10:16: invalid `tolerance`: *not a list",
            "  hint: write a percentage like `5%` or an amount like `50`",
        ],
    ),
    "duplicate-id": (
        "  - id: paris-toll\n"
        "    claim: The Paris attacks killed 130 people, again\n"
        "    about: [Paris, killed]\n"
        '    expect: "== 130"\n',
        "paris-toll-2",
        [
            "*claims/bad.yaml:6:9: duplicate id `paris-toll`: the claim at line 2 has it too",
            "  hint: give each claim its own `id:`",
        ],
    ),
    "bad-expect": (
        "  - id: wordy\n"
        "    claim: The Met is adding 600 armed officers\n"
        "    about: [Met, armed]\n"
        '    expect: "roughly six hundred"\n',
        "wordy",
        [
            "*claims/bad.yaml:9:13: `roughly six hundred` does not start with an operator",
            "  hint: write an operator and a number, like `== 2800`*",
        ],
    ),
    "bad-one-liner": (
        "  - The Met has lots of armed officers\n",
        "the-met-has-lots-of-armed-officers",
        ["*claims/bad.yaml:6:5: *", "  hint: *"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_ENTRIES))
def test_invalid_entry_fails_alone(seeded: pytest.Pytester, case: str) -> None:
    entry, name, lines = BAD_ENTRIES[case]
    write(seeded, "claims/bad.yaml", claims(PARIS, entry, UPLIFT))
    seeded.makefile(".yaml", **{"claims/other": claims(TOTAL_2800)})
    result = seeded.runpytest()
    result.assert_outcomes(passed=3, failed=1)
    assert outcomes(result) == {
        "claims/bad.yaml::paris-toll": "passed",
        f"claims/bad.yaml::{name}": "failed",
        "claims/bad.yaml::uplift": "passed",
        "claims/other.yaml::armed-2800": "passed",
    }
    result.stdout.fnmatch_lines([f"*_ claim: {name} _*", f"claims/bad.yaml:6: {name}", "error: *"])
    result.stdout.fnmatch_lines(lines)


def test_misspelt_expect_message_names_the_field(seeded: pytest.Pytester) -> None:
    entry = BAD_ENTRIES["misspelt-expect"][0]
    write(seeded, "claims/bad.yaml", claims(PARIS, entry))
    result = seeded.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*claims/bad.yaml:9:5: *`expct`*"])


def test_source_glob_matching_nothing(seeded: pytest.Pytester) -> None:
    text = claims(UPLIFT, PARIS, sources="\n  - ../seeds/*.txt\n  - ../drafts/*.md")
    assert text.splitlines()[2] == "  - ../drafts/*.md"
    seeded.makefile(".yaml", **{"claims/globs": text})
    result = seeded.runpytest()
    result.assert_outcomes(passed=2, failed=1)
    assert outcomes(result) == {
        "claims/globs.yaml::[sources]": "failed",
        "claims/globs.yaml::uplift": "passed",
        "claims/globs.yaml::paris-toll": "passed",
    }
    result.stdout.fnmatch_lines(
        [
            "*_ claimcheck: [[]sources] _*",
            "*claims/globs.yaml:3:5: source glob '../drafts/[*].md' matches no file (relative to claims/)",
            "  hint: fix the glob*",
        ]
    )


# Three lines of cp1252: the "é" of "café" (0xe9) is line 3, column 12.
CP1252 = b"Notes from the briefing.\nNothing here counts.\nThe Met caf\xe9 has 600 armed officers.\n"


def test_unreadable_source_is_reported_once_and_claims_still_run(seeded: pytest.Pytester) -> None:
    write(seeded, "seeds/zz_cp1252.txt", CP1252)
    seeded.makefile(".yaml", **{"claims/met": claims(UPLIFT, PARIS)})
    result = seeded.runpytest("-v")
    result.assert_outcomes(passed=2, failed=1)
    assert outcomes(result) == {
        "claims/met.yaml::[sources]": "failed",
        "claims/met.yaml::uplift": "passed",
        "claims/met.yaml::paris-toll": "passed",
    }
    result.stdout.fnmatch_lines(
        [
            "*seeds/zz_cp1252.txt:3:12: source is not UTF-8 (byte 0xe9 cannot be decoded)",
            "  hint: re-save it as UTF-8*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "claims/met.yaml::uplift PASSED (4 support, 0 contradict, 1 silent; "
            "not read: seeds/zz_cp1252.txt)*",
        ]
    )
    # The unreadable file gets no column: the claims ran on the five readable seeds.
    result.stdout.fnmatch_lines(["* 000 001 002 003 004", "uplift *S   S   S   S   ."])
    result.stdout.no_fnmatch_line("*= seeds/zz_cp1252.txt")


def test_claim_no_source_mentions_fails(seeded: pytest.Pytester) -> None:
    seeded.makefile(".yaml", **{"claims/zoo": claims(ZEBRAS, PARIS)})
    result = seeded.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    assert outcomes(result)["claims/zoo.yaml::zebras"] == "failed"
    result.stdout.fnmatch_lines(
        [
            "claims/zoo.yaml:2: London zoo keeps 12 zebras",
            "failed: no source mentions 'London zoo keeps 12 zebras' (5 checked, all silent)",
            "",
            "  source  verdict  figure  read as  line  sentence / reason",
            "  000     SILENT                          the source does not hold every subject word",
        ]
    )
    result.stdout.fnmatch_lines(["zebras * failed   .   .   .   .   ."])


# --- 5. the library and the plugin agree -------------------------------------------------------

_PYTEST_OUTCOME = {
    "passed": "passed",
    "failed": "failed",
    "error": "failed",
    "skipped": "skipped",
    "xfailed": "xfailed",
}


def test_verify_agrees_with_pytest(seeded: pytest.Pytester) -> None:
    write(seeded, "seeds/zz_cp1252.txt", CP1252)
    seeded.makefile(
        ".yaml",
        **{
            "claims/met": claims(ONE_LINER, UPLIFT, TOTAL_3000, ZEBRAS),
            "claims/marks": claims(
                PARIS + "    skip: paywalled\n",
                TOTAL_3000 + "    xfail: rounded in the seeds\n",
                BAD_ENTRIES["wrong-type"][0],
            ),
            "claims/globs": claims(PARIS, sources="[../seeds/0*.txt, ../nowhere/*.txt]"),
            "claims/sub/broken": "claims:\n  - id: x\n    claim: [unclosed\n",
        },
    )
    run = seeded.runpytest("--claimcheck-json=plugin.json")
    run.assert_outcomes(passed=3, failed=7, skipped=1, xfailed=1)

    report = claimcheck.verify(seeded.path / "claims")
    from_library = {f"{c.file}::{c.id}": c for c in report.claims}
    assert {k: _PYTEST_OUTCOME[c.outcome.value] for k, c in from_library.items()} == outcomes(run)

    from_plugin = by_id(json_report(seeded.path / "plugin.json"))
    assert set(from_plugin) == set(from_library)
    for key, c in from_library.items():
        assert from_plugin[key]["outcome"] == c.outcome.value, key
        assert from_plugin[key]["sources"] == c.model_dump(mode="json")["sources"], key
    assert json_report(seeded.path / "plugin.json")["summary"] == report.summary


# --- regressions: bugs found while writing these tests ----------------------------------------


def test_xpass_strict_claim_is_failed_everywhere(seeded: pytest.Pytester) -> None:
    seeded.makefile(".yaml", **{"claims/x": claims(UPLIFT + "    xfail: thought wrong\n")})
    result = seeded.runpytest("--claimcheck-json=r.json")
    result.assert_outcomes(failed=1)
    assert claimcheck.verify(seeded.path / "claims").claims[0].outcome.value == "failed"
    assert json_report(seeded.path / "r.json")["claims"][0]["outcome"] == "failed"
    result.stdout.fnmatch_lines(["uplift  failed  *"])


def test_xfail_does_not_hide_an_invalid_claim(seeded: pytest.Pytester) -> None:
    entry = UPLIFT + "    sources: [no-such-source]\n    xfail: expected to fail\n"
    seeded.makefile(".yaml", **{"claims/x": claims(entry)})
    assert claimcheck.verify(seeded.path / "claims").claims[0].outcome.value == "error"
    result = seeded.runpytest()
    result.assert_outcomes(failed=1)


@pytest.mark.parametrize("tag", ["skip", "xfail"])
def test_tag_named_like_a_pytest_mark_does_not_change_the_outcome(seeded: pytest.Pytester, tag: str) -> None:
    seeded.makefile(".yaml", **{"claims/x": claims(UPLIFT.replace("[met]", f"[{tag}]"))})
    outcome = seeded.runpytest().parseoutcomes()
    assert not {"skipped", "xfailed", "xpassed"} & set(outcome)


def test_json_sources_list_unreadable_sources_like_verify(seeded: pytest.Pytester) -> None:
    write(seeded, "seeds/zz_cp1252.txt", CP1252)
    seeded.makefile(".yaml", **{"claims/met": claims(UPLIFT)})
    seeded.runpytest("--claimcheck-json=r.json").assert_outcomes(passed=1, failed=1)
    library = claimcheck.verify(seeded.path / "claims").model_dump(mode="json")["sources"]
    assert json_report(seeded.path / "r.json")["sources"] == library


def test_sources_problem_line_is_a_line_of_the_claim_file(seeded: pytest.Pytester) -> None:
    write(seeded, "seeds/zz_cp1252.txt", b"\n" * 40 + CP1252)  # the bad byte on line 43
    seeded.makefile(".yaml", **{"claims/met": claims(PARIS)})  # 5 lines
    seeded.runpytest("--claimcheck-json=r.json").assert_outcomes(passed=1, failed=1)
    (problem,) = [c for c in json_report(seeded.path / "r.json")["claims"] if c["id"] == "[sources]"]
    assert problem["line"] is None or problem["line"] <= 5


# --- source labels in tables ---------------------------------------------------------------------


@given(st.lists(st.tuples(st.sampled_from(["a", "b/c", "d"]), st.text("ab.", max_size=6)), max_size=12))
def test_short_labels_are_the_shortest_unique_prefixes(parts: list[tuple[str, str]]) -> None:
    from claimcheck.reports.terminal import short_labels

    ids = list(dict.fromkeys(f"{folder}/{name}" for folder, name in parts))
    labels = short_labels(ids)
    names = {i: i.rsplit("/", 1)[-1] for i in ids}
    for i, name in names.items():
        others = [n for j, n in names.items() if j != i]
        if name in others:
            assert labels[i] == i  # two files of one name: the whole id tells them apart
            continue
        label = labels[i]
        assert name.startswith(label) and len(label) >= min(3, len(name))
        # Unique unless the name is itself a prefix of another; one character less is not.
        assert label == name or not any(o.startswith(label) for o in others)
        shorter = label[:-1]
        assert len(label) <= 3 or any(o.startswith(shorter) for o in others)


# --- the garbage collector in a session of claims only --------------------------------------------


@pytest.mark.parametrize("with_python_test", [False, True])
def test_a_claims_only_session_freezes_what_collection_built_and_thaws_it(
    met: pytest.Pytester, with_python_test: bool
) -> None:
    import gc

    met.makeconftest(
        """
        import gc
        seen = []
        def pytest_runtest_call(item):
            seen.append(gc.get_freeze_count())
        def pytest_sessionfinish(session):
            session.config._frozen_during_run = min(seen)
        """
    )
    if with_python_test:
        met.makepyfile(test_plain="def test_plain():\n    assert True\n")
    before = gc.get_freeze_count()
    result = met.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4 if with_python_test else 3, failed=1)
    frozen = result.reprec.getcall("pytest_unconfigure").config._frozen_during_run  # type: ignore[attr-defined]
    # A Python test among the claims: its objects keep pytest's unraisable-exception checks.
    assert (frozen > before) is not with_python_test
    assert gc.get_freeze_count() == before  # thawed after pytest's clean-ups


def test_a_matrix_over_many_sources_tallies_each_claim_and_counts_every_selected_source() -> None:
    from claimcheck.models import ClaimResult, Outcome, SourceVerdict, Verdict
    from claimcheck.reports.terminal import MATRIX_COLUMNS, matrix_lines

    def result(claim_id: str, listed: range, verdict: Verdict, unmentioned: int) -> ClaimResult:
        ids = [f"s/{i:03}.txt" for i in listed]
        sources = [SourceVerdict(source_id=i, path=i, verdict=verdict) for i in ids]
        return ClaimResult(
            id=claim_id,
            file="c.yaml",
            statement=claim_id,
            kind="figure",
            across="any",
            outcome=Outcome.PASSED,
            sources=sources,
            unmentioned=unmentioned,
        )

    n = MATRIX_COLUMNS + 60
    # Each lists the sources that hold its words; the others of the 100 are only counted.
    lines = matrix_lines(
        [
            result("a", range(0, 30), Verdict.SUPPORTS, n - 30),
            result("b", range(30, 50), Verdict.CONTRADICTS, n - 20),
        ]
    )
    assert lines[0].endswith(f"({n} sources)")
    assert lines[1].split() == ["a", "passed", "30", "0", str(n - 30)]
    assert lines[2].split() == ["b", "passed", "0", "20", str(n - 20)]


@pytest.mark.parametrize("xdist", [[], ["-p", "xdist", "-n", "2"]], ids=["one-process", "xdist"])
def test_json_sources_list_every_selected_source_also_those_only_counted(
    seeded: pytest.Pytester, xdist: list[str]
) -> None:
    # More sources than list_silent_up_to: a result lists those that hold its words, and
    # counts the others; the report's source list still names every one, as verify() does.
    (seeded.path / "pyproject.toml").write_text(
        '[tool.claimcheck]\nsources = ["seeds/*.txt"]\narithmetic = false\nlist_silent_up_to = 2\n'
    )
    for i in range(4):
        write(seeded, f"seeds/zz_{i}.txt", "The parish council met on Tuesday.\n")
    seeded.makefile(".yaml", **{"claims/met": claims(UPLIFT, PARIS)})
    result = seeded.runpytest_subprocess("--claimcheck-json=r.json", *xdist)
    result.assert_outcomes(passed=2)
    report = json_report(seeded.path / "r.json")
    assert any(c["unmentioned"] for c in report["claims"])
    library = claimcheck.verify(seeded.path / "claims").model_dump(mode="json")["sources"]
    assert report["sources"] == library and len(library) == 9

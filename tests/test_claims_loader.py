"""Claim files -> claim models: the one-line and mapping forms, and every error's position."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.claims.loader import (
    MAX_NODES,
    ClaimEntry,
    ClaimFileContents,
    load_claim_file,
)
from claimcheck.errors import (
    ClaimcheckError,
    ClaimFileError,
    ClaimValidationError,
    ExpectationSyntaxError,
    Location,
)
from claimcheck.models import FigureClaim, Quantifier, Role, Tolerance, Verdict

KINDS = {"figure": FigureClaim}


def detect_kind(entry: Mapping[str, Any]) -> str | None:
    return "figure" if "expect" in entry else None


def load_path(path: Path) -> ClaimFileContents:
    return load_claim_file(path, kinds=KINDS, detect_kind=detect_kind)


def load(tmp_path: Path, text: str) -> ClaimFileContents:
    path = tmp_path / "claims.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_path(path)


def file_error(tmp_path: Path, text: str) -> ClaimFileError:
    with pytest.raises(ClaimFileError) as info:
        load(tmp_path, text)
    assert not isinstance(info.value, ClaimValidationError)
    assert info.value.hint
    return info.value


def only_claim(contents: ClaimFileContents) -> FigureClaim:
    (entry,) = contents.entries
    assert entry.error is None, str(entry.error)
    assert isinstance(entry.claim, FigureClaim)
    return entry.claim


def only_error(contents: ClaimFileContents) -> ClaimValidationError:
    (entry,) = contents.entries
    assert entry.claim is None
    assert entry.error is not None
    return entry.error


def at(error: ClaimcheckError) -> tuple[int | None, int | None]:
    assert error.location is not None
    return error.location.line, error.location.col


# ---------------------------------------------------------------------------------------------
# Valid claims


def test_one_line_and_mapping_forms_give_equal_models(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - Met armed total after uplift == 2800 across all sources
          - id: met-armed-total-after-uplift-2800-across-all-sources-copy
            claim: Met armed total after uplift == 2800 across all sources
            about: [Met, armed]
            role: total
            expect: "== 2800"
        """,
    )
    one_line, mapping = (entry.claim for entry in contents.entries)
    assert one_line is not None
    assert mapping is not None
    assert one_line.model_dump(exclude={"id"}) == mapping.model_dump(exclude={"id"})
    assert isinstance(one_line, FigureClaim)
    assert one_line.about == [["Met"], ["armed"]]
    assert one_line.role is Role.TOTAL
    assert one_line.expect.op == "=="
    assert one_line.expect.value == 2800
    assert one_line.across == Quantifier(kind="all")


def test_claims_carry_their_location_and_file_order(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        # Police numbers
        claims:
          - Paris attacks killed == 130

          - about: Met armed officers
            expect: ">= 2000"
        """,
    )
    path = tmp_path / "claims.yaml"
    assert [e.location for e in contents.entries] == [
        Location(path, 3, 5),
        Location(path, 5, 5),
    ]
    assert [e.claim.location for e in contents.entries if e.claim] == [
        Location(path, 3, 5),
        Location(path, 5, 5),
    ]
    assert contents.path == path
    assert contents.sources is None
    assert contents.sources_location is None
    assert contents.errors == []
    assert len(contents.claims) == 2


def test_derived_ids_and_statements(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - Met armed total after uplift == 2800 across all sources
          - about: Met armed total
            expect: "== 2,800"
          - about: [Met, [armed, firearms]]
            expect: "!= 3000"
          - claim: 日本
            about: x
            expect: "== 1"
          - id: explicit.id_1
            about: x
            expect: "== 1"
        """,
    )
    names = [e.name for e in contents.entries]
    assert names == [
        "met-armed-total-after-uplift-2800-across-all-sources",
        "met-armed-total-2800",
        "met-armed-firearms-ne-3000",
        "entry-4",
        "explicit.id_1",
    ]
    assert [c.id for c in contents.claims] == names
    statements = [c.claim for c in contents.claims]
    assert statements[1] == "Met armed total == 2,800"
    assert statements[2] == "Met armed/firearms != 3000"


def test_about_string_with_cues_and_explicit_role(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - about: Met armed uplift
            expect: "== 600"
          - about: Met armed uplift
            role: Before
            expect: "== 2200"
          - about: [Met, armed]
            expect: "== 2800"
        """,
    )
    roles = [c.role for c in contents.claims if isinstance(c, FigureClaim)]
    assert roles == [Role.CHANGE, Role.BEFORE, Role.TOTAL]


def test_units_come_from_expect_or_unit(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - UK inflation < 5%
          - about: fare
            expect: "== £9.21"
          - about: route
            expect: "== 62"
            unit: Miles
          - about: route
            expect: "== 62 km"
            unit: km
        """,
    )
    units = [c.unit for c in contents.claims if isinstance(c, FigureClaim)]
    assert units == ["%", "GBP", "mi", "km"]


def test_optional_fields(tmp_path: Path) -> None:
    claim = only_claim(
        load(
            tmp_path,
            """
            claims:
              - id: met-armed
                claim: The Met will have 2,800 armed officers
                about: [Met, armed]
                expect: "~= 2800"
                tolerance: 5%
                across: at least 2 sources
                sources: [seeds/*.txt, bbc]
                known:
                  bbc: Supports
                  guardian: {verdict: contradicts, why: an older figure}
                  times: SILENT
                skip: true
                xfail: the headline rounds the figure
                tags: [police, uk_2016]
            """,
        )
    )
    assert claim.tolerance == Tolerance(amount=0.05, relative=True)
    assert claim.across == Quantifier(kind="at least", n=2)
    assert claim.sources == ["seeds/*.txt", "bbc"]
    assert {k: v.verdict for k, v in claim.known.items()} == {
        "bbc": Verdict.SUPPORTS,
        "guardian": Verdict.CONTRADICTS,
        "times": Verdict.SILENT,
    }
    assert claim.known["guardian"].why == "an older figure"
    assert claim.skip == "skipped in the claim file"
    assert claim.xfail == "the headline rounds the figure"
    assert claim.tags == ["police", "uk_2016"]


def test_single_values_become_lists_and_false_means_absent(tmp_path: Path) -> None:
    claim = only_claim(
        load(
            tmp_path,
            """
            claims:
              - about: x
                expect: "== 1"
                tolerance: 50
                sources: "*.txt"
                tags: police
                skip: false
            """,
        )
    )
    assert claim.tolerance == Tolerance(amount=50)
    assert claim.sources == ["*.txt"]
    assert claim.tags == ["police"]
    assert claim.skip is None


def test_unquoted_not_equal_is_read_as_meant(tmp_path: Path) -> None:
    # YAML reads `!= 3000` as the tag `!=` on "3000"; the loader puts it back together.
    claim = only_claim(load(tmp_path, "claims:\n  - about: x\n    expect: != 3000\n"))
    assert (claim.expect.op, claim.expect.value) == ("!=", 3000)


def test_sources_and_their_locations(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        sources:
          - seeds/*.txt
          - extra.txt
        claims:
          - about: x
            expect: "== 1"
            sources: [a.txt, b.txt]
        """,
    )
    path = tmp_path / "claims.yaml"
    assert contents.sources == ["seeds/*.txt", "extra.txt"]
    assert contents.sources_location == Location(path, 2, 3)
    assert contents.source_locations == [Location(path, 2, 5), Location(path, 3, 5)]
    (entry,) = contents.entries
    assert entry.source_locations == [Location(path, 7, 15), Location(path, 7, 22)]


def test_single_source_string(tmp_path: Path) -> None:
    contents = load(tmp_path, "sources: seeds/*.txt\nclaims: []\n")
    path = tmp_path / "claims.yaml"
    assert contents.sources == ["seeds/*.txt"]
    assert contents.sources_location == Location(path, 1, 10)
    assert contents.source_locations == [Location(path, 1, 10)]
    assert contents.entries == []


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"\xef\xbb\xbfclaims:\r\n  - Met armed == 5\r\n")
    contents = load_path(path)
    assert [e.location for e in contents.entries] == [Location(path, 2, 5)]


# ---------------------------------------------------------------------------------------------
# Entry errors: the rest of the file still loads


def test_unknown_field_suggests_the_closest(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - about: x
            expect: "== 5"
            tolerence: 5%
          - Paris attacks killed == 130
        """,
    )
    bad, good = contents.entries
    assert bad.error is not None
    assert good.claim is not None
    assert bad.error.message == "unknown field `tolerence`"
    assert bad.error.hint == "did you mean `tolerance`?"
    assert at(bad.error) == (4, 5)


def test_misspelt_expect_is_named_when_no_kind_is_found(tmp_path: Path) -> None:
    error = only_error(load(tmp_path, 'claims:\n  - about: x\n    expct: "== 5"\n'))
    assert error.message == "unknown field `expct`: cannot tell what kind of claim this is"
    assert error.hint is not None
    assert error.hint.startswith("did you mean `expect`?")
    assert at(error) == (3, 5)


def test_unknown_field_without_a_close_match_lists_the_fields(tmp_path: Path) -> None:
    error = only_error(load(tmp_path, 'claims:\n  - about: x\n    expect: "== 5"\n    zzz: 1\n'))
    assert error.hint is not None
    assert error.hint.startswith("valid fields: kind, id, claim")


def test_unknown_nested_field(tmp_path: Path) -> None:
    error = only_error(
        load(
            tmp_path,
            """
            claims:
              - about: x
                expect: "== 5"
                known:
                  a.txt: {verdict: supports, wy: rounding}
            """,
        )
    )
    assert "unknown field `known.a.txt.wy`" in error.message
    assert error.hint == "did you mean `why`?"
    assert at(error) == (5, 34)


def test_bad_expect_points_at_the_value(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - about: x
            expect: "== lots"
          - about: y
            expect: 2800
        """,
    )
    first, second = contents.entries
    assert isinstance(first.error, ExpectationSyntaxError)
    assert "cannot read `lots`" in first.error.message
    assert at(first.error) == (3, 13)
    assert isinstance(second.error, ExpectationSyntaxError)
    assert "no operator" in second.error.message
    assert second.error.hint is not None
    assert 'expect: "== 2800"' in second.error.hint
    assert at(second.error) == (5, 13)


def test_bad_one_line_statement(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - Met armed total 2800
          - Met armed total == 2800
        """,
    )
    bad, good = contents.entries
    assert isinstance(bad.error, ExpectationSyntaxError)
    assert "no comparison operator" in bad.error.message
    assert bad.error.hint is not None
    assert "<subject> <op> <number>" in bad.error.hint
    assert at(bad.error) == (2, 5)
    # The valid claim keeps its id; the invalid entry that slugs the same gives way.
    assert good.claim is not None
    assert good.name == "met-armed-total-2800"
    assert bad.name == "met-armed-total-2800-2"


def test_wrong_type(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - about: x
            expect: "== 1"
            tolerance: [1]
          - about: x
            expect: "== 2"
            claim: [1]
        """,
    )
    tolerance, claim = (e.error for e in contents.entries)
    assert tolerance is not None
    assert "`tolerance`" in tolerance.message
    assert "a percentage like `5%` or an amount like `50`, not a list" in tolerance.message
    assert at(tolerance) == (4, 16)
    assert claim is not None
    assert claim.message == "`claim:` should be text, not a list"
    assert at(claim) == (7, 12)


@pytest.mark.parametrize(
    ("field", "value", "message", "position"),
    [
        ("across", "some", "not a quantifier", (4, 13)),
        ("across", "2", "write `at least 2`", (4, 13)),
        ("role", "sideways", "should be 'total', 'change'", (4, 11)),
        ("tags", "[ok, armed police]", "`armed police` is not a valid tag", (4, 16)),
        ("tags", "[if]", "`if` is not a valid tag", (4, 12)),
        ("known", "{a.txt: maybe}", "not `maybe`", (4, 20)),
        ("known", "{a.txt: {verdict: 1}}", "not a number", (4, 30)),
        ("skip", "[a]", "should be a reason", (4, 11)),
        ("sources", "[a.txt, 3]", "not a number", (4, 22)),
        ("unit", "km", "disagrees", (4, 11)),
        ("about", "[x, {a: 1}]", "a subject term is a word", (2, 16)),
        ("id", "Met Armed", "not a valid id", (4, 9)),
    ],
)
def test_field_errors(
    tmp_path: Path, field: str, value: str, message: str, position: tuple[int, int]
) -> None:
    about = value if field == "about" else "x"
    extra = "" if field == "about" else f"    {field}: {value}\n"
    text = f'claims:\n  - about: {about}\n    expect: "== 5 mi"\n{extra}'
    error = only_error(load(tmp_path, text))
    assert message in error.message
    assert error.hint
    assert at(error) == position


def test_invalid_id_hint_suggests_a_slug(tmp_path: Path) -> None:
    error = only_error(load(tmp_path, 'claims:\n  - id: Met Armed\n    about: x\n    expect: "== 1"\n'))
    assert error.hint is not None
    assert "`met-armed`" in error.hint
    assert error.message == "`id: Met Armed` is not a valid id"
    assert at(error) == (2, 9)


def test_first_problem_and_a_count_of_the_others(tmp_path: Path) -> None:
    error = only_error(
        load(
            tmp_path,
            """
            claims:
              - about: x
                expect: "== 5"
                tolerance: lots
                across: some
                tags: [a b]
            """,
        )
    )
    assert "invalid `tolerance`" in error.message
    assert error.message.endswith("(and 2 more problems in this claim)")
    assert at(error) == (4, 16)


def test_missing_field(tmp_path: Path) -> None:
    error = only_error(load(tmp_path, "claims:\n  - kind: figure\n    about: x\n"))
    assert error.message == "`expect:` is required"
    assert at(error) == (2, 5)


def test_misspelt_field_is_reported_before_the_missing_one(tmp_path: Path) -> None:
    error = only_error(load(tmp_path, 'claims:\n  - kind: figure\n    abut: x\n    expect: "== 1"\n'))
    assert "unknown field `abut`" in error.message
    assert error.hint == "did you mean `about`?"
    assert error.message.endswith("(and 1 more problem in this claim)")
    assert at(error) == (3, 5)


def test_duplicate_ids(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - Paris attacks killed == 130
          - id: paris-attacks-killed-130
            about: x
            expect: "== 1"
          - Paris attacks killed == 130
        """,
    )
    first, explicit, derived = contents.entries
    assert first.claim is not None
    assert explicit.error is not None
    assert explicit.error.message == (
        "duplicate id `paris-attacks-killed-130`: the claim at line 2 has it too"
    )
    assert at(explicit.error) == (3, 9)
    assert derived.error is not None
    assert "the claim at line 2" in derived.error.message
    assert derived.error.hint is not None
    assert "made from the statement" in derived.error.hint
    assert at(derived.error) == (6, 5)
    # Entry names stay unique: they become test names.
    assert [e.name for e in contents.entries] == [
        "paris-attacks-killed-130",
        "paris-attacks-killed-130-2",
        "paris-attacks-killed-130-3",
    ]


def test_invalid_entries_are_named(tmp_path: Path) -> None:
    contents = load(
        tmp_path,
        """
        claims:
          - id: my-claim
            expect: "== lots"
          - claim: Met armed total == lots
            about: x
            expect: "== lots"
          - about: Met armed
            expect: "== lots"
          - expect: "== lots"
          - 5
        """,
    )
    assert [e.name for e in contents.entries] == [
        "my-claim",
        "met-armed-total-lots",
        "met-armed-lots",
        "entry-4",
        "entry-5",
    ]
    assert all(isinstance(e, ClaimEntry) and e.error for e in contents.entries)


@pytest.mark.parametrize(
    ("entry", "message", "hint", "position"),
    [
        ("5", "not a number", "<subject> <op> <number>", (2, 5)),
        ("", "not nothing (null)", "<subject>", (2, 4)),
        ("[a, b]", "not a list", "<subject>", (2, 5)),
        ("about: x", "cannot tell what kind", "kind:", (2, 5)),
        (
            "{about: x, kind: figur}",
            "unknown claim kind `figur`",
            "did you mean `figure`?",
            (2, 22),
        ),
        ("{about: x, kind: [1]}", "unknown claim kind", "known kinds: figure", (2, 22)),
        (
            "{about: x, expct: '== 1'}",
            "cannot tell what kind",
            "did you mean `expect`?",
            (2, 16),
        ),
    ],
)
def test_entry_shape_errors(
    tmp_path: Path, entry: str, message: str, hint: str, position: tuple[int, int]
) -> None:
    error = only_error(load(tmp_path, f"claims:\n  - {entry}\n"))
    assert message in error.message
    assert error.hint is not None
    assert hint in error.hint
    assert at(error) == position


# ---------------------------------------------------------------------------------------------
# File errors


@pytest.mark.parametrize(
    ("text", "message", "hint", "position"),
    [
        ("", "the claim file is empty", "`claims:`", (1, 1)),
        ("# only a comment\n\n", "the claim file is empty", "`claims:`", (1, 1)),
        (
            "claims:\n  - about: x\n    expect: >= 2000\n",
            "invalid YAML: expected chomping or indentation indicators",
            "quote a value that starts with `>`",
            (3, 14),
        ),
        ("claims:\n  - about: [x\n", "invalid YAML", "indentation", (3, 1)),
        ("claims:\n\t- a == 1\n", "invalid YAML", "not tabs", (2, 1)),
        (
            'claims:\n  - about: x\n    expect: "== 1"\n    about: y\n',
            "duplicate key `about`",
            "first written at line 2",
            (4, 5),
        ),
        (
            "sources: a\nclaims: []\nsources: b\n",
            "duplicate key `sources`",
            "line 1",
            (3, 1),
        ),
        ("claims: []\n---\nclaims: []\n", "single document", "indentation", (2, 1)),
        (
            "# c\n- a == 1\n",
            "should be a mapping with `claims:`, not a list",
            "`claims:`",
            (2, 1),
        ),
        (
            "# c\n  just text\n",
            "should be a mapping with `claims:`, not text",
            "claims",
            (2, 3),
        ),
        ("!= 3\n", "should be a mapping with `claims:`, not text", "claims", (1, 1)),
        (
            "sources: a.txt\n",
            "no `claims:` list",
            "add `claims:` with one entry per fact",
            (1, 1),
        ),
        (
            "claims:\n  a: 1\n",
            "`claims:` should be a list, not a mapping",
            "`- `",
            (2, 3),
        ),
        ("claims:\n", "`claims:` should be a list, not nothing (null)", "`- `", (1, 1)),
        (
            "sources: a\nclaim:\n  - a == 1\n",
            "unknown top-level key `claim`",
            "`claims`?",
            (2, 1),
        ),
        (
            "claims: []\nversion: 2\n",
            "unknown top-level key `version`",
            "optionally",
            (2, 1),
        ),
        ("sources: {a: 1}\nclaims: []\n", "not a mapping", "sources: [", (1, 10)),
        ("sources:\n  - a.txt\n  - 5\nclaims: []\n", "not a number", "globs", (3, 5)),
        ("sources: ['a', '']\nclaims: []\n", "not text", "globs", (1, 16)),
        ("sources:\nclaims: []\n", "not nothing (null)", "globs", (1, 1)),
        (
            "claims:\n  - a == \x07\n",
            "U+0007 is not allowed",
            "control character",
            (2, 10),
        ),
    ],
)
def test_file_errors(tmp_path: Path, text: str, message: str, hint: str, position: tuple[int, int]) -> None:
    error = file_error(tmp_path, text)
    assert message in error.message
    assert error.hint is not None
    assert hint in error.hint
    assert at(error) == position


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_bytes("claims:\n  - Café".encode() + b" \xe9 == 1\n")
    with pytest.raises(ClaimFileError) as info:
        load_path(path)
    assert "not UTF-8" in info.value.message
    assert info.value.hint == "save the file as UTF-8"
    assert at(info.value) == (2, 10)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimFileError) as info:
        load_path(tmp_path / "nope.yaml")
    assert "cannot read the claim file" in info.value.message
    assert info.value.location == Location(tmp_path / "nope.yaml")


def test_bad_date_is_a_file_error(tmp_path: Path) -> None:
    error = file_error(tmp_path, "claims:\n  - about: x\n    expect: '== 1'\n    claim: 2016-13-45\n")
    assert "month must be in 1..12" in error.message


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ["claims:", "  - &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdef", "abcde"):
        lines.append(f"  - &{name} [{', '.join([f'*{previous}'] * 10)}]")
    error = file_error(tmp_path, "\n".join(lines) + "\n")
    assert f"more than {MAX_NODES:,} values" in error.message
    assert at(error) == (2, 3)


@pytest.mark.parametrize("depth", [150, 400])
def test_deep_nesting(tmp_path: Path, depth: int) -> None:
    error = file_error(tmp_path, "claims: " + "[" * depth + "]" * depth + "\n")
    assert "nested" in error.message


def test_recursive_alias(tmp_path: Path) -> None:
    contents = load(tmp_path, "claims: &x [*x]\n")
    assert all(e.error for e in contents.entries)


# ---------------------------------------------------------------------------------------------
# Whatever the file holds, only claimcheck's errors come out


_FRAGMENTS = [
    "claims:",
    "sources:",
    "\n",
    "\n  - ",
    "\n    ",
    "about: ",
    "expect: ",
    "kind: ",
    "id: ",
    "known: ",
    "tags: ",
    "tolerance: ",
    "across: ",
    "== 2800",
    "!= 3",
    ">= 5%",
    "between 1 and 2",
    "Met armed total",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "'",
    '"',
    "\t",
    "#",
    "- ",
    "2016-13-45",
    "null",
    "true",
    "5%",
    "!!binary ",
    "!tag ",
    "? ",
    "<<: *a",
    "---\n",
    "%YAML 1.1\n",
    "\x00",
]


def _load_bytes(directory: Path, data: bytes) -> None:
    path = directory / "claims.yaml"
    path.write_bytes(data)
    try:
        load_path(path)
    except ClaimcheckError:
        pass


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text())
def test_any_text_raises_only_claimcheck_errors(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    _load_bytes(tmp_path_factory.mktemp("text"), text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(_FRAGMENTS), max_size=30))
def test_yaml_like_text_raises_only_claimcheck_errors(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str]
) -> None:
    _load_bytes(tmp_path_factory.mktemp("yaml"), "".join(parts).encode())


@settings(max_examples=50)
@given(data=st.binary())
def test_any_bytes_raise_only_claimcheck_errors(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    _load_bytes(tmp_path_factory.mktemp("bytes"), data)

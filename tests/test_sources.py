"""Sources: normalisation keeps positions; unreadable files fail with a location and a hint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.errors import SourceError
from claimcheck.sources.text import normalise, read_source


def editor_positions(raw: str) -> list[tuple[int, int]]:
    """(line, col) of each visible character as an editor counts them (CRLF or CR = one break)."""
    out = []
    line, col = 1, 1
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\r":
            if i + 1 < len(raw) and raw[i + 1] == "\n":
                i += 1
            out.append((line, col))
            line, col = line + 1, 1
        elif ch == "\n":
            out.append((line, col))
            line, col = line + 1, 1
        else:
            out.append((line, col))
            col += 1
        i += 1
    return out


pieces = st.lists(
    st.sampled_from(["a", "b", " ", "\u00a0", "\u2019", "\u201c", "\u201d", "\r\n", "\n", "\r", "7", ","]),
    max_size=60,
).map("".join)


@given(pieces)
def test_normalisation_keeps_every_line_and_column(raw: str) -> None:
    from claimcheck.models import Source

    text = normalise(raw)
    src = Source(id="x", path="x", text=text, sha256="")
    assert [src.position(i) for i in range(len(text))] == editor_positions(raw)
    assert "\r" not in text and "\u00a0" not in text and "\u2019" not in text


def test_curly_quotes_and_nbsp_are_straightened(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\u201cOur\u00a0officers\u2019 job\u201d\r\nline two".encode())
    source = read_source(path, "a")
    assert source.text == '"Our officers\' job"\nline two'
    assert source.position(source.text.index("two")) == (2, 6)


def test_non_utf8_source_names_line_column_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"first line\nsecond caf\xe9 line\n")
    with pytest.raises(SourceError) as info:
        read_source(path, "latin")
    err = info.value
    assert err.location is not None and (err.location.line, err.location.col) == (2, 11)
    assert "UTF-8" in err.message and err.hint and "iconv" in err.hint
    assert re.search(r"latin\.txt:2:11: source is not UTF-8", str(err))


def test_missing_source(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        read_source(tmp_path / "nope.txt", "nope")


def test_byte_order_mark_is_not_content(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline".encode())
    assert read_source(path, "bom").text == "Headline"


_SPECIAL = "\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u00a0\u202f\u2007\u2009\ufeff"


@given(st.text(alphabet=st.sampled_from(_SPECIAL + "ab1 ,.'\"\r\n\u00e9"), max_size=60))
def test_normalise_replaces_each_special_character_one_for_one(raw: str) -> None:
    from claimcheck.sources.text import _TRANSLATION

    expected = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATION)
    assert normalise(raw) == expected


# --- source globs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        "docs/*.txt",
        "docs/*",
        "docs/.*",
        "docs/[ab]*.txt",
        "docs/?.md",
        "docs/**/*.txt",
        "*/*.txt",
        "docs/a.txt",
    ],
)
def test_globs_match_what_glob_matches_files_only(tmp_path: Path, pattern: str) -> None:
    import glob
    import os

    from claimcheck.verification.engine import expand_globs

    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "c.md", ".hidden.txt", "sub/d.txt", "e.txt.bak"):
        (docs / name).write_text("x")
    (docs / "folder.txt").mkdir()  # a folder that matches is not a source
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("x")
    (docs / "link.txt").symlink_to(elsewhere)  # a link is followed to the file it names
    (docs / "broken.txt").symlink_to(tmp_path / "missing.txt")

    found, unmatched = expand_globs([pattern], tmp_path)
    expected = sorted(
        {
            os.path.realpath(p) if os.path.islink(p) else os.path.normpath(p)
            for p in glob.glob(str(tmp_path / pattern), recursive=True)
            if os.path.isfile(p)
        }
    )
    assert [str(p) for p in found] == expected
    assert unmatched == ([] if expected else [0])

"""The sentence splitter, and the word tokens and stems that subject matching uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.extraction.sentences import claimcheck_split_sentences, split_sentences
from claimcheck.extraction.terms import is_count_noun, next_words, stem, words
from claimcheck.models import Source


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


# --- where sentences end -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Council sets budget\nThe vote was close.", ["Council sets budget", "The vote was close."]),
        ("One line. Another line! A third? Yes.", ["One line.", "Another line!", "A third?", "Yes."]),
        ("It ended. 40 people left.", ["It ended.", "40 people left."]),
        ('He left. "Nobody stayed," she said.', ["He left.", '"Nobody stayed," she said.']),
        ('She said "Enough." Then she left.', ['She said "Enough."', "Then she left."]),
        ("Wait... Then it came.", ["Wait...", "Then it came."]),
        ("It broke (again.) Nobody cared.", ["It broke (again.)", "Nobody cared."]),
        ("We met in 2005. The rest followed.", ["We met in 2005.", "The rest followed."]),
    ],
)
def test_sentence_ends(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Jones and Mrs. Patel met Dr. Okafor at St. Mary's.",
        "Gen. Smith spoke to Sgt. Brown and Prof. Lee.",
        "The author J. K. Rowling signed copies.",
        "Officials in the U.S. Treasury and the U.K. Home Office agreed.",
        "Several forces, e.g. Kent and Essex, agreed.",
        "The meeting starts at 9 a.m. Tuesday in the hall.",
        "The fee rose 5.3 per cent this year.",
        "He lives at No. 10 with his family.",
        "The deal closed on Jan. 5 after talks.",
        "Acme Inc. Board members voted.",
        "The castle was built c. 1200 by monks.",
        "Why? asked nobody in particular.",
        '"Why?" he asked.',
    ],
)
def test_no_split_after_abbreviations_initials_and_decimals(text: str) -> None:
    assert texts(text) == [text]


def test_blank_lines_and_surrounding_whitespace_give_no_sentence() -> None:
    text = "  Headline here  \n\n\t\nFirst sentence.   Second one.  \n   \n"
    assert texts(text) == ["Headline here", "First sentence.", "Second one."]


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


def test_crlf_leftovers_are_trimmed() -> None:
    assert texts("First line.\r\nSecond line.\r\n") == ["First line.", "Second line."]


def test_offsets_point_into_the_text() -> None:
    text = "Alpha beta.  Gamma delta!\nEpsilon"
    spans = [(s.start, s.end) for s in split_sentences(text)]
    assert spans == [(0, 11), (13, 25), (26, 33)]


def test_seed_headlines_are_their_own_sentences() -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_13a9b1029d5fba0e.txt"
    text = seed.read_text(encoding="utf-8")
    first = texts(text)[0]
    assert first == text.splitlines()[0]
    assert any(s.startswith("Commissioner Sir Bernard Hogan-Howe revealed") for s in texts(text))


def test_hookimpl_splits_the_source_text() -> None:
    source = Source(id="s", path="s.txt", text="One. Two.", sha256="0" * 64)
    assert claimcheck_split_sentences(source) == split_sentences("One. Two.")
    # Marked as a trylast hookimpl of the claimcheck project, as the spec asks.
    assert claimcheck_split_sentences.claimcheck_impl["trylast"] is True


# --- properties ------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "The",
        "Mr.",
        "U.S.",
        "J.",
        "e.g.",
        "5.3",
        "2,800.",
        "end.",
        "end!",
        "why?",
        '"Quote."',
        "(aside.)",
        "...",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\r\n",
        "A",
        "word",
        "’",
    ]
)
_TEXTS = st.one_of(
    st.text(),
    st.lists(_PIECES, max_size=40).map(" ".join),
    st.lists(_PIECES, max_size=40).map("".join),
)


@given(_TEXTS)
def test_sentences_are_ordered_disjoint_trimmed_and_inside_the_text(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip(" \t\r\f\v\n")
        assert "\n" not in piece
        previous_end = s.end


@given(_TEXTS)
def test_every_non_blank_character_is_in_a_sentence(text: str) -> None:
    covered = [False] * len(text)
    for s in split_sentences(text):
        covered[s.start : s.end] = [True] * (s.end - s.start)
    assert all(covered[i] or ch in " \t\r\f\v\n" for i, ch in enumerate(text))


# --- word tokens and stems ---------------------------------------------------------------------------


def test_words_keep_inner_apostrophes_and_hyphens() -> None:
    text = "Hogan-Howe's unit -- don't stop; 2,800 officers'"
    assert [w for _, _, w in words(text)] == [
        "Hogan-Howe's",
        "unit",
        "don't",
        "stop",
        "2",
        "800",
        "officers",
    ]
    assert all(text[s:e] == w for s, e, w in words(text))


@pytest.mark.parametrize(
    "forms",
    [
        ("officer", "officers", "Officers", "officers'", "officer's"),
        ("kill", "killed", "killing", "kills"),
        ("life", "lives"),
        ("country", "countries"),
        ("nationality", "nationalities"),
        ("national", "nationals"),
        ("raise", "raised", "raising", "raises"),
        ("rise", "rises", "rising"),
        ("stop", "stopped", "stopping"),
        ("agree", "agreed"),
        ("class", "classes"),
        ("Britain", "Britain's", "Britain’s"),
    ],
)
def test_inflected_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1


@pytest.mark.parametrize("word", ["bus", "crisis", "gas", "class", "sing", "bed", "need", "the"])
def test_short_words_and_false_suffixes_stay_whole(word: str) -> None:
    # "bus" is no plural of "bu", nor "sing" an -ing form of "s".
    assert stem(word) == word


@given(st.text(alphabet=st.characters(categories=["L", "Nd"]) | st.sampled_from("'’-"), max_size=20))
def test_stem_ignores_case_and_is_lower_case(word: str) -> None:
    assert stem(word) == stem(word.lower())
    assert stem(word) == stem(word).lower()


def test_count_nouns_and_next_words() -> None:
    assert is_count_noun("officers") and is_count_noun("people")
    assert not is_count_noun("was") and not is_count_noun("class") and not is_count_noun("bus")
    assert next_words("600 extra armed officers will go", 3, 4) == ["extra", "armed", "officers"]
    assert next_words("600 officers, then more", 3, 4) == ["officers"]
    assert next_words("a 600-strong unit", 5, 4) == ["strong", "unit"]
    assert next_words("number of armed police", 10, 4, first=True) == ["armed", "police"]

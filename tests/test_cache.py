"""The on-disk extraction cache: hits, misses after an edit, corrupted and foreign entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck._manager import get_plugin_manager
from claimcheck.config import Settings
from claimcheck.verification.engine import Corpus

TEXT = "The depot holds around 2,800 widgets.\nIt added 600 extra widgets.\n"


def corpus(root: Path) -> Corpus:
    return Corpus(get_plugin_manager(entry_points=False), Settings(root=root))


def entries(root: Path) -> list[Path]:
    return sorted((root / ".claimcheck_cache").rglob("*.json"))


def test_second_run_reads_the_cache_and_gets_the_same_index(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    first = corpus(tmp_path)
    cold = first.index(tmp_path / "a.txt")
    assert first.cache is not None and (first.cache.hits, first.cache.misses) == (0, 1)
    assert len(entries(tmp_path)) == 1
    second = corpus(tmp_path)
    warm = second.index(tmp_path / "a.txt")
    assert second.cache is not None and (second.cache.hits, second.cache.misses) == (1, 0)
    assert warm == cold


def test_the_cached_copy_takes_the_current_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    c = corpus(tmp_path)
    c.index(tmp_path / "a.txt")
    b = c.index(tmp_path / "b.txt")  # same bytes: a hit, shown under its own name
    assert c.cache is not None and c.cache.hits == 1
    assert (b.source.id, b.source.path) == ("b.txt", "b.txt")


def test_an_edited_file_misses(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    corpus(tmp_path).index(path)
    path.write_text(TEXT.replace("2,800", "2,900"))
    again = corpus(tmp_path)
    index = again.index(path)
    assert again.cache is not None and again.cache.misses == 1
    assert [m.quantity.value for m in index.mentions] == [2900, 600]


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_text("{ not json"),
        lambda p: p.write_text("someone-else\n{}"),
        lambda p: p.write_text(p.stem + "\n" + json.dumps({"source": 3})),
        lambda p: p.write_bytes(b"\xff\xfe"),
    ],
    ids=["garbage", "foreign-key", "bad-shape", "binary"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    good = corpus(tmp_path).index(path)
    (entry,) = entries(tmp_path)
    damage(entry)
    again = corpus(tmp_path)
    assert again.index(path) == good
    assert again.cache is not None and (again.cache.hits, again.cache.misses) == (0, 1)
    third = corpus(tmp_path)
    third.index(path)
    assert third.cache is not None and third.cache.hits == 1  # rewritten


def test_no_cache_setting_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    c = Corpus(get_plugin_manager(entry_points=False), Settings(root=tmp_path, cache=False))
    c.index(tmp_path / "a.txt")
    assert c.cache is None and not (tmp_path / ".claimcheck_cache").exists()


def test_pytest_options_no_cache_and_cache_clear(seeded: pytest.Pytester) -> None:
    seeded.makefile(".yaml", **{"claims/c": "claims:\n  - Met armed total after uplift == 2800\n"})
    cache = seeded.path / ".claimcheck_cache"
    seeded.runpytest("--claimcheck-no-cache").assert_outcomes(passed=1)
    assert not cache.exists()
    seeded.runpytest().assert_outcomes(passed=1)
    # One extraction per seed; the claim's result and the loaded claim file.
    assert len([p for p in cache.rglob("*.json") if "results" not in p.parts]) == 5
    assert len(list((cache / "v3" / "results").rglob("*.json"))) == 2
    assert len(list(cache.rglob("*.json"))) == 7
    (cache / "v3" / "stale-marker").write_text("x")
    seeded.runpytest("--cache-clear").assert_outcomes(passed=1)
    assert not (cache / "v3" / "stale-marker").exists()
    assert len(list(cache.rglob("*.json"))) == 7

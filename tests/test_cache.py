"""The on-disk extraction cache: hits, misses after an edit, corrupted and foreign entries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


# --- the stat manifest: digests of unchanged sources are not computed again ---------------------


def _settled(path: Path, seconds_ago: float = 60.0) -> None:
    """Date a file's mtime back, as if it had been edited a minute ago (its ctime stays now,
    so files dated back are hashed once more, then trusted)."""
    import os
    import time

    then = time.time_ns() - int(seconds_ago * 1e9)
    os.utime(path, ns=(then, then))


def _digests(root: Path) -> Any:
    from claimcheck.extraction.digests import FileDigests

    return FileDigests(root / ".claimcheck_cache" / "sources.stat")


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    import hashlib
    import time

    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    _settled(path)
    time.sleep(0.2)  # the ctime, which utime cannot date back, is settled too
    first = _digests(tmp_path)
    assert first.digest(str(path)) == hashlib.sha256(TEXT.encode()).hexdigest()
    first.save()
    second = _digests(tmp_path)
    assert second.digest(str(path)) == hashlib.sha256(TEXT.encode()).hexdigest()
    assert (first.reads, second.reads) == (1, 0)


def test_an_edit_that_keeps_size_and_mtime_is_seen(tmp_path: Path) -> None:
    import hashlib
    import os
    import time

    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    _settled(path)
    time.sleep(0.2)
    first = _digests(tmp_path)
    first.digest(str(path))
    first.save()
    st = os.stat(path)
    edited = TEXT.replace("2,800", "2,900")
    path.write_text(edited)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime: only ctime moved
    second = _digests(tmp_path)
    assert second.digest(str(path)) == hashlib.sha256(edited.encode()).hexdigest()
    assert second.reads == 1


def test_a_file_hashed_right_after_an_edit_is_hashed_again_next_run(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    first = _digests(tmp_path)
    first.digest(str(path))  # within the same tick as the write, perhaps: not written down
    first.save()
    second = _digests(tmp_path)
    second.digest(str(path))
    assert second.reads == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text,
        lambda text: text[: len(text) // 2],
        lambda text: "not a manifest\n" + text,
    ],
    ids=["an-entry-edited", "cut", "foreign"],
)
def test_a_damaged_manifest_is_ignored(tmp_path: Path, damage: Any) -> None:
    import time

    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    _settled(path)
    time.sleep(0.2)
    first = _digests(tmp_path)
    good = first.digest(str(path))
    first.save()
    manifest = tmp_path / ".claimcheck_cache" / "sources.stat"
    lines = manifest.read_text().split("\n")
    # Point the entry at another digest: a manifest that still parsed would be believed.
    lines[1] = lines[1].replace(good, "0" * 64)
    manifest.write_text(damage("\n".join(lines)))
    second = _digests(tmp_path)
    assert second.digest(str(path)) == good and second.reads == 1


def test_a_warm_corpus_reads_no_source_to_key_it(tmp_path: Path) -> None:
    import time

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT.replace("2,800", name))
        _settled(tmp_path / name)
    time.sleep(0.2)
    first = corpus(tmp_path)
    keys = [first.content_key(tmp_path / n) for n in ("a.txt", "b.txt")]
    first.save_digests()
    second = corpus(tmp_path)
    assert [second.content_key(tmp_path / n) for n in ("a.txt", "b.txt")] == keys
    assert second.digests is not None and second.digests.reads == 0

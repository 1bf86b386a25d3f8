"""SHA-256 digests of source files, remembered with their stat data between runs.

A warm run over 10,000 sources must learn that none changed without reading 26 MB again. Like
git's index, a file whose size, mtime, ctime and inode are what they were when it was last
hashed is taken to hold the same bytes, and its digest is reused.

The one trap is the "racily clean" file (git's term): a file edited again within the same
timestamp tick as it was hashed keeps its stat data but not its bytes. So a digest is written
down only for a file whose mtime and ctime were already older than the hashing by more than
the file system's timestamp tick (``_SETTLED_NS``; two seconds where timestamps are whole
seconds): any later edit is then stamped with a newer time, and seen. A file hashed sooner
after an edit is simply hashed again next run.

The manifest, ``sources.stat`` in the cache folder, starts with a line holding the SHA-256 of
the rest: a damaged or cut manifest is ignored as a whole, never half trusted.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from claimcheck.extraction.cache import write_atomically

__all__ = ["FileDigests"]

_MAGIC = b"claimcheck stat manifest 1 "
# Entries kept from earlier runs that this run did not look at, at most this many times
# the ones it did: a project that renames files does not grow its manifest without end.
_KEEP_UNSEEN = 4

# How much older than the hashing a file's times must be for its stat data to vouch for its
# bytes. File times come from a coarse clock (a jiffy, at most 10 ms, behind the wall clock
# read here), or from whole seconds (two on FAT) where nanoseconds are all zero.
_SETTLED_NS = 100_000_000
_SETTLED_COARSE_NS = 2_000_000_000

_Stat = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns


def _stat_of(st: os.stat_result) -> _Stat:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class FileDigests:
    """``digest(path)``: the SHA-256 of a file's bytes, read only when its stat data changed."""

    def __init__(self, manifest: Path | None) -> None:
        self.manifest = manifest
        self._stored: dict[str, tuple[_Stat, str]] = {}
        self._seen: dict[str, str] = {}  # this run's digests, by path
        self._keep: dict[str, tuple[_Stat, str]] = {}  # entries for the next manifest
        self._dirty = False
        self.reads = 0  # files read and hashed (the rest were known by their stat data)
        if manifest is not None:
            self._load(manifest)

    def _load(self, manifest: Path) -> None:
        try:
            with open(manifest, "rb") as f:
                head = f.readline()
                body = f.read()
        except OSError:
            return
        checksum = hashlib.sha256(body).hexdigest().encode()
        if not head.startswith(_MAGIC) or head[len(_MAGIC) :].strip() != checksum:
            return  # damaged, cut or foreign: start afresh
        stored: dict[str, tuple[_Stat, str]] = {}
        try:
            for line in body.decode("utf-8").splitlines():
                ino, size, mtime, ctime, digest, path = line.split(" ", 5)
                stored[path] = ((int(ino), int(size), int(mtime), int(ctime)), digest)
        except ValueError:
            return
        self._stored = stored

    def digest(self, path: str) -> str:
        """The SHA-256 (hex) of the file's bytes; raises OSError if it cannot be read."""
        known = self._seen.get(path)
        if known is not None:
            return known
        st = os.stat(path)
        stat = _stat_of(st)
        stored = self._stored.get(path)
        if stored is not None and stored[0] == stat:
            self._seen[path] = stored[1]
            self._keep[path] = stored
            return stored[1]
        now = time.time_ns()
        with open(path, "rb") as f:
            data = f.read()
        self.reads += 1
        digest = hashlib.sha256(data).hexdigest()
        self._seen[path] = digest
        # The stat was taken before the read, so an edit during the read shows next run. A
        # short read (the file shrank meanwhile) or a name that cannot be written is not kept.
        newest = max(st.st_mtime_ns, st.st_ctime_ns)
        coarse = st.st_mtime_ns % 1_000_000_000 == 0 and st.st_ctime_ns % 1_000_000_000 == 0
        settled = now - newest > (_SETTLED_COARSE_NS if coarse else _SETTLED_NS)
        if settled and len(data) == st.st_size and "\n" not in path:
            self._keep[path] = (stat, digest)
            self._dirty = True
        return digest

    def save(self) -> None:
        """Write the manifest if this run hashed any file (a failed write only costs speed)."""
        if self.manifest is None or not self._dirty:
            return
        entries = dict(self._keep)
        unseen = [p for p in self._stored if p not in entries]
        for path in unseen[: _KEEP_UNSEEN * max(len(entries), 1)]:
            entries[path] = self._stored[path]
        body = "".join(
            f"{s[0]} {s[1]} {s[2]} {s[3]} {digest} {path}\n" for path, (s, digest) in sorted(entries.items())
        ).encode("utf-8")
        try:
            self.manifest.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.manifest, _MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        except OSError:
            return
        self._dirty = False

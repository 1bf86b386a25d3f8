"""An on-disk cache of extracted sources, like ``.pytest_cache``: ``.claimcheck_cache/``.

An entry is keyed by the SHA-256 of the file's bytes (see ``digests``) and a signature of the
reader (claimcheck's version, the reader's version and the plugins that load and extract), so
an edited file, a new release or another plugin set never reuses an old entry. An entry that
cannot be read, does not parse or carries another key is ignored and written anew: the cache
is never trusted blindly.
Writes go to a temporary file first and are renamed into place, so xdist workers sharing the
cache never see half an entry.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from pathlib import Path

from pydantic import ValidationError

from claimcheck.models import SourceIndex

__all__ = ["LAYOUT", "READER_VERSION", "IndexCache", "write_atomically", "write_readme"]

# Bump whenever extraction changes what it produces for the same text.
READER_VERSION = "1"
LAYOUT = "v3"


class IndexCache:
    """Extracted sources stored by content hash under ``directory``."""

    def __init__(self, directory: Path, signature: str) -> None:
        self.directory = directory / LAYOUT
        self._folder = str(self.directory)
        self.signature = signature
        self.hits = 0
        self.misses = 0
        # Entry names by folder (the key's first two characters), listed on first use: asking
        # whether 10,000 sources are cached takes 256 folder listings, not 10,000 stat calls.
        self._listed: dict[str, set[str]] = {}

    def key(self, data: bytes) -> str:
        """The key of an entry for a file holding ``data``."""
        return self.key_of_digest(hashlib.sha256(data).hexdigest())

    def key_of_digest(self, digest: str) -> str:
        """The key of an entry for a file whose bytes have the SHA-256 ``digest`` (hex)."""
        return hashlib.sha256(f"{digest}\0{self.signature}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return Path(self._file(key, ".json"))

    def _file(self, key: str, suffix: str) -> str:
        # Strings, not Path objects: a run over 10,000 sources asks for 10,000 of these.
        return os.path.join(self._folder, key[:2], key + suffix)

    def has(self, key: str) -> bool:
        """Whether an entry was there for ``key`` when its folder was first listed, or was
        written since by this process (entries are written whole or not at all)."""
        folder = key[:2]
        names = self._listed.get(folder)
        if names is None:
            try:
                names = set(os.listdir(os.path.join(self._folder, folder)))
            except OSError:
                names = set()
            self._listed[folder] = names
        return key + ".json" in names

    # An entry is one file: its key on the first line, the source's word stems on the second,
    # then the SourceIndex as JSON. One file, not two, because creating files is what writing
    # the cache costs most; the stems come first so that reading them alone stops early.

    def get(self, key: str) -> SourceIndex | None:
        try:
            header, _, rest = self._path(key).read_bytes().partition(b"\n")
            if header.decode("ascii") != key:
                raise ValueError("foreign entry")
            stems, _, body = rest.partition(b"\n")
            index = SourceIndex.model_validate_json(body)  # parsed and validated in one step
            if index.stems != stems.decode("utf-8"):
                raise ValueError("the stems line does not match the entry")
        except (OSError, ValueError, ValidationError):
            self.misses += 1
            return None
        self.hits += 1
        return index

    def get_stems(self, key: str) -> str | None:
        """Only the word stems of an entry, or None."""
        try:
            with open(self._file(key, ".json"), "rb") as stored:
                header = stored.readline()
                stems = stored.readline()
            if header != key.encode("ascii") + b"\n" or not stems.endswith(b"\n"):
                raise ValueError("foreign or cut entry")
            return stems[:-1].decode("utf-8")
        except (OSError, ValueError):
            return None

    def put(self, key: str, index: SourceIndex) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._write_readme()
            stems = index.stems.encode("utf-8")
            if b"\n" in stems:
                return  # stems are space-separated words; never cache what cannot be read back
            self._write(
                path, key.encode("ascii") + b"\n" + stems + b"\n" + index.model_dump_json().encode("utf-8")
            )
            self._listed.get(key[:2], set()).add(path.name)
        except OSError:
            pass  # a read-only or full disk costs speed, never a result

    @staticmethod
    def _write(path: Path, payload: bytes) -> None:
        write_atomically(path, payload)

    def _write_readme(self) -> None:
        write_readme(self.directory.parent)

    @staticmethod
    def clear(directory: Path) -> None:
        shutil.rmtree(directory, ignore_errors=True)


def write_atomically(path: Path, payload: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place: a reader (another
    xdist worker) sees the old entry or the new one, never half of one."""
    # A name of this process and thread alone: cheaper than mkstemp's search for a free name.
    tmp = f"{path.parent}{os.sep}.tmp-{os.getpid()}-{threading.get_ident()}-{path.name}"
    with open(tmp, "wb") as out:
        out.write(payload)
    os.replace(tmp, path)


def write_readme(root: Path) -> None:
    """Say what ``.claimcheck_cache/`` is, and keep it out of version control."""
    readme = root / "README.md"
    if not readme.exists():
        readme.write_text(
            "# claimcheck cache\n\nExtracted sources and claim results, reused while files, claims "
            "and settings are unchanged. Safe to delete; `pytest --cache-clear` empties it and "
            "`--claimcheck-no-cache` skips it.\n",
            encoding="utf-8",
        )
        (root / ".gitignore").write_text("*\n", encoding="utf-8")

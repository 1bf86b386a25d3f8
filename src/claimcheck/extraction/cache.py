"""An on-disk cache of extracted sources, like ``.pytest_cache``: ``.claimcheck_cache/``.

An entry is keyed by the SHA-256 of the file's bytes and a signature of the reader (claimcheck's
version, the reader's version and the plugins that load and extract), so an edited file, a new
release or another plugin set never reuses an old entry. An entry that cannot be read, does not
parse or carries another key is ignored and written anew: the cache is never trusted blindly.
Writes go to a temporary file first and are renamed into place, so xdist workers sharing the
cache never see half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from pydantic import ValidationError

from claimcheck.models import SourceIndex

__all__ = ["READER_VERSION", "IndexCache"]

# Bump whenever extraction changes what it produces for the same text.
READER_VERSION = "1"
_LAYOUT = "v1"


class IndexCache:
    """Extracted sources stored by content hash under ``directory``."""

    def __init__(self, directory: Path, signature: str) -> None:
        self.directory = directory / _LAYOUT
        self.signature = signature
        self.hits = 0
        self.misses = 0

    def key(self, data: bytes) -> str:
        return hashlib.sha256(data + b"\0" + self.signature.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> SourceIndex | None:
        try:
            raw = self._path(key).read_bytes()
            stored = json.loads(raw)
            if not isinstance(stored, dict) or stored.get("key") != key:
                raise ValueError("foreign entry")
            index = SourceIndex.model_validate(stored["index"])
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            self.misses += 1
            return None
        self.hits += 1
        return index

    def put(self, key: str, index: SourceIndex) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._write_readme()
            payload = json.dumps({"key": key, "index": index.model_dump(mode="json")})
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(payload)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full disk costs speed, never a result

    def _write_readme(self) -> None:
        readme = self.directory.parent / "README.md"
        if not readme.exists():
            readme.write_text(
                "# claimcheck cache\n\nExtracted sources, reused while a file is unchanged. "
                "Safe to delete; `pytest --cache-clear` or `--claimcheck-no-cache` skip it.\n",
                encoding="utf-8",
            )
            (self.directory.parent / ".gitignore").write_text("*\n", encoding="utf-8")

    @staticmethod
    def clear(directory: Path) -> None:
        shutil.rmtree(directory, ignore_errors=True)

"""Claim results and source checks kept from earlier runs: ``.claimcheck_cache/v2/results/``.

A claim's result is a function of the claim as written (its fields and place in its file), the
run's settings, the plugins and code that evaluate it, and the bytes of every source it selects.
The key is the SHA-256 of all of those, so a re-run where nothing changed skips reading,
extraction and evaluation, and any change (an edited claim, one edited source among the
claim's, a new claimcheck, another plugin) misses and is evaluated anew. Entries are written
the way the extraction cache writes them (key on the first line, renamed into place) and
checked the same way: an entry that does not parse or carries another key is ignored.

A claim's entry also holds, on a line of its own before the result, what its test item reports
(outcome, message, failure text) and a SHA-256 of that line's fields and the result's JSON: a
warm run hands the JSON on as it is, checked by the digest, without building its models again.

Only kinds whose verdicts depend on each source alone (``per_source``) are kept: a derived
figure depends on other claims' results, which are not part of its key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from claimcheck.extraction.cache import LAYOUT, write_atomically, write_readme
from claimcheck.models import ClaimResult, Outcome, SourceCheck

__all__ = ["RenderedResult", "ResultCache"]


@dataclass(frozen=True)
class RenderedResult:
    """A claim's result as its test item reports it: the outcome, the message, the text of a
    failure, and the result as JSON (what crosses to the xdist controller)."""

    outcome: Outcome
    message: str
    text: str
    json: str

_CHECKS = TypeAdapter(list[SourceCheck])


def _digest(rendered: RenderedResult) -> str:
    """What the stored digest covers: the whole entry but its key, so a damaged line is seen."""
    fields = json.dumps([rendered.outcome.value, rendered.message, rendered.text])
    return hashlib.sha256(f"{fields}\n{rendered.json}".encode()).hexdigest()


class ResultCache:
    """Results stored by the hash of everything that decides them, under ``directory``."""

    def __init__(self, directory: Path, signature: str) -> None:
        self.root = directory
        self.directory = directory / LAYOUT / "results"
        self.signature = signature
        self.hits = 0
        self.misses = 0

    def key(self, *parts: str) -> str:
        """The key of an entry decided by ``parts`` (and by this cache's signature)."""
        digest = hashlib.sha256(self.signature.encode())
        for part in parts:
            encoded = part.encode()
            # Length-prefixed, so that ("ab", "c") and ("a", "bc") never share a key.
            digest.update(len(encoded).to_bytes(8, "little"))
            digest.update(encoded)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _read(self, key: str) -> bytes | None:
        try:
            header, _, body = self._path(key).read_bytes().partition(b"\n")
        except OSError:
            return None
        return body if header == key.encode("ascii") else None

    def _counted(self, found: object) -> None:
        if found is None:
            self.misses += 1
        else:
            self.hits += 1

    def _write(self, key: str, body: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_readme(self.root)
            write_atomically(path, key.encode("ascii") + b"\n" + body)
        except OSError:
            pass  # a read-only or full disk costs speed, never a result

    def has(self, key: str) -> bool:
        """Whether an entry is stored for ``key`` (it may still turn out not to parse)."""
        return self._path(key).is_file()

    def get_bytes(self, key: str) -> bytes | None:
        """An entry's payload as stored, for callers with their own format."""
        return self._read(key)

    def put_bytes(self, key: str, body: bytes) -> None:
        self._write(key, body)

    def _load(self, key: str) -> RenderedResult | None:
        """An entry as stored, if its key line and its digest check out."""
        entry = self._read(key)
        if entry is None:
            return None
        head, _, body = entry.partition(b"\n")
        try:
            fields = json.loads(head)
            outcome, message, text = Outcome(fields["outcome"]), fields["message"], fields["text"]
            if not (isinstance(message, str) and isinstance(text, str)):
                return None
            found = RenderedResult(outcome, message, text, body.decode("utf-8"))
            return found if fields["sha256"] == _digest(found) else None
        except (ValueError, TypeError, KeyError):
            return None

    def get_result(self, key: str) -> ClaimResult | None:
        stored = self._load(key)
        try:
            result = ClaimResult.model_validate_json(stored.json) if stored is not None else None
        except ValidationError:
            result = None
        self._counted(result)
        return result

    def get_rendered(self, key: str) -> RenderedResult | None:
        """The stored result without parsing it (its digest is checked)."""
        found = self._load(key)
        self._counted(found)
        return found

    def put_result(self, key: str, rendered: RenderedResult) -> None:
        head = {
            "outcome": rendered.outcome.value,
            "message": rendered.message,
            "text": rendered.text,
            "sha256": _digest(rendered),
        }
        self._write(key, json.dumps(head).encode("utf-8") + b"\n" + rendered.json.encode("utf-8"))

    def get_checks(self, key: str) -> list[SourceCheck] | None:
        body = self._read(key)
        try:
            return _CHECKS.validate_json(body) if body is not None else None
        except ValidationError:
            return None

    def put_checks(self, key: str, checks: list[SourceCheck]) -> None:
        self._write(key, _CHECKS.dump_json(checks))

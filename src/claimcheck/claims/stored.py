"""A loaded claim file as JSON and back, so that an unchanged file skips the YAML parser.

Parsing YAML with positions is the slowest step of loading claims (about 70 ms for 100
claims, in every xdist worker); the result is a function of the file's bytes and of the
installed kinds, so the runner keeps it in the result cache. Claims are stored as their models
dump them and validated again on the way back (the model stays the judge of its shape);
entries that failed to load keep their error's class, message, place and hint.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from claimcheck import errors
from claimcheck.claims.loader import ClaimEntry, ClaimFileContents
from claimcheck.errors import ClaimValidationError, Location
from claimcheck.models import ClaimBase

__all__ = ["dump_contents", "load_contents"]


def _where(location: Location | None) -> list[Any] | None:
    return None if location is None else [str(location.path), location.line, location.col]


def _at(value: list[Any] | None) -> Location | None:
    return None if value is None else Location(Path(value[0]), value[1], value[2])


def _error(data: Mapping[str, Any]) -> ClaimValidationError:
    cls = getattr(errors, data["type"], None)
    if not (isinstance(cls, type) and issubclass(cls, ClaimValidationError)):
        raise ValueError(f"not a claim error: {data['type']!r}")
    return cls(data["message"], _at(data["location"]), data["hint"])


def dump_contents(contents: ClaimFileContents) -> bytes:
    """The file's contents as JSON."""
    entries = []
    for entry in contents.entries:
        claim = entry.claim
        error = entry.error
        entries.append(
            {
                "name": entry.name,
                "location": _where(entry.location),
                "claim": None
                if claim is None
                else {
                    "kind": claim.kind,
                    "model": claim.model_dump(mode="json", by_alias=True),
                    "location": _where(claim.location),
                },
                "error": None
                if error is None
                else {
                    "type": type(error).__name__,
                    "message": error.message,
                    "location": _where(error.location),
                    "hint": error.hint,
                },
                "source_locations": [_where(loc) for loc in entry.source_locations],
            }
        )
    return json.dumps(
        {
            "path": str(contents.path),
            "sources": contents.sources,
            "sources_location": _where(contents.sources_location),
            "source_locations": [_where(loc) for loc in contents.source_locations],
            "entries": entries,
            "arithmetic_xfail": {
                ref: [why, _where(at)] for ref, (why, at) in contents.arithmetic_xfail.items()
            },
        },
        separators=(",", ":"),
    ).encode("utf-8")


def load_contents(data: bytes, kinds: Mapping[str, type[ClaimBase]]) -> ClaimFileContents:
    """The contents stored by :func:`dump_contents`; raises ValueError (or pydantic's
    ValidationError, a ValueError) when the data is not such contents for these kinds."""
    try:
        raw = json.loads(data)
        entries = []
        for item in raw["entries"]:
            claim = None
            if item["claim"] is not None:
                model = kinds[item["claim"]["kind"]].model_validate(item["claim"]["model"])
                where = _at(item["claim"]["location"])
                claim = model.located(where) if where is not None else model
            entries.append(
                ClaimEntry(
                    name=item["name"],
                    location=_at(item["location"]) or Location(Path(raw["path"])),
                    claim=claim,
                    error=_error(item["error"]) if item["error"] is not None else None,
                    source_locations=[loc for loc in map(_at, item["source_locations"]) if loc is not None],
                )
            )
        return ClaimFileContents(
            path=Path(raw["path"]),
            sources=raw["sources"],
            sources_location=_at(raw["sources_location"]),
            source_locations=[loc for loc in map(_at, raw["source_locations"]) if loc is not None],
            entries=entries,
            arithmetic_xfail={
                ref: (why, _at(at) or Location(Path(raw["path"])))
                for ref, (why, at) in raw["arithmetic_xfail"].items()
            },
        )
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"not stored claim file contents: {exc!r}") from exc

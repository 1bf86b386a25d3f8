"""Read a claim file: YAML -> validated claim models, each with the file:line:col it came from.

The file is read with ruamel.yaml's round-trip loader, which records the line and column of
every key and list item. Each entry is converted to plain Python, its editor-friendly values
(``expect: "== 2,800"``, ``tolerance: 5%``) are turned into model values with
:mod:`claimcheck.claims.grammar`, and the claim model validates the result, so the model stays
the single source of truth for the final shape. Problems with the file as a whole raise
:class:`ClaimFileError`; a problem with one entry becomes that entry's
:class:`ClaimValidationError` and the other entries still load.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from claimcheck.claims._fields import (
    FIELD_HINTS,
    Problem,
    about_text,
    build,
    convert_sources,
    field_keys,
)
from claimcheck.claims._yaml import (
    MAX_DEPTH,
    MAX_NODES,
    Plain,
    first_content,
    key_text,
    parse_yaml,
    position,
    read_text,
)
from claimcheck.claims.grammar import (
    STATEMENT_HINT,
    describe_value,
    parse_statement,
    slugify,
)
from claimcheck.errors import (
    ClaimFileError,
    ClaimValidationError,
    ExpectationSyntaxError,
    Location,
)
from claimcheck.models import ClaimBase

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "ClaimEntry",
    "ClaimFileContents",
    "load_claim_file",
]

_TOP_KEYS = ("sources", "claims", "arithmetic")
_CLAIMS_HINT = "a claim file needs a `claims:` list; add `claims:` with one entry per fact"


@dataclass
class ClaimEntry:
    """One entry of a claim file: a valid claim, or the error that stops it (never both)."""

    name: str
    location: Location
    claim: ClaimBase | None = None
    error: ClaimValidationError | None = None
    #: Where each item of the entry's own ``sources:`` is written, in order.
    source_locations: list[Location] = field(default_factory=list)


@dataclass
class ClaimFileContents:
    """What a claim file holds: its ``sources:`` (if any) and its entries in file order."""

    path: Path
    sources: list[str] | None
    sources_location: Location | None
    #: Where each item of ``sources:`` is written, to point at a glob that matches nothing.
    source_locations: list[Location]
    entries: list[ClaimEntry]
    #: ``arithmetic: {xfail: {source: reason}}``: sources whose arithmetic is known not to add
    #: up (an error in the source the editors know of), with where each is written.
    arithmetic_xfail: dict[str, tuple[str, Location]] = field(default_factory=dict)

    @property
    def claims(self) -> list[ClaimBase]:
        return [e.claim for e in self.entries if e.claim is not None]

    @property
    def errors(self) -> list[ClaimValidationError]:
        return [e.error for e in self.entries if e.error is not None]


def _entry_name(raw: Mapping[str, Any], model: type[ClaimBase] | None = None) -> str:
    """A name for an entry, readable even when the entry is invalid ("" if none)."""
    ident = raw.get("id")
    if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident).strip():
        return str(ident).strip()
    statement = raw.get("claim")
    if statement is None and "about" in raw and isinstance(raw.get("expect"), str):
        # The statement a valid claim would get, so the name matches its would-be id.
        statement = f"{about_text(raw['about'])} {raw['expect']}"
    default = getattr(model, "default_statement", None)
    if statement is None and callable(default):
        statement = default(raw)
    return slugify(statement) if isinstance(statement, str) else ""


def _load_entry(
    n: int,
    node: Any,
    plain: Any,
    where: Location,
    kinds: Mapping[str, type[ClaimBase]],
    detect_kind: Callable[[Mapping[str, Any]], str | None],
) -> ClaimEntry:
    def locate(loc: tuple[Any, ...], of_key: bool = False) -> Location:
        pos = position(node, loc, of_key)
        return Location(where.path, *pos) if pos is not None else where

    def failed(name: str, error: ClaimValidationError) -> ClaimEntry:
        return ClaimEntry(name=name or f"entry-{n}", location=where, error=error)

    if isinstance(plain, str):
        try:
            raw = parse_statement(plain)
        except ExpectationSyntaxError as exc:
            return failed(slugify(plain), ExpectationSyntaxError(exc.message, where, exc.hint))
        kind = detect_kind(raw) or ("figure" if "figure" in kinds else None)
    elif isinstance(plain, dict):
        raw = plain
        kind = raw["kind"] if "kind" in raw else detect_kind(raw)
    else:
        return failed(
            "",
            ClaimValidationError(
                f"a claim entry is a one-line statement or a mapping, not {describe_value(plain)}",
                where,
                hint=STATEMENT_HINT,
            ),
        )
    model = kinds.get(kind) if isinstance(kind, str) else None
    name, known = _entry_name(raw, model), ", ".join(sorted(kinds))
    if kind is None:
        hint = f'give it an `expect:` (like `expect: "== 2800"`) or a `kind:` ({known})'
        where_key = where
        message = "cannot tell what kind of claim this is"
        # A misspelt `expect:` is the usual reason no kind is detected: say so, at the key.
        fields = sorted({f for m in kinds.values() for f in field_keys(m)})
        for key in raw:
            close = [] if key in fields else difflib.get_close_matches(key, fields, n=1)
            if close:
                message = f"unknown field `{key}`: {message}"
                hint = f"did you mean `{close[0]}`? " + hint
                where_key = locate((key,), True)
                break
        return failed(name, ClaimValidationError(message, where_key, hint))
    if not isinstance(kind, str) or kind not in kinds:
        close = difflib.get_close_matches(str(kind), list(kinds), n=1)
        return failed(
            name,
            ClaimValidationError(
                f"unknown claim kind `{kind}`",
                locate(("kind",)),
                hint=(f"did you mean `{close[0]}`? " if close else "") + f"known kinds: {known}",
            ),
        )
    try:
        claim = build(raw, kinds[kind], kind, n, locate)
    except ClaimValidationError as exc:
        return failed(name, exc)
    listed = isinstance(raw.get("sources"), list)
    return ClaimEntry(
        name=claim.id,
        location=where,
        claim=claim.located(where),
        source_locations=[
            locate(("sources", i) if listed else ("sources",)) for i in range(len(claim.sources or ()))
        ],
    )


def _unique_names(entries: list[ClaimEntry]) -> None:
    """Rename invalid entries whose name is taken: entry names become test names.

    Valid claims keep their ids (already unique); an invalid entry never takes a name from a
    valid claim, wherever the two stand in the file.
    """
    taken = {e.name for e in entries if e.claim is not None}
    for entry in entries:
        if entry.claim is not None:
            continue
        if entry.name in taken:
            count = 2
            while f"{entry.name}-{count}" in taken:
                count += 1
            entry.name = f"{entry.name}-{count}"
        taken.add(entry.name)


# ---------------------------------------------------------------------------------------------
# The file


def load_claim_file(
    path: Path,
    *,
    kinds: Mapping[str, type[ClaimBase]],
    detect_kind: Callable[[Mapping[str, Any]], str | None],
) -> ClaimFileContents:
    """Read one claim file.

    :param kinds: The claim models by kind name (``{"figure": FigureClaim}``).
    :param detect_kind: Names the kind of a mapping entry without ``kind:`` (None: unknown).
    :raises ClaimFileError: The file as a whole cannot be read (YAML syntax, no ``claims:``,
        a bad ``sources:``, ...). Problems with single entries are returned in their entry.
    """
    path = Path(path)
    text = read_text(path)
    root = parse_yaml(text, path)

    def at(pos: tuple[int, int] | None) -> Location:
        return Location(path, *(pos or first_content(text)))

    if root is None:
        raise ClaimFileError("the claim file is empty", Location(path, 1, 1), hint=_CLAIMS_HINT)
    plain = Plain(path)
    if not isinstance(root, CommentedMap):
        where = at(position(root, ()))
        plain.where = where
        raise ClaimFileError(
            "the top level of a claim file should be a mapping with `claims:`, "
            f"not {describe_value(plain(root))}",
            where,
            hint=_CLAIMS_HINT,
        )
    top: dict[str, Any] = {}
    for key in root:
        name = key_text(key)
        if name not in _TOP_KEYS:
            close = difflib.get_close_matches(name, _TOP_KEYS, n=1)
            raise ClaimFileError(
                f"unknown top-level key `{name}`",
                at(position(root, (name,), True)),
                hint=(f"did you mean `{close[0]}`? " if close else "")
                + "a claim file has `claims:` and, optionally, `sources:`",
            )
        plain.where = at(position(root, (name,)))
        top[name] = plain(root[key])

    sources, sources_location, source_locations = None, None, []
    if "sources" in top:
        sources_location = at(position(root, ("sources",)))
        try:
            sources = convert_sources(top["sources"])
        except ValueError as exc:
            sub = exc.path if isinstance(exc, Problem) else ()
            raise ClaimFileError(
                f"invalid `sources`: {exc}",
                at(position(root, ("sources", *sub))),
                hint=FIELD_HINTS["sources"],
            ) from None
        listed = isinstance(top["sources"], list)
        source_locations = [
            at(position(root, ("sources", i))) if listed else sources_location for i in range(len(sources))
        ]

    arithmetic_xfail: dict[str, tuple[str, Location]] = {}
    if "arithmetic" in top:
        section = top["arithmetic"]
        xfail = section.get("xfail") if isinstance(section, dict) else None
        if not isinstance(section, dict) or set(section) - {"xfail"} or not isinstance(xfail, dict):
            raise ClaimFileError(
                "`arithmetic:` takes one key, `xfail:`, mapping sources to a reason",
                at(position(root, ("arithmetic",))),
                hint="write `arithmetic: {xfail: {004_article.txt: the 34% rise is measured against 164}}`",
            )
        for ref, reason in xfail.items():
            where = at(position(root, ("arithmetic", "xfail", ref), True))
            if not isinstance(reason, str) or not reason.strip():
                raise ClaimFileError(
                    f"`arithmetic: xfail: {ref}` needs a reason", where, hint="say why the source is wrong"
                )
            arithmetic_xfail[str(ref)] = (reason.strip(), where)

    if "claims" not in top:
        raise ClaimFileError(
            "the claim file has no `claims:` list",
            at(position(root, ())),
            hint=_CLAIMS_HINT,
        )
    claims = top["claims"]
    if not isinstance(claims, list):
        raise ClaimFileError(
            f"`claims:` should be a list, not {describe_value(claims)}",
            at(position(root, ("claims",))),
            hint="write each claim on its own line under `claims:`, starting with `- `",
        )
    claims_node = next(root[k] for k in root if key_text(k) == "claims")
    entries: list[ClaimEntry] = []
    first_line: dict[str, int | None] = {}
    for index, item in enumerate(claims):
        node = claims_node[index] if isinstance(claims_node, CommentedSeq) else None
        where = at(position(root, ("claims", index)))
        entry = _load_entry(index + 1, node, item, where, kinds, detect_kind)
        if entry.claim is not None and entry.name in first_line:
            pos = position(node, ("id",))
            explicit = isinstance(item, dict) and "id" in item
            entry = ClaimEntry(
                name=entry.name,
                location=where,
                error=ClaimValidationError(
                    f"duplicate id `{entry.name}`: the claim at line {first_line[entry.name]} has it too",
                    Location(path, *pos) if pos is not None else where,
                    hint="give each claim its own `id:`"
                    + ("" if explicit else " (without one, the id is made from the statement)"),
                ),
            )
        elif entry.claim is not None:
            first_line[entry.name] = where.line
        entries.append(entry)
    _unique_names(entries)
    return ClaimFileContents(
        path=path,
        sources=sources,
        sources_location=sources_location,
        source_locations=source_locations,
        entries=entries,
        arithmetic_xfail=arithmetic_xfail,
    )

"""Turning one entry's editor-friendly values into a validated claim model.

Each field an editor writes in a friendly form (``expect: "== 2,800"``, ``tolerance: 5%``,
``known: {a.txt: supports}``) is converted with :mod:`claimcheck.claims.grammar` first; then
the claim model validates the whole entry, so the model stays the single source of truth for
the final shape. Every problem, ours or pydantic's, is reported in an editor's words at the
position of the key or value it is about.
"""

from __future__ import annotations

import difflib
import keyword
import re
import types
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from claimcheck.claims.grammar import (
    EXPECT_HINT,
    describe_value,
    normalise_unit,
    parse_expectation,
    parse_quantifier,
    parse_tolerance,
    slugify,
    subject_terms,
)
from claimcheck.errors import ClaimValidationError, ExpectationSyntaxError, Location
from claimcheck.models import ClaimBase, Expectation

__all__ = ["FIELD_HINTS", "Problem", "about_text", "build", "convert_sources", "field_keys"]

_VERDICTS = ("SUPPORTS", "CONTRADICTS", "SILENT")
_TAG = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
FIELD_HINTS = {
    "about": "name the figure with words, like `about: Met armed officers` "
    "or `about: [Met, [armed, firearms]]`",
    "expect": EXPECT_HINT,
    "tolerance": "write a percentage like `5%` or an amount like `50`",
    "across": "use all, every, any, most, no, or `at least 2`",
    "known": "map each source to supports, contradicts or silent, like `known: {article.txt: supports}`",
    "skip": "give the reason as text, like `skip: the source is paywalled`",
    "xfail": "give the reason as text, like `xfail: the article rounds the figure`",
    "tags": "use names of letters, digits and underscores, like `tags: [police, uk]`",
    "sources": "list globs or source ids, like `sources: [articles/*.txt]`",
    "claim": "add `claim:` with the statement, or `about:` and `expect:` to have it written",
    "role": "use total, change, before, after or any",
    "unit": 'write the unit once, in `expect:` (like `expect: "== 62 km"`) or in `unit:`',
}
# What pydantic's type errors expected, in an editor's words.
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


class Problem(ValueError):
    """A bad value inside a field; ``path`` leads from the field to it (an item, a key)."""

    def __init__(self, message: str, *path: str | int) -> None:
        super().__init__(message)
        self.path = path


def _about_words(value: Any) -> str | list[str | list[str]]:
    def word(item: Any, *path: int) -> str:
        if isinstance(item, str):
            return item
        # `about: [Met, 2016]`: YAML read the year as a number; it is still a word.
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            return str(item)
        raise Problem(f"a subject term is a word, not {describe_value(item)}", *path)

    if isinstance(value, list):
        return [
            [word(a, i, j) for j, a in enumerate(item)] if isinstance(item, list) else word(item, i)
            for i, item in enumerate(value)
        ]
    return word(value)


def _expect(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() == "consistent":
        return "consistent"  # an agreement claim: no value, the sources must agree
    if isinstance(value, str):
        return parse_expectation(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ExpectationSyntaxError(
            f"`expect: {value}` has no operator",
            hint=f'write an operator before the number, in quotes: `expect: "== {value}"`',
        )
    if isinstance(value, dict):
        # The model's own shape ({op:, value:, text:}): the model checks it.
        return value
    raise ExpectationSyntaxError(
        f"`expect:` should be text like `== 2800`, not {describe_value(value)}",
        hint=EXPECT_HINT,
    )


def _across(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        raise Problem(f"`{value}` is a bare number; write `at least {value}` (or all, any)")
    return parse_quantifier(value)


def convert_sources(value: Any) -> Any:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise Problem(f"should be a glob or a list of globs, not {describe_value(value)}")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise Problem(f"a source is a glob or an id, not {describe_value(item)}", i)
    return items


def _known(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    known: dict[str, Any] = {}
    for source, verdict in value.items():
        entry = dict(verdict) if isinstance(verdict, dict) else {"verdict": verdict}
        word, path = (
            entry.get("verdict"),
            (source, "verdict") if isinstance(verdict, dict) else (source,),
        )
        if not isinstance(word, str) or word.strip().upper() not in _VERDICTS:
            shown = f"`{word}`" if isinstance(word, str) else describe_value(word)
            raise Problem(
                f"the verdict for `{source}` should be supports, contradicts or silent, not {shown}",
                *path,
            )
        entry["verdict"] = word.strip().upper()
        known[source] = entry
    return known


def _reason(default: str) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if value is True:
            return default
        if value is False or value is None:
            return None
        if isinstance(value, str):
            return value.strip() or default
        raise ValueError(f"should be a reason (text) or true, not {describe_value(value)}")

    return convert


# pytest's built-in marks: as a tag they would skip or xfail the claim instead of labelling it.
_PYTEST_MARKS = frozenset(
    "skip skipif xfail parametrize usefixtures filterwarnings tryfirst trylast claimcheck".split()
)


def _tags(value: Any) -> Any:
    tags = [value] if isinstance(value, str) else value
    if not isinstance(tags, list):
        raise Problem(f"should be a list of names, not {describe_value(value)}")
    for i, tag in enumerate(tags):
        # Tags become pytest markers, selected with `-m`: they must be plain identifiers.
        if not isinstance(tag, str) or not _TAG.fullmatch(tag) or keyword.iskeyword(tag):
            shown = f"`{tag}`" if isinstance(tag, str) else describe_value(tag)
            raise Problem(f"{shown} is not a valid tag (it names a pytest marker)", i)
        if tag in _PYTEST_MARKS:
            raise Problem(
                f"`{tag}` is one of pytest's own marks and would change how the claim runs; "
                "use the claim's `skip:` or `xfail:` field, or another tag name",
                i,
            )
    return tags


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "id": lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v,
    "expect": _expect,
    "unit": lambda v: (normalise_unit(v) or None) if isinstance(v, str) else v,
    "tolerance": lambda v: v if v is None or isinstance(v, dict) else parse_tolerance(v),
    "role": lambda v: v.strip().lower() if isinstance(v, str) else v,
    "across": _across,
    "sources": convert_sources,
    "known": _known,
    "skip": _reason("skipped in the claim file"),
    "xfail": _reason("marked xfail in the claim file"),
    "tags": _tags,
}


def field_keys(model: type[BaseModel]) -> list[str]:
    """The keys an editor writes for ``model``'s fields: a field's alias where it has one
    (``is:`` for a field ``is_`` that a Python keyword cannot name), else its name."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    """The field an editor's key names, by alias or by name."""
    info = model.model_fields.get(key)
    if info is not None and not info.alias:
        return info
    return next((i for i in model.model_fields.values() if i.alias == key), None)


def _model_hint(model: type[BaseModel], key: str) -> str | None:
    """A hint a claim model gives for one of its fields (``json_schema_extra={"hint": ...}``),
    so a plugin's kind explains its own fields; the shared FIELD_HINTS come first."""
    if key in FIELD_HINTS:
        return FIELD_HINTS[key]
    info = _field(model, key)
    extra = info.json_schema_extra if info is not None else None
    hint = extra.get("hint") if isinstance(extra, dict) else None
    return hint if isinstance(hint, str) else None


def _fields_at(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    """The field keys valid at ``path`` inside ``model``, for "did you mean"."""
    current: Any = model
    for step in (*path, None):
        while get_origin(current) in (Union, types.UnionType):
            current = next((a for a in get_args(current) if a is not type(None)), None)
        if step is None:
            break
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = _field(current, str(step))
            current = info.annotation if info is not None else None
        elif get_origin(current) in (list, dict):
            # The step is an index or a key: go on to the item's type.
            current = get_args(current)[-1]
        else:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return field_keys(current)
    return []


def _loc_text(loc: tuple[Any, ...]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else f".{step}" if text else str(step)
    return text


def _pydantic_problem(
    err: Mapping[str, Any], model: type[BaseModel], locate: Callable[..., Location]
) -> tuple[int, ClaimValidationError]:
    """One pydantic error in an editor's words, at its place in the file.

    The int sorts the errors: a missing field is often the echo of a misspelt one, so it
    comes after every other problem.
    """
    loc, kind = tuple(err["loc"]), err["type"]
    name, value = _loc_text(loc), err.get("input")
    hint = _model_hint(model, str(loc[0])) if loc else None
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"valid fields: {', '.join(allowed)}"
        return 0, ClaimValidationError(f"unknown field `{name}`", locate(loc, True), hint)
    if kind == "missing":
        return 1, ClaimValidationError(f"`{name}:` is required", locate(loc[:-1]), hint)
    if kind in _EXPECTED:
        message = f"`{name}:` should be {_EXPECTED[kind]}, not {describe_value(value)}"
    elif kind in ("enum", "literal_error"):
        message = f"`{name}:` should be {err.get('ctx', {}).get('expected')}, not `{value}`"
    elif kind == "string_pattern_mismatch" and loc == ("id",):
        message = f"`id: {value}` is not a valid id"
        hint = (
            "use lower-case letters, digits, `.`, `_` and `-`, like "
            f"`{slugify(str(value)) or 'met-armed-total'}`"
        )
    else:
        msg = str(err.get("msg", "is invalid"))
        message = f"`{name}:` {msg[:1].lower()}{msg[1:]}"
    return 0, ClaimValidationError(message, locate(loc), hint)


def about_text(about: Any) -> str:
    """The subject as the editor wrote it, for a generated ``claim:``."""
    if isinstance(about, list):
        return " ".join("/".join(map(str, item)) if isinstance(item, list) else str(item) for item in about)
    return " ".join(str(about).split())


def _order(problem: tuple[int, ClaimValidationError]) -> tuple[int, int, int]:
    """Sort key: a problem's rank, then its place in the file."""
    at = problem[1].location
    return problem[0], (at.line or 0) if at else 0, (at.col or 0) if at else 0


def build(
    raw: Mapping[str, Any],
    model: type[ClaimBase],
    kind: str,
    n: int,
    locate: Callable[..., Location],
) -> ClaimBase:
    """Convert an entry's values for ``model``, validate it, and raise its first problem."""
    fields = model.model_fields
    data = {**raw, "kind": kind}
    problems: list[tuple[int, ClaimValidationError]] = []
    failed: set[str] = set()  # pydantic's errors about these fields would repeat ours

    def problem(name: str, exc: ValueError) -> None:
        failed.add(name)
        if isinstance(exc, ExpectationSyntaxError):
            error: ClaimValidationError = ExpectationSyntaxError(exc.message, locate((name,)), exc.hint)
        else:
            sub = exc.path if isinstance(exc, Problem) else ()
            error = ClaimValidationError(
                f"invalid `{name}`: {exc}", locate((name, *sub)), _model_hint(model, name)
            )
        problems.append((0, error))

    inferred = None
    if "about" in fields and "about" in data:
        try:
            data["about"], inferred = subject_terms(_about_words(data["about"]))
        except ValueError as exc:
            problem("about", exc)
    for name, convert in _CONVERTERS.items():
        if name in fields and name in data:
            try:
                data[name] = convert(data[name])
            except ValueError as exc:
                problem(name, exc)
    if "role" in fields and "role" not in data and inferred is not None:
        data["role"] = inferred.value
    expectation = data.get("expect")
    if isinstance(expectation, Expectation) and "unit" in fields and "unit" not in failed:
        unit = data.get("unit")
        if unit is None and expectation.unit:
            data["unit"] = expectation.unit
        elif isinstance(unit, str) and expectation.unit and unit != expectation.unit:
            problem(
                "unit",
                ValueError(f"`{unit}` disagrees with `expect: {expectation.text}`"),
            )
    if "claim" not in data and "about" in fields and "expect" in fields:
        if isinstance(expectation, Expectation) and "about" in data and "about" not in failed:
            data["claim"] = f"{about_text(raw['about'])} {expectation.text}"
        elif expectation == "consistent" and "about" in data and "about" not in failed:
            data["claim"] = f"{about_text(raw['about'])} is consistent across sources"
        else:
            # Missing because `about:` or `expect:` is: report those instead.
            failed.add("claim")
    if "claim" not in data and "expr" in fields and "expect" in fields:
        if isinstance(expectation, Expectation) and isinstance(data.get("expr"), str):
            data["claim"] = f"{data['expr']} {expectation.text}"
        else:
            failed.add("claim")
    if (
        "claim" not in data
        and "claim" not in failed
        and callable(default := getattr(model, "default_statement", None))
    ):
        # A kind without `expect:` writes its own statement from the entry as written.
        statement = default(raw)
        if isinstance(statement, str):
            data["claim"] = statement
        else:
            failed.add("claim")  # missing because a field it needs is: report that instead
    if "id" not in data:
        statement = data.get("claim")
        data["id"] = (slugify(statement) if isinstance(statement, str) else "") or f"entry-{n}"
    try:
        claim = model.model_validate(data)
    except ValidationError as exc:
        problems += [
            _pydantic_problem(e, model, locate)
            for e in exc.errors(include_url=False)
            if not e["loc"] or str(e["loc"][0]) not in failed
        ]
    else:
        if not problems:
            return claim
    problems.sort(key=_order)
    first = problems[0][1]
    if len(problems) > 1:
        more = len(problems) - 1
        first = type(first)(
            f"{first.message} (and {more} more problem{'s' if more > 1 else ''} in this claim)",
            first.location,
            first.hint,
        )
    raise first

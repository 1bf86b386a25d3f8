"""Reading a claim file's YAML with positions: text -> round-trip nodes -> plain values.

ruamel.yaml's round-trip loader records the line and column of every key and item; this
module turns its errors into ClaimFileErrors at 1-based positions, converts its nodes to plain
dicts, lists and scalars (guarding against alias bombs and deep nesting), and finds the
position of any value by its path.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarint import ScalarInt

from claimcheck.errors import ClaimFileError, Location

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "Plain",
    "first_content",
    "key_text",
    "parse_yaml",
    "position",
    "read_text",
]

# Aliases let a few lines of YAML expand to billions of values ("billion laughs"); counting
# values while converting stops that long before memory runs out. No real file comes close.
MAX_NODES = 100_000
# Deep nesting would exhaust Python's recursion limit in the converter (and in ruamel).
MAX_DEPTH = 100


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ClaimFileError(
            f"cannot read the claim file: {exc.strerror or exc}",
            Location(path),
            hint="check the path and its permissions",
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise ClaimFileError(
            f"the claim file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            Location(path, data.count(b"\n", 0, exc.start) + 1, col),
            hint="save the file as UTF-8",
        ) from None


def parse_yaml(text: str, path: Path) -> Any:
    yaml = YAML(typ="rt")
    try:
        # ruamel warns about re-used anchors, which YAML 1.2 allows; a warning turned into an
        # error by the caller's filters must not break loading.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return yaml.load(text)
    except DuplicateKeyError as exc:
        raise _duplicate_key_error(exc, text, path) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line if mark is not None else None
        raise ClaimFileError(
            f"invalid YAML: {_yaml_message(exc)}",
            Location(
                path,
                None if line is None else line + 1,
                mark.column + 1 if mark else None,
            ),
            hint=_yaml_hint(text, line),
        ) from None
    except ReaderError as exc:
        char = exc.character
        code = char if isinstance(char, int) else ord((str(char) or "\0")[0])
        start = text.rfind("\n", 0, exc.position) + 1
        raise ClaimFileError(
            f"character U+{code:04X} is not allowed in YAML",
            Location(path, text.count("\n", 0, exc.position) + 1, exc.position - start + 1),
            hint="remove the control character, or write it as an escape inside double quotes",
        ) from None
    except RecursionError:
        raise ClaimFileError(
            "the claim file is nested too deeply",
            Location(path),
            hint="write claims as a flat list of entries",
        ) from None
    except Exception as exc:
        # Anything else ruamel raises (a timestamp with month 13, ...) is still this file's
        # YAML that cannot be read, and callers expect a ClaimFileError for that.
        raise ClaimFileError(
            f"invalid YAML: {exc}",
            Location(path),
            hint='quote values that YAML reads specially, like dates (`"2016-13-01"`)',
        ) from None


def _yaml_message(exc: MarkedYAMLError) -> str:
    problem, context = exc.problem or "", exc.context or ""
    # "expected a single document in the stream" + "but found another document" is one thought.
    if problem.startswith("but ") and context:
        return f"{context}, {problem}"
    return problem or context or "cannot parse"


def _yaml_hint(text: str, line: int | None) -> str:
    lines = text.splitlines()
    here = lines[line] if line is not None and 0 <= line < len(lines) else ""
    if re.search(r"(?:^|:|-)\s+[>|!&*%@`]", here):
        return (
            "quote a value that starts with `>`, `|`, `!`, `&`, `*`, `%`, `@` or a backtick, "
            'like `expect: ">= 2000"`'
        )
    if "\t" in here:
        return "YAML indents with spaces, not tabs"
    return "check the indentation and quoting on this line and the one before"


def _duplicate_key_error(exc: DuplicateKeyError, text: str, path: Path) -> ClaimFileError:
    mark, start = exc.problem_mark, exc.context_mark
    found = re.search(r'duplicate key "(.*)" with value', exc.problem or "")
    key = found[1] if found else "?"
    hint = "each key may appear only once in a mapping"
    if mark is not None and start is not None and found:
        # ruamel marks the mapping's start, not the first key: find the key at the same column.
        lines = text.splitlines()
        for number in range(start.line, mark.line):
            if re.match(rf"{re.escape(key)}\s*:", lines[number][mark.column :]):
                hint += f"; `{key}` is first written at line {number + 1}"
                break
    return ClaimFileError(
        f"duplicate key `{key}`",
        Location(path, mark.line + 1 if mark else None, mark.column + 1 if mark else None),
        hint=hint,
    )


def key_text(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, TaggedScalar):
        return str(key.value)
    if isinstance(key, ScalarInt):
        # Keep a key as written: `000:` names source 000, not 0 (ruamel records the width).
        width = getattr(key, "_width", None) or 0
        return f"{int(key):0{width}d}" if int(key) >= 0 else str(int(key))
    return str(key)


class Plain:
    """Convert ruamel's round-trip values to plain dicts, lists and scalars, counting them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self.where = Location(path)

    def __call__(self, node: Any, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ClaimFileError(
                f"the claim file expands to more than {MAX_NODES:,} values",
                self.where,
                hint="aliases (`*name`) that repeat large anchors multiply; write the claims out plainly",
            )
        if depth > MAX_DEPTH:
            raise ClaimFileError(
                f"the claim file is nested more than {MAX_DEPTH} levels deep",
                self.where,
                hint="write claims as a flat list of entries",
            )
        if isinstance(node, TaggedScalar):
            tag = str(getattr(node.tag, "value", node.tag) or "")
            # `expect: != 3000` unquoted is YAML for the tag `!=` on "3000": read what was meant.
            if tag.startswith("!="):
                return f"{tag} {node.value or ''}".strip()
            return None if node.value is None else str(node.value)
        if isinstance(node, str):
            return str(node)
        if isinstance(node, (bool, ScalarBoolean)):
            return bool(node)
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if node is None:
            return None
        if isinstance(node, date):  # an unquoted date: keep the text the editor wrote
            return node.isoformat()
        if isinstance(node, Mapping):
            return {key_text(k): self(v, depth + 1) for k, v in node.items()}
        if isinstance(node, (list, tuple, AbstractSet)):
            return [self(item, depth + 1) for item in node]
        if isinstance(node, bytes):
            return node.decode("utf-8", "replace")
        return str(node)


def _one_based(line: int | None, col: int | None) -> tuple[int, int] | None:
    # ruamel leaves some nodes unplaced (a tagged scalar at the top level): None, not a crash.
    return (line + 1, col + 1) if line is not None and col is not None else None


def position(node: Any, path: tuple[Any, ...], of_key: bool = False) -> tuple[int, int] | None:
    """1-based (line, col) of the value (or key) at ``path`` under a round-trip node.

    Where the path leaves what the YAML holds (a value the loader converted, a merged key),
    the nearest position on the way there is returned.
    """
    best = _one_based(node.lc.line, node.lc.col) if isinstance(node, CommentedBase) else None
    for i, step in enumerate(path):
        last = i == len(path) - 1
        try:
            if isinstance(node, CommentedMap):
                raw = next(k for k in node if key_text(k) == str(step))
                child = node[raw]
                # A null value has no position of its own: point at its key.
                use_key = (of_key and last) or child is None
                line, col = node.lc.key(raw) if use_key else node.lc.value(raw)
            elif isinstance(node, CommentedSeq) and isinstance(step, int):
                child = node[step]
                line, col = node.lc.item(step)
            else:
                break
        except (StopIteration, KeyError, IndexError, TypeError):
            break
        node, best = child, _one_based(line, col) or best
    return best


def first_content(text: str) -> tuple[int, int]:
    """Where the first YAML content is: past blank lines, comments and directives."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped and not stripped.startswith(("#", "%", "---")):
            return number, len(line) - len(stripped) + 1
    return 1, 1

"""The built-in loader: any UTF-8 text file becomes a normalised Source.

Normalisation replaces characters one for one (curly quotes, non-breaking spaces, a lone CR),
and turns CRLF into LF. None of these moves a character to another line or column, so every
``line:col`` computed on the normalised text is the position in the file as an editor shows it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from claimcheck.errors import Location, SourceError
from claimcheck.hookspecs import hookimpl
from claimcheck.models import Source

__all__ = ["normalise", "read_source"]

# One character for one: positions and line lengths never change.
_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote, apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\ufeff": " ",  # BOM or zero-width no-break space, kept as a space to keep columns
    }
)


_REPLACED = tuple((chr(code), replacement) for code, replacement in _TRANSLATION.items())


def normalise(text: str) -> str:
    """Straighten quotes, turn exotic spaces into spaces and line ends into LF."""
    if "\r" in text:
        # CRLF -> LF drops a character at a line end: columns on every line stay the same.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return text  # every character replaced is outside ASCII
    # A scan per character replaced costs far less than str.translate's lookup per character.
    for char, replacement in _REPLACED:
        if char in text:
            text = text.replace(char, str(replacement))
    return text


def read_source(path: Path, source_id: str) -> Source:
    """Read and normalise one file; raise SourceError naming the line and column of a bad byte."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(
            "source file not found", Location(path), "check the path or the `sources:` glob"
        ) from exc
    except OSError as exc:
        raise SourceError(
            f"cannot read source: {exc.strerror or exc}",
            Location(path),
            "check the file's permissions",
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise SourceError(
            f"source is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)",
            Location(path, line, col),
            f"re-save it as UTF-8, e.g. `iconv -f cp1252 -t utf-8 {path.name} > fixed.txt`",
        ) from exc
    if text.startswith("\ufeff"):
        text = text[1:]  # a UTF-8 byte order mark is not content
    return Source(
        id=source_id,
        path=str(path),
        text=normalise(text),
        sha256=hashlib.sha256(data).hexdigest(),
    )


@hookimpl(trylast=True)
def claimcheck_load_source(path: Path, source_id: str) -> Source | None:
    return read_source(path, source_id)

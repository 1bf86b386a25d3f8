"""Run settings: ``[tool.claimcheck]`` in pyproject.toml, then command-line options on top."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimcheck.errors import ClaimFileError, Location

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = ["DEFAULT_CLAIM_FILES", "DEFAULT_SOURCES", "Settings", "load_settings"]

DEFAULT_SOURCES = ["seeds/*"]
# Claim files are YAML under a `claims/` directory, or files named *.claims.yaml anywhere.
DEFAULT_CLAIM_FILES = [
    "**/claims/**/*.yaml",
    "**/claims/**/*.yml",
    "**/*.claims.yaml",
    "**/*.claims.yml",
]


class Settings(BaseModel):
    """Everything a run needs to know besides the claims themselves."""

    model_config = ConfigDict(extra="forbid")

    root: Path = Field(default_factory=Path.cwd, description="Directory that globs start from.")
    sources: list[str] = Field(default_factory=lambda: list(DEFAULT_SOURCES))
    claim_files: list[str] = Field(default_factory=lambda: list(DEFAULT_CLAIM_FILES))
    approx_width: float = Field(
        default=0.05, ge=0, lt=1, description="Half-width of 'around X' as a fraction of X."
    )
    json_report: Path | None = None
    cache: bool = Field(default=True, description="Keep extracted sources in .claimcheck_cache/.")
    arithmetic: bool = Field(
        default=True, description="Check each source's arithmetic against itself (one item per source)."
    )
    list_silent_up_to: int = Field(
        default=50,
        ge=0,
        description="With more selected sources than this, a claim's report lists only the "
        "sources that hold its subject words and counts the others.",
    )

    @property
    def cache_dir(self) -> Path | None:
        return self.root / ".claimcheck_cache" if self.cache else None


# Keys a user may set in [tool.claimcheck]; `root` and `json_report` come from the run.
_FILE_KEYS = ("sources", "claim_files", "approx_width", "cache", "list_silent_up_to", "arithmetic")


def load_settings(root: Path, **overrides: Any) -> Settings:
    """Read ``[tool.claimcheck]`` from ``root/pyproject.toml`` (if any) and apply overrides.

    An unknown key is an error naming the closest valid key, not a silent default.
    """
    values: dict[str, Any] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ClaimFileError(
                f"cannot read pyproject.toml: {exc}", Location(pyproject), "fix the TOML syntax"
            ) from exc
        table = data.get("tool", {}).get("claimcheck", {})
        for key, value in table.items():
            if key not in _FILE_KEYS:
                close = difflib.get_close_matches(key, _FILE_KEYS, n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"valid keys: {', '.join(_FILE_KEYS)}"
                raise ClaimFileError(f"unknown key `{key}` in [tool.claimcheck]", Location(pyproject), hint)
            values[key] = [value] if key in ("sources", "claim_files") and isinstance(value, str) else value
    values.update({k: v for k, v in overrides.items() if v is not None})
    values["root"] = root
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ClaimFileError(f"[tool.claimcheck] {where}: {first['msg']}", Location(pyproject), None) from exc

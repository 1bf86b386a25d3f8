"""claimcheck: write each fact once as a YAML claim, check it against every source document.

Only the names in ``__all__`` (and the hooks in ``claimcheck.hookspecs``) are public API.
They are imported lazily, so that loading the pytest plugin stays cheap for every pytest run.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from claimcheck._version import __version__

if TYPE_CHECKING:
    from claimcheck.api import load_claims, quantities, verify
    from claimcheck.config import Settings
    from claimcheck.errors import (
        ClaimcheckError,
        ClaimFileError,
        ClaimValidationError,
        ExpectationSyntaxError,
        Location,
        PluginError,
        SourceError,
    )
    from claimcheck.hookspecs import hookimpl
    from claimcheck.models import (
        ClaimBase,
        ClaimResult,
        Evaluation,
        Evidence,
        FigureClaim,
        FigureRole,
        Hedge,
        Mention,
        Outcome,
        Quantity,
        Report,
        Role,
        Sentence,
        Source,
        SourceIndex,
        SourceVerdict,
        Verdict,
    )

__all__ = [
    "ClaimBase",
    "ClaimFileError",
    "ClaimResult",
    "ClaimValidationError",
    "ClaimcheckError",
    "Evaluation",
    "Evidence",
    "ExpectationSyntaxError",
    "FigureClaim",
    "FigureRole",
    "Hedge",
    "Location",
    "Mention",
    "Outcome",
    "PluginError",
    "Quantity",
    "Report",
    "Role",
    "Sentence",
    "Settings",
    "Source",
    "SourceError",
    "SourceIndex",
    "SourceVerdict",
    "Verdict",
    "__version__",
    "hookimpl",
    "load_claims",
    "quantities",
    "verify",
]

_WHERE = {
    "load_claims": "claimcheck.api",
    "quantities": "claimcheck.api",
    "verify": "claimcheck.api",
    "hookimpl": "claimcheck.hookspecs",
    "Settings": "claimcheck.config",
    **{
        name: "claimcheck.errors"
        for name in (
            "ClaimcheckError",
            "ClaimFileError",
            "ClaimValidationError",
            "ExpectationSyntaxError",
            "Location",
            "PluginError",
            "SourceError",
        )
    },
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name) or ("claimcheck.models" if name in __all__ else None)
    if module is None:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

"""The library entry points: no pytest needed.

>>> import claimcheck
>>> [q.value for q in claimcheck.quantities("up 195 offences to 3,903")]
[195.0, 3903.0]
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from claimcheck.config import Settings, load_settings
from claimcheck.models import ClaimBase, ClaimResult, Quantity, Report

__all__ = ["find_claim_files", "find_root", "load_claims", "quantities", "verify"]

PathLike = str | os.PathLike[str]


def quantities(text: str) -> list[Quantity]:
    """Every figure in ``text``: value, unit, text as written, offsets, hedge and role."""
    from claimcheck.extraction.figures import read_quantities

    return read_quantities(text)


def find_root(start: Path) -> Path:
    """The project root: the nearest directory at or above ``start`` with a pyproject.toml."""
    start = start.resolve()
    for folder in (start if start.is_dir() else start.parent, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return Path.cwd().resolve()


def find_claim_files(paths: Iterable[PathLike]) -> list[Path]:
    """Claim files named directly, or every ``*.yaml`` / ``*.yml`` under a named folder."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file()))
        else:
            found.append(p)
    return found


def load_claims(path: PathLike) -> list[ClaimBase]:
    """The valid claims of one claim file; raise the first error (file or entry) found."""
    from claimcheck._manager import get_plugin_manager
    from claimcheck.claims.loader import load_claim_file

    pm = get_plugin_manager()
    contents = load_claim_file(Path(path), kinds=pm.claim_kinds(), detect_kind=pm.detect_kind)
    claims = []
    for entry in contents.entries:
        if entry.error is not None:
            raise entry.error
        assert entry.claim is not None
        claims.append(entry.claim)
    return claims


def verify(
    claims: PathLike | Iterable[PathLike],
    sources: PathLike | Iterable[PathLike] | None = None,
    *,
    settings: Settings | None = None,
) -> Report:
    """Check claim files against their sources and return the Report.

    :param claims: a claim file, a folder of claim files, or several of either.
    :param sources: globs or files that replace every claim file's own ``sources:``
        (relative to the current directory); by default each file's own, else
        ``[tool.claimcheck] sources``.
    :param settings: run settings; by default read from the project's pyproject.toml.
    """
    from claimcheck.runner import PlannedClaim, Runner
    from claimcheck.verification.engine import apply_xfail

    claim_paths = [claims] if isinstance(claims, (str, os.PathLike)) else list(claims)
    files = find_claim_files(claim_paths)
    if settings is None:
        settings = load_settings(find_root(Path(claim_paths[0])) if claim_paths else Path.cwd())
    override = None
    if sources is not None:
        override = [str(sources)] if isinstance(sources, (str, os.PathLike)) else [str(s) for s in sources]
    runner = Runner(settings, source_override=override)
    # Plan every file before evaluating any claim, as pytest collects before it runs.
    plans = [runner.plan(file) for file in files]
    claimed: list[tuple[PlannedClaim, Path]] = []
    checks: dict[Path, tuple[Path, str | None]] = {}  # source -> (first file selecting it, xfail)
    for plan in plans:
        if plan.error is not None:
            continue
        claimed.extend((planned, plan.path) for planned in plan.claims)
        if settings.arithmetic:
            # As under pytest: one result per source, with the first file that selects it.
            for source in plan.sources:
                if source not in runner.corpus.unreadable:
                    checks.setdefault(source, (plan.path, plan.arithmetic_xfail.get(source)))
    runner.prepare(claimed, checks)
    results: list[ClaimResult] = []
    for plan in plans:
        file = plan.path
        if plan.error is not None:
            results.append(runner.error_result("[file]", file, plan.error))
            continue
        if plan.problems:
            results.append(runner.error_result("[sources]", file, *plan.problems))
        for planned in plan.claims:
            result = runner.evaluate(planned, file)
            results.append(apply_xfail(result, planned.claim.xfail) if planned.claim else result)
        for source, (first, reason) in checks.items():
            if first == file:
                results.append(apply_xfail(runner.check_source(source, file), reason))
    report = runner.report(results)
    runner.pm.report(report, settings)
    return report

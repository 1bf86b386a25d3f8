"""The JSON reporter: writes the Report to ``settings.json_report`` (``--claimcheck-json``).

The file is the Report model dumped with sorted structure and no timestamps, so the same input
gives byte-identical output; its schema is ``claimcheck schema report``.
"""

from __future__ import annotations

from claimcheck.config import Settings
from claimcheck.hookspecs import hookimpl
from claimcheck.models import Report

__all__ = ["write_json"]


def write_json(report: Report, settings: Settings) -> None:
    if settings.json_report is None:
        return
    path = settings.json_report
    path.parent.mkdir(parents=True, exist_ok=True)
    # Bytes straight from pydantic's serializer: a 10 MB report is not decoded and encoded again.
    path.write_bytes(report.__pydantic_serializer__.to_json(report, indent=2) + b"\n")


@hookimpl
def claimcheck_report(report: Report, settings: Settings) -> None:
    write_json(report, settings)

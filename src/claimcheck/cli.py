"""The ``claimcheck`` command: check claims, score them, show what the reader finds, print schemas.

claimcheck check claims/ [--sources GLOB ...] [--json PATH]
claimcheck eval claims/ [--sources GLOB ...] [--min-f1 F1]
claimcheck quantities FILE|-
claimcheck schema claims|report
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from claimcheck.api import find_root, verify
    from claimcheck.config import load_settings
    from claimcheck.models import Outcome
    from claimcheck.reports.terminal import claim_text, matrix_lines

    root = find_root(Path(args.claims[0]))
    json_path = Path(args.json).resolve() if args.json else None
    settings = load_settings(root, json_report=json_path)
    report = verify(args.claims, sources=args.sources, settings=settings)
    for result in report.claims:
        if result.outcome in (Outcome.FAILED, Outcome.ERROR) or args.verbose:
            print(claim_text(result))
            print()
    for line in matrix_lines(report.claims):
        print(line)
    counts = ", ".join(f"{n} {k}" for k, n in report.summary.items() if n)
    print(f"\nclaimcheck: {counts or 'no claims'}")
    if not report.claims:
        return 5  # as pytest: nothing was checked
    return 1 if report.summary.get("failed") or report.summary.get("error") else 0


def _eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from claimcheck.api import find_root, verify
    from claimcheck.config import load_settings
    from claimcheck.models import Outcome
    from claimcheck.reports.terminal import NO_LABELS, claim_text, evaluation_lines
    from claimcheck.verification.scoring import evaluate_results

    settings = load_settings(find_root(Path(args.claims[0])))
    report = verify(args.claims, sources=args.sources, settings=settings)
    # A claim that could not be evaluated has no verdicts to score: say so, or the scores would
    # quietly cover fewer claims than the files hold.
    errors = [r for r in report.claims if r.outcome is Outcome.ERROR]
    for result in errors:
        print(claim_text(result), end="\n\n", file=sys.stderr)
    evaluation = evaluate_results(report.claims)
    status = 0
    if not evaluation.labels:
        print(f"claimcheck: {NO_LABELS}", file=sys.stderr)
        status = 5
    else:
        for line in evaluation_lines(evaluation, disagreements=not args.quiet):
            print(line)
        if args.min_f1 is not None and evaluation.macro_f1 < args.min_f1:
            print(f"claimcheck: macro-F1 {evaluation.macro_f1:.3f} is below --min-f1={args.min_f1:g}")
            status = 1
    if errors:
        print(
            f"claimcheck: {len(errors)} claim(s) could not be evaluated and are not scored",
            file=sys.stderr,
        )
        status = 1
    return status


def _quantities(args: argparse.Namespace) -> int:
    from pathlib import Path

    from claimcheck.api import quantities

    if args.file == "-":
        from claimcheck.sources.text import normalise

        text = normalise(sys.stdin.read())
    else:
        from claimcheck._manager import get_plugin_manager

        # Through the loader hook, as `check` reads a source: the same text, the same errors
        # (file, line and column of a byte that is not UTF-8), and any loader a plugin adds.
        text = get_plugin_manager().load_source(Path(args.file), args.file).text
    for q in quantities(text):
        hedge = q.hedge.value if q.hedge else "-"
        role = q.role.value if q.role else "-"
        print(f"{q.start:>6}  {q.value:>14g}  {q.unit or '-':<5} {hedge:<14} {role:<7} {q.text}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from typing import Any, Union

    from pydantic import BaseModel, ConfigDict, TypeAdapter

    from claimcheck._manager import get_plugin_manager
    from claimcheck.models import Report

    if args.which == "report":
        schema: dict[str, Any] = Report.model_json_schema()
    else:
        # A claim file: `sources:` and `claims:`, each claim one-line text or an entry of any
        # kind the installed plugins provide (the models are the single source of truth).
        kinds = tuple(get_plugin_manager().claim_kinds().values())
        entry: Any = Union[(str, *kinds)]  # built at run time from the installed plugins

        class ClaimFile(BaseModel):
            model_config = ConfigDict(extra="forbid")
            sources: list[str] | None = None
            claims: list[entry]

        schema = TypeAdapter(ClaimFile).json_schema()
    print(json.dumps(schema, indent=2, sort_keys=True))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="claimcheck", description="Check YAML claims against source documents."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="verify claim files and print verdicts")
    check.add_argument("claims", nargs="+", help="claim files or folders of them")
    check.add_argument(
        "--sources",
        action="append",
        metavar="GLOB",
        help="files to check instead of each claim file's sources (repeatable)",
    )
    check.add_argument("--json", metavar="PATH", help="also write the Report as JSON")
    check.add_argument("-v", "--verbose", action="store_true", help="print evidence for every claim")
    check.set_defaults(run=_check)
    ev = sub.add_parser("eval", help="score verdicts against the claims' `known:` labels")
    ev.add_argument("claims", nargs="+", help="claim files or folders of them")
    ev.add_argument("--sources", action="append", metavar="GLOB", help="files to check instead (repeatable)")
    ev.add_argument("--min-f1", type=float, metavar="F1", help="exit 1 when macro-F1 is below F1")
    ev.add_argument("-q", "--quiet", action="store_true", help="leave out the list of disagreements")
    ev.set_defaults(run=_eval)
    qty = sub.add_parser("quantities", help="list the figures the reader finds in a text file")
    qty.add_argument("file", help="a text file, or - for standard input")
    qty.set_defaults(run=_quantities)
    schema = sub.add_parser("schema", help="print the JSON Schema of a claim or of the Report")
    schema.add_argument("which", choices=["claims", "report"])
    schema.set_defaults(run=_schema)
    args = parser.parse_args(argv)

    from claimcheck.errors import ClaimcheckError

    try:
        return int(args.run(args))
    except ClaimcheckError as exc:
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

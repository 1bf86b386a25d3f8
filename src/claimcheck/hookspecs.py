"""Hook specifications: the contract between claimcheck's stages and every plugin.

Built-in features are plugins too: the text loader, the sentence splitter, the figure reader,
the figure claim kind and the JSON reporter implement these hooks exactly as a third-party
plugin would (registered from the ``claimcheck`` entry-point group). Hooks are grouped by
pipeline stage, in the order a run calls them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from claimcheck.config import Settings
    from claimcheck.errors import ClaimcheckError
    from claimcheck.models import (
        ClaimBase,
        Mention,
        Report,
        Sentence,
        Source,
        SourceCheck,
        SourceIndex,
        SourceVerdict,
    )
    from claimcheck.verification.engine import ClaimContext

hookspec = pluggy.HookspecMarker("claimcheck")
hookimpl = pluggy.HookimplMarker("claimcheck")

# -------------------------------------------------------------------------------------------
# Claims: YAML entries -> claim models


@hookspec
def claimcheck_claim_kinds() -> list[type[ClaimBase]]:  # type: ignore[empty-body]
    """Declare the claim models a plugin provides.

    Called once per run, the first time claim files are loaded. Each model is a subclass of
    :class:`claimcheck.models.ClaimBase` whose ``kind`` field is a ``Literal`` naming the kind.

    :returns: A list of claim model classes. All plugins' lists are joined.

    Built-in: ``claimcheck.verification.kinds.figure`` (``figure``).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def claimcheck_claim_kind(entry: Mapping[str, Any]) -> str | None:
    """Name the kind of a claim entry that has no explicit ``kind:`` field.

    Called for every mapping entry of a claim file without ``kind:``, before validation.

    :param entry: The entry as read from YAML (plain dicts, lists and scalars).
    :returns: The kind's name, or None to let other plugins decide. Stops at the first
        non-None result.

    Built-in: ``claimcheck.verification.kinds.figure`` (``expect:`` present -> ``figure``,
    trylast).

    .. versionadded:: 0.1
    """


@hookspec
def claimcheck_check_claims(claims: Mapping[str, ClaimBase]) -> list[tuple[str, ClaimcheckError]]:  # type: ignore[empty-body]
    """Check the claims of one file against each other (references, cycles).

    Called once per claim file, after every entry was validated on its own.

    :param claims: The file's valid claims by id, in file order.
    :returns: ``(claim id, error)`` pairs; each named claim becomes an error item with that
        error, and the file's other claims still run. All plugins' lists are joined.

    Built-in: ``claimcheck.verification.kinds.derived`` (unknown ids and cycles in ``expr:``).

    .. versionadded:: 0.1
    """


# -------------------------------------------------------------------------------------------
# Sources: files -> normalised text


@hookspec(firstresult=True)
def claimcheck_load_source(path: Path, source_id: str) -> Source | None:
    """Read one file into a normalised :class:`~claimcheck.models.Source`.

    Called once per selected file per run (results are shared by every claim).

    :param path: The file to read.
    :param source_id: The id the source will be known by in reports.
    :returns: The Source, or None to let another loader try. Stops at the first non-None
        result. Raise :class:`claimcheck.errors.SourceError` for a file that cannot be read.

    Built-in: ``claimcheck.sources.text`` (any UTF-8 text file, trylast).

    .. versionadded:: 0.1
    """


# -------------------------------------------------------------------------------------------
# Extraction: once per source


@hookspec(firstresult=True)
def claimcheck_split_sentences(source: Source) -> list[Sentence] | None:
    """Split a source's text into sentences (every line break also ends one).

    Called once per source, before mentions are extracted.

    :param source: The loaded source.
    :returns: Sentences in text order, or None to pass. Stops at the first non-None result.

    Built-in: ``claimcheck.extraction.sentences`` (trylast).

    .. versionadded:: 0.1
    """


@hookspec
def claimcheck_extract_mentions(  # type: ignore[empty-body]
    source: Source, sentences: list[Sentence]
) -> list[Mention]:
    """Find the mentions (figures, ...) a source makes.

    Called once per source; the result is cached with the source and shared by all claims.

    :param source: The loaded source.
    :param sentences: The source's sentences, from :func:`claimcheck_split_sentences`.
    :returns: Mentions in any order; all plugins' lists are joined and sorted by position.

    Built-in: ``claimcheck.extraction.figures`` (numbers, number words, hedges, units, roles).

    .. versionadded:: 0.1
    """


# -------------------------------------------------------------------------------------------
# Verification: claim x source -> verdict


@hookspec(firstresult=True)
def claimcheck_evaluate_source(
    claim: ClaimBase, index: SourceIndex, settings: Settings
) -> SourceVerdict | None:
    """Decide what one source says about one claim.

    Called for every claim and every source it selects. Wrap it with
    ``@hookimpl(wrapper=True)`` to adjust or veto another plugin's verdict.

    :param claim: The claim, of any kind.
    :param index: The source's text, sentences and mentions.
    :param settings: The run's settings.
    :returns: The verdict with its evidence, or None if this plugin does not handle the
        claim's kind. Stops at the first non-None result.

    Built-in: ``claimcheck.verification.kinds.figure`` (``figure`` claims).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def claimcheck_evaluate_claim(
    claim: ClaimBase, indexes: list[SourceIndex], settings: Settings, context: ClaimContext
) -> list[SourceVerdict] | None:
    """Decide every source's verdict on a claim at once, for kinds that compare sources with
    each other or build on other claims (agreement, derived figures).

    Called once per claim whose model sets ``per_source = False`` (a ``ClassVar`` of
    :class:`~claimcheck.models.ClaimBase`, True by default); the per-source hook is called for
    the others, and for this claim when every implementation returns None.

    :param claim: The claim, of any kind.
    :param indexes: The selected sources that hold the claim's index terms, in order.
    :param settings: The run's settings.
    :param context: Gives the results of the other claims of the same file
        (``context.result_of(claim_id)``).
    :returns: One verdict per index, in the same order, or None to leave the claim to the
        per-source hook. Stops at the first non-None result.

    Built-in: ``claimcheck.verification.kinds.agreement``, ``claimcheck.verification.kinds.derived``.

    .. versionadded:: 0.1
    """


@hookspec
def claimcheck_check_source(index: SourceIndex, settings: Settings) -> list[SourceCheck]:  # type: ignore[empty-body]
    """Check what one source says against itself, claim or no claim.

    Called once per selected source when source checks are on (``[tool.claimcheck]
    arithmetic``, ``--claimcheck-no-arithmetic``); each source becomes one item,
    ``arithmetic[<source id>]``, that fails when any check is inconsistent.

    :param index: The source's text, sentences and mentions.
    :param settings: The run's settings.
    :returns: Every check made, consistent ones too. All plugins' lists are joined.

    Built-in: ``claimcheck.verification.arithmetic`` (percentages, changes, fractions,
    multiples and parts against the figures they describe).

    .. versionadded:: 0.1
    """


# -------------------------------------------------------------------------------------------
# Reports


@hookspec
def claimcheck_report(report: Report, settings: Settings) -> None:
    """Receive the finished Report of a run, to write or send it somewhere.

    Called once per run, after every claim was evaluated (under xdist: on the controller
    only).

    :param report: The whole run's results.
    :param settings: The run's settings (for example ``settings.json_report``).

    Built-in: ``claimcheck.reports.json`` (writes ``--claimcheck-json``).

    .. versionadded:: 0.1
    """

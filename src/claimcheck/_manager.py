"""The plugin manager: built-in plugins, entry-point plugins, and typed hook calls.

Every hook call goes through a small function here that checks the result's type, so a broken
plugin is reported as a PluginError naming it instead of failing somewhere downstream.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pluggy

from claimcheck import hookspecs
from claimcheck.config import Settings
from claimcheck.errors import ClaimcheckError, PluginError
from claimcheck.extraction.terms import stem_set
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

__all__ = ["BUILTIN_PLUGINS", "ESSENTIAL_PLUGINS", "PluginManager", "code_digest", "get_plugin_manager"]


@functools.cache
def code_digest() -> str:
    """A digest of claimcheck's own modules. Cached extractions and results made by other code
    (an unreleased edit, another checkout) are never reused, even under the same version."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


# Registered under their short names, so `disable=["json"]`-style switches work by name.
ESSENTIAL_PLUGINS: tuple[tuple[str, str], ...] = (
    ("text", "claimcheck.sources.text"),
    ("sentences", "claimcheck.extraction.sentences"),
)
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    *ESSENTIAL_PLUGINS,
    ("figures", "claimcheck.extraction.figures"),
    ("figure", "claimcheck.verification.kinds.figure"),
    ("quote", "claimcheck.verification.kinds.quote"),
    ("category", "claimcheck.verification.kinds.category"),
    ("agreement", "claimcheck.verification.kinds.agreement"),
    ("derived", "claimcheck.verification.kinds.derived"),
    ("arithmetic", "claimcheck.verification.arithmetic"),
    ("json", "claimcheck.reports.json"),
)


class PluginManager(pluggy.PluginManager):
    """pluggy's manager with claimcheck's hookspecs and typed calls to every hook."""

    def __init__(self) -> None:
        super().__init__("claimcheck")
        self.add_hookspecs(hookspecs)
        self._kinds: dict[str, type[ClaimBase]] | None = None

    # --- loading ---------------------------------------------------------------------------

    def load_builtins(self, disable: Iterable[str] = ()) -> None:
        disabled = set(disable)
        essential = {name for name, _ in ESSENTIAL_PLUGINS} & disabled
        if essential:
            raise ClaimcheckError(
                f"plugin(s) {', '.join(sorted(essential))} cannot be disabled",
                hint="replace an essential plugin by registering one whose hooks run first",
            )
        for name, module in BUILTIN_PLUGINS:
            if name not in disabled and self.get_plugin(name) is None:
                self.register(importlib.import_module(module), name=name)

    # --- typed hook calls -------------------------------------------------------------------

    def claim_kinds(self) -> dict[str, type[ClaimBase]]:
        """Map each kind's name to its claim model, from every plugin's claimcheck_claim_kinds."""
        if self._kinds is None:
            kinds: dict[str, type[ClaimBase]] = {}
            for models in self._call("claimcheck_claim_kinds"):
                for model in models:
                    if not (isinstance(model, type) and issubclass(model, ClaimBase)):
                        raise PluginError(
                            f"claimcheck_claim_kinds returned {model!r}, not a ClaimBase subclass"
                        )
                    kind = model.model_fields["kind"].default
                    kinds[str(kind)] = model
            self._kinds = kinds
        return self._kinds

    def detect_kind(self, entry: Mapping[str, Any]) -> str | None:
        result = self._call("claimcheck_claim_kind", entry=entry)
        if result is not None and not isinstance(result, str):
            raise PluginError(f"claimcheck_claim_kind returned {result!r}, not a str")
        return result

    def load_source(self, path: Path, source_id: str) -> Source:
        result = self._call("claimcheck_load_source", path=path, source_id=source_id)
        if not isinstance(result, Source):
            raise PluginError(f"no loader returned a Source for {path} (got {result!r})")
        return result

    def index_source(self, source: Source) -> SourceIndex:
        """Run the extraction hooks on one source: sentences, then every plugin's mentions."""
        sentences = self._call("claimcheck_split_sentences", source=source)
        if not isinstance(sentences, list) or not all(isinstance(s, Sentence) for s in sentences):
            raise PluginError(
                f"claimcheck_split_sentences returned {type(sentences).__name__}, not list[Sentence]"
            )
        mentions: list[Mention] = []
        for part in self._call("claimcheck_extract_mentions", source=source, sentences=sentences):
            if not isinstance(part, list) or not all(isinstance(m, Mention) for m in part):
                raise PluginError("claimcheck_extract_mentions returned something other than list[Mention]")
            mentions.extend(part)
        mentions.sort(key=lambda m: (m.quantity.start, m.quantity.end))
        return SourceIndex(source=source, sentences=sentences, mentions=mentions, stems=stem_set(source.text))

    def evaluate_source(self, claim: ClaimBase, index: SourceIndex, settings: Settings) -> SourceVerdict:
        result = self._call("claimcheck_evaluate_source", claim=claim, index=index, settings=settings)
        if not isinstance(result, SourceVerdict):
            raise PluginError(
                f"no plugin evaluates claims of kind `{claim.kind}`",
                hint="install or enable the plugin that provides this kind",
            )
        return result

    def _plugin_names(self, *hooks: str) -> list[str]:
        names = set()
        for hook in hooks:
            for impl in getattr(self.hook, hook).get_hookimpls():
                module = getattr(impl.plugin, "__name__", type(impl.plugin).__qualname__)
                names.add(f"{impl.plugin_name}={module}")
        return sorted(names)

    def reader_signature(self) -> str:
        """What decides an extraction's result besides the text: claimcheck's and the reader's
        versions, claimcheck's own code and the plugins that load and extract (part of every
        cache key)."""
        from claimcheck._version import __version__
        from claimcheck.extraction.cache import READER_VERSION

        names = self._plugin_names(
            "claimcheck_load_source", "claimcheck_split_sentences", "claimcheck_extract_mentions"
        )
        return f"claimcheck {__version__} ({code_digest()}); reader {READER_VERSION}; " + ", ".join(names)

    def engine_signature(self) -> str:
        """What decides a claim's result besides the claim, its sources and the settings: the
        reader's signature and the plugins that define and evaluate kinds and check sources."""
        names = self._plugin_names(
            "claimcheck_claim_kinds",
            "claimcheck_claim_kind",
            "claimcheck_evaluate_source",
            "claimcheck_evaluate_claim",
            "claimcheck_check_source",
        )
        return f"{self.reader_signature()}; engine: " + ", ".join(names)

    def evaluate_claim(
        self, claim: ClaimBase, indexes: list[SourceIndex], settings: Settings, context: Any
    ) -> list[SourceVerdict] | None:
        result = self._call(
            "claimcheck_evaluate_claim", claim=claim, indexes=indexes, settings=settings, context=context
        )
        if result is None:
            return None
        if not isinstance(result, list) or len(result) != len(indexes):
            raise PluginError(f"claimcheck_evaluate_claim must return one verdict per source, got {result!r}")
        if not all(isinstance(v, SourceVerdict) for v in result):
            raise PluginError("claimcheck_evaluate_claim returned something other than SourceVerdicts")
        return result

    def check_claims(self, claims: Mapping[str, ClaimBase]) -> list[tuple[str, ClaimcheckError]]:
        found: list[tuple[str, ClaimcheckError]] = []
        for part in self._call("claimcheck_check_claims", claims=claims):
            for item in part:
                if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], ClaimcheckError)):
                    raise PluginError(f"claimcheck_check_claims returned {item!r}, not (id, error)")
                found.append(item)
        return found

    def check_source(self, index: SourceIndex, settings: Settings) -> list[SourceCheck]:
        found: list[SourceCheck] = []
        for part in self._call("claimcheck_check_source", index=index, settings=settings):
            if not isinstance(part, list) or not all(isinstance(c, SourceCheck) for c in part):
                raise PluginError("claimcheck_check_source returned something other than list[SourceCheck]")
            found.extend(part)
        return found

    def report(self, report: Report, settings: Settings) -> None:
        self._call("claimcheck_report", report=report, settings=settings)

    def _call(self, name: str, **kwargs: Any) -> Any:
        caller = getattr(self.hook, name)
        try:
            return caller(**kwargs)
        except ClaimcheckError:
            raise
        except Exception as exc:
            plugins = ", ".join(impl.plugin_name for impl in caller.get_hookimpls())
            raise PluginError(
                f"hook {name} raised {type(exc).__name__}: {exc}",
                hint=f"a bug in one of the plugins implementing it ({plugins})",
            ) from exc


def get_plugin_manager(disable: Iterable[str] = (), entry_points: bool = True) -> PluginManager:
    """A manager with the built-in plugins and those installed under the `claimcheck` group."""
    pm = PluginManager()
    pm.load_builtins(disable)
    if entry_points:
        pm.load_setuptools_entrypoints("claimcheck")
    pm.check_pending()
    return pm

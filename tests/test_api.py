"""The public surface: __all__, hooks as the extension point, and cheap plugin import."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck
from claimcheck import hookspecs
from claimcheck._manager import BUILTIN_PLUGINS, get_plugin_manager
from claimcheck.errors import ClaimcheckError, PluginError
from claimcheck.hookspecs import hookimpl
from claimcheck.models import Mention, Quantity

SRC = Path(__file__).resolve().parent.parent / "src" / "claimcheck"


def test_every_public_name_resolves() -> None:
    for name in claimcheck.__all__:
        assert getattr(claimcheck, name) is not None
    with pytest.raises(AttributeError):
        claimcheck.not_a_thing  # noqa: B018


def test_quantities_entry_point() -> None:
    found = claimcheck.quantities("Gun crime rose by 5.3 per cent - up 195 offences to 3,903.")
    assert [(q.value, q.unit) for q in found] == [(5.3, "%"), (195, None), (3903, None)]
    assert all(isinstance(q, Quantity) for q in found)


def test_src_never_imports_pytest_internals() -> None:
    offenders = [p.name for p in SRC.rglob("*.py") if "_pytest" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_plugin_module_is_cheap_to_import() -> None:
    code = (
        "import sys, claimcheck.pytest_plugin;"
        "heavy = [m for m in ('claimcheck.runner', 'claimcheck.extraction.figures', 'ruamel.yaml')"
        " if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_hook_is_documented() -> None:
    specs = [
        f for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("claimcheck_")
    ]
    assert len(specs) >= 6
    for spec in specs:
        doc = inspect.getdoc(spec) or ""
        assert "Built-in" in doc and "versionadded" in doc, spec.__name__


def test_builtins_are_registered_plugins() -> None:
    pm = get_plugin_manager(entry_points=False)
    for name, module in BUILTIN_PLUGINS:
        assert pm.get_plugin(name) is sys.modules[module]


def test_builtin_plugin_can_be_disabled_but_essential_cannot() -> None:
    assert get_plugin_manager(disable=["json"], entry_points=False).get_plugin("json") is None
    with pytest.raises(ClaimcheckError, match="cannot be disabled"):
        get_plugin_manager(disable=["text"], entry_points=False)


class ExtraMentions:
    """A third-party extractor: contributes a mention for every word 'dozen'."""

    @hookimpl
    def claimcheck_extract_mentions(self, source, sentences):  # type: ignore[no-untyped-def]
        at = source.text.find("a baker's dozen")
        if at < 0:
            return []
        q = Quantity(value=13, text="a baker's dozen", start=at, end=at + 15)
        return [Mention(quantity=q, sentence=0)]


class Broken:
    @hookimpl(tryfirst=True)
    def claimcheck_split_sentences(self, source):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("boom")


def test_third_party_extractor_adds_mentions() -> None:
    from claimcheck.models import Source

    pm = get_plugin_manager(entry_points=False)
    pm.register(ExtraMentions(), name="extra")
    index = pm.index_source(Source(id="s", path="s", text="We baked a baker's dozen rolls.", sha256=""))
    assert [m.quantity.value for m in index.mentions] == [13]


def test_a_raising_plugin_is_named_in_a_plugin_error() -> None:
    from claimcheck.models import Source

    pm = get_plugin_manager(entry_points=False)
    pm.register(Broken(), name="broken-splitter")
    with pytest.raises(PluginError, match="ZeroDivisionError") as info:
        pm.index_source(Source(id="s", path="s", text="x", sha256=""))
    assert "broken-splitter" in (info.value.hint or "")


def test_cli_check_prints_matrix_and_exit_code(tmp_path: Path) -> None:
    from claimcheck.cli import main

    repo = SRC.parent.parent
    assert main(["check", str(repo / "claims")]) == 0
    (tmp_path / "bad.yaml").write_text("claims:\n  - Met armed total after uplift == 3000\n")
    assert main(["check", str(tmp_path / "bad.yaml"), "--sources", str(repo / "seeds" / "*.txt")]) == 1


def test_cli_quantities_reads_a_file_as_a_source_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from claimcheck.cli import main

    good = tmp_path / "good.txt"
    good.write_bytes("About 2,800 \u201cofficers\u201d,\r\nup 600.\r\n".encode())
    assert main(["quantities", str(good)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    # Offsets are into the normalised text, as the engine's: CRLF read as one character.
    assert rows == [
        ["0", "2800", "-", "approximately", "-", "About", "2,800"],
        ["27", "600", "-", "-", "change", "600"],
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("About 2,800 \u201cofficers\u201d,\r\nup 600.\r\n"))
    assert main(["quantities", "-"]) == 0
    assert [line.split() for line in capsys.readouterr().out.splitlines()] == rows

    # A file that cannot be read is a message with its place and a hint, not a traceback.
    assert main(["quantities", str(tmp_path / "missing.txt")]) == 2
    assert "claimcheck: error:" in capsys.readouterr().err
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"Cost: 5 \xa3 a day\n")
    assert main(["quantities", str(latin)]) == 2
    err = capsys.readouterr().err
    assert "latin.txt:1:9: source is not UTF-8" in err and "hint:" in err


def test_schema_is_generated_from_the_models(capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.cli import main

    assert main(["schema", "report"]) == 0
    assert '"ClaimResult"' in capsys.readouterr().out


def test_claim_file_schema_covers_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from claimcheck.cli import main

    assert main(["schema", "claims"]) == 0
    schema = json.loads(capsys.readouterr().out)
    kinds = {"FigureClaim", "AgreementClaim", "DerivedClaim", "QuoteClaim", "CategoryClaim"}
    assert kinds <= set(schema["$defs"])
    assert schema["required"] == ["claims"] and schema["additionalProperties"] is False

"""The small languages inside a claim file: expectations, tolerances, quantifiers, subjects.

Editors write ``expect: "== 2,800"``, ``tolerance: 5%``, ``across: at least 2 sources`` and
whole claims on one line (``Met armed total after uplift == 2800 across all sources``). This
module turns those strings into the values the claim models hold. It knows nothing about YAML
or positions: errors carry a message and a hint, and the loader adds the file:line:col.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from claimcheck.errors import ExpectationSyntaxError
from claimcheck.models import Expectation, Quantifier, Role, Tolerance

__all__ = [
    "EXPECT_HINT",
    "STATEMENT_HINT",
    "describe_value",
    "normalise_unit",
    "parse_expectation",
    "parse_quantifier",
    "parse_statement",
    "parse_tolerance",
    "slugify",
    "subject_terms",
]

EXPECT_HINT = "write an operator and a number, like `== 2800`, `>= 5%` or `between 2700 and 2900`"
STATEMENT_HINT = (
    "a one-line claim reads `<subject> <op> <number> [across <quantifier> sources]`, "
    "e.g. `Met armed total == 2800 across all sources`"
)
_VALUE_HINT = "write the number in digits, like `2800`, `2,800`, `5.3%`, `£9.21` or `62 km`"
_QUANTIFIER_HINT = "use all, every, any, most, no, or `at least 2`"

# Two-character operators come first so that `>=` is never read as `>` followed by `=`.
_OPS = ("==", "!=", ">=", "<=", "~=", ">", "<")
# Typographic operators arrive when a claim is pasted from a word processor; they mean the same.
_UNICODE_OPS = {"≥": ">=", "≤": "<=", "≠": "!=", "≈": "~="}
# Near misses get a "did you mean" instead of a bare syntax error.
_TYPOS = (("=>", ">="), ("=<", "<="), ("<>", "!="), ("=", "=="), ("~", "~="))
# Operators written as words, as an editor would say them: suggested, never read as operators,
# so that an expectation has one spelling. Longer phrases first ("no more than" before "more than").
_OPERATOR_WORDS = (
    ("no fewer than", ">="),
    ("no less than", ">="),
    ("no more than", "<="),
    ("approximately", "~="),
    ("more than", ">"),
    ("fewer than", "<"),
    ("less than", "<"),
    ("at least", ">="),
    ("at most", "<="),
    ("roughly", "~="),
    ("exactly", "=="),
    ("around", "~="),
    ("nearly", "~="),
    ("about", "~="),
    ("up to", "<="),
    ("above", ">"),
    ("below", "<"),
    ("under", "<"),
    ("over", ">"),
)

_CURRENCY_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR"}
_UNIT_WORDS = {
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "gbp": "GBP",
    "usd": "USD",
    "eur": "EUR",
    "km": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mi": "mi",
    "mile": "mi",
    "miles": "mi",
    # Durations and ages: the figure reader gives "16-year-old", "aged 16", "five years" these.
    **{f"{w}{s}": w for w in ("year", "month", "week", "day", "hour", "minute") for s in ("", "s")},
    "yrs": "year",
    "year-old": "year",
    "years old": "year",
}
# Scale words multiply the value ("£1.2 billion"), so they are never mistaken for a unit.
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}

# Thousands separators must group by three: `2,800` is a number, `2,80` is a typo.
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_VALUE = re.compile(
    rf"""
    (?P<sign1>[+-])?\s*
    (?P<cur>[£$€])?\s*
    (?P<sign2>[+-])?
    (?P<num>{_NUMBER})
    (?:\s*(?P<scale>thousand|million|billion|trillion|bn)\b)?
    (?:\s*(?P<unit>%|per\s+cent|[£$€]|[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BETWEEN = re.compile(r"between\s+(?P<low>.+?)\s+and\s+(?P<high>.+)", re.IGNORECASE)
_TOLERANCE = re.compile(
    rf"(?P<pm>±|\+/-|\+-)?\s*(?P<sign>[+-])?(?P<num>{_NUMBER})\s*(?P<pct>%|per\s*cent)?",
    re.IGNORECASE,
)

# A symbolic operator standing alone (not part of `=>` or `<>`), or `between` before a number.
_STATEMENT_OP = re.compile(
    r"(?<![=!<>~])(?:==|!=|>=|<=|~=|>|<)(?![=<>])"
    r"|\bbetween\s+(?=[-+£$€.\d])",
    re.IGNORECASE,
)
_STATEMENT_TYPO = re.compile(r"=>|=<|<>|(?<![=!<>~])=(?!=)")
# An operator in words right before a number: "Met armed total about 2800".
_STATEMENT_OPERATOR_WORDS = re.compile(
    r"(?<!\w)(" + "|".join(w.replace(" ", r"\s+") for w, _ in _OPERATOR_WORDS) + r")\s+(?=[£$€]?\d)",
    re.IGNORECASE,
)
_ACROSS = re.compile(r"\s+across\s+(?P<q>.+)$", re.IGNORECASE)

_STOP_WORDS = frozenset(
    "the a an of in on at for to by and or with its their his her our number across source sources"
    " is are was were be been from as that this these those than since during under over among per".split()
)
_PREPOSITIONS = frozenset("of from in for by with on at since during under over among per".split())
_ROLE_CUES = {
    **dict.fromkeys(("total", "overall", "after", "now"), Role.TOTAL),
    **dict.fromkeys(("before", "previous", "previously", "old", "original"), Role.BEFORE),
    **dict.fromkeys(
        (
            "uplift",
            "increase",
            "rise",
            "change",
            "extra",
            "additional",
            "growth",
            "cut",
            "reduction",
            "fall",
            "drop",
        ),
        Role.CHANGE,
    ),
}
# When cues disagree, the more specific reading wins: "total after uplift" is the total, and
# "previous total" / "total before uplift" is the level before the change.
_ROLE_PRECEDENCE = (Role.BEFORE, Role.TOTAL, Role.CHANGE)
# Quotes and sentence punctuation around a word are not part of the subject ("UK," -> "UK").
_EDGE_PUNCTUATION = "\"'`.,;:!?()[]{}"
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# Operators spelled in ids so that `x == 5` and `x != 5` do not get the same id; `==` is the
# common case and reads best dropped ("met-armed-total-2800").
_SLUG_WORDS = (
    ("!=", " ne "),
    (">=", " ge "),
    ("<=", " le "),
    ("~=", " approx "),
    ("==", " "),
    (">", " gt "),
    ("<", " lt "),
    ("%", " pct "),
)
_SLUG_MAX = 80


def _clean(text: str) -> str:
    """Collapse whitespace and spell typographic operators in ASCII."""
    for symbol, ascii_op in _UNICODE_OPS.items():
        text = text.replace(symbol, f" {ascii_op} ")
    return " ".join(text.split())


def normalise_unit(text: str) -> str:
    """The canonical spelling of a unit: `per cent` -> `%`, `£` -> `GBP`, `Miles` -> `mi`.

    Words not in the table (count nouns such as "officers") are returned lower-cased.
    """
    key = " ".join(text.split()).lower()
    if key in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[key]
    return _UNIT_WORDS.get(key, key)


def _quantity(part: str, whole: str) -> tuple[float, str | None]:
    """Read `£2,800`, `5.3 per cent`, `1.2 billion` or `62 km` as (value, unit)."""
    match = _VALUE.fullmatch(part)
    if match is None or (match["sign1"] and match["sign2"]):
        if not part:
            raise ExpectationSyntaxError(f"`{whole}` has no number after the operator", hint=EXPECT_HINT)
        lead = _VALUE.match(part)
        if lead is not None and re.fullmatch(r"(?:\s+[^\W\d_][\w-]*)+", part[lead.end() :]):
            raise ExpectationSyntaxError(
                f"`{whole}`: a value takes at most one unit word, found `{part}`",
                hint="put the subject words in `about:` (or before the operator), "
                "and keep one unit word after the number, like `== 600 officers`",
            )
        raise ExpectationSyntaxError(f"`{whole}`: cannot read `{part}` as a number", hint=_VALUE_HINT)
    value = float(match["num"].replace(",", ""))
    if match["scale"]:
        value *= _SCALES[match["scale"].lower()]
    if "-" in (match["sign1"], match["sign2"]):
        value = -value
    if not math.isfinite(value):
        raise ExpectationSyntaxError(f"`{whole}`: `{part}` is too large a number", hint=_VALUE_HINT)
    currency = _CURRENCY_SYMBOLS[match["cur"]] if match["cur"] else None
    unit = normalise_unit(match["unit"]) if match["unit"] else None
    if currency and unit and unit != currency:
        raise ExpectationSyntaxError(
            f"`{whole}`: `{part}` has two units, {currency} and {unit}",
            hint=_VALUE_HINT,
        )
    return value, currency or unit


def parse_expectation(text: str) -> Expectation:
    """Parse ``== 2,800``, ``> 25%``, ``~= £9.21``, ``between 2700 and 2900`` and the like.

    The value is a float; the unit is normalised (see :func:`normalise_unit`). ``text`` on the
    result is the input with whitespace collapsed and one space after the operator.
    """
    if not isinstance(text, str):
        raise ExpectationSyntaxError(f"an expectation is text, not {describe_value(text)}", hint=EXPECT_HINT)
    clean = _clean(text)
    if not clean:
        raise ExpectationSyntaxError("the expectation is empty", hint=EXPECT_HINT)
    between = _BETWEEN.fullmatch(clean)
    if between is not None:
        low, low_unit = _quantity(between["low"], clean)
        high, high_unit = _quantity(between["high"], clean)
        if low_unit and high_unit and low_unit != high_unit:
            raise ExpectationSyntaxError(
                f"`{clean}`: the bounds have different units, {low_unit} and {high_unit}",
                hint="give both bounds the same unit, like `between 5% and 7%`",
            )
        if low > high:
            raise ExpectationSyntaxError(
                f"`{clean}`: the lower bound {between['low']} is above the upper bound {between['high']}",
                hint=f"write the smaller number first: `between {between['high']} and {between['low']}`",
            )
        return Expectation(op="between", value=low, high=high, unit=low_unit or high_unit, text=clean)
    for op in _OPS:
        if clean.startswith(op):
            rest = clean[len(op) :].strip()
            value, unit = _quantity(rest, clean)
            # One spelling for reports and ids: "==2800" and "== 2800" read the same.
            text = f"{op} {rest}"
            return Expectation(op=op, value=value, unit=unit, text=text)  # type: ignore[arg-type]
    if clean.lower().startswith("between"):
        raise ExpectationSyntaxError(
            f"`{clean}` is not a range",
            hint="write `between <low> and <high>`, like `between 2700 and 2900`",
        )
    for typo, op in _TYPOS:
        if clean.startswith(typo):
            rest = clean[len(typo) :].strip()
            raise ExpectationSyntaxError(
                f"`{clean}` starts with `{typo}`, which is not an operator",
                hint=f"did you mean `{op} {rest}`?",
            )
    lowered = clean.lower()
    for words, op in _OPERATOR_WORDS:
        if not lowered.startswith(words + " "):
            continue
        rest = clean[len(words) :].strip()
        if _VALUE.fullmatch(rest):
            raise ExpectationSyntaxError(
                f"`{clean}` starts with the words `{clean[: len(words)]}`, not an operator",
                hint=f"did you mean `{op} {rest}`?",
            )
    if _VALUE.fullmatch(clean):
        raise ExpectationSyntaxError(
            f"`{clean}` has no operator",
            hint=f"add one, like `== {clean}` or `>= {clean}`",
        )
    raise ExpectationSyntaxError(f"`{clean}` does not start with an operator", hint=EXPECT_HINT)


def parse_tolerance(value: str | float) -> Tolerance:
    """``"5%"`` -> relative 0.05; ``50`` or ``"50"`` -> absolute 50. ValueError otherwise."""
    # ValueError even for a wrong type: callers report every unusable YAML value the same way.
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(
            f"a tolerance is a percentage like `5%` or an amount like `50`, not {describe_value(value)}"
        )
    relative = False
    if isinstance(value, str):
        match = _TOLERANCE.fullmatch(" ".join(value.split()))
        if match is None:
            raise ValueError(
                f"`{value}` is not a tolerance; write a percentage like `5%` or an amount like `50`"
            )
        amount = float(match["num"].replace(",", ""))
        if match["sign"] == "-":
            amount = -amount
        if match["pct"]:
            relative, amount = True, amount / 100
    else:
        amount = float(value)
    if not math.isfinite(amount) or amount < 0:
        raise ValueError(f"a tolerance must be zero or more, not `{value}`")
    return Tolerance(amount=amount, relative=relative)


def parse_quantifier(value: str) -> Quantifier:
    """``all``, ``every``, ``any``, ``most``, ``no``/``none``, ``at least 2`` (with or without
    a trailing ``sources``, a leading ``across`` or ``of the``). ValueError otherwise."""
    if not isinstance(value, str):  # ValueError, as in parse_tolerance
        raise ValueError(f"a quantifier is text ({_QUANTIFIER_HINT}), not {describe_value(value)}")
    words = [w for w in value.lower().split() if w not in ("the", "of")]
    if words and words[0] == "across":
        words = words[1:]
    if words and words[-1] in ("source", "sources"):
        words = words[:-1]
    text = " ".join(words)
    if text in ("all", "every", "any", "most", "no"):
        return Quantifier(kind=text)  # type: ignore[arg-type]
    if text == "none":
        return Quantifier(kind="no")
    match = re.fullmatch(r"at least (\d+|[a-z]+)", text)
    if match is not None:
        count = match[1]
        n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count)
        if n is not None and n >= 1:
            return Quantifier(kind="at least", n=n)
        if n is not None:
            raise ValueError(f"`{value}`: `at least` needs a count of 1 or more")
    raise ValueError(f"`{value}` is not a quantifier; {_QUANTIFIER_HINT}")


def describe_value(value: object) -> str:
    """Name a YAML value's type the way an editor would ("a list", "true/false")."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def subject_terms(
    words: str | list[str | list[str]],
) -> tuple[list[list[str]], Role | None]:
    """Turn subject words into ``about`` terms (alternatives per term) and a cued role.

    Words are split on whitespace, stop words dropped and role cue words ("total", "before",
    "uplift", ...) removed and turned into the role. An explicit alternatives list
    (``[armed, firearms]``) is kept as written: it names words to match, never cues. Case is
    kept, since a capitalised term names an entity for the matcher.
    """
    items: list[Any] = [words] if isinstance(words, str) else list(words)
    terms: list[list[str]] = []
    cues: set[Role] = set()
    for item in items:
        if isinstance(item, str):
            tokens = [t.strip(_EDGE_PUNCTUATION) for t in item.split()]
            tokens = [t for t in tokens if t]
            # Past a preposition the words qualify the head ("workers benefiting from the
            # increase" counts workers, not an increase): change cues there set no role.
            modifier = False
            i = 0
            while i < len(tokens):
                low = tokens[i].lower()
                if low in _PREPOSITIONS:
                    modifier = True
                # "new total" is one cue; "new" alone is a subject word ("new recruits").
                if low == "new" and i + 1 < len(tokens) and tokens[i + 1].lower() == "total":
                    cues.add(Role.TOTAL)
                    i += 2
                    continue
                role = _cue(low)
                if role is Role.CHANGE and modifier:
                    terms.append([tokens[i]])
                elif role is not None:
                    cues.add(role)
                elif low not in _STOP_WORDS:
                    terms.append([tokens[i]])
                i += 1
        elif isinstance(item, list):
            if not all(isinstance(a, str) for a in item):
                raise ValueError("alternatives in a subject term must be words (text)")
            alternatives = [a.strip() for a in item if a.strip()]
            if alternatives:
                terms.append(alternatives)
        else:
            raise ValueError(f"a subject term is a word or a list of words, not {describe_value(item)}")
    if not terms:
        raise ValueError(
            "no subject words are left once stop words and role words "
            "(total, before, uplift, ...) are set aside"
        )
    role = next((r for r in _ROLE_PRECEDENCE if r in cues), None)
    return terms, role


def _cue(word: str) -> Role | None:
    """The role a cue word signals; plurals count too ("cuts", "increases")."""
    if word in _ROLE_CUES:
        return _ROLE_CUES[word]
    if len(word) > 3 and word.endswith("s"):
        return _ROLE_CUES.get(word[:-1])
    return None


def parse_statement(text: str) -> dict[str, Any]:
    """Split a one-line claim into the raw fields of a figure claim.

    ``Met armed total after uplift == 2800 across all sources`` ->
    ``{"claim": ..., "about": [["Met"], ["armed"]], "expect": "== 2800", "across": "all",
    "role": "total"}``. ``unit`` is set when the value has one, ``across`` and ``role`` only
    when the statement says so.
    """
    clean = _clean(text)
    op = _STATEMENT_OP.search(clean)
    if op is None:
        typo = _STATEMENT_TYPO.search(clean)
        hint = STATEMENT_HINT
        words = _STATEMENT_OPERATOR_WORDS.search(clean)
        if typo is not None:
            fixed = dict(_TYPOS)[typo[0]]
            hint = f"`{typo[0]}` is not an operator; did you mean `{fixed}`? {STATEMENT_HINT}"
        elif words is not None:
            fixed = dict(_OPERATOR_WORDS)[" ".join(words[1].lower().split())]
            hint = f"`{words[1]}` is not an operator; did you mean `{fixed}`? {STATEMENT_HINT}"
        raise ExpectationSyntaxError(f"no comparison operator in `{clean}`", hint=hint)
    subject, rest = clean[: op.start()].strip(), clean[op.start() :]
    across_text: str | None = None
    across = _ACROSS.search(rest)
    if across is not None:
        across_text, rest = across["q"], rest[: across.start()]
    expectation = parse_expectation(rest)
    try:
        terms, role = subject_terms(subject)
    except ValueError:
        raise ExpectationSyntaxError(
            f"`{clean}` has no subject words before `{op[0].strip()}`",
            hint=STATEMENT_HINT,
        ) from None
    result: dict[str, Any] = {
        "claim": text.strip(),
        "about": terms,
        "expect": expectation.text,
    }
    if expectation.unit is not None:
        result["unit"] = expectation.unit
    if across_text is not None:
        try:
            result["across"] = str(parse_quantifier(across_text))
        except ValueError as exc:
            raise ExpectationSyntaxError(str(exc), hint=STATEMENT_HINT) from None
    if role is not None:
        result["role"] = role.value
    return result


def slugify(text: str) -> str:
    """An ASCII id for a statement: ``Met armed total == 2,800`` -> ``met-armed-total-2800``.

    Lower-case; runs of other characters become one ``-``; thousands separators vanish and
    decimal points stay (``9.21``); ``==`` is dropped and other operators are spelled
    (``ne``, ``ge``, ``le``, ``gt``, ``lt``, ``approx``, and ``%`` -> ``pct``) so different
    claims keep different ids. At most 80 characters, cut at a dash. May return "".
    """
    text = _clean(text)
    for symbol, word in _SLUG_WORDS:
        text = text.replace(symbol, word)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    # A NUL marks the decimal points to keep while every other punctuation mark becomes "-".
    ascii_text = re.sub(r"(?<=\d)\.(?=\d)", "\0", ascii_text)
    slug = re.sub(r"[^a-z0-9\0]+", "-", ascii_text).replace("\0", ".").strip("-.")
    if len(slug) > _SLUG_MAX:
        cut = slug.rfind("-", 0, _SLUG_MAX + 1)
        slug = (slug[:cut] if cut > 0 else slug[:_SLUG_MAX]).rstrip("-.")
    return slug

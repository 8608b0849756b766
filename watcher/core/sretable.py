"""The core's regular expressions as sre compiled them, shipped in data/sre.json.

Why: `re.compile` parses a pattern and generates its code in Python; the ~110 expressions a
whole-process `classify` compiles (the bundled rules' 95, the date, token and HTML grammars) cost
~0.23 G instructions, ~55 ms, in every process, a twentieth of classifying a thousand mails and
more of a one-file `classify`. sre's code for a pattern is a function of the pattern, its flags
and the interpreter, so it is shipped for the interpreter it was made with (exact version and
sre's MAGIC) and handed to `_sre.compile`, as `re` itself does with the code it generates. Under
any other interpreter, or for a pattern not in the table (a user's rules), `compile` is
`re.compile`. A test keeps the table equal to what re compiles now and lists the same patterns
as scripts/clauses_table.py collects, so it cannot go stale silently.
"""

from __future__ import annotations

import _sre
import json
import re
import sys
from array import array
from binascii import a2b_base64, b2a_base64
from functools import cache
from importlib import resources

SHIPPED_SRE = "data/sre.json"  # in watcher.core; written by scripts/clauses_table.py
Compiled = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]  # _sre.compile's


def interpreter() -> list[int]:
    """What sre's code depends on besides the pattern: the exact Python, sre's format (a code
    word is shipped as an unsigned int of the platform's array("I"))."""
    return [sys.hexversion, _sre.MAGIC, _sre.CODESIZE, array("I").itemsize, sys.maxunicode]


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's stand-in
    """`re.compile(pattern, flags)`, from the shipped code when the table holds it."""
    found = _table().get((pattern, int(flags)))
    if found is None:
        return re.compile(pattern, flags)
    final_flags, code, groups, groupindex, indexgroup = found
    words = array("I", a2b_base64(code)).tolist()
    return _sre.compile(pattern, final_flags, words, groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]


def sre_code(pattern: str, flags: int) -> Compiled:
    """What re's compiler hands `_sre.compile` for the pattern (re._compiler.compile's steps)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def table(patterns: set[tuple[str, int]]) -> dict[str, object]:
    """What `_table` reads: each pattern's code, compiled now, under this interpreter; the code
    as base64 of its words, which JSON reads as one string where a list of numbers costs a
    number each (a one-file `classify` uses few of the table's patterns)."""
    rows = []
    for pattern, flags in sorted(patterns):
        final_flags, code, groups, groupindex, indexgroup = sre_code(pattern, flags)
        words = b2a_base64(array("I", code).tobytes(), newline=False).decode("ascii")
        rows.append([pattern, flags, final_flags, words, groups, groupindex, indexgroup])
    return {"interpreter": interpreter(), "patterns": rows}


@cache
def _table() -> dict[tuple[str, int], tuple[int, str, int, dict[str, int], list[str | None]]]:
    data = json.loads(resources.files("watcher.core").joinpath(SHIPPED_SRE).read_text("utf-8"))
    if data["interpreter"] != interpreter():
        return {}
    return {(row[0], row[1]): tuple(row[2:]) for row in data["patterns"]}


def core_patterns() -> set[tuple[str, int]]:
    """The patterns the table ships: each expression of the bundled rules and the alert quote,
    each Lazy of the core's modules, and the patterns compiled at import by the modules that
    compile through here (their flags without re.UNICODE, which sre adds to a str pattern's)."""
    import importlib
    import pkgutil

    import watcher.core
    from watcher.core.expression import Expression
    from watcher.core.lazyre import Lazy
    from watcher.core.rulefiles import load_ruleset

    found: set[tuple[str, int]] = set()
    for info in pkgutil.iter_modules(watcher.core.__path__):
        module = importlib.import_module(f"watcher.core.{info.name}")
        compiles_here = vars(module).get("sretable") is sys.modules[__name__]
        for value in vars(module).values():
            for item in _flat(value):
                if isinstance(item, Lazy):
                    found.add((item.pattern, int(item.flags)))
                elif compiles_here and isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found.add((item.pattern, item.flags & ~re.UNICODE))
    ruleset = load_ruleset()  # compiled from the files, as the shipped rules were
    for rule in ruleset.rules:
        for _, cond in rule.conditions:
            found.update((p.pattern, int(p.flags)) for p in (*cond.any, *cond.all, *cond.none)
                         if isinstance(p, Expression))
    if ruleset.quote is not None:
        found.add((ruleset.quote.pattern, int(ruleset.quote.flags)))
    return found


def _flat(value: object) -> list[object]:
    """A value, or the items of a list / tuple of them (one level down, and pairs in it)."""
    if not isinstance(value, (list, tuple)):
        return [value]
    return [y for x in value for y in (x if isinstance(x, tuple) else (x,))]

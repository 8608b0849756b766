"""Rule expressions as searched: gated by their required literals (prefilter.py), each literal
scanned for once per text.

Why: most rule expressions start with an alternation or a word boundary, which defeats sre's
literal-prefix scan, so a search tries the whole expression at every position of the mail; the
literals it cannot match without are tested with `in` first (see prefilter.py for how they are
found), and a text that lacks them is not searched.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from watcher.core import sretable
from watcher.core.lazyre import Lazy
from watcher.core.prefilter import Clauses, required_literals

SHIPPED = "data/clauses.json"  # in watcher.core; written by scripts/clauses_table.py


class Expression:
    """A rule's regular expression over folded text, compiled when first searched, and searched
    only when its required literals are all in the text. The literals of the bundled rules'
    expressions are shipped (`shipped_clauses`); any other expression's are worked out from its
    second search on: that costs about two compilations, which pays over many mails but not in
    a one-file `classify`. `compile()` validates it up front where errors must name the rule.

    About half of the rules' literals are Chinese, and most mail has no CJK character at all:
    for such a text the expression's clauses without those literals are enough (a clause left
    empty means no match), which spares a third of the scanning.
    """

    __slots__ = ("pattern", "flags", "_clauses", "_narrow", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._clauses: Clauses | None = None
        self._narrow: Clauses = ()  # the clauses without wide literals
        self._compiled: re.Pattern[str] | None = None

    def __repr__(self) -> str:
        return f"Expression({self.pattern!r})"

    def compile(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = sretable.compile(self.pattern, self.flags)
        return self._compiled

    def clauses(self, wide: bool = True) -> Clauses:
        """Its required literals (shipped, or worked out now if not yet); with `wide` false, those
        a text without wide characters can hold (an empty clause: it cannot match such a text)."""
        clauses = self._clauses
        if clauses is None:
            found = self._shipped()
            clauses = self._known(required_literals(self.pattern, self.flags) if found is None else found)
        return clauses if wide else self._narrow

    def _shipped(self) -> Clauses | None:
        return shipped_clauses().get((self.pattern, self.flags))

    def _known(self, clauses: Clauses) -> Clauses:
        self._clauses = clauses
        self._narrow = tuple(tuple(s for s in clause if is_narrow(s)) for clause in clauses)
        return clauses

    def search(self, text: str, seen: Seen | None = None) -> bool:
        """Whether the expression occurs in `text`; `seen`: what is known of the text's literals,
        shared by the expressions searched in it, so that each literal is scanned for once."""
        clauses = self._clauses
        if clauses is None:
            found = self._shipped()
            if found is not None:
                clauses = self._known(found)
            elif self._compiled is None:  # the first search: no literals yet (see the class doc)
                return self.compile().search(text) is not None
            else:
                clauses = self.clauses()
        if clauses:
            known = Seen(text) if seen is None else seen
            for clause in clauses if known.wide else self._narrow:
                for literal in clause:
                    hit = known.get(literal)
                    if hit is None:
                        hit = known[literal] = literal in text
                    if hit:
                        break
                else:  # no literal of the clause: no match
                    return False
        return (self._compiled or self.compile()).search(text) is not None


@cache
def shipped_clauses() -> dict[tuple[str, int], Clauses]:
    """The required literals of the bundled rules' expressions, as `required_literals` gives
    them, worked out when the rules were written: the analysis (sre's parse tree, walked in
    Python) cost ~0.1 s per process, a twentieth of classifying a thousand mails. Keyed by the
    exact pattern and flags, so an expression of a user's rules (or a bundled one under a
    redefined concept) is simply analysed at run time; a test keeps the table equal to the
    analysis of the bundled rules."""
    data = json.loads(resources.files("watcher.core").joinpath(SHIPPED).read_text("utf-8"))
    return {(pattern, flags): tuple(map(tuple, clauses)) for pattern, flags, clauses in data}


def table_rows(expressions: list[Expression]) -> list[tuple[str, int, Clauses]]:
    """What `shipped_clauses` reads: each distinct expression's literals, analysed now."""
    keys = sorted({(e.pattern, e.flags) for e in expressions})
    return [(pattern, flags, required_literals(pattern, flags)) for pattern, flags in keys]


# CJK and beyond: what fold() leaves of Chinese text. Lazy: compiling a class this wide costs
# ms, and an ASCII text (a one-file `classify` of English mail) never needs it.
_WIDE_FROM = "\u2e80"
_WIDE = Lazy(f"[^\\x00-{chr(ord(_WIDE_FROM) - 1)}]")


class Seen(dict[str, bool]):
    """Which literals a text holds, as far as looked for, and whether it has any wide (CJK)
    character at all: without one, it holds no literal that has."""

    __slots__ = ("wide",)

    def __init__(self, text: str) -> None:
        super().__init__()
        self.wide = has_wide(text)


def is_narrow(literal: str) -> bool:
    return max(literal, default="") < _WIDE_FROM


def has_wide(text: str) -> bool:
    """Whether the text has a wide (CJK) character: without one, it holds no literal that has."""
    return not text.isascii() and _WIDE.search(text) is not None

"""The literals a regular expression cannot match without: a cheap test before the search.

Why: most rule expressions start with an alternation or a word boundary ("<@failure>[^.]{0,30}
<@identity>" expands to "(?:\\b(unable to|could not|...)\\b|...)..."), which defeats sre's
literal-prefix scan, so a search tries the whole expression at every position of the mail: regex
search was about a fifth of classify's time. Yet almost every such expression needs some words
that most mail lacks ("identity" or "身份..."), and `word in text` scans a text in C at memchr
speed. So each expression gets a few *clauses*: sets of literals, of which every match contains
at least one per clause. A text missing all literals of one clause cannot match, and is not
searched.

The clauses come from sre's own parse tree (so they agree with what sre compiles), walked
conservatively: anything not understood (classes with ranges or categories, back-references,
case-insensitive parts) adds no requirement, which only means a search that could have been
skipped is run. The clauses are necessary conditions, never sufficient: the search still decides.

Case-insensitive expressions (the partial view's SIV vocabulary, `candidates.may_be_siv`) get
clauses with `caseless=True`: literals lower-cased, to be looked for in `caseless(text)`. A
literal character counts only where every character re.IGNORECASE matches it to lower-cases
(in `caseless`) to it: dotless ı, long ſ and İ are mapped there; a character with other folds
(Greek sigma, ...) adds no requirement.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

_sre: Any = import_module("re._parser")  # typeshed has no stub for the private module
_c: Any = import_module("re._constants")
# What re.IGNORECASE matches beyond equal simple lower case, by lower-case code point (i: ı, s: ſ).
_EXTRA_CASES: dict[int, tuple[int, ...]] = import_module("re._casefix")._EXTRA_CASES

MAX_STRINGS = 32  # the most strings a node's exact set may hold before it counts as unknown
MAX_CLAUSE = 48  # a clause with more literals costs more scans than the search it would save
MIN_WEIGHT = 3  # a clause whose weakest literal is shorter ("a", "to") is almost always there
CAP_WEIGHT = 12  # longer literals are hardly rarer in practice
KEEP = 3  # clauses kept per expression, most selective first (later ones run only if it passes)
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)  # they add no characters to a match

Clauses = tuple[tuple[str, ...], ...]
# Where str.lower() differs from what re.IGNORECASE matches: İ lowers to "i" + combining dot
# (the only character whose lower case is two), ı and ſ are their own lower case yet match i, s.
_CASELESS = (("i\u0307", "i"), ("\u0131", "i"), ("\u017f", "s"))


@dataclass(frozen=True)
class _Info:
    """What a node matches: `exact`, every string it can match (None: unknown or too many), and
    `clauses`, literal sets of which every match of the node contains one member each."""

    exact: frozenset[str] | None
    clauses: tuple[frozenset[str], ...] = ()


_UNKNOWN = _Info(None)
_EMPTY = _Info(frozenset({""}))


@functools.lru_cache(maxsize=1024)  # the rules repeat their concepts: 115 expressions, 95 patterns
def required_literals(pattern: str, flags: int = 0, *, caseless: bool = False) -> Clauses:
    """Clauses of literals (see module doc) for `pattern` compiled with `flags`; () when nothing
    is known to be required. A text that lacks every literal of one clause has no match; with
    `caseless`, the literals are lower case and the text to look in is `caseless(text)`
    (without it, a case-insensitive pattern requires nothing)."""
    try:
        tree = _tree(pattern, flags, caseless)
        return () if tree is None else _clauses(_sequence(tree, caseless))
    except (re.error, RecursionError, ValueError):
        return ()


def required_by_alternative(pattern: str, flags: int = 0, *, caseless: bool = False) -> tuple[Clauses, ...]:
    """`required_literals` of each top-level alternative of `pattern` (through groups that only
    group): a match is one alternative's, so it holds all the clauses of one of them. Finer than
    the pattern's own clauses, which can only join the alternatives' best ones."""
    try:
        tree = _tree(pattern, flags, caseless)
        if tree is None:
            return ((),)
        return tuple(_clauses(_sequence(alt, caseless)) for alt in _alternatives(list(tree)))
    except (re.error, RecursionError, ValueError):
        return ((),)


def _tree(pattern: str, flags: int, caseless: bool) -> Any:
    """sre's parse tree, or None when its literals would need folds not handled here."""
    tree = _sre.parse(pattern, flags)
    unsure = re.LOCALE if caseless else re.IGNORECASE | re.LOCALE
    return None if (flags | tree.state.flags) & unsure else tree


def caseless(text: str) -> str:
    """The text in which `caseless` literals are looked for: lower case, and the few characters
    that re.IGNORECASE matches to a letter other than their lower case mapped to it."""
    low = text.lower()
    if not low.isascii():
        for odd, plain in _CASELESS:
            if odd in low:
                low = low.replace(odd, plain)
    return low


def _alternatives(nodes: list[Any]) -> list[list[Any]]:
    """A pattern's top-level alternatives, through groups that only group."""
    if len(nodes) == 1:
        op, av = nodes[0]
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            return _alternatives(list(av[3]))
        if op is _c.BRANCH:
            return [alt for branch in av[1] for alt in _alternatives(list(branch))]
    return [nodes]


def _clauses(info: _Info) -> Clauses:
    kept: list[frozenset[str]] = []
    for clause in _useful([*info.clauses, *((info.exact,) if info.exact is not None else ())]):
        if len(kept) < KEEP and not any(_implies(k, clause) for k in kept):
            kept.append(clause)
    return tuple(tuple(sorted(c)) for c in kept)


def _useful(found: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """The clauses worth their scans, strongest first: the few best, and the one with the fewest
    literals (what a branch falls back on when joining its alternatives' clauses gets too long)."""
    clauses = {c for c in map(minimal, found) if c and "" not in c and len(c) <= MAX_CLAUSE}
    ranked = sorted((c for c in clauses if _weight(c) >= MIN_WEIGHT), key=lambda c: (-_score(c), sorted(c)))
    best = ranked[:KEEP]
    fewest = min(ranked, key=len, default=None)
    return (*best, fewest) if fewest is not None and fewest not in best else tuple(best)


def _implies(a: frozenset[str], b: frozenset[str]) -> bool:
    """Every literal of `a` contains one of `b`: a text passing `a` passes `b`, checking it is waste."""
    return all(any(y in x for y in b) for x in a)


def _weight(clause: frozenset[str]) -> int:
    """How rare the clause's weakest literal is: its length in UTF-8 bytes, so that a CJK
    character counts three (it says as much as an English syllable), capped (see CAP_WEIGHT)."""
    return min(CAP_WEIGHT, *(len(s.encode()) for s in clause))


def _score(clause: frozenset[str]) -> float:
    """Selectivity, less a little for the scans the clause needs: a scan costs far less than the
    search a clause that passes needlessly lets run."""
    return _weight(clause) - math.log2(len(clause)) / 4


def minimal(clause: frozenset[str]) -> frozenset[str]:
    """Drop literals containing a shorter one of the same clause: if "ab" is there, "xab" is."""
    kept: list[str] = []
    for s in sorted(clause, key=len):
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > MAX_STRINGS:
        return None
    return frozenset(x + y for x in a for y in b)


def _sequence(nodes: Any, caseless: bool = False) -> _Info:
    """Items in a row. `run` is every string the items so far can match together, while it stays
    small; `piece` the literal since the last item with several strings (so that "verif(y|ying)
    your identity" also yields " identity"). Every run and piece is a clause."""
    run: frozenset[str] | None = _EMPTY.exact
    piece = ""
    clauses: list[frozenset[str]] = []
    complete = True
    for info in _items(nodes, caseless):
        clauses.extend(info.clauses)
        exact = info.exact
        if exact is not None and len(exact) == 1:
            piece += next(iter(exact))
        else:
            clauses.append(frozenset({piece}))
            piece = ""
            if exact is not None:
                clauses.append(exact)
        joined = _product(run, exact) if run is not None and exact is not None else None
        if joined is None:
            complete = False
            if run is not None:
                clauses.append(run)
            run = exact  # a new run starts at this item (None: after it)
        else:
            run = joined
    clauses.append(frozenset({piece}))
    if run is not None:
        clauses.append(run)
    return _Info(run if complete else None, _useful(clauses))


def _items(nodes: Any, caseless: bool) -> Iterator[_Info]:
    """The nodes' infos, a run of literal characters as one string (a word is one item, not one
    per letter)."""
    chars: list[str] = []
    for op, av in nodes:
        char = _char(av, caseless) if op is _c.LITERAL else None
        if char is not None:
            chars.append(char)
            continue
        if chars:
            yield _Info(frozenset({"".join(chars)}))
            chars = []
        yield _UNKNOWN if op is _c.LITERAL else _node(op, av, caseless)
    if chars:
        yield _Info(frozenset({"".join(chars)}))


def _char(code: int, caseless: bool) -> str | None:
    return _lowered(code) if caseless else chr(code)


@functools.cache
def _lowered(code: int) -> str | None:
    """The character as a `caseless` literal, or None when some text character that
    re.IGNORECASE matches it to would not show as it in `caseless(text)`."""
    low = chr(code).lower()
    mapped = dict(_CASELESS)
    if len(low) != 1 or low in mapped or low == "\u0307":
        return None  # İ, or a character `caseless` maps away
    extra = _EXTRA_CASES.get(ord(low), ())
    return low if all(mapped.get(chr(e)) == low for e in extra) else None


def _node(op: Any, av: Any, caseless: bool) -> _Info:
    if op in _ZERO_WIDTH:
        return _EMPTY
    if op is _c.IN:
        return _charset(av, caseless)
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av
        unsure = re.LOCALE if caseless else re.IGNORECASE | re.LOCALE
        return _UNKNOWN if add_flags & unsure else _sequence(sub, caseless)
    if op is _c.ATOMIC_GROUP:
        return _sequence(av, caseless)
    if op is _c.BRANCH:
        return _branch([_sequence(alt, caseless) for alt in av[1]])
    if op in _REPEATS:
        low, high, sub = av
        return _repeat(low, high, sub, caseless)
    return _UNKNOWN  # ANY, NOT_LITERAL, back-references, conditionals: nothing known


def _charset(items: Any, caseless: bool) -> _Info:
    chars: set[str | None] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(_char(av, caseless))
        elif op is _c.RANGE and av[1] - av[0] < MAX_STRINGS:
            chars.update(_char(c, caseless) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, categories (\d, \s), wide ranges
            return _UNKNOWN
    known = frozenset(c for c in chars if c is not None)
    if len(known) < len(chars):  # a character `caseless` cannot stand for
        return _UNKNOWN
    return _Info(known) if 0 < len(known) <= MAX_STRINGS else _UNKNOWN


def _repeat(low: int, high: int, sub: Any, caseless: bool) -> _Info:
    inner = _sequence(sub, caseless)
    if high == 0:
        return _EMPTY
    if low == 0:  # may be absent: requires nothing; `x?` is still a small exact set
        if high == 1 and inner.exact is not None:
            return _Info(inner.exact | {""})
        return _UNKNOWN
    if low == high == 1:
        return inner
    whole = (inner.exact,) if inner.exact is not None else ()
    return _Info(None, inner.clauses + whole)  # at least one copy is there


def _branch(alternatives: list[_Info]) -> _Info:
    """One alternative matches: its exact strings, or its best clause, is what the branch needs."""
    exact: frozenset[str] | None = frozenset()
    best: list[list[frozenset[str]]] | None = []
    for alt in alternatives:
        if exact is not None and alt.exact is not None and len(exact) + len(alt.exact) <= MAX_STRINGS:
            exact = exact | alt.exact
        else:
            exact = None
        own = list(alt.clauses if alt.exact is None else _useful([*alt.clauses, alt.exact]))
        if best is not None and own:
            best.append(own)
        else:
            best = None
    union = _union(best) if best else None
    return _Info(exact, (union,) if union else ())


def _union(options: list[list[frozenset[str]]]) -> frozenset[str] | None:
    """One clause per alternative, joined: the strongest of each; while that is too long to be
    worth its scans, the alternative with the longest pick takes its best shorter clause."""
    ranked = [sorted(own, key=lambda c: (-_score(c), sorted(c))) for own in options]
    picked = [own[0] for own in ranked]
    while True:
        union = frozenset().union(*picked)
        if len(union) <= MAX_CLAUSE:
            return union
        i = max(range(len(picked)), key=lambda k: len(picked[k]))
        shorter = [c for c in ranked[i] if len(c) < len(picked[i])]
        if not shorter:
            return None
        picked[i] = shorter[0]

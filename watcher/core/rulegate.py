"""A rule's gate: the literals every match of the rule needs, tested before its conditions.

Why: most mail matches no rule, and walking each rule's conditions phrase by phrase (about 60
expression searches per mail, each a call that looks its literals up) cost more than scanning
for the literals did. Yet a condition with `any` phrases needs one of them, so one literal of
the union of its plain phrases and of its expressions' strongest clauses; each `all` phrase
needs its own. A text that fails a rule's gate cannot match the rule, and is not walked.

The gates are built at the rule set's first mail: they need the literals of every expression,
shipped for the bundled rules (expression.shipped_clauses); a user's expressions are analysed
then, once per process.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from os.path import commonprefix
from typing import TYPE_CHECKING

from watcher.core.expression import is_narrow
from watcher.core.prefilter import Clauses, minimal

if TYPE_CHECKING:
    from watcher.core.ruleset import Condition, MatchInput, Phrase

# A text that lacks one literal of a clause is turned away, so the gate looks in the short fields
# first and, in each, at the clauses of fewest literals first: the cheapest "no" comes first.
_SHORT_FIELDS = ("subject", "links")

GUARD_CHARS, GUARD_GROUP = 6, 3  # literals sharing their first 6 chars, 3 or more: one guard
GUARD_WORD = 5  # or sharing a word this long, 3 or more

# (field, clauses for a text with wide characters, clauses for one without, guards: see _guards)
Gate = tuple[tuple[str, Clauses, Clauses, dict[str, str]], ...]


def gate(conditions: tuple[tuple[str, Condition], ...]) -> Gate:
    """The clauses each field of a rule must pass for the rule to match (possibly none)."""
    out = []
    for name, cond in conditions:
        clauses = [*_any_clause(cond.any), *(c for phrase in cond.all for c in _required(phrase))]
        if clauses:
            narrow = sorted((tuple(s for s in clause if is_narrow(s)) for clause in clauses), key=len)
            out.append((name, tuple(sorted(clauses, key=len)), tuple(narrow), _guards(clauses)))
    return tuple(sorted(out, key=lambda field: (field[0] not in _SHORT_FIELDS, len(field[2][0]))))


def passes(rule_gate: Gate, item: MatchInput) -> bool:
    """Whether the item's fields hold a literal of every clause of the gate. A literal whose guard
    (a prefix or a word of it) the text lacks is not scanned for; what is found is kept in the
    field's `seen`, which the rules' expressions read too. (One loop, no call per clause: this
    runs for every rule on every mail.)"""
    for name, wide, narrow, guards in rule_gate:
        seen = item.seen(name)
        text = item.field(name)
        for clause in wide if seen.wide else narrow:
            for literal in clause:
                hit = seen.get(literal)
                if hit is None:
                    guard = guards.get(literal)
                    if guard is not None:
                        guarded = seen.get(guard)
                        if guarded is None:
                            guarded = seen[guard] = guard in text
                        if not guarded:
                            seen[literal] = False
                            continue
                    hit = seen[literal] = literal in text
                if hit:
                    break
            else:
                return False
    return True


def _guards(clauses: list[tuple[str, ...]]) -> dict[str, str]:
    """For literals sharing a long prefix ("we can help you pass", "we can help you with
    appeal", ...), that prefix: a text without it holds none of them, for one scan. Then, for
    the rest, a word they share ("sellers" of "many sellers", "sellers can", ...; the most
    shared first): a scan for a word the text holds stops at its first occurrence, one for a
    word it lacks spares the scans of all its literals."""
    out: dict[str, str] = {}
    literals = sorted({s for clause in clauses for s in clause})
    for key, group in groupby(literals, key=lambda s: s[:GUARD_CHARS]):
        members = list(group)
        if len(key) == GUARD_CHARS and len(members) >= GUARD_GROUP:
            out.update(dict.fromkeys(members, commonprefix(members)))
    rest = {s: set(s.split()) - {s} for s in literals if s not in out}
    while True:
        counts = Counter(w for words in rest.values() for w in words if len(w) >= GUARD_WORD)
        word = max(counts, key=lambda w: (counts[w], len(w), w), default="")
        if counts[word] < GUARD_GROUP:
            return out
        for s in [s for s, words in rest.items() if word in words]:
            out[s] = word
            del rest[s]


def _required(phrase: Phrase) -> Clauses:
    return ((phrase,),) if isinstance(phrase, str) else phrase.clauses()


def _any_clause(phrases: tuple[Phrase, ...]) -> Clauses:
    """One clause for "one of these phrases": each one's strongest clause, joined; none when a
    phrase requires nothing known (or there are no phrases: `any` then asks nothing)."""
    literals: list[str] = []
    for phrase in phrases:
        clauses = _required(phrase)
        if not clauses:
            return ()
        literals.extend(clauses[0])
    # Without the literals that contain a shorter one ("new account" spares the 20 ways of
    # saying "create a new seller account using "): a text holding them holds it.
    kept = minimal(frozenset(literals))
    return (tuple(s for s in dict.fromkeys(literals) if s in kept),) if literals else ()


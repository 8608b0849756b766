"""The bundled rules as compiled, shipped in data/rules.json: loading them is one JSON read.

Why: reading rules/*.toml (tomllib is pure Python), expanding the concepts and folding every
phrase cost ~25 ms per process, about a tenth of a one-file `siv-watcher classify`. The table
holds the rules exactly as `rulefiles.load_ruleset()` compiles them from the files, under a
fingerprint of what they were compiled from (rules/*.toml and the folding table); a checkout
whose files differ is simply read from the files, as before. A test keeps the table equal to the
rules compiled now, so a change to the compiling code cannot leave it stale silently either;
scripts/clauses_table.py writes it with the literals table.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any

from watcher.core.expression import Expression
from watcher.core.lazyre import Lazy
from watcher.core.model import Kind
from watcher.core.ruleset import Condition, Phrase, Rule, RuleSet

SHIPPED_RULES = "data/rules.json"  # in watcher.core
FOLDING_TABLE = "data/normalize.toml"  # rule phrases are folded with it: part of the fingerprint


def fingerprint(sources: list[tuple[str, str]]) -> str:
    """Of the bundled rule files (name, text) and the folding table the phrases were folded with."""
    digest = hashlib.sha256()
    table = resources.files("watcher.core").joinpath(FOLDING_TABLE).read_text("utf-8")
    for name, text in [*sources, (FOLDING_TABLE, table)]:
        digest.update(f"{name}\0{text}\0".encode())
    return digest.hexdigest()


def table(ruleset: RuleSet, print_: str) -> dict[str, object]:
    """What `shipped_ruleset` reads: the rule set as data, under the fingerprint `print_`."""
    quote = None if ruleset.quote is None else [ruleset.quote.pattern, ruleset.quote.flags]
    return {"fingerprint": print_, "quote": quote, "rules": [_rule_row(r) for r in ruleset.rules]}


def shipped_ruleset(print_: str) -> RuleSet | None:
    """The shipped rule set if it was compiled from the files of fingerprint `print_`, else None."""
    data = json.loads(resources.files("watcher.core").joinpath(SHIPPED_RULES).read_text("utf-8"))
    if data["fingerprint"] != print_:
        return None
    quote = None if data["quote"] is None else Lazy(*data["quote"])
    return RuleSet(tuple(_rule(row) for row in data["rules"]), quote)


def _rule_row(rule: Rule) -> dict[str, object]:
    keys = ("any", "all", "none")
    conditions = [[name, {key: [_phrase_row(p) for p in getattr(cond, key)] for key in keys}]
                  for name, cond in rule.conditions]
    return {"name": rule.name, "kind": rule.kind.value, "priority": rule.priority,
            "languages": list(rule.languages), "conditions": conditions, "sender_any": list(rule.sender_any),
            "sender_none": list(rule.sender_none), "description": rule.description, "enabled": rule.enabled,
            "source": rule.source}


def _phrase_row(phrase: Phrase) -> str | list[object]:
    """A plain phrase as itself, an expression as [pattern, flags]."""
    return phrase if isinstance(phrase, str) else [phrase.pattern, phrase.flags]


def _rule(row: dict[str, Any]) -> Rule:
    conditions = tuple((name, Condition(**{k: tuple(map(_phrase, v)) for k, v in cond.items()}))
                       for name, cond in row["conditions"])
    return Rule(row["name"], Kind(row["kind"]), row["priority"], tuple(row["languages"]), conditions,
                tuple(row["sender_any"]), tuple(row["sender_none"]), row["description"], row["enabled"],
                row["source"])


def _phrase(value: str | list[Any]) -> Phrase:
    return value if isinstance(value, str) else Expression(value[0], value[1])

"""Rule expressions as searched: the literal gate never changes a search's answer."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.core.expression import Expression, Seen, shipped_clauses, table_rows
from watcher.core.rulefiles import bundled_rules
from watcher.core.ruleset import Condition


def test_an_expression_searches_only_when_its_literals_are_there():
    expression = Expression(r"(?:unable|could not)[^.]{0,20}identity")
    assert expression.search("we could not verify your identity")
    assert not expression.search("we could not verify your account")
    assert not expression.search("could not. identity")  # literals there, the search still decides


def test_a_condition_is_unchanged_by_its_literals():
    cond = Condition(any=(Expression("a+b"), "plain"), none=(Expression(r"\bstop\b"),))
    assert cond.matches("xaab") and cond.matches("plain") and not cond.matches("aab stop")
    assert re.search("a+b", "xaab")


WIDE_OR_NOT = ["身份", "验证", "identity", "verify", "é", "·", " ", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WIDE_OR_NOT), max_size=8).map("".join))
def test_a_text_without_wide_characters_skips_the_chinese_literals_and_no_match(text):
    expression = Expression("(?:身份验证|verify)[^.]{0,9}(?:identity|身份)")
    expression.search("warm-up")  # literals from the second search on
    assert expression.search(text) == (re.search(expression.pattern, text) is not None)
    assert expression.search(text, Seen(text)) == expression.search(text)


def _bundled_expressions() -> list[Expression]:
    return [phrase for rule in bundled_rules() for _, cond in rule.conditions
            for phrase in (*cond.any, *cond.all, *cond.none) if isinstance(phrase, Expression)]


def test_the_shipped_literals_are_the_analysis_of_the_bundled_rules():
    # Fails after a change to rules/*.toml until `python scripts/clauses_table.py` is run.
    rows = table_rows(_bundled_expressions())
    expected = {(pattern, flags): clauses for pattern, flags, clauses in rows}
    assert shipped_clauses() == expected, "stale: run `python scripts/clauses_table.py`"


def test_a_bundled_expression_uses_its_shipped_literals_from_its_first_search():
    expression = next(e for e in _bundled_expressions() if e.clauses())
    fresh = Expression(expression.pattern, expression.flags)
    assert not fresh.search("nothing a rule asks for")
    assert fresh._compiled is None  # turned away by its literals, never compiled

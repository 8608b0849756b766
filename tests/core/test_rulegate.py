"""Rule gates: a text a gate turns away never matches the rule, on the corpus and on texts
made of the rules' own phrases."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watcher.core.classify import bare_subject, sender_class
from watcher.core.expression import Expression
from watcher.core.message import parse_message
from watcher.core.rulefiles import default_ruleset
from watcher.core.rulegate import gate
from watcher.core.ruleset import MatchInput, rule_matches

CORPUS = sorted((Path(__file__).parents[1] / "corpus").glob("**/*.eml"))
RULES = default_ruleset().rules
GATES = [gate(rule.conditions) for rule in RULES]


def _same_with_and_without_gates(item: MatchInput) -> None:
    for rule, rule_gate in zip(RULES, GATES, strict=True):
        assert rule_matches(rule, item, rule_gate) == rule_matches(rule, item), rule.name


def test_most_rules_have_a_gate():
    assert sum(bool(g) for g in GATES) >= 0.8 * len(RULES)


def test_gates_change_no_rule_on_the_corpus():
    matched = 0
    for path in CORPUS:
        msg = parse_message(path.read_bytes()[:300_000])
        for part in (msg, *msg.forwarded):
            item = MatchInput.build(bare_subject(part.subject), part.text, sender_class(part), part.from_addr,
                                    part.links)
            _same_with_and_without_gates(item)
            matched += any(rule_matches(rule, item) for rule in RULES)
    assert matched > 50  # the corpus reaches the rules, not only their gates


def _phrases() -> list[st.SearchStrategy[str]]:
    out: list[st.SearchStrategy[str]] = []
    for rule in RULES:
        for _, cond in rule.conditions:
            for phrase in (*cond.any, *cond.all, *cond.none):
                if isinstance(phrase, Expression):
                    out.append(st.from_regex(phrase.compile(), fullmatch=True))
                else:
                    out.append(st.just(phrase))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(_phrases()), max_size=4).map(" ".join),
       st.sampled_from(["amazon", "dressed", "other"]))
def test_gates_change_no_rule_on_texts_of_their_phrases(text, sender):
    _same_with_and_without_gates(MatchInput.build(text[:40], text, sender, "x@amazon.com"))


def test_a_gate_clause_holds_no_literal_containing_another():
    # such a literal is scanned for in vain: where it is, the shorter one is too
    for rule_gate in GATES:
        for _, wide, narrow, _guards in rule_gate:
            for clause in (*wide, *narrow):
                assert not [(a, b) for a in clause for b in clause if a != b and b in a]


def test_a_gate_tries_its_cheapest_refusal_first():
    for rule_gate in GATES:
        fields = [name for name, *_ in rule_gate]
        assert fields == sorted(fields, key=lambda name: name not in ("subject", "links"))
        for _, *clauses, _guards in rule_gate:
            for each in clauses:
                assert [len(c) for c in each] == sorted(len(c) for c in each)


def test_a_guard_is_in_every_literal_it_guards():
    # a text without the guard holds none of its literals: skipping their scans changes nothing
    for rule_gate in GATES:
        for _, wide, _narrow, guards in rule_gate:
            literals = {s for clause in wide for s in clause}
            assert all(guard in literal for literal, guard in guards.items())
            assert set(guards) <= literals
    words = [guards for rule_gate in GATES for *_, guards in rule_gate if "sellers" in guards.values()]
    assert words  # "many sellers", "sellers can", ... share one scan for "sellers"

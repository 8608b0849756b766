"""The shipped compiled rules: the same rules as compiled from rules/*.toml, or not used at all."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from watcher.core.classify import classify
from watcher.core.expression import Expression
from watcher.core.rulefiles import _bundled_sources, bundled_table, default_ruleset, load_ruleset
from watcher.core.rulestable import SHIPPED_RULES, fingerprint, shipped_ruleset, table

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _shipped() -> dict[str, object]:
    return json.loads(resources.files("watcher.core").joinpath(SHIPPED_RULES).read_text("utf-8"))


def test_the_shipped_rules_are_the_bundled_rules_compiled_now():
    # Fails after a change to rules/*.toml, the folding table or the compiling code until
    # `python scripts/clauses_table.py` is run.
    assert _shipped() == bundled_table(), "stale: run `python scripts/clauses_table.py`"


def test_the_default_rules_are_the_shipped_table_when_the_files_match():
    print_ = fingerprint(list(_bundled_sources()))
    shipped = shipped_ruleset(print_)
    assert shipped is not None
    assert table(default_ruleset(), print_) == table(shipped, print_) == bundled_table()
    phrases = [p for r in shipped.rules for _, c in r.conditions for p in (*c.any, *c.all, *c.none)]
    assert all(isinstance(p, (str, Expression)) for p in phrases)
    assert any(isinstance(p, Expression) for p in phrases) and any(isinstance(p, str) for p in phrases)


def test_edited_rule_files_are_read_from_the_files():
    sources = list(_bundled_sources())
    name, text = sources[0]
    edited = fingerprint([(name, text + "\n# a seller's edit\n"), *sources[1:]])
    assert edited != fingerprint(sources)
    assert shipped_ruleset(edited) is None


def test_the_corpus_classifies_alike_with_the_shipped_and_the_compiled_rules():
    shipped, compiled = default_ruleset(), load_ruleset()
    assert shipped is not compiled
    mails = sorted(CORPUS.glob("**/*.eml"))
    assert len(mails) > 100
    for path in mails:
        raw = path.read_bytes()
        assert classify(raw, ruleset=shipped) == classify(raw, ruleset=compiled), path.name

"""The shipped sre code: the patterns as re compiles them now, under this interpreter only."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from watcher.core import sretable
from watcher.core.sretable import SHIPPED_SRE, core_patterns, interpreter, sre_code, table


def _shipped() -> dict[str, object]:
    return json.loads(resources.files("watcher.core").joinpath(SHIPPED_SRE).read_text("utf-8"))


def test_the_table_lists_the_cores_patterns():
    # Fails after a change to a core expression or the bundled rules until
    # `python scripts/clauses_table.py` is run.
    listed = {(row[0], row[1]) for row in _shipped()["patterns"]}
    assert listed == core_patterns(), "stale: run `python scripts/clauses_table.py`"


def test_the_shipped_code_is_what_re_compiles_now():
    data = _shipped()
    if data["interpreter"] != interpreter():
        pytest.skip(f"table made for another interpreter ({data['interpreter']}): not used here")
    now = json.loads(json.dumps(table(core_patterns())))  # as written: flags as numbers, tuples as lists
    assert data == now, "stale: run `python scripts/clauses_table.py`"
    for pattern, flags, *_ in data["patterns"]:
        shipped = sretable.compile(pattern, flags)
        assert shipped == re.compile(pattern, flags)  # a Pattern's == compares flags and code
        assert (shipped.groups, shipped.groupindex) == (re.compile(pattern, flags).groups,
                                                        re.compile(pattern, flags).groupindex)


def test_a_pattern_not_in_the_table_is_compiled_by_re():
    pattern = r"(?P<user>[a-z]+)@(?P<host>seller\.example)"
    assert (pattern, 0) not in core_patterns()
    assert sretable.compile(pattern) == re.compile(pattern)
    assert sretable.compile(pattern).match("a@seller.example").group("host") == "seller.example"


def test_the_code_of_a_pattern_is_what_re_hands_sre():
    final_flags, code, groups, groupindex, indexgroup = sre_code(r"(a)(?P<b>b+)", re.I)
    compiled = re.compile(r"(a)(?P<b>b+)", re.I)
    assert (final_flags, groups, groupindex) == (compiled.flags, compiled.groups, dict(compiled.groupindex))
    assert indexgroup == (None, None, "b") and code


def test_another_interpreter_ignores_the_table(monkeypatch):
    sretable._table.cache_clear()
    monkeypatch.setattr(sretable, "interpreter", lambda: [0])
    try:
        assert sretable._table() == {}
        pattern, flags = next(iter(sorted(core_patterns())))
        assert sretable.compile(pattern, flags) == re.compile(pattern, flags)
    finally:
        sretable._table.cache_clear()

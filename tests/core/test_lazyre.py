"""A Lazy pattern compiles on first use and answers as the compiled pattern does."""

from __future__ import annotations

import re

from watcher.core.lazyre import Lazy


def test_lazy_compiles_on_first_use_and_answers_as_compiled():
    lazy, compiled = Lazy(r"(\d+)-(?P<x>[a-z]+)", re.I), re.compile(r"(\d+)-(?P<x>[a-z]+)", re.I)
    assert lazy._compiled is None
    text = "a 12-AB 3-c"
    assert lazy.search(text).group() == compiled.search(text).group()
    assert lazy.search(text, 5).span() == compiled.search(text, 5).span()
    assert lazy.match(text) is None and lazy.match(text, 2).group("x") == "AB"
    assert lazy.fullmatch("7-z") is not None
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("#", text) == compiled.sub("#", text) and lazy.sub(lambda m: m[1], text) == "a 12 3"
    assert lazy.compiled is lazy.compiled

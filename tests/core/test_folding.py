"""Folding: one matching form for the variants a human reads as the same words."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.core.folding import _CJK_SPACE, fold, folding_tables


def test_fold_makes_scripts_and_widths_equal():
    assert fold("無法驗證您的 Amazon 銷售帳戶") == fold("无法验证您的Amazon销售帐户")
    assert fold("ＡＭＡＺＯＮ：") == "amazon:"


def _fold_every_step(text: str) -> str:
    """fold() without its shortcuts: every step on every text."""
    table, words, _ = folding_tables()
    text = unicodedata.normalize("NFKC", text).lower().translate(table)
    for old, new in words:
        text = text.replace(old, new)
    return _CJK_SPACE.sub("", " ".join(text.split()))


PIECES = ["a", "Z", " ", "\t\n", "E-Mail", "Ｅ", "帳戶", " 身分", "é", "\u3000", "’", "ﬁ", "·", "©", "萬",
          "\u2e7f"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES)).map("".join) | st.text(max_size=40))
def test_fold_shortcuts_for_ascii_and_narrow_text_are_the_same_fold(text):
    assert fold(text) == _fold_every_step(text)

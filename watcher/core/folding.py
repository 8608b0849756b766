"""The matching form of a text: what rule phrases and the text of a mail are compared in.

NFKC (full-width letters and digits as ASCII), lower case, Traditional -> Simplified Chinese
(data/normalize.toml), whitespace runs as one space and no spaces beside CJK characters, so one
phrase covers the variants a human would consider the same words.
"""

from __future__ import annotations

import tomllib
import unicodedata
from functools import cache
from importlib import resources

from watcher.core.expression import has_wide
from watcher.core.lazyre import Lazy

# Lazy: only text with CJK characters needs it, and compiling its wide classes costs 5 ms.
_CJK_SPACE = Lazy(r"(?<=[\u2e80-\u9fff\uff00-\uffef]) +| +(?=[\u2e80-\u9fff\uff00-\uffef])")


@cache
def folding_tables() -> tuple[dict[int, str], tuple[tuple[str, str], ...], bool]:
    """(character table, word replacements, whether the table leaves text without wide (CJK)
    characters alone, as it does: it maps Traditional Chinese to Simplified)."""
    data = tomllib.loads(resources.files("watcher.core").joinpath("data/normalize.toml").read_text("utf-8"))
    chars = data["chars"].replace("\n", "")
    table = {ord(chars[i]): chars[i + 1] for i in range(0, len(chars) - 1, 2)}
    words = tuple((a.lower(), b.lower()) for a, b in data["words"])
    return table, words, all(has_wide(chr(k)) for k in table)


@cache
def _narrow_words(ascii_only: bool = False) -> tuple[tuple[str, str], ...]:
    """The word replacements a text without wide characters may hold (most are Chinese words:
    scanning English mail for them read each notice a dozen times in vain); of those, the ASCII
    ones for an ASCII text (curly quotes are not in it)."""
    return tuple((old, new) for old, new in folding_tables()[1]
                 if not has_wide(old) and (old.isascii() or not ascii_only))


def fold(text: str) -> str:
    """The matching form of a text (see the module doc). ASCII text, most English mail, skips the
    steps that cannot change it (NFKC, the CJK table, CJK spacing), text without CJK characters
    the last two: same result, a third faster."""
    table, words, narrow_stable = folding_tables()
    ascii_only = text.isascii()
    if narrow_stable and ascii_only:
        text, wide = text.lower(), False
    else:
        text = unicodedata.normalize("NFKC", text).lower()
        wide = not narrow_stable or has_wide(text)
        if wide:  # the table is Chinese: English text with a "©" or "·" skips it
            text = text.translate(table)
    for old, new in words if wide else _narrow_words(ascii_only):
        if old in text:
            text = text.replace(old, new)
    text = " ".join(text.split())
    return _CJK_SPACE.sub("", text) if wide and " " in text else text  # most rule phrases: no space

"""A fast tokeniser for simple markup, held to html.parser's events (html_text._Parser).

Why: Amazon's notices are tens of KB of table rows, and html.parser's tokenising loop (a find, a
dispatch and several method calls per token) was most of their classification. Markup in which
every "<" opens a plain start tag (letters, then `name`, `name=value`, `name="value"` attributes
apart by blanks), an end tag, a closed comment or a doctype is cut here with one expression per
token; anything else (a stray "<", `<![`, `<?`, odd attributes, an unclosed comment, a
<script>/<style> without its end) gives None, and html.parser reads the whole part as before.
The grammar is a strict subset of html.parser's, so that where both read a tag they read the
same one; tests/core/test_html_text.py compares the events on hostile markup.
"""

from __future__ import annotations

import re

from watcher.core import sretable

_WS = "[ \\t\\n\\r\\f]"  # html.parser's own blanks are wider (\s): a \v or \xa0 ends the fast path
_NAME = "[a-zA-Z][-a-zA-Z0-9:_.]*"  # inside html.parser's tag names and end-tag names
# An unquoted value is followed by a blank or ">": html.parser would run it on through "/", "'"...
_VALUE = "\"[^\"<>]*\"|'[^'<>]*'|[^\\s\"'<>=`/]+(?=[ \\t\\n\\r\\f>])"
_ATTRIBUTE = f"{_WS}+[a-zA-Z_][-a-zA-Z0-9_:.]*(?:{_WS}*={_WS}*(?:{_VALUE}))?"
_TOKEN = sretable.compile(
    f"(?P<data>[^<]+)"
    f"|<(?P<start>{_NAME})(?:{_ATTRIBUTE})*+{_WS}*+(?P<close>/?)>"
    f"|</(?P<end>{_NAME}){_WS}*+>"
    f"|(?P<comment><!--)"
    f"|(?P<decl><![dD][oO][cC][tT][yY][pP][eE][^>]*>)"
)
_GROUP = _TOKEN.groupindex
_DATA, _START, _CLOSE, _END, _COMMENT = (_GROUP[g] for g in ("data", "start", "close", "end", "comment"))
_CDATA = ("script", "style")  # html.parser's CDATA_CONTENT_ELEMENTS
# A simple start tag up to the value of its first href / action attribute that has one (the one
# html_text reads): the attributes before it are taken whole (possessive), each one not such an
# attribute, so a value holding " href=" is never mistaken for one. Names are ASCII in a simple tag.
_LINK_NAME = f"{_WS}+(?:[hH][rR][eE][fF]|[aA][cC][tT][iI][oO][nN]){_WS}*={_WS}*"
_LINK_VALUE = sretable.compile(f"<{_NAME}(?:(?!{_LINK_NAME}){_ATTRIBUTE})*+{_LINK_NAME}({_VALUE})")

# (kind, text, "/" for <tag/>, position of a start tag): kinds "data" (raw text), "start" and
# "end" (lower-case tag), "cdata" (raw text of a <script> or <style>), "gap" (comment), "decl"
Token = tuple[str, str, str, int]


def tokens(markup: str, cdata_end: dict[str, int]) -> list[Token] | None:
    """The tokens of `markup`, or None when it is not simple (see the module doc). `cdata_end`:
    where the last end tag of each CDATA element starts (html_text._Parser's rule for an
    unclosed <script> or <style>: without an end after it, it is an ordinary tag)."""
    out: list[Token] = []
    append, match = out.append, _TOKEN.match
    pos, n = 0, len(markup)
    while pos < n:
        m = match(markup, pos)
        if m is None:
            return None
        kind = m.lastindex  # the last group that matched: 1 data, 3 (close) a start tag, 4 end...
        if kind == _DATA:
            data = m.group(_DATA)
            append(("data", data, "", pos))
            pos += len(data)
            continue
        if kind == _CLOSE:
            tag, close = m.group(_START, _CLOSE)
            tag = tag.lower()
            append(("start", tag, close, pos))
            if tag in _CDATA and not close and cdata_end.get(tag, -1) > pos:
                cdata = re.compile(rf"</\s*{tag}\s*>", re.I).search(markup, m.end())
                if cdata is None:
                    return None
                if cdata.start() > m.end():
                    append(("cdata", markup[m.end() : cdata.start()], "", pos))
                append(("end", tag, "", pos))
                pos = cdata.end()
                continue
        elif kind == _END:
            append(("end", m.group(_END).lower(), "", pos))
        elif kind == _COMMENT:
            end = markup.find("-->", pos + 4)
            if end < 0:
                return None
            append(("gap", "", "", pos))
            pos = end + 3
            continue
        else:
            append(("decl", "", "", pos))
        pos = m.end()
    return out

def link_value(markup: str, at: int) -> str | None:
    """The raw value (quotes kept) of the link attribute of the simple start tag at `at`, None
    when it has none: what html.parser's attribute loop finds first, for one match."""
    m = _LINK_VALUE.match(markup, at)
    return m.group(1) if m is not None else None

"""HTML mail -> readable text and link targets, as mail clients really write it.

Outlook/Exchange (Word HTML: MSO conditional comments, <o:p>, VML, source lines wrapped in the
middle of a sentence), QQ / NetEase web mail (a <div> per line, &nbsp; everywhere, header boxes
and header *tables*), Apple Mail, Foxmail and Gmail all reach the classifier as HTML. In HTML a
raw line break is just a space; only <br> and block elements break lines. Getting that right
keeps a forwarded "Sent: Tuesday, November 10, 2026<CRLF>2:05 PM" on one line and a header box
free of empty lines, so thread splitting (threads.py) reads it like the plain-text version.
"""

from __future__ import annotations

import html
import re

_COMMENTS = re.compile(r"<!--.*?-->", re.S)  # also MSO conditionals; downlevel-revealed content stays
_DROP_BLOCKS = re.compile(r"<(script|style|head|title|xml)\b.*?</\1\s*>", re.I | re.S)
_PRE = re.compile(r"<pre\b[^>]*>.*?</pre\s*>", re.I | re.S)
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_BR = re.compile(r"<\s*br\b[^>]*>", re.I)
_BLOCK = re.compile(
    r"<\s*/?\s*(?:p|div|tr|li|ul|ol|h[1-6]|table|tbody|thead|tfoot|blockquote|hr|center|section|article|"
    r"header|footer|dl|dt|dd|form|address|fieldset|pre)\b[^>]*>",
    re.I,
)
_CELLS = re.compile(r"<\s*/\s*t[dh]\s*>", re.I)  # table cells side by side stay apart
_TAGS = re.compile(r"<[^>]*>", re.S)
_BLOCK_MARK = "\x01"
_BREAK_RUN = re.compile(r"[ \t\n\xa0\x01]*\x01[ \t\n\xa0\x01]*")
_LINE_EDGES = re.compile(r"[ \t]*\n[ \t]*")
_BLANKS = re.compile(r"\n{3,}")
_LINK = re.compile(
    r"""<(?:a|area|form)\b[^>]*?(?<![\w-])(?:href|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.I | re.S,
)


def _breaks(m: re.Match[str]) -> str:
    """A run of block boundaries is one line break; <br>s inside it still count, and so does
    an empty block holding only &nbsp; (how web mail writes a blank line)."""
    run = m.group(0)
    return "\n" * max(2 if "\xa0" in run else 1, run.count("\n"))


def html_to_text(markup: str) -> str:
    """Readable text of an HTML body: <br> and blocks become lines, entities decoded."""
    markup = _COMMENTS.sub(" ", markup)
    markup = _DROP_BLOCKS.sub(" ", markup)
    if "<pre" in markup or "<PRE" in markup:
        markup = _PRE.sub(lambda m: m.group(0).replace("\n", "<br>"), markup)
    markup = _SPACE.sub(" ", markup)
    markup = _BR.sub("\n", markup)
    markup = _BLOCK.sub(_BLOCK_MARK, markup)
    markup = _CELLS.sub("\t", markup)
    text = _BREAK_RUN.sub(_breaks, html.unescape(_TAGS.sub("", markup))).replace("\xa0", " ")
    text = _LINE_EDGES.sub("\n", text)
    return _BLANKS.sub("\n\n", text).strip("\n") + "\n"


def hrefs(markup: str) -> list[str]:
    """Link targets exactly as the browser follows them (entities decoded): <a>/<area> href and
    <form action> (a form in a mail sends what the seller types to that target). Commented-out
    markup is not rendered, so its links do not count."""
    if "<!--" in markup:
        markup = _COMMENTS.sub(" ", markup)
    out = []
    for m in _LINK.finditer(markup):
        target = html.unescape(m.group(1) or m.group(2) or m.group(3) or "").strip()
        if target:
            out.append(target)
    return out

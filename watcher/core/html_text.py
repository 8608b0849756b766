"""HTML mail -> readable text and link targets, as mail clients really write it.

Outlook/Exchange (Word HTML: MSO conditional comments, <o:p>, VML, source lines wrapped in the
middle of a sentence), QQ / NetEase web mail (a <div> per line, &nbsp; everywhere, header boxes
and header *tables*), Apple Mail, Foxmail and Gmail all reach the classifier as HTML. In HTML a
raw line break is just a space; only <br> and block elements break lines. Getting that right
keeps a forwarded "Sent: Tuesday, November 10, 2026<CRLF>2:05 PM" on one line and a header box
free of empty lines, so thread splitting (threads.py) reads it like the plain-text version.

Tokenising is the standard library's `html.parser`, in one pass, linear in the markup: the
regular expressions this module used before were quadratic on unclosed comments and long blank
runs, and a hostile mail of 2 MB could stall the classifier for hours. The stdlib parser of
Python 3.11 has quadratic spots of its own on constructs that never close (CVE-2025-6069:
`<!--`, `<![`, `</x`, `<?x` without their end); `_Parser` closes those paths: text after the
last ">" cannot hold a tag and is fed as text, and comments / marked sections look for their
end only when one exists further on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.entities import html5
from html.parser import HTMLParser
from importlib import import_module
from typing import Any

from watcher.core import html_simple, sretable

_stdlib: Any = import_module("html.parser")  # typeshed lists not its tokenising expressions
_TAG_NAME: re.Pattern[str] = _stdlib.tagfind_tolerant
_ATTRIBUTE: re.Pattern[str] = _stdlib.attrfind_tolerant

_BLOCK_TAGS = frozenset(
    ("p", "div", "tr", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead")
    + ("tfoot", "blockquote", "hr", "center", "section", "article", "header", "footer", "dl", "dt", "dd")
    + ("form", "address", "fieldset", "pre")
)
_CELL_TAGS = frozenset(("td", "th"))  # table cells side by side stay apart
_DROP_TAGS = frozenset(("script", "style", "head", "title", "xml"))  # never shown
_LINK_TAGS = frozenset(("a", "area", "form"))
_LINK_ATTRS = frozenset(("href", "action"))
_CDATA_CLOSE = sretable.compile(r"</\s*(script|style)\s*>", re.I)  # what html.parser ends them with
_SPACE = sretable.compile(r"[ \t\r\n\f\v]+")
_BLOCK_MARK = "\x01"
# A run of blanks holding a block boundary. The lookbehind makes the search start a run only at
# its first character (linear); the run is always taken whole, so no match starts inside one.
_BREAK_RUN = sretable.compile(r"(?<![ \t\n\xa0\x01])[ \t\n\xa0]*+\x01[ \t\n\xa0\x01]*+")
_BLANKS = sretable.compile(r"\n{3,}")
# html.parser's attribute loop as one match: each attribute as the loop's own expression takes it
# (atomic), as many as follow (possessive). Where it stops decides, as the loop's end does,
# whether the tag is a tag or, with junk before its ">", text.
_ATTRIBUTES = sretable.compile(f"(?>{_ATTRIBUTE.pattern})*+")
# html.unescape's expression, but a name only where it starts with two letters, as every named
# reference does: "&K=" in a tracking link is no reference, and the stdlib calls back to learn so.
_CHARREF = sretable.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|(?=[A-Za-z]{2})[^\t\n\f <&#;]{1,32};?)")
# A reference without its ";" is one of these few legacy names (at most 6 letters) plus text.
_LEGACY = max(len(name) for name in html5 if not name.endswith(";"))

_Event = tuple[str, str]  # ("data" | "start" | "end" | "tag" | "gap", text or tag name)


def _breaks(m: re.Match[str]) -> str:
    """A run of block boundaries is one line break; <br>s inside it still count, and so does
    an empty block holding only &nbsp; (how web mail writes a blank line)."""
    run = m.group(0)
    return "\n" * max(2 if "\xa0" in run else 1, run.count("\n"))


class _Layout:
    """Text from parser events: data with raw whitespace collapsed, <br> and blocks as line
    breaks, cells apart by a tab, the content of <script>, <style>, <head>, <title> and <xml>
    dropped up to its end tag. A dropped element that never ends is only a stray tag: its
    content is replayed once that is known (each tag name at most once, so still linear)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.buf: list[str] = []  # data (and comment gaps) not yet whitespace-collapsed
        self.pre = 0
        self.skip: str | None = None
        self.skipped: list[_Event] = []
        self.unclosed: set[str] = set()

    def _emit(self, mark: str) -> None:
        if self.buf:
            self.out.append(_SPACE.sub(" ", "".join(self.buf)))
            self.buf.clear()
        self.out.append(mark)

    def event(self, kind: str, value: str) -> None:
        if self.skip is not None:
            if kind == "end" and value == self.skip:
                self.skip = None
                self.skipped = []
                self.buf.append(" ")
            else:
                self.skipped.append((kind, value))
            return
        if kind == "data":
            if self.pre and "\n" in value:  # inside <pre> a source line break is a line break
                lines = value.split("\n")
                for line in lines[:-1]:
                    self.buf.append(line)
                    self._emit("\n")
                self.buf.append(lines[-1])
            else:
                self.buf.append(value)
        elif kind == "gap":
            self.buf.append(" ")
        elif kind == "start":
            if value in _DROP_TAGS and value not in self.unclosed:
                self.skip = value
            elif value == "br":
                self._emit("\n")
            elif value in _BLOCK_TAGS:
                self._emit(_BLOCK_MARK)
                self.pre += value == "pre"
            else:
                self._emit("")  # any tag parts the raw blanks around it, as in the source
        elif kind == "tag":
            self._emit("")
        elif value in _BLOCK_TAGS:
            self._emit(_BLOCK_MARK)
            if value == "pre" and self.pre:
                self.pre -= 1
        elif value in _CELL_TAGS:
            self._emit("\t")
        else:
            self._emit("")

    def text(self) -> str:
        while self.skip is not None:  # never ended: not a drop, replay what was skipped
            self.unclosed.add(self.skip)
            events, self.skip, self.skipped = self.skipped, None, []
            for kind, value in events:
                self.event(kind, value)
        self._emit("")
        text = _BREAK_RUN.sub(_breaks, "".join(self.out)).replace("\xa0", " ")
        lines = text.split("\n")  # blanks around a line break go (not at the text's two ends)
        if len(lines) > 1:
            lines = [lines[0].rstrip(" \t"), *(s.strip(" \t") for s in lines[1:-1]), lines[-1].lstrip(" \t")]
        return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


class _Parser(HTMLParser):
    """html.parser with its quadratic paths on unclosed constructs closed (see module doc), and
    simple markup tokenised by html_simple.py."""

    FAST = True  # the tests compare with html.parser's own loop

    def __init__(self, markup: str, layout: Callable[[str, str], None] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self._layout = layout
        self._at = 0
        end = markup.rfind(">") + 1  # no tag can end after the last ">": plain text
        markup, tail = markup[:end], markup[end:]
        self._last_comment_end = markup.rfind("-->")
        self._cdata_end = {m.group(1).lower(): m.start() for m in _CDATA_CLOSE.finditer(markup)}
        simple = html_simple.tokens(markup, self._cdata_end) if self.FAST else None
        if simple is None:
            self.feed(markup)
        else:
            self._replay(markup, simple)
        self.close()
        if tail and self.cdata_elem is None:
            self.handle_data(html.unescape(tail))

    def _replay(self, markup: str, tokens: list[html_simple.Token]) -> None:
        """The events html.parser gives for simple markup (html_simple.py), from its tokens,
        handed to the layout directly (what the handle_* methods would do, a call less per token).
        Without a layout only the link tags are read: no other event leaves a trace."""
        event = self._layout
        if event is None:
            for kind, text, _, at in tokens:
                if kind == "start" and text in _LINK_TAGS:
                    self._link(markup, at)
            return
        unescape_data = html.unescape
        for kind, text, close, at in tokens:
            if kind == "data":
                data = unescape_data(text) if "&" in text else text
                event("data", data.replace(_BLOCK_MARK, "") if _BLOCK_MARK in data else data)
            elif kind == "start":
                if text in _LINK_TAGS:
                    self._link(markup, at)
                event("start", text)
                if close:
                    event("end", text)
            elif kind == "end":
                event("end", text)
            elif kind == "cdata":
                event("data", text.replace(_BLOCK_MARK, ""))
            elif kind == "gap":
                event("gap", "")
            else:
                event("tag", "")

    def _link(self, markup: str, at: int) -> None:
        """What parse_starttag and handle_starttag make of a simple link tag's attributes."""
        value = html_simple.link_value(markup, at)
        if value is not None:
            if value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            value = unescape(value).strip()
            if value:
                self.links.append(value)

    # -- tokenising
    def updatepos(self, i: int, j: int) -> int:
        return j  # line numbers are never read; counting them costs a pass per token

    def parse_starttag(self, i: int) -> int:
        """html.parser's, collecting only what is read: the link attribute of a, area and form.

        The stdlib's collects and entity-decodes every attribute of every tag; on Amazon's HTML
        (images, inline styles, click-tracking links full of "&") that was half of rendering.
        What decides tag or text, and the events, are the stdlib's (a test compares them).
        """
        self._at = i
        endpos = self.check_for_whole_start_tag(i)
        if endpos < 0:
            return endpos
        rawdata = self.rawdata
        match = _TAG_NAME.match(rawdata, i + 1)
        assert match is not None, "parse_starttag() called where no tag starts"
        self.lasttag = tag = match.group(1).lower()
        attrs: list[tuple[str, str | None]] = []
        if tag in _LINK_TAGS:
            k = self._link_attribute(match.end(), endpos, attrs)
        else:
            k = _ATTRIBUTES.match(rawdata, match.end()).end()  # type: ignore[union-attr]
        end = rawdata[k:endpos].strip() if k < endpos else ""
        if end not in (">", "/>"):
            self.handle_data(rawdata[i:endpos])
        elif end.endswith("/>"):
            self.handle_startendtag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            if tag in self.CDATA_CONTENT_ELEMENTS:
                self.set_cdata_mode(tag)
        return endpos

    def _link_attribute(self, k: int, endpos: int, attrs: list[tuple[str, str | None]]) -> int:
        """The stdlib's attribute loop; the first href / action with a value goes into `attrs`,
        decoded (what `handle_starttag` reads). Returns where the loop stopped."""
        while k < endpos:
            m = _ATTRIBUTE.match(self.rawdata, k)
            if not m:
                break
            k = m.end()
            name, rest, value = m.group(1, 2, 3)
            if attrs or not rest or name.lower() not in _LINK_ATTRS:
                continue
            if value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            attrs.append((name.lower(), unescape(value) if value else value))
        return k

    def set_cdata_mode(self, elem: str, **kwargs: bool) -> None:
        # An unclosed <script>/<style> would swallow the rest of the mail unseen.
        if self._cdata_end.get(elem, -1) > self._at:
            super().set_cdata_mode(elem, **kwargs)

    def parse_comment(self, i: int, report: bool = True) -> int:
        """`<!-- ... -->`, MSO conditionals included. Unclosed: a stray tag up to the next ">"."""
        end = self.rawdata.find("-->", i + 4) if i + 4 <= self._last_comment_end else -1
        end = end + 3 if end >= 0 else self.rawdata.find(">", i + 4) + 1
        if end <= 0:
            return -1
        if report:
            self.handle_comment("")
        return end

    def parse_html_declaration(self, i: int) -> int:
        if self.rawdata.startswith("<![", i):  # MSO <![if !mso]>, <![endif]>, CDATA: up to ">"
            end = self.rawdata.find(">", i + 3)
            if end >= 0:
                self.unknown_decl(self.rawdata[i + 3 : end])
            return end + 1 if end >= 0 else -1
        return super().parse_html_declaration(i)

    # -- events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINK_TAGS:
            for name, value in attrs:
                if name in _LINK_ATTRS and value is not None:
                    if value.strip():
                        self.links.append(value.strip())
                    break
        if self._layout is not None:
            self._layout("start", tag)

    def handle_endtag(self, tag: str) -> None:
        if self._layout is not None:
            self._layout("end", tag)

    def handle_data(self, data: str) -> None:
        if self._layout is not None:
            self._layout("data", data.replace(_BLOCK_MARK, ""))

    def handle_comment(self, data: str) -> None:
        if self._layout is not None:
            self._layout("gap", "")

    def unknown_decl(self, data: str) -> None:  # <![if !mso]>: markup, shown content stays
        if self._layout is not None:
            self._layout("tag", "")

    def handle_decl(self, decl: str) -> None:  # <!DOCTYPE ...>
        self.unknown_decl(decl)

    def handle_pi(self, data: str) -> None:  # <?xml ...>
        self.unknown_decl(data)


def _reference(m: re.Match[str]) -> str:
    name = m.group(1)
    if name[0] == "#" or name in html5:
        return html.unescape(m.group(0))
    for x in range(min(len(name) - 1, _LEGACY), 1, -1):  # html.unescape tries up to 31 lengths
        if name[:x] in html5:
            return html5[name[:x]] + name[x:]
    return m.group(0)


def unescape(text: str) -> str:
    """html.unescape, the same result: "&K=..." in a tracking link is no reference, and the
    stdlib looks it up at every length up to 32 before it knows."""
    return _CHARREF.sub(_reference, text) if "&" in text else text


def render(markup: str) -> tuple[str, list[str]]:
    """Text (as `html_to_text`) and link targets (as `hrefs`) in one pass."""
    layout = _Layout()
    parser = _Parser(markup, layout.event)
    return layout.text(), parser.links


def html_to_text(markup: str) -> str:
    """Readable text of an HTML body: <br> and blocks become lines, entities decoded."""
    return render(markup)[0]


def hrefs(markup: str) -> list[str]:
    """Link targets exactly as the browser follows them (entities decoded): <a>/<area> href and
    <form action> (a form in a mail sends what the seller types to that target). Commented-out
    markup is not rendered, so its links do not count."""
    return _Parser(markup, None).links

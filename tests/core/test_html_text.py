"""HTML rendering: the start-tag handler that skips attributes nobody reads gives the stdlib's
events, and the fast entity decoder gives html.unescape's text, on hostile markup too.

(Rendering itself is tested through whole mails in test_message.py, hostile sizes in
test_adversarial.py.)"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.core import html_text

TAGS = ["<a", "<A", "<area", "<form", "<img", "<p", "<br", "<script", "<style", "<td", "<div", "</a>",
        "</p>", "</script>", "</style>", "<!--", "-->", "<![if x]>", "<!DOCTYPE html>", "<?xml x?>", "<x:y"]
ATTRIBUTES = [" ", "  ", "\n", "/", " /", "/>", ">", "=", "==", " = ", "href", "HREF", "action", "src",
              "style", "'", '"', '"x"', "'y'", "x", '"https://a.example/r?C=1&K=2&amp;M=3&copy"', "&K=",
              "&amp;", "&lt", "&#62;", "&#x3e", "&middot;", "&notin;", "&noti", "\x00", "\t", "<", "text"]
PIECES = TAGS + ATTRIBUTES


class _Stdlib(html_text._Parser):
    """The parser with html.parser's own tokenising loop and start-tag handler (every attribute
    collected)."""

    FAST = False

    def parse_starttag(self, i: int) -> int:
        self._at = i
        return HTMLParser.parse_starttag(self, i)


def _events(parser: type[html_text._Parser], markup: str) -> tuple[list[tuple[str, str]], list[str]]:
    events: list[tuple[str, str]] = []
    links = parser(markup, lambda kind, value: events.append((kind, value))).links
    return events, links


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_start_tags_give_the_stdlib_events(markup: str) -> None:
    assert _events(html_text._Parser, markup) == _events(_Stdlib, markup)


def test_link_attributes_are_decoded_and_the_first_decides() -> None:
    markup = '<a style="x" HREF="https://a.example/?a=1&amp;K=2&copy3" href="https://b.example/">x</a>'
    assert html_text.hrefs(markup) == ["https://a.example/?a=1&K=2©3"]
    assert html_text.hrefs('<a href="  ">x</a><a href="https://c.example/">') == ["https://c.example/"]
    assert html_text.hrefs('<a href>x</a><form action=https://d.example/>') == ["https://d.example/"]
    assert html_text.hrefs('<img href="https://e.example/">') == []


REFERENCES = ["&", "#", "x", "X", "3", "e", ";", "amp", "not", "noti", "notin", "copy", "middot", "AElig",
              "K=", " ", "\t", "<", "a" * 40]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(REFERENCES), max_size=12).map("".join) | st.text(max_size=40))
def test_unescape_is_the_stdlibs(text: str) -> None:
    assert html_text.unescape(text) == html.unescape(text)


_NAMES = ["a", "A", "p", "br", "img", "td", "style", "script", "form", "area", "o:p", "x-y", "div"]
_BLANKS = [" ", "  ", "\n", "\t", "\r\n", "\f", "\v", "\xa0", ""]
_VALUES = ['"x"', "'y'", '" href=z"', "' action=w'", '"https://a.example/?a=1&amp;K=2"', "x", "x/", "x'y",
           '""', "a&copy", "=x", '"<"']
_ATTRIBUTE_NAMES = ["href", "src", "style", "action", "b_1", "HREF", "Action", "hreflang"]
_TEXTS = ["text", "&amp;", "&copy", "&K=", " ", "\n", "a<b", "</style>", "</ STYLE >", "-->", ">"]


@st.composite
def _tag(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(_NAMES))
    if draw(st.booleans()):
        return f"</{name}{draw(st.sampled_from(_BLANKS))}>"
    attributes = "".join(
        draw(st.sampled_from(_BLANKS)) + draw(st.sampled_from(_ATTRIBUTE_NAMES))
        + draw(st.sampled_from(["", "=", " = ", "=="])) + draw(st.sampled_from(["", *_VALUES]))
        for _ in range(draw(st.integers(0, 3))))
    ending = draw(st.sampled_from(_BLANKS)) + draw(st.sampled_from(["", "/", "/ ", " /"]))
    return f"<{name}{attributes}{ending}>"


_MARKUP = ["<!-- c -->", "<!DOCTYPE html>", "<!--"]
_CDATA = st.tuples(st.sampled_from(["style", "script", "STYLE"]),
                   st.lists(st.sampled_from(_TEXTS), max_size=3),
                   st.sampled_from(["</style>", "</script>", "</ Style >", ""])).map(
    lambda t: f"<{t[0]}>{''.join(t[1])}{t[2]}")
_SIMPLE_PIECES = st.one_of(_tag(), st.sampled_from(_TEXTS), st.sampled_from(_MARKUP), _CDATA)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_SIMPLE_PIECES, max_size=14).map("".join))
def test_simple_markup_gives_the_stdlib_events(markup: str) -> None:
    assert _events(html_text._Parser, markup) == _events(_Stdlib, markup)
    # links only (no layout): the fast path reads the link tags alone
    assert html_text._Parser(markup, None).links == _Stdlib(markup, None).links


def test_amazon_notice_markup_is_simple_and_gives_the_stdlib_events() -> None:
    import random

    from tests.corpus.sellermix import amazon_notice
    from watcher.core.message import parse_message

    raw = amazon_notice(5, random.Random(1))  # HTML only, base64
    markup = raw.split(b"\r\n\r\n", 1)[1]
    text = __import__("base64").b64decode(markup).decode()
    end = text.rfind(">") + 1
    assert html_text.html_simple.tokens(text[:end], {}) is not None
    assert _events(html_text._Parser, text) == _events(_Stdlib, text)
    assert parse_message(raw).links

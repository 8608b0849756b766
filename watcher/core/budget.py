"""The reading budget: how much of one mail the classifier reads, so no mail costs more than a
fraction of a second whatever its shape.

Every step after MIME parsing is linear, but its cost per character is not small: the rules run
about a hundred regular-expression searches over the text, and `html.parser` is pure Python
(~1 us per byte of markup). Read whole, a 2 MiB hostile part costs seconds. Real mail is far
below the budget: the longest text of any corpus mail (SIV notices, agent forwards, support
threads) is under 5,000 characters, and Gmail itself clips HTML at 102 KB.

What is read of a mail whose text is longer than the budget:
- the head (`READ_HEAD` characters): the newest message, where a forward's note and a reply are;
- the tail (`READ_TAIL`): the bottom of a thread, where the oldest quoted mail (often the Amazon
  notice that started it) sits;
- between them, up to `MAX_PASSAGES` passages of `PASSAGE` characters: each opens with the block
  holding a stem of the SIV vocabulary (that of the partial view, `candidates.may_be_siv`) and
  goes on into the next, so a forwarded notice deep in a long thread is still read.
Left unread: the rest of the middle, which held no SIV word. The mail carries a note saying how
much was read, and `classify` reports it, so the cut is never silent.

HTML parts are rendered with the layout-keeping tokenizer up to `RENDER_BUDGET` bytes of markup
per mail; markup past it is reduced to text by dropping tags (one linear C-level pass) and read
under the same text budget. Links are kept up to `MAX_LINKS` per mail.
"""

from __future__ import annotations

import re

from watcher.core import sretable

READ_HEAD = 32 * 1024
READ_TAIL = 8 * 1024
PASSAGE = 4 * 1024  # the 2 KiB block holding a stem, and the block after it
_BLOCK = PASSAGE // 2
MAX_PASSAGES = 8
RENDER_BUDGET = 128 * 1024
MAX_LINKS = 500
MAX_PARTS = 500  # MIME parts of one mail parsed; real mail has dozens, a hostile one 20,000 (seconds)
# A plain alternative this short may be a "view in HTML" stub: its HTML is read instead. Here, not
# in core.message, because the partial view (core.partial_view) applies it too, in a process that
# decides chunks of a first sync and should not load mail-parser to learn a number (mail.decider).
STUB_PLAIN_CHARS = 200
MAX_ENTITIES = 20_000  # html.unescape calls Python once per entity: past this many, left as written

# The stems of the SIV vocabulary (candidates.may_be_siv) as literals, lower case, Simplified and
# Traditional: looking for them costs one C-level scan each, where the vocabulary's expression over
# folded text costs a Python fold per block (seconds on 2 MiB).
STEMS = (
    "verif", "identit", "video", "passport", "appeal", "kyc", "siv", "licen", "seller support",
    "身份", "身分", "验证", "驗證", "认证", "認證", "核实", "核實", "核验", "核驗", "审核", "審核",
    "视频", "視頻", "视讯", "視訊", "申诉", "申訴", "护照", "護照", "证件", "證件", "重新注册", "重新註冊",
)

GAP = "\n\n[…]\n\n"  # where the budget skipped text; a blank-line break, so no thread marker spans it

# `<[^<>]*>` never scans past the next "<": linear even on thousands of unclosed tags.
_DECLARED = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))', re.IGNORECASE)
_DELIMITER = re.compile(rb"\n--([^\r\n]{1,210})")
_TAG = sretable.compile(r"<[^<>]*>")
_HREF = sretable.compile(r"""\b(?:href|action)\s*=\s*["']?\s*(https?://[^\s"'<>]+)""", re.IGNORECASE)


def read_within(text: str) -> tuple[str, str | None]:
    """The text the classifier reads, and a note when that is not all of it."""
    if len(text) <= READ_HEAD + READ_TAIL + MAX_PASSAGES * PASSAGE:
        return text, None
    head, middle, tail = text[:READ_HEAD], text[READ_HEAD:-READ_TAIL], text[-READ_TAIL:]
    passages = _passages(middle)
    read = GAP.join([head, *passages, tail])
    kept = len(head) + len(tail) + sum(map(len, passages))
    note = (f"text read in part: {kept:,} of {len(text):,} characters (head, tail and "
            f"{len(passages)} passage(s) with verification words)")
    return read, note


def _passages(middle: str) -> list[str]:
    """Blocks of the middle that hold an SIV stem, each joined to the block after it (the
    sentence that starts in one block may end in the next), in the order of the text."""
    lowered = middle.lower()
    starts: set[int] = set()
    for stem in STEMS:  # str.find: a C scan per stem, no per-block Python work
        at = lowered.find(stem)
        hits = 0
        while at >= 0 and hits < MAX_PASSAGES:
            block = at - at % _BLOCK
            starts.add(block)
            hits += 1
            at = lowered.find(stem, block + PASSAGE)
    found: list[str] = []
    end = -1
    for start in sorted(starts):
        if start < end:
            continue
        end = start + PASSAGE
        found.append(middle[start:end])
        if len(found) == MAX_PASSAGES:
            break
    return found


def render_within(htmls: list[str], layout: bool = True) -> tuple[list[str], list[str], str | None]:
    """Text and links of a mail's HTML parts: rendered whole up to the markup budget, past it
    with the tags dropped. Without `layout`, links only (the texts are empty): the text of an
    HTML part whose plain alternative is read is never read."""
    if not htmls:
        return [], [], None
    # Imported here: html.parser, the entity table and the renderer cost ~10 ms of a one-file
    # `classify`, and plain-text mail never needs them.
    from watcher.core import html_text

    texts: list[str] = []
    links: list[str] = []
    left = RENDER_BUDGET
    stripped = 0
    for markup in htmls:
        shown, rest = markup[:max(left, 0)], markup[max(left, 0):]
        left -= len(shown)
        if layout:
            text, hrefs = html_text.render(shown) if shown else ("", [])
        else:
            text, hrefs = "", html_text.hrefs(shown) if shown else []
        if rest:
            stripped += len(rest)
            text = f"{text}\n{_strip(rest)}" if layout else ""
            hrefs = [*hrefs, *_HREF.findall(rest)]
        texts.append(text)
        links.extend(hrefs)
    note = (f"HTML past {RENDER_BUDGET:,} bytes of markup ({stripped:,} bytes) read without its layout"
            if stripped else None)
    return texts, links, note


def _strip(markup: str) -> str:
    import html

    text = _TAG.sub(" ", markup)
    return html.unescape(text) if text.count("&") <= MAX_ENTITIES else text


def cap_parts(raw: bytes) -> tuple[bytes, str | None]:
    """The raw mail cut before its `MAX_PARTS`+1st MIME part, so that building the MIME tree
    (mail-parser over the stdlib's feed parser, ~25 us a part) stays cheap.

    Only lines that open a part of a declared boundary count: a text full of "--" lines is not
    cut. The parser reads a multipart cut short as one whose closing line is missing.
    """
    if raw.count(b"\n--") <= MAX_PARTS:
        return raw, None
    declared: set[bytes] = set()
    for m in _DECLARED.finditer(raw):
        declared.add(m.group(1) or m.group(2))
        if len(declared) > MAX_PARTS:
            break
    if not declared:
        return raw, None
    parts = 0
    for m in _DELIMITER.finditer(raw):
        line = m.group(1).rstrip()
        if line in declared:
            parts += 1
            if parts > MAX_PARTS:
                return raw[:m.start()], f"MIME parts past the first {MAX_PARTS} not read"
    return raw, None

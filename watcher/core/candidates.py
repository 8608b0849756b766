"""Header-first filter: from a few header fields, could this mail be (or imitate) an SIV mail?

Why: a seller's mailbox holds tens of thousands of orders, newsletters and chats; downloading
every body is what makes naive watchers slow and heavy. But a missed SIV mail costs a seller
their account, so this filter is deliberately generous: anything that *might* be Amazon, a
forward, an attached message or SIV vocabulary is a candidate, and the classifier decides.
Phishing must pass too, so look-alike domains and Amazon display names count.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from watcher.core.charsets import decode_bytes, decode_words
from watcher.core.folding import fold
from watcher.core.model import Kind
from watcher.core.prefilter import Clauses, caseless, required_by_alternative
from watcher.core.rulefiles import bundled_concepts, bundled_rules, concept_pattern
from watcher.core.ruleset import RuleSet
from watcher.core.threads import FORWARD

# Fields fetched with BODY.PEEK[HEADER.FIELDS (...)]: exactly what is_candidate looks at (Date,
# Message-ID and To were fetched too once; nothing read them, and they were half the bytes).
# In-Reply-To / References: a reply or forward whose client kept the Amazon Message-ID in the
# thread headers is a candidate whatever its subject and sender.
HEADER_FIELDS = ("FROM", "SENDER", "REPLY-TO", "SUBJECT", "CONTENT-TYPE", "IN-REPLY-TO", "REFERENCES")

_ADDRESS_FIELDS = ("from", "sender", "reply-to", "in-reply-to", "references")
# amazon / amaz0n / arnazon / amazom ... after folding digit and "rn" look-alikes; amzn; 亚马逊 (simp./trad.)
_AMAZON = re.compile(r"amaz[o0]n|amazom|arnazon|amzn|amazonses|亚马逊|亞馬遜|亞馬遊", re.IGNORECASE)
FORWARD_SUBJECT = re.compile(rf"(^|[\s\[(:]){FORWARD}\s*[:：]|\[fwd?[:\]]", re.IGNORECASE)
_SIV_WORDS = re.compile(
    r"verif|identity|identit|\bsiv\b|\bkyc\b|video\s*call|appointment|appeal|\bcase\b|seller\s*support"
    r"|selling\s*(partner|account|on)|seller\s*central|account\s*(review|deactivat|suspen|health)"
    r"|申诉|申訴|验证|驗證|认证|認證|审核|審核|视频|視頻|視訊|身份|身分|卖家|賣家|账户|帳戶|賬戶|店铺|店鋪"
    r"|预约|預約|面谈|面談|停用|冻结|凍結",
    re.IGNORECASE,
)
def parse_headers(header_bytes: bytes) -> dict[str, str]:
    """Lower-cased field name -> decoded value (repeated fields joined by ", ").

    Hand-rolled rather than email.parser: it runs on every candidate of a folder (5,000 Amazon
    notices on a seller's first sync) and only needs unfolding; raw 8-bit headers and
    encoded-words are read by charsets, as the parser reads them. UTF-8 bytes (ASCII included)
    and ASCII values without an encoded word are what charsets would make of them already.
    """
    try:
        text = header_bytes.decode()  # decode_bytes' first try (its codec for no label is UTF-8)
    except UnicodeDecodeError:
        text = decode_bytes(header_bytes)
    if "\n " in text or "\n\t" in text:  # folded lines (the search alone is half the parse)
        text = _FOLD.sub(" ", text)
    out: dict[str, str] = {}
    for line in text.splitlines():
        name, colon, value = line.partition(":")
        if not colon or not name or " " in name.strip():
            continue
        key = name.strip().lower()
        value = value.strip()
        decoded = value if value.isascii() and "=?" not in value else decode_words(value)
        out[key] = f"{out[key]}, {decoded}" if key in out else decoded
    return out


_FOLD = re.compile(r"\r?\n[ \t]+")


def _fold_lookalikes(text: str) -> str:
    return text.lower().replace("rn", "m").replace("0", "o").replace("1", "l")


def looks_amazon(text: str) -> bool:
    """True for Amazon addresses, Amazon look-alike domains and Amazon display names."""
    if len(text) < 400:  # a header value: one search is faster than looking for the literals
        return bool(_AMAZON.search(text) or _AMAZON.search(_fold_lookalikes(text)))
    amazon = _amazon_names()
    return amazon.search(text) or amazon.search(_fold_lookalikes(text))


@functools.cache
def _amazon_names() -> Vocabulary:
    """_AMAZON searched only where its literals occur: the partial view asks it of a forward's
    3 KB of text, where the alternation with Chinese names took ~0.4 ms."""
    return Vocabulary.of([_AMAZON])


# The prefilter's anchors: for every alternative of _AMAZON, _FORWARD and _SIV_WORDS and the
# content-type tests below, a piece of text it cannot match without (amaz[o0]n -> "amaz", video
# \s*call -> "video"); `tr\s*:` stays a pattern ("tr" alone is in too many words). Anchors
# are looked for in the whole lower-cased block and in its look-alike-folded form; every value
# is_candidate tests is a piece of that block, so a block with no anchor is one it rejects.
# tests/core/test_candidates.py generates matches of each pattern to hold this list to it.
_AMAZON_ANCHORS = ("amaz", "arnaz", "amzn")  # the only ones also looked for after folding
_ANCHORS = (
    *_AMAZON_ANCHORS, "fw", "wg", "verif", "identit", "siv", "kyc", "video", "appointment", "appeal", "case",
    "seller", "selling", "account", "message/rfc822", "multipart/mixed",
)
_WIDE_ANCHORS = (  # looked for only in a block that is not plain ASCII
    "亚马逊", "亞馬遜", "亞馬遊", "转发", "轉發", "转寄", "轉寄", "申诉", "申訴", "验证", "驗證", "认证",
    "認證", "审核", "審核", "视频", "視頻", "視訊", "身份", "身分", "卖家", "賣家", "账户", "帳戶", "賬戶",
    "店铺", "店鋪", "预约", "預約", "面谈", "面談", "停用", "冻结", "凍結",
)
_TRANSFER = re.compile(r"tr\s*[:：]")  # "Tr:", the French forward prefix: "tr" alone is in too many words
_WIDE_HITS = re.compile("|".join(_WIDE_ANCHORS))
_FIELD_START = re.compile(r"[!-9;-~]+[ \t]*:")
_CASELESS_ODD = frozenset("İıſK")  # non-ASCII letters re.IGNORECASE matches to ASCII; lower() does not


def _holds(text: str, literals: tuple[str, ...]) -> bool:
    """Whether any of the literals is in the text: a loop of `in` (memchr speed in C) is ~2x
    faster than an alternation of literals, which sre tries at every position, and than
    any() over a generator."""
    for literal in literals:  # noqa: SIM110 - see above
        if literal in text:
            return True
    return False


def plainly_ordinary(header_bytes: bytes) -> bool:
    """True only when is_candidate is surely False, found in ~3 us instead of ~10-30: UTF-8 (ASCII
    included), no encoded word, a readable first field, no anchor even after folding look-alikes.
    Anything else (encoded words, raw GBK/Big5 bytes, odd shapes) goes the full way."""
    if b"=?" in header_bytes:
        return False
    try:
        text = header_bytes.decode()
    except UnicodeDecodeError:
        return False
    wide = not text.isascii()
    if not _FIELD_START.match(text) or (wide and ("\ufffd" in text or _CASELESS_ODD & set(text))):
        return False
    low = text.lower()
    if _holds(low, _ANCHORS) or _TRANSFER.search(low) or (wide and _WIDE_HITS.search(low)):
        return False
    return not _holds(low.replace("rn", "m").replace("0", "o").replace("1", "l"), _AMAZON_ANCHORS)


def is_candidate(header_bytes: bytes) -> bool:
    """Could this mail be an SIV mail, a forward of one, or phishing dressed as one?

    When in doubt the answer is True: a fetch costs a few KB, a miss costs an account.
    """
    if plainly_ordinary(header_bytes):
        return False  # most of a 20,000-mail first sync ends here
    h = _parsed(header_bytes)
    return h is None or _candidate(h)


def _parsed(header_bytes: bytes) -> dict[str, str] | None:
    """The header fields, or None when none can be read (then: fetch, the classifier decides)."""
    try:
        return parse_headers(header_bytes) or None
    except Exception:
        return None


def _candidate(h: dict[str, str]) -> bool:
    people = " ".join(h.get(k, "") for k in _ADDRESS_FIELDS)
    if looks_amazon(people):  # display names and addresses alike
        return True
    subject = h.get("subject", "")
    if FORWARD_SUBJECT.search(subject) or _SIV_WORDS.search(subject) or looks_amazon(subject):
        return True
    if "\ufffd" in subject or "=?" in subject:
        return True  # undecodable subject: unsure, so fetch
    ctype = h.get("content-type", "").lower()
    return "message/rfc822" in ctype or ("multipart/mixed" in ctype and not subject.strip())


def needs_structure(header_bytes: bytes) -> bool:
    """A multipart/mixed mail may carry a forwarded message as an attachment under any subject:
    ask the server for its BODYSTRUCTURE (a few hundred bytes) before deciding."""
    return b"multipart/mixed" in header_bytes.lower()


def structure_is_candidate(bodystructure: object) -> bool:
    """True when a BODYSTRUCTURE holds an attached message (message/rfc822, .eml or .msg file)."""
    text = repr(bodystructure).lower()
    return "rfc822" in text or ".eml" in text or ".msg" in text or "outlook" in text


# -- deciding a candidate's fate with few bytes (issue 10) ---------------------------------------
# A seller's mailbox is a quarter Amazon notices. The header filter must let them all through
# (Amazon sender), so two cheaper steps decide most of them before a whole mail is fetched:
# 1. `amazon_notice`: from headers alone, an order / settlement / advertising / shipment notice
#    from a genuine Amazon marketplace domain is never SIV (nothing is fetched);
# 2. the partial view (core.partial_view): BODYSTRUCTURE, then the text the classifier would read,
#    window by window; the whole mail is fetched only when `may_be_siv` finds SIV vocabulary in
#    subject + that text, or the view cannot tell.

_MARKET_TLDS = (
    "com", "ca", "com.mx", "com.br", "co.uk", "de", "fr", "it", "es", "nl", "se", "pl", "com.be", "ie",
    "com.tr", "ae", "sa", "eg", "in", "co.jp", "sg", "com.au", "cn",
)
# An Amazon marketplace's own domain or a subdomain of it, but not marketplace.amazon.* (buyers'
# own words are relayed from there: anything can be written in them).
_MARKET_DOMAIN = re.compile(
    r"(?:[a-z0-9-]+\.)*amazon\.(?:" + "|".join(re.escape(t) for t in _MARKET_TLDS) + r")", re.IGNORECASE
)
_ADDR = re.compile(r"<([^<>@\s]+)@([^<>@\s]+)>\s*$|^\s*([^<>@\s\"]+)@([^<>@\s\"]+)\s*$")
# Notices Amazon sends by the thousand, by subject, as Amazon words them; anchored, so a reply or
# forward ("Re:", "Fwd:") or a subject that only mentions one of them is not one.
_NOTICE_SUBJECT = re.compile(
    r"^(?:sold[,!]?\s*[-:]?\s*(?:ship|dispatch)\s+now\b"
    r"|(?:your\s+)?settlement\s+report\b"
    r"|(?:amazon\s+seller\s+central:\s*)?disbursement\s+(?:initiated|sent|processed)\b"
    r"|(?:action\s+required:\s*)?a-to-z\s+guarantee\s+claim\b"
    r"|your\s+sponsored\s+(?:products|brands|display)\s+campaign\b"
    r"|your\s+(?:weekly|monthly)\s+advertising\s+(?:performance\s+)?report\b"
    r"|boost\s+your\s+[\w\s]{0,30}sales\s+with\s+sponsored\s+(?:products|brands|display)\b"
    r"|(?:inbound|fba)\s+shipment\s+\S+\s+(?:received|checked\s+in|closed|delivered|in\s+transit)\b"
    r"|your\s+amazon(?:\.[a-z.]+)?\s+order\s+(?:#\s*)?[\d-]+\s+has\s+(?:shipped|been\s+delivered)\b)",
    re.IGNORECASE,
)


def amazon_notice(header_bytes: bytes) -> bool:
    """True only for a routine Amazon notice that can never be SIV: From a genuine Amazon
    marketplace domain (not the buyer relay), a notice subject (anchored: no Re/Fwd prefix),
    no SIV vocabulary in the subject, not in a thread, no attached message. Amazon's SIV mail
    comes from amazon.* with generic subjects ("Your Amazon.com Selling Account"): those never
    match a notice subject, so they go on to the partial view. A forged From only changes who
    a notice seems to be from; a mail imitating SIV does not wear an order-notice subject."""
    h = _parsed(header_bytes)
    return h is not None and _notice(h, None)


# What vetoes a notice subject: the header filter's SIV words, less the two a notice wears for
# other reasons ("Amazon Seller Central: Disbursement initiated", "Sold, ship now: Earbuds Case
# Cover"), plus the partial view's whole vocabulary (`may_be_siv`).
_NOTICE_VETO = re.compile(_SIV_WORDS.pattern.replace(r"|\bcase\b", "").replace(r"|seller\s*central", ""),
                          re.IGNORECASE)


@functools.cache
def _notice_veto() -> Vocabulary:
    """_NOTICE_VETO searched only where its literals occur: ~20 us a subject as one alternation
    of English stems and Chinese words, ~2 us so (5,000 notices a seller's first sync)."""
    return Vocabulary.of([_NOTICE_VETO])


def _notice(h: dict[str, str], extra: Vocabulary | None) -> bool:
    subject = h.get("subject", "").strip()
    if not _NOTICE_SUBJECT.match(subject) or _notice_veto().search(subject) or may_be_siv(subject, extra):
        return False
    if h.get("in-reply-to") or h.get("references") or "message/rfc822" in h.get("content-type", "").lower():
        return False
    for key in ("from", "sender", "reply-to"):
        if key == "from" or h.get(key):
            m = _ADDR.search(h.get(key, ""))
            domain = (m.group(2) or m.group(4)) if m else ""
            if not _MARKET_DOMAIN.fullmatch(domain or "") or domain.lower().startswith("marketplace."):
                return False
    return True


# SIV vocabulary of a partial view: every stem the SIV rules and concepts are written in (English,
# Chinese after folding Traditional to Simplified), wide on purpose: a false hit costs one whole
# mail, a miss costs an account.
_SIV_STEMS = (
    r"verif", r"identit", r"\bsiv\b", r"\bkyc\b", r"video", r"appeal", r"seller\s*support",
    r"selling\s*partner\s*support", r"\[?case\s*(?:id|number|#|\d{6,})", r"\bcase\]",
    r"proof\s+of\s+(?:identity|address)", r"utility\s+bill", r"passport", r"driver'?s\s+licen[cs]e",
    r"new\s+(?:seller\s+|selling\s+)?account",
    r"身份", r"验证", r"认证", r"核实", r"核验", r"审核", r"视频", r"视讯", r"申诉", r"卖家支持",
    r"销售伙伴支持", r"护照", r"证件", r"重新注册", r"新的?(?:邮箱|帐户|账户)",
)
_SIV_CONCEPTS = ("identity", "video", "identity_documents", "new_account")


@dataclass(frozen=True)
class Vocabulary:
    """Expressions searched only where the literals they need occur. Each expression comes with
    the clauses of required literals of each of its top-level alternatives (prefilter: lower case,
    looked for in `caseless(text)`). `gate`: the literals found in the shortest clause of every
    alternative, less those containing another (None: some alternative requires nothing); a
    text holding none of them has no match. `opens`: for each gate literal, the expressions with
    an alternative whose shortest clause it is part of, so a text is searched only with the
    expressions its gate literals open (on a page of a partial view: two or three, not 34)."""

    patterns: tuple[tuple[re.Pattern[str], tuple[Clauses, ...]], ...]
    gate: tuple[str, ...] | None
    opens: dict[str, tuple[int, ...]]
    narrow_gate: tuple[str, ...]  # the ASCII gate literals: all an ASCII text can hold

    @classmethod
    def of(cls, compiled: list[re.Pattern[str]]) -> Vocabulary:
        found = [(p, required_by_alternative(p.pattern, p.flags, caseless=True)) for p in compiled]
        alternatives = [clauses for _, alts in found for clauses in alts]
        if not all(alternatives):
            return cls(tuple(found), None, {}, ())
        shortest = [[min(clauses, key=len) for clauses in alts] for _, alts in found]
        best = {literal for alts in shortest for clause in alts for literal in clause}
        gate = tuple(sorted(a for a in best if not any(b != a and b in a for b in best)))  # shortest do
        opens = {g: tuple(i for i, alts in enumerate(shortest)
                          if any(g in literal for clause in alts for literal in clause)) for g in gate}
        patterns = tuple((p, tuple(_cheap_first(clauses, gate) for clauses in alts)) for p, alts in found)
        return cls(patterns, gate, opens, tuple(g for g in gate if g.isascii()))

    def search(self, text: str) -> bool:
        """Whether one of the expressions matches somewhere in `text`."""
        if self.gate is None:
            return any(pattern.search(text) for pattern, _ in self.patterns)
        probe = caseless(text)
        tried: set[int] = set()
        for literal in self.narrow_gate if probe.isascii() else self.gate:
            if literal not in probe:
                continue
            for index in self.opens[literal]:
                if index in tried:
                    continue
                tried.add(index)
                pattern, alternatives = self.patterns[index]
                if any(all(_holds(probe, clause) for clause in clauses) for clauses in alternatives) \
                        and pattern.search(text):
                    return True
        return False


@functools.cache
def _siv_vocabulary() -> Vocabulary:
    concepts = bundled_concepts()
    parts = [concept_pattern(name, concepts) for name in _SIV_CONCEPTS if name in concepts]
    return Vocabulary.of([re.compile(source, re.IGNORECASE) for source in [*_SIV_STEMS, *parts]])


def _cheap_first(clauses: Clauses, gate: tuple[str, ...]) -> Clauses:
    """The clauses, fewest literals first, after the gate literals their shortest one contains:
    implied by it, so the answer is the same, but found at memchr speed they turn most
    alternatives down before a long clause (24 Chinese phrasings of "verify your identity") is
    scanned literal by literal."""
    shortest = min(clauses, key=len)
    coarse = tuple(g for g in gate if any(g in literal for literal in shortest))
    ordered = tuple(sorted(clauses, key=len))
    return (coarse, *ordered) if set(coarse) != set(shortest) else ordered


def rules_vocabulary(ruleset: RuleSet) -> Vocabulary | None:
    """The phrases of the SIV rules a user's rule folders add to the bundled ones or change, as
    a vocabulary (None: none). They teach the classifier wording the stems above may not hold,
    and a sync that settled such a mail by its headers or first text would never let them see it."""
    bundled = {(rule.name, repr(rule.conditions)) for rule in bundled_rules()}
    patterns = []
    for rule in ruleset.rules:
        if rule.kind is Kind.OTHER or not rule.enabled or (rule.name, repr(rule.conditions)) in bundled:
            continue  # a veto makes nothing SIV; the bundled wording is the stems' and concepts'
        for _field, condition in rule.conditions:
            patterns += [re.compile(re.escape(p)) if isinstance(p, str) else p.compile()
                         for p in (*condition.any, *condition.all)]
    return Vocabulary.of(patterns) if patterns else None


def may_be_siv(text: str, extra: Vocabulary | None = None) -> bool:
    """Could a mail whose subject and first text this is be SIV (or imitate it)? Pure; over the
    text folded as rules see it (lower case, NFKC, Traditional -> Simplified Chinese), with the
    stems above and the bundled concepts of identity, video call, identity documents, new account.
    An expression is tried only where the literals it needs occur (`Vocabulary`): one expression
    of them all tries every alternative at every position (~3 ms on 2 KB of text, 2,000 views a
    sync)."""
    folded = fold(text)
    return _siv_vocabulary().search(folded) or (extra is not None and extra.search(folded))


def triage(header_bytes: bytes, extra: Vocabulary | None = None) -> str:
    """A mail's fate from its header fields: "skip" (not a candidate), "structure" (not a
    candidate, but may carry an attached message), "notice" (an Amazon notice: never SIV),
    "whole" (fetch it: SIV words in the subject, a thread, an unreadable subject) or "partial"
    (a candidate the partial view decides). The fields are parsed once."""
    if plainly_ordinary(header_bytes):
        return "skip"  # no anchor, "multipart/mixed" included
    h = _parsed(header_bytes)
    if h is None:
        return "whole"
    if not _candidate(h):
        return "structure" if needs_structure(header_bytes) else "skip"
    if _notice(h, extra):
        return "notice"
    subject = h.get("subject", "")
    if may_be_siv(subject, extra) or h.get("in-reply-to") or h.get("references"):
        return "whole"
    if "\ufffd" in subject or "=?" in subject or "message/rfc822" in h.get("content-type", "").lower():
        return "whole"
    return "partial"

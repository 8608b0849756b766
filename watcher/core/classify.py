"""The pure pipeline: raw bytes -> Classification (parse, rules, sender check, extraction).

Which message decides what: a forward is judged by the Amazon message inside it, a reply by
its newest part, while the sender check always starts from the outer From (that is who
actually sent the mail to the seller). Never raises: a failure is `other` + `parse_error`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TypedDict

from watcher.core import extract, sretable
from watcher.core.folding import fold
from watcher.core.message import ParsedMessage, bare_urls, parse_message
from watcher.core.model import Classification, Kind, SenderCheck
from watcher.core.rulefiles import default_ruleset
from watcher.core.ruleset import MatchInput, Rule, RuleSet
from watcher.core.sender import (
    SenderVerdict,
    check_sender,
    domain_of,
    dressed_as_amazon,
    fraud_evidence,
    is_amazon_domain,
    load_params,
)
from watcher.core.threads import FORWARD, REPLY

# Reply / forward prefixes and "[EXTERNAL]"-style tags, however many, before the subject proper.
_PREFIXES = sretable.compile(rf"^\s*(?:(?:{REPLY}|{FORWARD})\s*[:：]\s*|\[(?=[^\]]*?ext)[^\]]*+\]\s*)+", re.I)


def bare_subject(subject: str) -> str:
    """The subject as the sender wrote it: what rules match, whoever forwarded or replied."""
    return _PREFIXES.sub("", subject)


def sender_class(msg: ParsedMessage) -> str:
    """amazon / dressed / other: what rules may require of a sender."""
    params = load_params()
    if is_amazon_domain(domain_of(msg.from_addr), params.amazon_label):
        return "amazon"
    return "dressed" if dressed_as_amazon(msg, params) else "other"


def _match_one(msg: ParsedMessage, ruleset: RuleSet) -> Rule | None:
    subject = "" if msg.is_reply else bare_subject(msg.subject)
    body = msg.newest if (msg.is_reply or msg.is_forward) else msg.text
    # A reply's links are those of its newest part, not of the history it quotes.
    links = tuple(bare_urls(body)) if msg.is_reply else msg.links
    return ruleset.match(MatchInput.build(subject, body, sender_class(msg), msg.from_addr, links))


def decide(msg: ParsedMessage, ruleset: RuleSet, depth: int = 0) -> tuple[Rule | None, ParsedMessage]:
    """The deciding rule and the message it was read from (a forwarded one, if any matches)."""
    if msg.is_forward and depth < 5:
        for inner in msg.forwarded:
            rule, used = decide(inner, ruleset, depth + 1)
            if rule is not None and rule.kind is not Kind.OTHER:
                return rule, used
    return _match_one(msg, ruleset), msg


def _content_text(msg: ParsedMessage) -> str:
    return f"{msg.subject}\n{msg.newest if msg.is_reply else msg.text}"


class _Fields(TypedDict, total=False):
    """The extracted fields of a Classification (those of the kind's extractors only)."""

    case_id: str | None
    seller_token: str | None
    account: str | None
    booking_url: str | None
    deadline: date | None
    appointment: datetime | None
    meeting_url: str | None


def _fields(kind: Kind, outer: ParsedMessage, content: ParsedMessage, tz: str) -> _Fields:
    text = _content_text(content)
    fallback = f"{outer.subject}\n{outer.newest}" if content is not outer else ""
    out: _Fields = {
        "case_id": extract.case_id(text) or extract.case_id(fallback),
        "seller_token": extract.seller_token(text) or extract.seller_token(fallback),
        "account": (content.to or outer.to or (None,))[0],
    }
    sent = content.date or outer.date
    if kind is Kind.VIDEO_CALL_INVITATION:
        links = (*content.links, *(u for u in outer.links if u not in content.links))
        out["booking_url"] = extract.booking_url(links, text)
        out["deadline"] = extract.deadline(sent, text, tz)
    elif kind is Kind.VIDEO_CALL_CONFIRMATION:
        out["appointment"] = extract.appointment(text, sent, tz)
        out["meeting_url"] = extract.meeting_url((*content.links, *outer.links))
    return out


def _verdict(
    outer: ParsedMessage, content: ParsedMessage, kind: Kind, authserv_ids: tuple[str, ...]
) -> SenderVerdict:
    imitates = kind is not Kind.OTHER
    extra: list[str] = []
    if content is not outer:
        extra = [f"forwarded message: {r}" for r in fraud_evidence(content, imitates, (), trust_auth=False)]
    presents = imitates and content is outer
    return check_sender(outer, presents_as_amazon=presents, authserv_ids=authserv_ids, extra_evidence=extra)


def classify(
    raw: bytes,
    *,
    ruleset: RuleSet | None = None,
    tz: str | None = None,
    authserv_ids: Iterable[str] = (),
) -> Classification:
    """Classify one message. `tz`: the zone of deadlines and appointments (default from
    data/extract.toml); `authserv_ids`: the mailbox provider's trusted RFC 8601 ids."""
    try:
        zone = tz or extract.load_params().timezone
        return _classify(raw, ruleset or default_ruleset(), zone, tuple(authserv_ids))
    except Exception as exc:  # noqa: BLE001 - the contract: any bytes in, a Classification out
        return Classification(
            kind=Kind.OTHER,
            sender_check=SenderCheck.UNVERIFIED,
            parse_error=f"classification failed: {type(exc).__name__}: {exc}"[:300],
        )


def _classify(raw: bytes, ruleset: RuleSet, tz: str, authserv_ids: tuple[str, ...]) -> Classification:
    outer = parse_message(raw)
    if outer.parse_error and not (outer.from_addr or outer.text.strip()):
        return Classification(
            kind=Kind.OTHER, sender_check=SenderCheck.UNVERIFIED, parse_error=outer.parse_error
        )
    rule, content = decide(outer, ruleset)
    kind = rule.kind if rule is not None else Kind.OTHER
    verdict = _verdict(outer, content, kind, authserv_ids)
    return Classification(
        kind=kind,
        sender_check=verdict.check,
        message_id=outer.message_id,
        references=outer.references,
        subject=outer.subject,
        from_addr=outer.from_addr,
        sent_at=outer.date,
        rule=rule.name if rule is not None else None,
        reasons=verdict.reasons,
        parse_error=outer.parse_error,
        excerpt=excerpt(content, ruleset) if kind is Kind.SIV_UNCLEAR else (),
        notes=outer.notes,
        **_fields(kind, outer, content, tz),
    )


_SENTENCE = sretable.compile(r"(?:[^\n.。!?！？]|[.!?](?=[^\s]))+[.。!?！？]?")  # "Amazon.com" ends nothing
_NOT_READING = sretable.compile(
    r"\.(png|jpe?g|gif)(\?|$)|unsubscribe|/gp/help/|/help/hub/|apps?\.apple\.com|itunes\.apple\.com|"
    r"play\.google\.com",
    re.I,
)
EXCERPT_SENTENCES, EXCERPT_LINKS, EXCERPT_CHARS = 3, 3, 200


def excerpt(msg: ParsedMessage, ruleset: RuleSet) -> tuple[str, ...]:
    """The key sentences and links of a mail no specific kind fits, for its alert: the seller
    must read it, and the sentences that ask for something are what to read first."""
    text = msg.newest if msg.is_reply else msg.text
    sentences: list[str] = []
    for m in _SENTENCE.finditer(text):
        sentence = " ".join(m.group().split())
        if len(sentence) > 8 and ruleset.quote is not None and ruleset.quote.search(fold(sentence)):
            sentences.append(sentence[:EXCERPT_CHARS])
            if len(sentences) == EXCERPT_SENTENCES:
                break
    links = [u for u in msg.links if u.startswith(("http://", "https://")) and not _NOT_READING.search(u)]
    return (*dict.fromkeys(sentences), *links[:EXCERPT_LINKS])

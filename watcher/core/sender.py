"""Can the sender be trusted? verified / unverified / suspicious, with the reasons why.

Order and definitions follow the corpus README: positive evidence of fraud first, then
authentication, else unverified. Authentication-Results can be forged by anyone when the
receiving server adds none, so only the top header counts, or (RFC 8601) only headers whose
authserv-id the mailbox's provider is known to stamp.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from watcher.core import sretable
from watcher.core.message import ParsedMessage
from watcher.core.model import SenderCheck

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList


@dataclass(frozen=True)
class SenderParams:
    """The data half of the sender check (data/sender.toml)."""

    amazon_label: str
    allow_hosts: frozenset[str]
    allow_domains: tuple[str, ...]
    well_known_domains: tuple[str, ...]
    imitation_words: tuple[str, ...]
    lookalike: re.Pattern[str]
    display_name_words: tuple[str, ...]
    checked_schemes: frozenset[str]
    confusables: dict[int, str]


@dataclass(frozen=True)
class SenderVerdict:
    check: SenderCheck
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class AuthResult:
    method: str
    result: str
    props: dict[str, str]


@cache
def load_params() -> SenderParams:
    """Read the packaged data file once."""
    data = tomllib.loads(resources.files("watcher.core").joinpath("data/sender.toml").read_text("utf-8"))
    return SenderParams(
        amazon_label=data["amazon_label"].lower(),
        allow_hosts=frozenset(h.lower() for h in data["allow_hosts"]),
        allow_domains=tuple(d.lower() for d in data["allow_domains"]),
        well_known_domains=tuple(d.lower() for d in data.get("well_known_domains", ())),
        imitation_words=tuple(w.lower() for w in data.get("imitation_words", ())),
        lookalike=re.compile("|".join(f"(?:{p})" for p in data["lookalike_patterns"]), re.I),
        display_name_words=tuple(w.lower() for w in data["display_name_words"]),
        checked_schemes=frozenset(data["checked_schemes"]),
        confusables=_pairs("".join(data.get("confusables", "").split())),
    )


def _pairs(chars: str) -> dict[int, str]:
    return {ord(chars[i]): chars[i + 1] for i in range(0, len(chars) - 1, 2)}


_INVISIBLE = sretable.compile(
    "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)


def skeleton(text: str, params: SenderParams) -> str:
    """What a reader sees: NFKC, lower case, homoglyphs folded to Latin, invisibles dropped."""
    text = unicodedata.normalize("NFKC", text).lower()
    if text.isascii():
        return text
    return _INVISIBLE.sub("", text.translate(params.confusables))


@lru_cache(maxsize=1024)
def _unicode_host(host: str) -> str:
    """Punycode labels (xn--...) decoded to the Unicode a mail client displays."""
    if "xn--" not in host:
        return host
    labels = []
    for label in host.split("."):
        try:
            labels.append(label.encode("ascii").decode("idna") if label.startswith("xn--") else label)
        except (UnicodeError, ValueError):
            labels.append(label)
    return ".".join(labels)


@cache
def _psl_text() -> str:
    """The public suffix list the library ships, lower-cased, each line after a line break."""
    from publicsuffixlist import PSLFILE  # never fetches

    with open(PSLFILE, encoding="utf-8", errors="surrogateescape") as file:  # as the library reads it
        return "\n" + file.read().lower()


def _psl_for(host: str) -> PublicSuffixList:
    """The library's list, built from only the rules that can decide `host`.

    For each suffix s of a host the library looks up the rules "!s", "*.s" and "s" and no others,
    but parsing its whole list costs ~40 ms, most of a one-file `classify` of a mail from Amazon.
    So only the lines holding one of those rules are handed to the library, which reads them as
    it reads its whole list.
    """
    from publicsuffixlist import PublicSuffixList

    labels = host.split(".")
    rules = {f"{p}{'.'.join(labels[i:])}" for i in range(len(labels)) for p in ("", "!", "*.")}
    lines = [line for rule in rules for line in _psl_lines(rule)]
    return PublicSuffixList(lines, accept_encoded_idn=False)  # IDN forms: Amazon's domains are ASCII


SCANS_BEFORE_INDEX = 32  # rules found by scanning the list (~0.2 ms each) before indexing it (~10 ms)
_scans = [0]


@lru_cache(maxsize=4096)
def _psl_lines(rule: str) -> tuple[str, ...]:
    """The list's lines whose rule is `rule` (as the library reads a line: up to the first space),
    by rule: hosts share suffixes. Scanned for at first; past a few, the list is indexed once."""
    _scans[0] += 1
    if _scans[0] > SCANS_BEFORE_INDEX:
        return _psl_index().get(rule, ())
    text, lines = _psl_text(), []
    at = text.find("\n" + rule)
    while at >= 0:
        end = text.find("\n", at + 1)
        line = text[at + 1 : end if end >= 0 else len(text)]
        if line.split(" ")[0].rstrip() == rule:
            lines.append(line)
        at = text.find("\n" + rule, at + 1)
    return tuple(lines)


@cache
def _psl_index() -> dict[str, tuple[str, ...]]:
    """Every rule of the list with its lines, in the list's order."""
    index: dict[str, list[str]] = {}
    for line in _psl_text()[1:].split("\n"):
        index.setdefault(line.split(" ")[0].rstrip(), []).append(line)
    return {rule: tuple(lines) for rule, lines in index.items()}


@lru_cache(maxsize=4096)
def is_amazon_domain(host: str, label: str = "amazon") -> bool:
    """True for amazon.<public suffix> and its subdomains (not amazon.com.evil.net)."""
    host = (host or "").strip().strip(".").lower()
    if label not in host:  # the registrable domain's first label is `label`: no need for the list
        return False
    try:
        registrable = _psl_for(host).privatesuffix(host)
    except Exception:  # noqa: BLE001 - odd hosts (IDN garbage) are simply not Amazon
        return False
    if not registrable:
        return False
    return registrable.split(".", 1)[0] == label


def domain_of(addr: str) -> str:
    """Domain of an address; "" when there is no @ (a bare display name is no domain)."""
    if "@" not in (addr or ""):
        return ""
    return addr.rpartition("@")[2].strip().strip(".>").lower()


def _within(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def host_allowed(host: str, params: SenderParams) -> bool:
    """The link allowlist: Amazon domains plus the data file's hosts and domains."""
    host = host.strip(".").lower()
    if is_amazon_domain(host, params.amazon_label) or host in params.allow_hosts:
        return True
    return _within(host, params.allow_domains)


def is_ip_address(host: str) -> bool:
    host = host.strip("[]")
    if ":" not in host and not host[:1].isdigit():  # neither IPv6 nor dotted IPv4: skip the raise
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def _imitating(host: str) -> str | None:
    """imitating_host with the packaged parameters, once per host: a notice links the same
    tracking host dozens of times, and a mailbox a few hosts thousands of times."""
    return imitating_host(host, load_params())


def imitating_host(host: str, params: SenderParams) -> str | None:
    """Why a link host imitates Amazon or its booking/meeting services, or None.

    Only imitation is evidence of fraud: genuine notices also link to app stores, survey hosts
    and click-tracking hosts, so an unknown host alone proves nothing about an authenticated mail.
    """
    if host == "<unparseable>":
        return f"link host {host}"
    if is_ip_address(host):
        return f"link to a bare IP address {host}"
    if host_allowed(host, params):
        return None
    shown = skeleton(_unicode_host(host), params)
    word = next((w for w in params.imitation_words if w in shown), None)
    if word is None:
        return None
    return f"link to {host} imitates {word} but is not on the allowlist"


def unknown_host(host: str, params: SenderParams) -> bool:
    """Neither allowlisted nor a well-known service (step 3: unauthenticated mail only)."""
    return not host_allowed(host, params) and not _within(host.strip(".").lower(), params.well_known_domains)


def link_host(url: str, params: SenderParams) -> str | None:
    """Host of a web link, None for mailto:, anchors, relative links and garbage."""
    scheme, host = _scheme_and_host(_origin(url.strip()))
    return host if host == "<unparseable>" or scheme in params.checked_schemes else None


def _origin(url: str) -> str:
    """The link up to its path, query or fragment: all urlsplit reads for scheme and host, and
    what a mail's links share (Amazon's click-tracking links differ in their query only)."""
    at = url.find("://")
    ends = [i for i in (url.find(c, at + 3) for c in "/?#") if i >= 0] if at >= 0 else []
    return url[: min(ends)] if ends else url


@lru_cache(maxsize=4096)
def _scheme_and_host(url: str) -> tuple[str, str | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), (parts.hostname or "").lower() or None
    except ValueError:
        return "", "<unparseable>"


# Keys that qualify the result before them rather than start a new one (RFC 8601 reasonspec,
# and Microsoft 365's "action=none" after a DMARC result).
_RESULT_QUALIFIERS = frozenset({"reason", "action", "policy"})


def parse_auth_results(header: str) -> tuple[str, list[AuthResult]]:
    """(authserv-id, results) of one Authentication-Results header (RFC 8601).

    Microsoft 365 writes no authserv-id ("spf=pass ...; dkim=pass ...; dmarc=pass action=none
    header.from=amazon.com"), so the first piece is a result when it holds a key=value pair.
    """
    text = re.sub(r"\([^()]*\)", " ", header)
    pieces = [p.strip() for p in text.split(";")]
    first = pieces[0].split() if pieces else []
    has_id = bool(first) and "=" not in first[0]
    authserv = first[0].lower() if has_id else ""
    results: list[AuthResult] = []
    for piece in pieces[1:] if has_id else pieces:
        for token in piece.split():
            key, sep, value = token.partition("=")
            if not sep:
                continue
            key, value = key.lower(), value.strip("\"'").lower()
            if ("." in key or key in _RESULT_QUALIFIERS) and results:
                results[-1].props[key] = value
            elif "." not in key and key not in _RESULT_QUALIFIERS:
                results.append(AuthResult(key, value, {}))
    return authserv, results


def counted_auth_results(headers: Iterable[str], authserv_ids: Iterable[str] = ()) -> list[AuthResult]:
    """The results that count: the top header, or the first one stamped by a trusted id."""
    trusted = {a.lower() for a in authserv_ids}
    for header in headers:
        authserv, results = parse_auth_results(header)
        if not trusted or authserv in trusted:
            return results
    return []


def dressed_as_amazon(msg: ParsedMessage, params: SenderParams) -> str | None:
    """Why a non-Amazon From looks like Amazon, or None."""
    domain = domain_of(msg.from_addr)
    if not domain or is_amazon_domain(domain, params.amazon_label):
        return None
    if params.lookalike.search(domain):
        return f"From domain {domain} imitates Amazon"
    shown = skeleton(_unicode_host(domain), params)
    if shown != domain and (is_amazon_domain(shown, params.amazon_label) or params.lookalike.search(shown)):
        return f"From domain {domain} reads as {shown}: it imitates Amazon"
    name = skeleton(msg.from_name, params)
    for addr in re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", name):
        if is_amazon_domain(addr, params.amazon_label):
            return f"display name {msg.from_name!r} is an Amazon address but From is {domain}"
    if any(word in name for word in params.display_name_words):
        return f"display name {msg.from_name!r} says Amazon but From is {domain}"
    return None


def fraud_evidence(
    msg: ParsedMessage, presents_as_amazon: bool, authserv_ids: Iterable[str] = (), *, trust_auth: bool = True
) -> list[str]:
    """Step 1 of the check: every piece of positive evidence of fraud.

    `trust_auth=False` for forwarded messages: their Authentication-Results were written by
    whoever forwarded them, so they are no evidence either way.
    """
    params = load_params()
    reasons: list[str] = []
    domain = domain_of(msg.from_addr)
    from_amazon = is_amazon_domain(domain, params.amazon_label)
    dressed = dressed_as_amazon(msg, params)
    if dressed:
        reasons.append(dressed)
    if from_amazon and trust_auth and not msg.inline:
        for res in counted_auth_results(msg.auth_results, authserv_ids):
            if res.method in ("dkim", "dmarc") and res.result == "fail":
                reasons.append(f"Authentication-Results reports {res.method}=fail")
        for addr in msg.reply_to:
            if not is_amazon_domain(domain_of(addr), params.amazon_label):
                reasons.append(f"Reply-To {addr} points outside Amazon")
    if presents_as_amazon or from_amazon or dressed:
        for url in msg.links:
            host = link_host(url, params)
            why = _imitating(host) if host else None
            if why:
                reasons.append(why)
                break
    return reasons


def unknown_link(msg: ParsedMessage) -> str | None:
    """Step 3: the first link of an unauthenticated Amazon-looking mail to an unknown host."""
    params = load_params()
    for url in msg.links:
        host = link_host(url, params)
        if host and unknown_host(host, params):
            return f"unauthenticated mail presenting as Amazon links to {host}, which is not on the allowlist"
    return None


def authenticated(msg: ParsedMessage, authserv_ids: Iterable[str] = ()) -> str | None:
    """Step 2: the reason the mail is authentically from Amazon, or None."""
    params = load_params()
    if msg.inline or not is_amazon_domain(domain_of(msg.from_addr), params.amazon_label):
        return None
    for res in counted_auth_results(msg.auth_results, authserv_ids):
        if res.result != "pass":
            continue
        if res.method == "dkim" and is_amazon_domain(res.props.get("header.d", ""), params.amazon_label):
            return f"dkim=pass header.d={res.props['header.d']}"
        if res.method == "dmarc" and is_amazon_domain(res.props.get("header.from", ""), params.amazon_label):
            return f"dmarc=pass header.from={res.props['header.from']}"
    return None


def check_sender(
    msg: ParsedMessage,
    *,
    presents_as_amazon: bool = False,
    authserv_ids: Iterable[str] = (),
    extra_evidence: Iterable[str] = (),
) -> SenderVerdict:
    """The verdict for `msg`'s From. `extra_evidence` carries fraud found in forwarded parts."""
    authserv_ids = tuple(authserv_ids)
    evidence = [*fraud_evidence(msg, presents_as_amazon, authserv_ids), *extra_evidence]
    if evidence:
        return SenderVerdict(SenderCheck.SUSPICIOUS, tuple(evidence))
    auth = authenticated(msg, authserv_ids)
    if auth:
        return SenderVerdict(SenderCheck.VERIFIED, (f"Amazon From authenticated: {auth}",))
    unknown = unknown_link(msg) if presents_as_amazon or dressed_as_amazon(msg, load_params()) else None
    if unknown:
        return SenderVerdict(SenderCheck.SUSPICIOUS, (unknown,))
    if is_amazon_domain(domain_of(msg.from_addr)):
        why = "no trusted Authentication-Results pass for the Amazon From domain"
    else:
        why = f"From {msg.from_addr or '(none)'} is not an Amazon domain"
    return SenderVerdict(SenderCheck.UNVERIFIED, (why,))

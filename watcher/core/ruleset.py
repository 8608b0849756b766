"""Rules as data: the rules as matched, deciding a message's kind (rulefiles.py reads and
validates rules/*.toml into them).

Why data: Amazon rewords its mails, in three languages, more often than code is released; a
phrase added to a TOML file (or a user's rules folder, which overrides bundled rules by name)
fixes a misclassification without touching Python, and validation names the file and key.

(Named ruleset.py, not rules.py: pyproject maps the package `watcher.rules` onto the top-level
rules/ folder, so a module watcher/rules.py would be shadowed in an installed wheel.)

Phrases are matched on folded text (folding.py: NFKC, lower case, Traditional -> Simplified
Chinese, CJK spacing removed), so one phrase covers the variants a human would consider the same.

Rules are written by concept, not by sentence: `[concepts]` name groups of synonyms in the three
languages ("video" = video call, video interview, 视频面试 ...), and a rule asks for `@video` as a
phrase, or writes `<@video>` inside an expression to say "near" ("<@failure>[^.]{0,40}<@identity>").
Amazon rewords sentences often; the concepts it needs to say them change far less.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from watcher.core.expression import Expression, Seen
from watcher.core.folding import fold
from watcher.core.lazyre import Lazy
from watcher.core.model import Kind
from watcher.core.rulegate import Gate, gate, passes

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
FIELDS = ("subject", "body", "text", "links")
SENDER_CLASSES = ("amazon", "dressed", "other")
Concepts = dict[str, tuple[str, ...]]  # name -> phrases as written (plain or "re:...")


class RuleError(ValueError):
    """A rule file is invalid; the message names the file and the key."""


Phrase = str | Expression
_Joined = tuple[tuple[str, ...], tuple[Expression, ...]]


@dataclass(frozen=True)
class Condition:
    """What one field of a rule must contain: at least one phrase of `any`, every phrase of
    `all`, no phrase of `none` (an empty list asks nothing).

    A phrase is folded text, found as a substring of the folded field, or a regular expression
    (written "re:..." in the rule file), searched in it. `any` and `none` are split once into
    their plain phrases and their expressions (see `_joined`): the cheap substring tests run
    first, then each expression on its own.
    """

    any: tuple[Phrase, ...] = ()
    all: tuple[Phrase, ...] = ()
    none: tuple[Phrase, ...] = ()
    _any: _Joined = field(init=False, repr=False, compare=False)
    _none: _Joined = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_any", _joined(self.any))
        object.__setattr__(self, "_none", _joined(self.none))

    def matches(self, text: str, seen: Seen | None = None) -> bool:
        """`seen`: which literals `text` holds, as far as known (shared by every condition on the
        same text, so that a literal many expressions need is looked for once)."""
        if self.any and not _hit_any(self._any, text, seen):
            return False
        if not all(_hit(p, text, seen) for p in self.all):
            return False
        return not _hit_any(self._none, text, seen)


def _joined(phrases: tuple[Phrase, ...]) -> _Joined:
    """(plain phrases, the regular expressions ready to search).

    Each expression is searched on its own: sre finds a literal prefix ("restart ", "身份验证")
    with a fast scan, which one big alternation of all of them defeats (measured 2-3x slower),
    and each has its own required literals (prefilter.py).
    """
    plain = tuple(p for p in phrases if isinstance(p, str))
    return plain, tuple(p for p in phrases if not isinstance(p, str))


def _hit_any(joined: _Joined, text: str, seen: Seen | None) -> bool:
    plain, patterns = joined
    return any(p in text for p in plain) or any(p.search(text, seen) for p in patterns)


def _hit(phrase: Phrase, text: str, seen: Seen | None = None) -> bool:
    return phrase in text if isinstance(phrase, str) else phrase.search(text, seen)


@dataclass(frozen=True)
class Rule:
    name: str
    kind: Kind
    priority: int
    languages: tuple[str, ...]
    conditions: tuple[tuple[str, Condition], ...]
    sender_any: tuple[str, ...] = ()
    sender_none: tuple[str, ...] = ()
    description: str = ""
    enabled: bool = True
    source: str = ""


@dataclass(frozen=True)
class MatchInput:
    """What a rule looks at: folded subject and body, the sender's class and address, and the
    web links of the judged text (one per line, lower case) for rules about booking forms."""

    subject: str
    body: str
    sender_class: str
    sender_addr: str
    links: str = ""

    @classmethod
    def build(cls, subject: str, body: str, sender_class: str, sender_addr: str,
              links: tuple[str, ...] = ()) -> MatchInput:
        return cls(fold(subject), fold(body), sender_class, sender_addr.lower(), "\n".join(links).lower())

    def field(self, name: str) -> str:
        """subject, body, links, or subject and body as `text` (joined once per message)."""
        if name == "subject":
            return self.subject
        if name == "body":
            return self.body
        if name == "links":
            return self.links
        joined = self.__dict__.get("_text")
        if joined is None:
            joined = f"{self.subject}\n{self.body}"
            object.__setattr__(self, "_text", joined)
        return joined

    def seen(self, name: str) -> Seen:
        """The literals known to be in (or not in) field `name`, filled in as rules look."""
        memo: dict[str, Seen] = self.__dict__.setdefault("_seen", {})
        found = memo.get(name)
        if found is None:
            found = memo[name] = Seen(self.field(name))
        return found


def _sender_hit(pattern: str, item: MatchInput) -> bool:
    return (
        pattern == item.sender_class if pattern in SENDER_CLASSES else fnmatchcase(item.sender_addr, pattern)
    )


def rule_matches(rule: Rule, item: MatchInput, rule_gate: Gate = ()) -> bool:
    if rule.sender_any and not any(_sender_hit(p, item) for p in rule.sender_any):
        return False
    if any(_sender_hit(p, item) for p in rule.sender_none):
        return False
    if rule_gate and not passes(rule_gate, item):
        return False
    return all(cond.matches(item.field(name), item.seen(name)) for name, cond in rule.conditions)


@dataclass(frozen=True)
class RuleSet:
    """The rules, and `quote`: what makes a sentence worth quoting in an alert (the concept
    named "quote", when the rule files define one)."""

    rules: tuple[Rule, ...]
    quote: Lazy | None = None

    def match(self, item: MatchInput) -> Rule | None:
        """The highest-priority matching rule (file order breaks ties), None for `other`.

        Rules are tried from the highest priority down, so the first match is the answer and
        the cheap high-priority vetoes spare the SIV rules on most mail. A rule is walked only
        when the text passes its gate (rulegate.py).
        """
        for rule, rule_gate in zip(self._by_priority(), self._gates(), strict=True):
            if rule_matches(rule, item, rule_gate):
                return rule
        return None

    def _gates(self) -> tuple[Gate, ...]:
        cached = self.__dict__.get("_gated")
        if cached is None:
            cached = self.__dict__["_gated"] = tuple(gate(r.conditions) for r in self._by_priority())
        return cached

    def _by_priority(self) -> tuple[Rule, ...]:
        cached = self.__dict__.get("_ordered")
        if cached is None:
            enabled = [r for r in self.rules if r.enabled]
            cached = tuple(sorted(enabled, key=lambda r: -r.priority))  # stable: file order kept
            object.__setattr__(self, "_ordered", cached)
        return cached

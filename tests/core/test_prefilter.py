"""Required literals: a text they reject has no match (never the other way), for every bundled
expression, on generated matches and on the corpus; and the walk's rules one construct at a time."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watcher.core.expression import Expression
from watcher.core.folding import fold
from watcher.core.message import parse_message
from watcher.core.prefilter import caseless, required_by_alternative, required_literals
from watcher.core.rulefiles import default_ruleset

CORPUS = sorted((Path(__file__).parents[1] / "corpus").glob("**/*.eml"))


def _expressions() -> list[Expression]:
    found: dict[str, Expression] = {}
    for rule in default_ruleset().rules:
        for _, cond in rule.conditions:
            for phrase in (*cond.any, *cond.all, *cond.none):
                if isinstance(phrase, Expression):
                    found.setdefault(phrase.pattern, phrase)
    return list(found.values())


EXPRESSIONS = _expressions()


def admits(clauses: tuple[tuple[str, ...], ...], text: str) -> bool:
    return all(any(literal in text for literal in clause) for clause in clauses)


def test_every_bundled_expression_compiles_and_most_have_literals():
    # Bundled expressions compile on first search; a broken one must fail here, not in a mail.
    for expression in EXPRESSIONS:
        expression.compile()
    with_literals = [e for e in EXPRESSIONS if required_literals(e.pattern, e.flags)]
    assert len(with_literals) >= 0.9 * len(EXPRESSIONS)


@pytest.mark.parametrize("expression", EXPRESSIONS, ids=lambda e: e.pattern[:50])
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_generated_match_holds_the_required_literals(expression, data):
    clauses = required_literals(expression.pattern, expression.flags)
    text = data.draw(st.from_regex(expression.compile(), fullmatch=False))
    if expression.compile().search(text):
        assert admits(clauses, text), (expression.pattern, clauses, text)


def test_no_corpus_text_that_matches_is_rejected():
    texts = set()
    for path in CORPUS:
        msg = parse_message(path.read_bytes()[:300_000])
        for part in (msg, *msg.forwarded):
            texts.update((fold(part.subject), fold(part.text), fold(part.newest)))
    checked = 0
    for expression in EXPRESSIONS:
        clauses = required_literals(expression.pattern, expression.flags)
        for text in texts:
            for m in expression.compile().finditer(text):
                assert admits(clauses, m.group()), (expression.pattern, clauses, m.group())
                checked += 1
    assert checked > 500  # the corpus does exercise the rules


@pytest.mark.parametrize(("pattern", "clauses"), [
    ("abc", (("abc",),)),
    (r"\bsiv\b", (("siv",),)),
    ("(a|b)?xyz", (("xyz",),)),  # an optional part requires nothing
    ("(foo|bar)baz", (("barbaz", "foobaz"),)),  # implies "baz" and "bar"/"foo": no scan for them
    ("foo|", ()),  # an empty alternative matches anywhere
    ("foo|x", ()),  # "x" is too weak to be worth a scan
    ("(?i:abc)def", (("def",),)),  # case-insensitive parts require nothing
    ("(?i)abcdef", ()),
    (r"(abc)\1", (("abc",),)),
    ("[^.]{0,9}needle", (("needle",),)),
    ("(?:needle){2,}", (("needle",),)),
    ("(?<=look)behind", (("behind",),)),  # a lookbehind's text is not part of the match
    ("一次性密码|验证码", (("一次性密码", "验证码"),)),
    ("[ab]cde", (("acde", "bcde"),)),
    ("(?:unable|could not)[^.]{0,20}identity", (("identity",), ("could not", "unable"))),
])
def test_constructs(pattern, clauses):
    assert required_literals(pattern) == clauses


# -- case-insensitive patterns (candidates.may_be_siv): lower-case literals, looked for in caseless(text)

@pytest.mark.parametrize(("pattern", "clauses"), [
    ("Identity", (("identity",),)),
    (r"\bSIV\b", (("siv",),)),
    ("[cs]ase", (("case", "sase"),)),
    ("(?-i:ABCD)efg", (("abcdefg",),)),  # a case-sensitive part is lower-cased too
    ("ıdentity", (("dentity",),)),  # `caseless` maps ı away: it stands for nothing
    ("İstanbul", (("stanbul",),)),  # its lower case is two characters
    ("ΣIGMA", (("igma",),)),  # re.IGNORECASE matches σ to final ς too
    ("straße", (("straße",),)),
    ("a[^b]cdef", (("cdef",),)),
])
def test_caseless_constructs(pattern, clauses):
    assert required_literals(pattern, re.IGNORECASE, caseless=True) == clauses
    assert required_literals(pattern, re.IGNORECASE) == ()  # the rules' gate gives up, as before


def test_top_level_alternatives_each_get_their_clauses():
    found = required_by_alternative(r"verif(y|ying) (the|your) identity|\bKYC\b|a?b+c", re.I, caseless=True)
    verify = (("verify the identity", "verify your identity", "verifying the identity",
               "verifying your identity"),)
    assert found == (verify, (("kyc",),), ())  # "b", "c": too weak to be worth a scan
    assert required_by_alternative("(?:abcd|(?:efgh|ijkl))") == ((("abcd",),), (("efgh",),), (("ijkl",),))
    assert required_by_alternative("(?i)abcd") == ((),)  # without caseless: nothing known
    assert required_by_alternative("(") == ((),)


def test_caseless_maps_what_ignorecase_matches_beyond_lower_case():
    assert caseless("İdentıty ſIV Kyc") == "identity siv kyc"


def test_every_letter_ignorecase_matches_shows_as_the_literal_in_caseless_text():
    """For each cased character t and each literal character c that re.IGNORECASE matches to t:
    if c may stand in a literal, caseless(t) is that literal character."""
    cased = [chr(cp) for cp in range(0x110000)
             if not 0xD800 <= cp < 0xE000 and chr(cp).lower() != chr(cp).upper()]
    checked = 0
    for t in cased:
        for c in {t, t.lower(), t.upper(), unicodedata.normalize("NFKC", t), *"abcdefghijklmnopqrstuvwxyz"}:
            if len(c) != 1 or not re.fullmatch(re.escape(c), t, re.IGNORECASE):
                continue
            literal = required_literals(c * 3, re.IGNORECASE, caseless=True)
            if literal:
                assert caseless(t * 3) == literal[0][0], (t, c, literal)
                checked += 1
    assert checked > 2000

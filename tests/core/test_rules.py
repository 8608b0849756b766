"""Rule files: validation errors name file and key; user folders add and override rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from watcher.core.model import Kind
from watcher.core.rulefiles import default_ruleset, load_ruleset, parse_rules
from watcher.core.ruleset import LANGUAGES, MatchInput, RuleError

GOOD = """
[[rules]]
name = "my.rule"
kind = "siv_failed"
priority = 10
languages = ["en"]
[rules.body]
any = ["sesame"]
"""

# One real-world wording per kind and language, incl. Traditional Chinese vocabulary.
WORDINGS = {
    Kind.SIV_FAILED: {
        "en": "We were unable to complete the identity verification process for your seller account.",
        "zh-Hans": "我们已审核您提供的文件，但无法完成您卖家帐户的身份验证流程。",
        "zh-Hant": "我們已審核您提供的文件，但無法完成您賣家帳戶的身分驗證流程。",
    },
    Kind.VIDEO_CALL_INVITATION: {
        "en": "Please schedule your video call to complete the verification process.",
        "zh-Hans": "我们需要您与亚马逊工作人员进行视频通话。请预约视频通话，以完成验证流程。",
        "zh-Hant": "我們需要您與亞馬遜工作人員進行視訊通話。請預約視訊通話以完成驗證流程。",
    },
    Kind.VIDEO_CALL_CONFIRMATION: {
        "en": "Thank you for scheduling a video call. Your appointment is confirmed.",
        "zh-Hans": "感谢您预约视频通话。您的预约已确认。",
        "zh-Hant": "感謝您預約視訊通話。您的預約已確認。",
    },
    Kind.APPEAL_DENIED_RESTART: {
        "en": "As a next step, you must restart the application process with a new account and email ID.",
        "zh-Hans": "作为下一步，您需要使用新的邮箱重新开始注册。",
        "zh-Hant": "作為下一步，您需要使用新的電子郵件地址重新開始註冊。",
    },
    Kind.SUPPORT_REPLY: {
        "en": "Hello from Amazon Selling Partner Support, we have received your verification appeal.",
        "zh-Hans": "您好，这里是亚马逊销售伙伴支持团队。我们已收到您的身份验证申诉。",
        "zh-Hant": "您好，這裡是亞馬遜銷售夥伴支援團隊。我們已收到您的身分驗證申訴。",
    },
    Kind.SIV_APPROVED: {
        "en": "We have verified your identity and the information that you provided.",
        "zh-Hans": "我们已验证您的身份以及您提供的信息。",
        "zh-Hant": "我們已驗證您的身分以及您提供的資訊。",
    },
    Kind.SIV_UNCLEAR: {
        "en": "We need additional documentation to verify your identity and account ownership.",
        "zh-Hans": "我们需要一些其他文件来验证您的身份。",
        "zh-Hant": "我們需要一些其他文件來驗證您的身分。",
    },
}


def item(body: str, subject: str = "", sender: str = "amazon") -> MatchInput:
    return MatchInput.build(subject, body, sender, "x@amazon.com")


@pytest.mark.parametrize("kind", list(WORDINGS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_in_every_language(kind, lang):
    rule = default_ruleset().match(item(WORDINGS[kind][lang]))
    assert rule is not None and rule.kind is kind, rule


def test_bundled_rules_declare_all_languages_per_kind():
    covered: dict[Kind, set[str]] = {}
    for rule in default_ruleset().rules:
        covered.setdefault(rule.kind, set()).update(rule.languages)
    for kind in WORDINGS:
        assert covered[kind] == set(LANGUAGES)


def test_passing_mentions_are_not_matched():
    for text in (
        "Delivery verification: the carrier may ask for a one-time password.",
        "新卖家在完成注册和身份验证后，即可报名参加培训。",
        "Contact Selling Partner Support if you have questions.",
    ):
        assert default_ruleset().match(item(text)) is None


def test_consultant_ad_is_other_but_phishing_keeps_kind():
    ad = "亚马逊身份验证失败？我们提供代申诉服务，成功率高，加微信咨询。"
    assert default_ruleset().match(item(ad, sender="other")).kind is Kind.OTHER
    assert default_ruleset().match(item(ad, sender="dressed")).kind is Kind.SIV_FAILED


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[[rules]]\nname='x'\nkind='nope'\nlanguages=['en']\n[rules.body]\nany=['a']", "rules[0] (x).kind"),
        (
            "[[rules]]\nname='x'\nkind='other'\nlanguages=['fr']\n[rules.body]\nany=['a']",
            "rules[0] (x).languages",
        ),
        (
            "[[rules]]\nname='x'\nkind='other'\nlanguages=['en']\n[rules.body]\nany=['re:(']",
            "(x).body.any[0]",
        ),
        ("[[rules]]\nname='x'\nkind='other'\nlanguages=['en']\n[rules.body]\nsome=['a']", "(x).body.some"),
        (
            "[[rules]]\nname='x'\nkind='other'\nlanguages=['en']\npriority='high'\n[rules.body]\nany=['a']",
            "priority",
        ),
        ("[[rules]]\nname='x'\nkind='other'\nlanguages=['en']", "needs at least one"),
        ("[[rules]]\nkind='other'", "rules[0].name"),
        ("rules = 3", "array of tables"),
        ("this is = not toml =", "not valid TOML"),
    ],
)
def test_validation_errors_name_file_and_key(text, key):
    with pytest.raises(RuleError) as err:
        parse_rules(text, "custom/bad.toml")
    assert "custom/bad.toml" in str(err.value)
    assert key in str(err.value)


def test_user_folder_adds_overrides_and_disables(tmp_path: Path):
    (tmp_path / "mine.toml").write_text(
        GOOD + '\n[[rules]]\nname = "siv_approved"\nenabled = false\n', encoding="utf-8"
    )
    ruleset = load_ruleset(tmp_path)
    assert ruleset.match(item("open sesame")).name == "my.rule"
    assert ruleset.match(item(WORDINGS[Kind.SIV_APPROVED]["en"])) is None
    override = GOOD.replace("my.rule", "siv_failed.body").replace("sesame", "abracadabra")
    (tmp_path / "mine.toml").write_text(override, encoding="utf-8")
    ruleset = load_ruleset(tmp_path)
    assert ruleset.match(item("abracadabra")).name == "siv_failed.body"
    assert ruleset.match(item(WORDINGS[Kind.SIV_FAILED]["en"])) is None


def test_bad_user_folder_is_a_rule_error(tmp_path: Path):
    with pytest.raises(RuleError, match="does not exist"):
        load_ruleset(tmp_path / "missing")
    (tmp_path / "broken.toml").write_text("[[rules]]\nname='x'\nkind=3\n", encoding="utf-8")
    with pytest.raises(RuleError, match="broken.toml"):
        load_ruleset(tmp_path)


def test_grammatical_failure_wording_and_agreement_name():
    rules = default_ruleset()
    text = "We couldn’t verify your identity with the documents you’ve provided."
    item = MatchInput.build("", text, "amazon", "")
    assert rules.match(item).kind is Kind.SIV_FAILED
    agreement = "根据《亚马逊服务商业解决方案协议》，请预约视频通话。"
    forwarded_by_hand = MatchInput.build("", agreement, "other", "a@163.com")
    assert rules.match(forwarded_by_hand).kind is Kind.VIDEO_CALL_INVITATION


# -- concepts -----------------------------------------------------------------------------------

CONCEPT_RULES = r"""
[concepts]
door = ["door", "re:门|門"]
open_it = ["re:\\bopen(ed|s)?\\b", "@door_word"]
door_word = ["sesame"]

[[rules]]
name = "t.any"
kind = "siv_failed"
priority = 10
languages = ["en"]
[rules.body]
all = ["@door"]

[[rules]]
name = "t.near"
kind = "siv_approved"
priority = 20
languages = ["en"]
[rules.body]
any = ["re:<@open_it>[^.]{0,10}<@door>"]
"""


def test_a_concept_is_any_of_its_phrases_and_near_is_one_expression():
    from watcher.core.ruleset import RuleSet

    ruleset = RuleSet(tuple(parse_rules(CONCEPT_RULES, "t.toml")))
    assert ruleset.match(item("the door is shut")).name == "t.any"
    assert ruleset.match(item("请开門")).name == "t.any"  # Traditional folds to Simplified
    assert ruleset.match(item("he opened the door")).name == "t.near"
    assert ruleset.match(item("he opened a window. later, the door")).name == "t.any"  # not near
    assert ruleset.match(item("sesame, door")).name == "t.near"  # a concept inside a concept
    assert ruleset.match(item("nothing here")) is None


@pytest.mark.parametrize(("text", "where"), [
    ("[[rules]]\nname='x'\nkind='other'\nlanguages=['en']\n[rules.body]\nany=['@nosuch']",
     "rules[0] (x).body.any[0]: unknown concept @nosuch"),
    ("[concepts]\nloop=['@loop']\n[[rules]]\nname='x'\nkind='other'\nlanguages=['en']\n[rules.body]\nany=['@loop']",
     "concept @loop refers to itself"),
    ('[concepts]\nbad=["re:\\bx"]', "concepts.bad[0]: contains a control character"),
    ("[concepts]\nBad=['x']", "concepts.Bad: a concept name is"),
])
def test_bad_concepts_name_file_and_key(text, where):
    with pytest.raises(RuleError, match=re.escape(where)):
        parse_rules(text, "custom/bad.toml")


def test_a_user_folder_redefines_a_concept_for_the_bundled_rules(tmp_path):
    wording = "Please book your video call here."
    assert load_ruleset().match(item(wording)).kind is Kind.VIDEO_CALL_INVITATION
    (tmp_path / "concepts.toml").write_text("[concepts]\nbooking = ['reserve a slot']\n", "utf-8")
    custom = load_ruleset(tmp_path)
    reserved = custom.match(item("Please reserve a slot for your video interview."))
    assert reserved is not None and reserved.kind is Kind.VIDEO_CALL_INVITATION
    assert custom.match(item(wording)) is None  # "book" is no longer a booking word


def test_a_booking_form_link_makes_a_video_mail_an_invitation():
    text = "You must complete virtual identity verification via video interview. Access the following link."
    link = ("https://sellercentral.amazon.com/mario/ipi/IPISellerVerificationService/global/node/"
            "verificationRequired/render",)
    with_link = MatchInput.build("", text, "amazon", "x@amazon.com", link)
    assert default_ruleset().match(with_link).kind is Kind.VIDEO_CALL_INVITATION
    assert default_ruleset().match(item(text)).kind is not Kind.VIDEO_CALL_INVITATION


@pytest.mark.parametrize(("full", "contracted"), [
    ("We have verified your identity.", "We’ve verified your identity."),
    ("We have scheduled your video call for December 3.", "We've scheduled your video call for December 3."),
    ("We have booked your video verification.", "We’ve booked your video verification."),
])
def test_a_contraction_is_read_as_the_full_form(full, contracted):
    # "we (have|'ve)" once matched "we have" and "we 've" but never "we've": the approval
    # "We've verified your identity" was classified as nothing at all
    rules = default_ruleset()
    sender = "seller-verification@amazon.com"
    hit = rules.match(MatchInput.build("", full, "amazon", sender))
    assert hit is not None
    short = rules.match(MatchInput.build("", contracted, "amazon", sender))
    assert short is not None and (short.name, short.kind) == (hit.name, hit.kind)


def test_no_bundled_expression_puts_a_space_before_a_contraction():
    # the same mistake, anywhere: "word (x|'ve)" requires a space the contraction never has
    bad = re.compile(r"\w \([^()]*\|'[a-z]+\)")
    folder = Path(__file__).resolve().parents[2] / "rules"
    offenders = [f"{path.name}: {line.strip()}" for path in sorted(folder.glob("*.toml"))
                 for line in path.read_text("utf-8").splitlines() if bad.search(line)]
    assert offenders == []

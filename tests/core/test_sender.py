"""Sender check: fraud evidence first, then authentication, else unverified."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.core.message import ParsedMessage
from watcher.core.model import SenderCheck
from watcher.core.sender import check_sender, counted_auth_results, is_amazon_domain, parse_auth_results

PASS = (
    "mx.qq.com; dkim=pass header.d=amazon.com header.s=x; spf=pass; dmarc=pass (p=Q) header.from=amazon.com"
)


def msg(**kw) -> ParsedMessage:
    kw.setdefault("from_addr", "seller-verification@amazon.com")
    return ParsedMessage(**kw)


def test_amazon_domains_are_public_suffix_aware():
    for host in ("amazon.com", "sellercentral.amazon.com", "gs.amazon.cn", "amazon.co.jp", "amazon.de"):
        assert is_amazon_domain(host)
    for host in (
        "sellercentral.amazon.com.account-check.net",
        "amazon-sellercentral-cn.com",
        "amazonses.com",
        "",
    ):
        assert not is_amazon_domain(host)


def _amazon_by_whole_list(host: str) -> bool:
    """is_amazon_domain as the library answers it with its whole list parsed (the slow way)."""
    from publicsuffixlist import PublicSuffixList

    host = host.strip().strip(".").lower()
    if "amazon" not in host:
        return False
    try:
        registrable = PublicSuffixList(accept_encoded_idn=False).privatesuffix(host)
    except Exception:  # noqa: BLE001 - as is_amazon_domain
        return False
    return bool(registrable) and registrable.split(".", 1)[0] == "amazon"


def test_the_rules_picked_for_a_host_answer_as_the_whole_list():
    hosts = ["amazon.com", "sellercentral.amazon.com", "amazon.co.uk", "a.b.amazon.com.mx", "amazon.com.cn",
             "amazon", "x.amazon", "amazon.compute.amazonaws.com", "amazon.s3.amazonaws.com",
             "amazon.kobe.jp", "amazon.city.kobe.jp", "www.amazon.city.kobe.jp", "amazon.ck", "amazon.www.ck",
             "amazon.github.io", "amazon.blogspot.com", "amazon.herokuapp.com", "amazon.co", "amazon.com.",
             "AMAZON.DE", "amazon..com", "amazon.com.evil.net", "amazon.xn--fiqs8s", "amazon.中国",
             "amazon.co.jp", "amazon.nosuchtld", "amazon-seller.com", "sellercentral-amazon.com", "amazon.bd",
             "x.amazon.bd", "amazon.*.com", "amazon.(com|net)", "amazon.com\nfoo"]
    for host in hosts:
        assert is_amazon_domain(host) == _amazon_by_whole_list(host), host


def test_parse_auth_results_ignores_comments():
    authserv, results = parse_auth_results(PASS)
    assert authserv == "mx.qq.com"
    assert [(r.method, r.result) for r in results] == [("dkim", "pass"), ("spf", "pass"), ("dmarc", "pass")]
    assert results[2].props["header.from"] == "amazon.com"


def test_verified_needs_top_header_pass():
    assert check_sender(msg(auth_results=(PASS,))).check is SenderCheck.VERIFIED
    assert check_sender(msg()).check is SenderCheck.UNVERIFIED
    forged_below = ("mx.qq.com; spf=none", PASS)
    assert check_sender(msg(auth_results=forged_below)).check is SenderCheck.UNVERIFIED


def test_dmarc_pass_with_amazonses_dkim_counts():
    header = "mx.google.com; dkim=pass header.d=amazonses.com; dmarc=pass header.from=amazon.co.uk"
    assert check_sender(msg(auth_results=(header,))).check is SenderCheck.VERIFIED
    only_ses = "mx.google.com; dkim=pass header.d=amazonses.com; dmarc=none"
    assert check_sender(msg(auth_results=(only_ses,))).check is SenderCheck.UNVERIFIED


def test_authserv_ids_select_the_trusted_header():
    forged = "evil.example; dkim=pass header.d=amazon.com"
    headers = (forged, PASS)
    assert check_sender(msg(auth_results=headers), authserv_ids=["mx.qq.com"]).check is SenderCheck.VERIFIED
    assert (
        check_sender(msg(auth_results=(forged,)), authserv_ids=["mx.qq.com"]).check is SenderCheck.UNVERIFIED
    )
    assert counted_auth_results((forged,), ["mx.qq.com"]) == []


def test_fraud_evidence():
    failing = "mx.qq.com; dkim=fail header.d=amazon.com; dmarc=pass header.from=amazon.com"
    cases = [
        msg(auth_results=(failing,)),
        msg(auth_results=(PASS,), reply_to=("helper@gmail.com",)),
        msg(from_addr="verify@amazon-sellercentral-cn.com"),
        msg(from_addr="notice@siv-review-center.cn", from_name="seller-identityverification-cn@amazon.com"),
        msg(from_addr="x@163.com", from_name="亚马逊卖家身份验证团队"),
        msg(from_addr="x@amaz0n-verify.top"),
        msg(from_addr="x@amazon.com.account-check.net"),
        msg(auth_results=(PASS,), links=("https://sellercentral.amazon.com.account-check.net/login",)),
    ]
    for case in cases:
        verdict = check_sender(case, presents_as_amazon=True)
        assert verdict.check is SenderCheck.SUSPICIOUS, case
        assert verdict.reasons


def test_allowlisted_links_and_non_amazon_senders():
    links = (
        "https://amazonxten.qualtrics.com/jfe/form/SV_1",
        "https://app.chime.aws/meetings/1",
        "mailto:a@b.c",
    )
    assert (
        check_sender(msg(auth_results=(PASS,), links=links), presents_as_amazon=True).check
        is SenderCheck.VERIFIED
    )
    other = msg(from_addr="zhoumin@sudaintl.com", links=("https://sudaintl.com",))
    assert check_sender(other).check is SenderCheck.UNVERIFIED
    bad_link = msg(from_addr="x@gmail.com", links=("https://evil.example/",))
    assert check_sender(bad_link, presents_as_amazon=True).check is SenderCheck.SUSPICIOUS


def test_homoglyph_display_name_and_punycode_domain_are_dressed():
    cyrillic_name = msg(from_name="\u0410mazon Seller Support", from_addr="help@seller-helpdesk.example")
    assert check_sender(cyrillic_name).check is SenderCheck.SUSPICIOUS
    domain = "\u0430mazon".encode("idna").decode() + ".com"  # xn--mazon-3ve.com
    punycode = msg(from_name="Seller Verification", from_addr="siv@" + domain)
    assert check_sender(punycode).check is SenderCheck.SUSPICIOUS
    zero_width = msg(from_name="Ama\u200bzon", from_addr="a@mail.example")
    assert check_sender(zero_width).check is SenderCheck.SUSPICIOUS


def test_name_only_and_neutral_senders_stay_unverified():
    assert check_sender(msg(from_name="Amazon Services", from_addr="")).check is SenderCheck.UNVERIFIED
    assert check_sender(msg(from_name="Алексей", from_addr="a@mail.ru")).check is SenderCheck.UNVERIFIED
    local = msg(from_addr="amazon.com@notice-center.example")
    assert check_sender(local).check is SenderCheck.UNVERIFIED  # the local part is no evidence by itself


# -- the revised contract: link evidence only for imitation; Microsoft 365 style headers --------

M365 = ("spf=pass (sender IP is 54.240.8.33) smtp.mailfrom=amazonses.com; dkim=pass (signature was "
        "verified) header.d=amazon.com;dmarc=pass action=none header.from=amazon.com;"
        "compauth=pass reason=100")


def test_microsoft_365_header_has_no_authserv_id_and_qualifiers_stay_with_their_result():
    authserv, results = parse_auth_results(M365)
    assert authserv == ""
    assert [(r.method, r.result) for r in results] == [
        ("spf", "pass"), ("dkim", "pass"), ("dmarc", "pass"), ("compauth", "pass")]
    assert results[2].props == {"action": "none", "header.from": "amazon.com"}
    dmarc_only = "dmarc=pass action=none header.from=amazon.com"
    assert check_sender(msg(auth_results=(dmarc_only,))).check is SenderCheck.VERIFIED
    assert check_sender(msg(auth_results=(M365,))).check is SenderCheck.VERIFIED


def test_a_reason_before_the_properties_does_not_hide_them():
    header = 'mx.example.net; dmarc=pass reason="policy ok" header.from=amazon.com'
    assert check_sender(msg(auth_results=(header,))).check is SenderCheck.VERIFIED


def test_genuine_notices_link_to_app_stores_survey_and_tracking_hosts():
    links = ("https://itunes.apple.com/app/amazon-seller/id794141485", "https://syd1.qualtrics.com/jfe/form/SV_1",
             "https://play.google.com/store/apps/details?id=com.amazon.sellermobile.android",
             "https://amzn.to/3x", "https://m.media-amazon.com/images/G/01/logo.png",
             "https://abc.r.us-east-1.awstrack.me/L0/https:%2F%2Fsellercentral.amazon.com/1/",
             "https://www.surveymonkey.com/r/seller")
    verdict = check_sender(msg(auth_results=(M365,), links=links), presents_as_amazon=True)
    assert verdict.check is SenderCheck.VERIFIED, verdict.reasons


def test_imitating_hosts_and_bare_ips_are_evidence_even_when_authenticated():
    for link in ("https://amazonxten.qualtrics.com.booking-siv.top/jfe/form/SV_1",
                 "https://sellercentral-amazon-verify.com/login", "https://chime-meetings.example/j/1",
                 "http://203.0.113.7/seller/verify", "https://xn--mazon-3ve.example/login"):
        verdict = check_sender(msg(auth_results=(PASS,), links=(link,)), presents_as_amazon=True)
        assert verdict.check is SenderCheck.SUSPICIOUS, link


def test_unauthenticated_amazon_looking_mail_with_unknown_links_is_suspicious():
    unknown = msg(links=("https://www.surveymonkey.com/r/seller",))
    assert check_sender(unknown, presents_as_amazon=True).check is SenderCheck.SUSPICIOUS
    app_store = msg(links=("https://apps.apple.com/app/id794141485", "https://play.google.com/store"))
    assert check_sender(app_store, presents_as_amazon=True).check is SenderCheck.UNVERIFIED
    not_presenting = msg(from_addr="friend@example.com", links=("https://www.surveymonkey.com/r/x",))
    assert check_sender(not_presenting).check is SenderCheck.UNVERIFIED


def test_the_indexed_list_gives_the_lines_a_scan_finds():
    from watcher.core import sender

    rules = [f"{p}{s}" for s in ("com", "amazon.com", "uk", "city.kobe.jp", "www.ck", "github.io",
                                 "nosuchtld", "", "com\nfoo", "a b")
             for p in ("", "!", "*.")]
    sender._psl_lines.cache_clear()
    saved, sender._scans[0] = sender._scans[0], 0
    try:
        scanned = [sender._psl_lines(rule) for rule in rules]
        assert sender._scans[0] <= sender.SCANS_BEFORE_INDEX, "the test must see scans"
        assert [sender._psl_index().get(rule, ()) for rule in rules] == scanned
        assert any(scanned)
    finally:
        sender._scans[0] = saved
        sender._psl_lines.cache_clear()


URL_PIECES = ["https", "HTTP", "mailto", ":", "//", "/", "?", "#", "@", "[", "]", "::1", "a.example",
              "Amazon.COM", ":8080", "user:pw", "\t", "\n", " ", "x", "%2F", "\uff0f", "\u2100", "ja",
              "javascript"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=10).map("".join))
def test_a_links_host_is_read_from_its_origin_as_from_the_whole_link(url):
    from urllib.parse import urlsplit

    from watcher.core.sender import link_host, load_params

    params = load_params()
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower() or None
        whole = host if parts.scheme.lower() in params.checked_schemes else None
    except ValueError:
        whole = "<unparseable>"
    assert link_host(url, params) == whole

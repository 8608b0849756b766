"""The English appeal draft for the support form, following the guide's template."""

from __future__ import annotations

from datetime import UTC, datetime

from watcher.core.appeal import PROFILE_KEYS, appeal_draft
from watcher.core.cases import Event, fold

PROFILE = {
    "registration_email": "wangjun_ecom@qq.com",
    "company_name": "Shenzhen Example Technology Co., Ltd.",
    "business_license_number": "91440300MA5XXXXXXX",
    "legal_representative": "Wang Jun",
    "phone": "+86 138 0000 0000",
    "address": "1 Keji Road, Nanshan, Shenzhen",
}


def test_profile_fills_the_template_without_placeholders():
    text = appeal_draft(PROFILE, None, None, "en")
    for key, value in PROFILE.items():
        assert value in text, key
        assert f"<{key}>" not in text
    assert text.startswith("How to submit:")
    assert "Please describe your issue" in text
    assert "Hello Selling Partner Support" in text
    assert "appeal" in text and "Identity Verification failed" in text


def test_missing_fields_are_visible_placeholders():
    text = appeal_draft({"company_name": "ACME", "phone": "  "}, None, None, "en")
    assert "ACME" in text
    for key in PROFILE_KEYS:
        if key != "company_name":
            assert f"<{key}>" in text, key


def test_account_stands_in_for_a_missing_registration_email():
    assert "Registration email: seller@qq.com" in appeal_draft({}, None, "seller@qq.com", "en")
    own = appeal_draft({"registration_email": "a@b.cn"}, None, "x@qq.com", "en")
    assert "Registration email: a@b.cn" in own


def test_checklist_names_the_documents_to_attach():
    text = appeal_draft(PROFILE, None, None, "en")
    for word in ("Business licence", "legal representative", "bank statement", "credit card statement"):
        assert word in text


def test_chinese_mode_explains_submission_and_keeps_english_draft():
    text = appeal_draft(PROFILE, None, None, "zh")
    for word in ("English", "Email", "Chat", "Add attachments", "营业执照", "银行对账单"):
        assert word in text, word
    assert "Hello Selling Partner Support" in text  # the draft itself stays English
    assert "Business licence" in text  # English checklist too, for the support agent
    assert "如何提交" not in appeal_draft(PROFILE, None, None, "en")


def test_case_view_adds_seller_token_and_case_ids():
    events = [
        Event("siv_failed", datetime(2026, 9, 1, tzinfo=UTC), "verified", case_id="15347202291"),
        Event("video_call_invitation", datetime(2026, 9, 2, tzinfo=UTC), seller_token="A338EZF90LH13C"),
    ]
    text = appeal_draft(PROFILE, fold(events), None, "en")
    assert "Seller token: A338EZF90LH13C" in text
    assert "Related case ID(s): 15347202291" in text
    assert "Seller token" not in appeal_draft(PROFILE, fold([]), None, "en")


def test_braces_in_profile_values_are_kept_literally():
    text = appeal_draft({"company_name": "{phone} & Co"}, None, None, "en")
    assert "Company name: {phone} & Co" in text

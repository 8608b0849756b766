"""The English appeal text for the Selling Partner Support form (pure).

The guide asks the seller to write, in "Please describe your issue", that they appeal the
verification result and to give the registration email, company details, business licence
and legal representative. Sellers freeze at an empty English text box, so this fills the
guide's template from the `[seller]` profile and says what to attach and how to submit.
"""

from __future__ import annotations

from collections.abc import Mapping

from watcher.core.alerts import language_code, texts
from watcher.core.cases import CaseView

PROFILE_KEYS = (
    "registration_email",
    "company_name",
    "business_license_number",
    "legal_representative",
    "phone",
    "address",
)


def appeal_draft(
    profile: Mapping[str, str], view: CaseView | None, account: str | None, language: str
) -> str:
    """The appeal text, the documents checklist and how to submit it.

    `profile` is the config's `[seller]` table; keys: `registration_email` (the address the
    seller account was registered with; falls back to `account`), `company_name`,
    `business_license_number` (统一社会信用代码), `legal_representative` (full name as on the
    ID), `phone`, `address` (business address). A missing or blank key appears as a visible
    placeholder like `<company_name>` so nothing incomplete is sent unnoticed. `view`, when
    given, adds the seller token and support case IDs. The draft itself is always English
    (the support form may not offer Chinese); the checklist and instructions follow
    `language` (zh: Chinese, en: English).
    """
    values = {key: (profile.get(key) or "").strip() or f"<{key}>" for key in PROFILE_KEYS}
    if values["registration_email"] == "<registration_email>" and account:
        values["registration_email"] = account
    en = texts("en")["appeal"]
    extra = []
    if view is not None and view.seller_token:
        extra.append(en["seller_token_line"].format(seller_token=view.seller_token))
    if view is not None and view.case_ids:
        extra.append(en["case_ids_line"].format(case_ids=", ".join(view.case_ids)))
    draft = en["draft"].format(extra="".join(line + "\n" for line in extra), **values)

    guide = texts(language)["appeal"]
    parts = [
        guide["howto_header"],
        *(line.format(account=account or "<account>") for line in guide["howto"]),
        "",
        guide["checklist_header"],
        *guide["checklist"],
        "",
        guide["draft_header"],
        "",
        draft,
    ]
    if language_code(language) == "zh":
        parts += ["", en["checklist_header"], *en["checklist"]]
    return "\n".join(parts) + "\n"

"""The starting lists of categories and closing codes, loaded as data.

The center may add or retire entries later (rows in ``categories`` and
``closing_codes``); this list only seeds a new database.
"""

from __future__ import annotations

from legaldesk.cases.models import Category, ClosingCode
from legaldesk.db import DbSession

# (code, Chinese label, English label, foreign-related by nature)
CATEGORIES = [
    ("export_control", "出口管制与制裁", "Export control & sanctions", True),
    ("trade_remedies", "贸易救济（反倾销等）", "Trade remedies (anti-dumping etc.)", True),
    ("cross_border_contracts", "跨境合同", "Cross-border contracts", True),
    ("overseas_ip", "海外知识产权", "Overseas IP", True),
    ("overseas_warehouse", "海外仓与物流", "Overseas warehouses & logistics", True),
    ("foreign_investment", "外商投资与境外投资", "Foreign investment", True),
    ("cross_border_ecommerce", "跨境电商", "Cross-border e-commerce", True),
    ("overseas_labour", "境外劳务用工", "Overseas labour", True),
    ("data_compliance", "数据合规", "Data compliance", True),
    ("credit_repair", "信用修复", "Credit repair", False),
    ("domestic_commercial", "国内商事", "Domestic commercial", False),
    ("other", "其他", "Other", False),
]

# After the US Legal Services Corporation's case-closure categories.
CLOSING_CODES = [
    ("A", "咨询与法律意见", "Counsel and advice"),
    ("B", "有限代理服务", "Limited action"),
    ("C", "法律评估后转介", "Referred after legal assessment"),
    ("E", "当事人撤回", "Client withdrew"),
    ("F", "诉讼外协商和解", "Negotiated settlement without litigation"),
    ("G", "诉讼中协商和解", "Negotiated settlement with litigation"),
    ("H", "行政机关决定", "Administrative agency decision"),
    ("I", "法院裁判", "Court decision"),
    ("K", "其他", "Other"),
    ("L", "深度服务", "Extensive service"),
]


def ensure_reference_data(session: DbSession) -> None:
    """Insert any missing category or closing code; never overwrite the center's edits."""
    for position, (code, zh, en, foreign) in enumerate(CATEGORIES):
        if session.get(Category, code) is None:
            session.add(
                Category(
                    code=code,
                    label_zh=zh,
                    label_en=en,
                    foreign=foreign,
                    position=position,
                    active=True,
                )
            )
    for code, zh, en in CLOSING_CODES:
        if session.get(ClosingCode, code) is None:
            session.add(ClosingCode(code=code, label_zh=zh, label_en=en))
    session.flush()

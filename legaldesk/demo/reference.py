"""The demo's retired category: the center once had "overseas trade fairs" as a
category of its own, merged it into cross-border contracts, and retired it. The one
old case filed under it keeps showing it, as every case does after a retirement."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Category
from legaldesk.cases.service import load_case
from legaldesk.db import DbSession
from legaldesk.demo.cases import ENTERPRISES, _add_case, demo_uscc

RETIRED = ("overseas_trade_fairs", "境外展会参展", "Overseas trade fairs")


def retired_category_case(session: DbSession, actor: User, now: datetime, zone: ZoneInfo) -> None:
    """Add the category and its old (withdrawn) case once; the category is retired
    when the case is first made, so a center that reinstated it keeps its choice."""
    started = now - timedelta(days=300)
    reference = f"LD-{started.astimezone(zone).year}-DM0090"
    if load_case(session, reference) is not None:
        return
    code, zh, en = RETIRED
    category = session.get(Category, code)
    if category is None:
        last = session.scalar(sa.select(sa.func.max(Category.position))) or 0
        category = Category(
            code=code, label_zh=zh, label_en=en, foreign=True, position=last + 1, active=True
        )
        session.add(category)
        session.flush()
    name, base = ENTERPRISES[5]
    body = {
        "enterprise": {"name": name, "uscc": demo_uscc(base)},
        "contact": {"name": "联系人90", "phone": "13805710090"},
        "channel": "walk_in",
        "category": code,
        "countries": ["IT"],
        "counterparties": ["Fiera Milano Expo S.r.l."],
        "summary": "米兰时装展参展合同押金退还",
        "description": "展会延期，主办方拒绝退还展位押金，企业咨询维权途径。",
        "urgency": "normal",
    }
    steps = [("withdrawn", timedelta(days=2), "主办方已退还押金，企业撤回咨询")]
    _add_case(session, actor, reference, body, started, steps, zone=zone)
    category.active = False

"""Demo cases that are 涉港澳台 (issue 13 item 3): a Hong Kong trade-finance dispute and
a Taiwan supplier's contract, which the desk counts apart from foreign-related and
draws from the panel all the same (demo.directory gives 张晨 Hong Kong and Macao, 陈静
Taiwan). Their references (DMR…) stay clear of the numbered topic cases."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from legaldesk.auth.models import User
from legaldesk.db import DbSession
from legaldesk.demo.cases import ENTERPRISES, _add_case, _local, _steps, demo_uscc

# (days ago, hour, minute), suffix, enterprise index, path, intake facts
REGION_CASES = [
    (
        (40, 10, 5),
        "DMR001",
        1,
        ["routed", "accepted", "advised"],
        {
            "contact": {"name": "沈会计", "phone": "13805719101"},
            "channel": "walk_in",
            "category": "cross_border_contracts",
            "countries": ["HK"],
            "counterparties": ["Harbour Trade Finance Limited"],
            "summary": "香港贸易融资公司拒付信用证项下款项纠纷",
            "description": (
                "企业向香港客户出口真丝面料，货款以信用证结算，由香港一家贸易融资公司议付。"
                "对方以单证不符为由拒付约 120 万港元，企业咨询能否要求付款及适用香港法律的风险。"
            ),
            "urgency": "urgent",
        },
    ),
    (
        (12, 14, 30),
        "DMR002",
        2,
        ["routed", "accepted"],
        {
            "contact": {"name": "钱采购", "phone": "13805719102"},
            "channel": "phone",
            "category": "cross_border_contracts",
            "countries": ["TW"],
            "counterparties": ["新竹晶元电子股份有限公司"],
            "summary": "台湾供应商芯片延迟交货及违约金争议",
            "description": (
                "企业向台湾供应商采购控制芯片，对方延迟交货两个月并要求涨价，"
                "企业咨询能否按合同主张违约金、解除合同以及争议解决条款的效力。"
            ),
            "urgency": "normal",
        },
    ),
]


def region_cases(session: DbSession, actor: User, now: datetime, zone: ZoneInfo) -> None:
    """Each region case once (by its reference), walked as far as its path."""
    for (days_ago, hour, minute), suffix, enterprise, path, facts in REGION_CASES:
        started = _local(now - timedelta(days=days_ago), hour, minute, zone)
        name, base = ENTERPRISES[enterprise]
        body = {"enterprise": {"name": name, "uscc": demo_uscc(base)}, **facts}
        reference = f"LD-{started.astimezone(zone).year}-{suffix}"
        _add_case(session, actor, reference, body, started, _steps(path), zone=zone)

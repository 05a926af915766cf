"""The demo directory: the panel of experts and the partner firms with their lawyers."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.routing.models import Firm, Lawyer

# name, jurisdictions, languages, specialties
# fmt: off
PANEL = [
    ("王立明", ["US", "CA"], ["zh", "en"], ["export_control", "trade_remedies"]),
    ("李佳慧", ["DE", "FR", "NL", "EU"], ["zh", "en", "de"], ["data_compliance", "overseas_ip"]),
    ("张晨", ["GB", "IE", "US", "HK", "MO"], ["zh", "en"],
     ["cross_border_contracts", "foreign_investment", "cross_border_ecommerce"]),
    ("刘洋", ["JP", "KR"], ["zh", "ja"],
     ["overseas_ip", "cross_border_ecommerce", "export_control"]),
    ("陈静", ["KR", "TW"], ["zh", "ko"], ["cross_border_contracts", "overseas_labour"]),
    ("杨帆", ["SG", "MY", "TH", "ASEAN"], ["zh", "en", "ms"],
     ["overseas_warehouse", "foreign_investment", "overseas_ip"]),
    ("赵敏", ["VN", "ID", "PH", "ASEAN"], ["zh", "en", "vi"],
     ["overseas_labour", "trade_remedies", "cross_border_contracts"]),
    ("黄志强", ["RU", "KZ", "BY"], ["zh", "ru"], ["export_control", "overseas_warehouse"]),
    ("周婷", ["AE", "SA", "QA"], ["zh", "en", "ar"],
     ["cross_border_contracts", "foreign_investment", "overseas_labour"]),
    ("吴昊", ["US", "MX", "BR"], ["zh", "en", "es", "pt"],
     ["cross_border_ecommerce", "overseas_ip", "trade_remedies"]),
    ("孙雅", ["IT", "ES", "PL", "EU"], ["zh", "en", "it"], ["trade_remedies", "data_compliance"]),
]
# fmt: on

FIRMS = [
    ("浙江钱塘涉外律师事务所", "Qiantang Foreign Affairs Law Firm"),
    ("杭州运河律师事务所", "Hangzhou Grand Canal Law Firm"),
    ("拱宸桥国际律师事务所", "Gongchen Bridge International Law Firm"),
    ("浙商跨境律师事务所", "Zheshang Cross-Border Law Firm"),
    ("西湖知识产权律师事务所", "West Lake IP Law Firm"),
    ("之江贸易律师事务所", "Zhijiang Trade Law Firm"),
    ("丝路合规律师事务所", "Silk Road Compliance Law Firm"),
    ("东海国际仲裁律师事务所", "East Sea Arbitration Law Firm"),
    ("良渚律师事务所", "Liangzhu Law Firm"),
    ("天目山律师事务所", "Tianmu Mountain Law Firm"),
]
FIRM_LAWYER_NAMES = [
    "郑凯",
    "冯雪",
    "何平",
    "高远",
    "林琳",
    "罗斌",
    "梁晓",
    "宋佳",
    "唐磊",
    "许诺",
    "韩冰",
    "邓超",
    "曹阳",
    "彭丽",
    "曾伟",
    "萧然",
    "田甜",
    "董浩",
    "袁媛",
    "潘越",
    "蒋涛",
    "蔡明",
    "余欢",
    "杜鹃",
    "叶青",
]

DOMESTIC = ["credit_repair", "domestic_commercial", "other"]


def ensure_directory(session: DbSession) -> tuple[list[Lawyer], list[Lawyer]]:
    """The panel and the partner firms with their lawyers, each added when missing."""
    panel = []
    for name, jurisdictions, languages, specialties in PANEL:
        lawyer = session.scalar(
            sa.select(Lawyer).where(Lawyer.name == name, Lawyer.kind == "panel_expert")
        )
        if lawyer is None:
            lawyer = Lawyer(
                name=name,
                kind="panel_expert",
                jurisdictions=jurisdictions,
                languages=languages,
                specialties=specialties,
                capacity=6,
            )
            session.add(lawyer)
        panel.append(lawyer)
    firm_lawyers = []
    names = iter(FIRM_LAWYER_NAMES)
    for index, (name, name_en) in enumerate(FIRMS):
        firm = session.scalar(sa.select(Firm).where(Firm.name == name))
        if firm is None:
            firm = Firm(name=name, name_en=name_en)
            session.add(firm)
            session.flush()
        for _ in range(3 if index < 5 else 2):
            lawyer_name = next(names)
            lawyer = session.scalar(sa.select(Lawyer).where(Lawyer.name == lawyer_name))
            if lawyer is None:
                expert = PANEL[index % len(PANEL)]
                on_duty = index >= len(FIRMS) - 3  # three firms keep the domestic roster
                lawyer = Lawyer(
                    name=lawyer_name,
                    kind="firm_lawyer",
                    firm_id=firm.id,
                    jurisdictions=expert[1],
                    languages=expert[2],
                    specialties=expert[3] + (DOMESTIC if on_duty else []),
                    capacity=4,
                    on_duty=on_duty,
                )
                session.add(lawyer)
            firm_lawyers.append(lawyer)
    session.flush()
    return panel, firm_lawyers

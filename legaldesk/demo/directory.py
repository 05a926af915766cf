"""The demo directory: the panel of experts and the partner firms with their lawyers."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.routing.models import Firm, Lawyer

# name, jurisdictions, languages, specialties. The experts' regions overlap (the
# Americas, the EU, ASEAN, Japan and Korea, the Belt-and-Road countries), so a typical
# case has three or four of them eligible; where the panel has fewer, the pool widens
# to partner-firm lawyers who meet the same rules (FIRM_LAWYERS), three to six in all.
# fmt: off
PANEL = [
    ("王立明", ["US", "CA", "MX", "GB", "HK"], ["zh", "en"],
     ["export_control", "trade_remedies", "cross_border_ecommerce", "cross_border_contracts"]),
    ("李佳慧", ["EU", "GB", "CH", "HK", "MO"], ["zh", "en", "de"],
     ["data_compliance", "overseas_ip", "trade_remedies", "overseas_warehouse",
      "cross_border_contracts"]),
    ("张晨", ["US", "GB", "EU", "HK", "MO", "SG"], ["zh", "en"],
     ["cross_border_contracts", "foreign_investment", "cross_border_ecommerce",
      "data_compliance"]),
    ("刘洋", ["JP", "KR", "US", "TW"], ["zh", "ja", "en"],
     ["overseas_ip", "cross_border_ecommerce", "export_control", "cross_border_contracts"]),
    ("陈静", ["KR", "JP", "TW", "ASEAN"], ["zh", "ko", "en"],
     ["cross_border_contracts", "overseas_labour", "foreign_investment", "overseas_ip"]),
    ("杨帆", ["ASEAN", "AE", "SA"], ["zh", "en", "ms"],
     ["overseas_warehouse", "foreign_investment", "overseas_ip", "cross_border_contracts",
      "overseas_labour"]),
    ("赵敏", ["ASEAN", "JP", "TW"], ["zh", "en", "vi"],
     ["overseas_labour", "trade_remedies", "cross_border_contracts", "overseas_ip",
      "export_control"]),
    ("黄志强", ["RU", "KZ", "BY", "UZ", "KG", "TR"], ["zh", "ru"],
     ["export_control", "overseas_warehouse", "cross_border_contracts", "foreign_investment"]),
    ("周婷", ["AE", "SA", "QA", "EG", "TR", "KZ"], ["zh", "en", "ar", "ru"],
     ["cross_border_contracts", "foreign_investment", "overseas_labour", "export_control"]),
    ("吴昊", ["US", "MX", "BR", "CA", "EU"], ["zh", "en", "es", "pt"],
     ["cross_border_ecommerce", "overseas_ip", "trade_remedies", "overseas_warehouse"]),
    ("孙雅", ["EU", "RU", "KZ", "GB", "US"], ["zh", "en", "it", "ru"],
     ["trade_remedies", "data_compliance", "export_control", "overseas_warehouse"]),
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
# name, firm (index in FIRMS), jurisdictions, languages, specialties; the last three
# firms keep the domestic roster (DUTY_FIRMS).
# fmt: off
FIRM_LAWYERS = [
    ("郑凯", 0, ["US", "CA", "MX", "BR"], ["zh", "en", "es"],
     ["trade_remedies", "cross_border_ecommerce", "export_control"]),
    ("冯雪", 0, ["US", "GB", "CA"], ["zh", "en"],
     ["cross_border_ecommerce", "overseas_ip", "cross_border_contracts"]),
    ("何平", 0, ["BR", "MX", "US"], ["zh", "pt", "es", "en"],
     ["trade_remedies", "cross_border_contracts", "foreign_investment"]),
    ("高远", 1, ["JP", "KR"], ["zh", "ja", "ko"],
     ["export_control", "cross_border_contracts", "overseas_ip"]),
    ("林琳", 1, ["KR", "JP"], ["zh", "ko", "en"],
     ["cross_border_contracts", "export_control", "overseas_labour"]),
    ("罗斌", 1, ["JP", "KR", "TW"], ["zh", "ja"], ["overseas_ip", "cross_border_ecommerce"]),
    ("梁晓", 2, ["EU", "GB"], ["zh", "en", "fr"],
     ["overseas_ip", "data_compliance", "trade_remedies"]),
    ("宋佳", 2, ["EU", "CH"], ["zh", "en", "de", "it"],
     ["overseas_ip", "overseas_warehouse", "cross_border_contracts"]),
    ("唐磊", 2, ["EU", "GB", "US"], ["zh", "en"], ["data_compliance", "cross_border_ecommerce"]),
    ("许诺", 3, ["ASEAN"], ["zh", "en", "ms"],
     ["overseas_warehouse", "foreign_investment", "cross_border_contracts"]),
    ("韩冰", 3, ["ASEAN", "IN"], ["zh", "en", "id"],
     ["foreign_investment", "overseas_warehouse", "overseas_labour"]),
    ("邓超", 3, ["ASEAN"], ["zh", "en", "th", "vi"],
     ["overseas_labour", "overseas_ip", "trade_remedies"]),
    ("曹阳", 4, ["US", "EU", "JP", "KR"], ["zh", "en", "ja"],
     ["overseas_ip", "cross_border_ecommerce"]),
    ("彭丽", 4, ["ASEAN", "EU"], ["zh", "en"], ["overseas_ip", "trade_remedies"]),
    ("曾伟", 4, ["US", "GB", "CA", "AU"], ["zh", "en"],
     ["overseas_ip", "cross_border_ecommerce", "data_compliance"]),
    ("萧然", 5, ["US", "EU", "JP", "KR"], ["zh", "en"], ["export_control", "trade_remedies"]),
    ("田甜", 5, ["RU", "KZ", "BY", "UZ"], ["zh", "ru"],
     ["export_control", "cross_border_contracts", "overseas_warehouse"]),
    ("董浩", 6, ["AE", "SA", "QA", "EG", "TR"], ["zh", "ar", "en"],
     ["cross_border_contracts", "overseas_labour", "foreign_investment"]),
    ("袁媛", 6, ["KZ", "UZ", "KG", "RU", "PK"], ["zh", "ru", "en"],
     ["export_control", "foreign_investment", "overseas_labour"]),
    ("潘越", 7, ["AE", "SA", "SG", "GB"], ["zh", "en"],
     ["cross_border_contracts", "overseas_labour"]),
    ("蒋涛", 7, ["US", "GB", "HK", "MO"], ["zh", "en"],
     ["cross_border_contracts", "foreign_investment"]),
    ("蔡明", 8, [], ["zh"], []),
    ("余欢", 8, ["TW", "HK", "MO"], ["zh"], ["cross_border_contracts"]),
    ("杜鹃", 9, [], ["zh"], []),
    ("叶青", 9, [], ["zh", "en"], []),
]
# fmt: on
DUTY_FIRMS = (7, 8, 9)

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
    firms = []
    for name, name_en in FIRMS:
        firm = session.scalar(sa.select(Firm).where(Firm.name == name))
        if firm is None:
            firm = Firm(name=name, name_en=name_en)
            session.add(firm)
            session.flush()
        firms.append(firm)
    firm_lawyers = []
    for lawyer_name, index, jurisdictions, languages, specialties in FIRM_LAWYERS:
        lawyer = session.scalar(sa.select(Lawyer).where(Lawyer.name == lawyer_name))
        if lawyer is None:
            on_duty = index in DUTY_FIRMS
            lawyer = Lawyer(
                name=lawyer_name,
                kind="firm_lawyer",
                firm_id=firms[index].id,
                jurisdictions=jurisdictions,
                languages=languages,
                specialties=specialties + (DOMESTIC if on_duty else []),
                capacity=4,
                on_duty=on_duty,
            )
            session.add(lawyer)
        firm_lawyers.append(lawyer)
    session.flush()
    return panel, firm_lawyers

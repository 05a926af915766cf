"""The demo cases: ~30 intakes walked through every stage, the logistics case the
README names, and a few new cases open to claim.

Each case has a fixed reference and an access code derived from it, and is only added
when its reference is missing. Cases are made through the services, as a user would.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from stdnum.cn import uscc as uscc_std

from legaldesk.auth.models import User
from legaldesk.cases import codes
from legaldesk.cases.service import load_case, record_intake, transition
from legaldesk.db import DbSession
from legaldesk.demo.claimable import OPEN_TO_CLAIM, ensure_demo_conflicts
from legaldesk.followups import service as followups
from legaldesk.routing.service import NotEligible, PoolTooSmall, draw_witnessed

LOGISTICS_REFERENCE = "LD-2026-DM0001"
# A demo round's commitment is shown this long before the witness keys in digits.
WITNESS_DELAY = timedelta(minutes=3)


def witness_digits(reference: str) -> str:
    """The eight digits a made-up witness keys in for the case (the same every run)."""
    return str(int(hashlib.sha256(reference.encode()).hexdigest(), 16) % 10**8).zfill(8)


ENTERPRISES = [
    ("杭州远航国际物流有限公司", "91330105MA2H00010"),
    ("杭州拱墅丝绸进出口有限公司", "91330105MA2H00021"),
    ("浙江运河智能装备股份有限公司", "91330105MA2H00032"),
    ("杭州云帆跨境电子商务有限公司", "91330105MA2H00043"),
    ("杭州青藤生物科技有限公司", "91330105MA2H00054"),
    ("浙江米兰时装有限公司", "91330105MA2H00065"),
    ("杭州北辰数据科技有限公司", "91330105MA2H00076"),
    ("杭州大关五金制品厂", "92330105MA2H00087"),
    ("杭州湖墅新能源有限公司", "91330105MA2H00098"),
    ("杭州武林食品有限公司", "91330105MA2H00109"),
    ("浙江和睦建设工程有限公司", "91330105MA2H00110"),
    ("杭州康桥汽车零部件有限公司", "91330105MA2H00121"),
]

# summary, category, countries, counterparties, channel
CASE_TOPICS = [
    (
        "美国实体清单对出口业务的影响",
        "export_control",
        ["US"],
        ["Nova Semiconductor Inc."],
        "walk_in",
    ),
    ("欧盟反倾销调查应诉准备", "trade_remedies", ["DE", "FR"], [], "referral"),
    (
        "与日本客户的供货合同争议",
        "cross_border_contracts",
        ["JP"],
        ["Sakura Trading Co., Ltd."],
        "phone",
    ),
    ("商标在东南亚被抢注", "overseas_ip", ["TH", "VN"], ["Siam Brand Co., Ltd."], "online"),
    ("德国海外仓货物被扣纠纷", "overseas_warehouse", ["DE"], ["Rhein Logistik GmbH"], "walk_in"),
    ("拟在新加坡设立子公司", "foreign_investment", ["SG"], [], "walk_in"),
    ("跨境电商平台店铺被冻结", "cross_border_ecommerce", ["US"], ["ShopWorld LLC"], "online"),
    ("外派越南员工工伤处理", "overseas_labour", ["VN"], [], "phone"),
    ("向欧盟传输客户数据的合规问题", "data_compliance", ["NL"], [], "online"),
    ("行政处罚信息的信用修复", "credit_repair", [], [], "walk_in"),
    ("与上游供应商的货款纠纷", "domestic_commercial", ["CN"], ["宁波东港贸易有限公司"], "walk_in"),
    ("韩国合作方违约索赔", "cross_border_contracts", ["KR"], ["Hanbit Industrial Co."], "referral"),
    ("阿联酋工程款回收", "cross_border_contracts", ["AE"], ["Gulf Star Contracting LLC"], "phone"),
    ("英国代理协议条款审查", "cross_border_contracts", ["GB"], ["Thames Agency Ltd"], "walk_in"),
    ("巴西进口许可证被拒", "trade_remedies", ["BR"], [], "phone"),
    ("意大利专利侵权警告函", "overseas_ip", ["IT"], ["Milano Tessile S.p.A."], "walk_in"),
    ("马来西亚海外仓租赁合同", "overseas_warehouse", ["MY"], ["KL Storage Sdn Bhd"], "online"),
    ("俄罗斯客户付款路径合规", "export_control", ["RU"], [], "phone"),
    ("员工竞业限制协议咨询", "domestic_commercial", [], [], "walk_in"),
    ("墨西哥反倾销税影响评估", "trade_remedies", ["MX"], [], "referral"),
    ("印尼合资公司股权纠纷", "foreign_investment", ["ID"], ["PT Nusantara Makmur"], "walk_in"),
    ("亚马逊平台知识产权投诉", "cross_border_ecommerce", ["US", "GB"], [], "online"),
    ("出口管制物项分类确认", "export_control", ["JP", "KR"], [], "phone"),
    ("沙特项目劳务签证问题", "overseas_labour", ["SA"], [], "walk_in"),
    ("欧盟 GDPR 数据泄露应对", "data_compliance", ["FR"], [], "phone"),
    ("失信记录移除申请", "credit_repair", [], [], "walk_in"),
    ("国内买卖合同质量纠纷", "domestic_commercial", ["CN"], ["温州瓯江机电有限公司"], "referral"),
    (
        "菲律宾分销商拖欠货款",
        "cross_border_contracts",
        ["PH"],
        ["Manila Distribution Corp."],
        "phone",
    ),
    ("其他咨询：企业出海法律培训需求", "other", [], [], "walk_in"),
]
# How far each demo case has gone: its path of statuses after "new".
PATHS = [
    [],
    [],
    [],
    [],
    [],
    ["routed"],
    ["routed"],
    ["routed"],
    ["routed"],
    ["routed", "accepted"],
    ["routed", "accepted"],
    ["routed", "accepted"],
    ["routed", "accepted"],
    ["routed", "accepted"],
    ["routed", "accepted", "advised"],
    ["routed", "accepted", "advised"],
    ["routed", "accepted", "advised"],
    ["routed", "accepted", "advised"],
    ["routed", "accepted", "advised", "following_up"],
    ["routed", "accepted", "advised", "following_up"],
    ["routed", "accepted", "advised", "following_up"],
    ["routed", "accepted", "advised", "following_up", "closed"],
    ["routed", "accepted", "advised", "following_up", "closed"],
    # the logistics company's second case: its loss avoided awaits its confirmation
    ["routed", "accepted", "advised", "following_up", "closed"],
    ["routed", "accepted", "advised", "closed"],
    ["routed", "accepted", "advised", "following_up", "closed"],
    ["withdrawn"],
    ["routed", "withdrawn"],
    ["routed", "accepted", "advised"],
]
STEP_DELAYS = {
    "routed": timedelta(hours=1),
    "accepted": timedelta(hours=3),
    "advised": timedelta(days=2),
    "following_up": timedelta(days=7),
    "closed": timedelta(days=9),
    "withdrawn": timedelta(days=1),
}


def demo_uscc(base17: str) -> str:
    return base17 + uscc_std.calc_check_digit(base17)


def demo_access_code(reference: str) -> str:
    """Fixed per demo reference, so the README can name the logistics case's code."""
    digest = hashlib.sha256(f"legaldesk-demo:{reference}".encode()).digest()
    return "".join(codes.ALPHABET[b % 32] for b in digest[: codes.ACCESS_CODE_CHARS])


def _local(day: datetime, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    return (
        day.astimezone(zone)
        .replace(hour=hour, minute=minute, second=0, microsecond=0)
        .astimezone(UTC)
    )


Step = tuple[str, timedelta, str]  # status, time after the intake, note


def _follow_up(session: DbSession, actor: User, when: datetime, case, outcome: dict) -> None:
    """Record the follow-up scheduled at "advised"; that moves the case on."""
    open_ones = [f for f in followups.followups_of(session, case) if f.done_at is None]
    if open_ones:
        followups.record(session, actor, when, open_ones[0], outcome, notify=False)


def _add_case(
    session: DbSession,
    actor: User,
    reference: str,
    body: dict,
    started: datetime,
    steps: list[Step],
    outcome: dict | None = None,
    *,
    zone: ZoneInfo,
    advice: dict | None = None,
) -> None:
    """Record a demo intake at ``started`` and walk it through ``steps``, unless present;
    its advice is ``advice`` or a short opinion shared with the enterprise."""
    if load_case(session, reference) is not None:
        return
    case = record_intake(
        session,
        actor,
        started,
        body,
        reference=reference,
        access_code=demo_access_code(reference),
        notify=False,  # demo enterprises get no e-mail
    ).case
    for status, delay, note in steps:
        if status == "routed":
            try:
                with session.begin_nested():
                    draw_witnessed(
                        session,
                        actor,
                        started + delay - WITNESS_DELAY,
                        started + delay,
                        case,
                        witness_digits(reference),
                        notify=False,
                        zone=zone,
                    )
            except (NotEligible, PoolTooSmall):
                return  # nobody eligible: the case waits, as a real one would
            continue
        if status == "following_up" and outcome is not None:
            _follow_up(
                session,
                actor,
                started + delay,
                case,
                {**outcome, "result": note or outcome["result"]},
            )
            continue
        closing = "A" if status == "closed" else None
        given = (advice or demo_advice(body["summary"])) if status == "advised" else None
        transition(
            session,
            actor,
            started + delay,
            case,
            status,
            note,
            closing,
            notify=False,
            zone=zone,
            advice=given,
        )


# What the logistics company said when it called back, less than a week after the advice.
LOGISTICS_OUTCOME = {
    "done": True,
    "result": "企业回电：意见及时，避免数百万元损失",
    "advice_worked": "yes",
    "loss_avoided_cny": 3_000_000,
    "loss_basis": "按拟出口设备合同金额及可能被扣押、罚没的货值估算",
    "confirmed_by_enterprise": True,
    "satisfaction": 5,
}


# The written opinion the panel gave the logistics company, shared with it.
LOGISTICS_ADVICE = {
    "opinion": (
        "一、经核查，拟出口的物流设备中部分物项属于两用物项管控范围，出口前须申请许可。\n"
        "二、进口方 Steppe Trade LLP 的关联方出现在制裁名单中，建议暂停签约，"
        "先完成最终用户核查并取得最终用途承诺。\n"
        "三、合同付款条款建议改为信用证结算，避免货款被冻结。"
    ),
    "shared": True,
}


def demo_advice(summary: str) -> dict:
    return {
        "opinion": f"关于“{summary}”：经审查相关规定和企业提供的材料，"
        "建议企业先评估风险、保留往来证据，必要时由专家团进一步协助。",
        "shared": True,
    }


def demo_outcome(index: int) -> dict:
    """Varied follow-up answers; one unsatisfied enterprise owed a callback."""
    satisfaction = (5, 4, 2, 5, 3)[index % 5]
    outcome = {
        "done": True,
        "result": "电话回访：企业已按意见调整做法" if satisfaction > 2 else "企业认为答复不够具体",
        "advice_worked": "yes" if satisfaction >= 4 else ("partly" if satisfaction == 3 else "no"),
        "satisfaction": satisfaction,
    }
    if satisfaction >= 4:
        outcome.update(
            loss_avoided_cny=(index % 4 + 1) * 150_000,
            loss_basis="按涉案合同金额估算",
            confirmed_by_enterprise=index % 2 == 0,
        )
    return outcome


def _steps(path: list[str]) -> list[Step]:
    return [(status, STEP_DELAYS[status], "") for status in path]


def logistics_case(session: DbSession, actor: User, zone: ZoneInfo) -> None:
    """The center's reported case: a phone call on the first working day of July."""
    body = {
        "enterprise": {"name": ENTERPRISES[0][0], "uscc": demo_uscc(ENTERPRISES[0][1])},
        "contact": {"name": "周经理", "phone": "13805710001", "email": "legal@yuanhang.example"},
        "channel": "phone",
        "category": "export_control",
        "countries": ["KZ"],
        "counterparties": ["Steppe Trade LLP"],
        "summary": "拟向某国出口前的法律风险咨询",
        "description": (
            "企业即将向某国出口一批物流设备，"
            "来电咨询出口管制、制裁及合同付款方面的法律风险。"
            "专家团开展尽职调查后出具书面法律意见。"
        ),
        "urgency": "urgent",
    }
    steps = [
        ("routed", timedelta(minutes=40), ""),
        ("accepted", timedelta(hours=2), ""),
        ("advised", timedelta(days=2, hours=6), "已出具书面法律意见"),
        ("following_up", timedelta(days=6), "企业回电：意见及时，避免数百万元损失"),
        ("closed", timedelta(days=8), ""),
    ]
    started = datetime(2026, 7, 1, 9, 12, tzinfo=zone).astimezone(UTC)
    # Three panel experts (demo.directory) cover Kazakhstan with export control: the
    # draw takes the three.
    _add_case(
        session,
        actor,
        LOGISTICS_REFERENCE,
        body,
        started,
        steps,
        LOGISTICS_OUTCOME,
        zone=zone,
        advice=LOGISTICS_ADVICE,
    )


def _demo_reference(index: int, started: datetime, zone: ZoneInfo) -> str:
    return f"LD-{started.astimezone(zone).year}-DM{index + 2:04d}"


def _topic_body(index: int, topic: tuple) -> dict:
    """The intake of the demo case numbered ``index``, from its topic."""
    summary, category, countries, counterparties, channel = topic
    name, base = ENTERPRISES[(index + 1) % len(ENTERPRISES)]
    return {
        "enterprise": {"name": name, "uscc": demo_uscc(base)},
        "contact": {"name": f"联系人{index + 1}", "phone": f"1380571{index + 1:04d}"},
        "channel": channel,
        "category": category,
        "countries": countries,
        "counterparties": counterparties,
        "summary": summary,
        "description": f"{summary}。企业希望了解相关法律风险及应对措施。",
        "urgency": "urgent" if index % 7 == 0 else "normal",
    }


def open_to_claim(session: DbSession, actor: User, now: datetime, zone: ZoneInfo) -> None:
    """New cases the demo lawyers may claim from their queue (see demo.claimable),
    numbered after the topics."""
    ensure_demo_conflicts(session, actor, now)
    for offset, ((days_ago, hour, minute), topic) in enumerate(OPEN_TO_CLAIM):
        index = len(CASE_TOPICS) + offset
        started = _local(now - timedelta(days=days_ago), hour, minute, zone)
        reference = _demo_reference(index, started, zone)
        body = _topic_body(index, topic)
        _add_case(session, actor, reference, body, started, [], zone=zone)


def topic_cases(session: DbSession, actor: User, now: datetime, zone: ZoneInfo) -> None:
    """One case per topic, a few days apart over the last months, each as far along as
    its path in PATHS; intakes at desk hours in ``zone``."""
    rng = random.Random(2026)
    for index, topic in enumerate(CASE_TOPICS):
        days_ago = len(CASE_TOPICS) * 5 - index * 5 + rng.randint(0, 3)
        started = _local(
            now - timedelta(days=days_ago), rng.randint(9, 16), rng.randint(0, 59), zone
        )
        _add_case(
            session,
            actor,
            _demo_reference(index, started, zone),
            _topic_body(index, topic),
            started,
            _steps(PATHS[index % len(PATHS)]),
            demo_outcome(index),
            zone=zone,
        )

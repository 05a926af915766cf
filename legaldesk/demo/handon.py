"""The demo's cases handed on and reopened (issue 12, items 5 and 6), made from demo
cases already there, through the services, as a coordinator and a lawyer would:

- a routed case the coordinator handed to another lawyer by hand, with a reason
  (its draw stays on record and still recomputes);
- the Kazakhstan licence case drawn for 黄志强 (expert@), who accepted it and then
  asked to hand it back: the request waits for the coordinator on its page;
- a closed case the coordinator reopened, with a reason.

Idempotent: each step is taken only when its case has not had it yet."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation, TimelineEntry
from legaldesk.cases.service import transition
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.demo.cases import WITNESS_DELAY, witness_digits
from legaldesk.routing import handon, pool, reopen
from legaldesk.routing.models import Draw, HandBackRequest
from legaldesk.routing.service import NotEligible, PoolTooSmall, draw_witnessed

REASSIGNED = "拟在新加坡设立子公司"  # a routed demo topic
HANDED_BACK = "哈萨克斯坦两用物项出口许可咨询"  # open to claim; only 黄志强 covers it
REOPENED = "亚马逊平台知识产权投诉"  # a closed demo topic
EXPERT = "expert@legaldesk.local"


def _demo_case(session: DbSession, summary: str) -> Consultation | None:
    return session.scalar(
        sa.select(Consultation)
        .where(Consultation.summary == summary, Consultation.reference.like("LD-%-DM%"))
        .limit(1)
    )


def hand_on_demo(session: DbSession, coordinator: User, now: datetime, zone: ZoneInfo) -> None:
    _reassigned(session, coordinator, now - timedelta(days=1), zone)
    _hand_back_asked(session, coordinator, now - timedelta(hours=5), zone)
    _reopened(session, coordinator, now - timedelta(hours=3), zone)


def _reassigned(session: DbSession, coordinator: User, when: datetime, zone: ZoneInfo) -> None:
    case = _demo_case(session, REASSIGNED)
    if case is None or case.status != "routed" or case.assignee_id is None:
        return
    if session.scalar(
        sa.select(Draw.id).where(Draw.consultation_id == case.id, Draw.kind == "assigned")
    ):
        return
    others = [
        c
        for c in pool.assignment_choices(session, case, local_date(when, zone))
        if not c.refusals and c.lawyer.id != case.assignee_id
    ]
    if not others:
        return
    handon.assign(
        session,
        coordinator,
        when,
        case,
        {
            "lawyer_id": others[0].lawyer.id,
            "reason": "原抽中律师出差两周；企业希望本周内答复，改由熟悉新加坡公司法的律师承办",
            "from": case.assignee_id,
        },
        zone=zone,
    )


def _hand_back_asked(session: DbSession, coordinator: User, when: datetime, zone: ZoneInfo) -> None:
    case = _demo_case(session, HANDED_BACK)
    expert = session.scalar(sa.select(User).where(User.email == EXPERT))
    if case is None or expert is None or expert.lawyer_id is None:
        return
    if session.scalar(
        sa.select(HandBackRequest.id).where(HandBackRequest.consultation_id == case.id)
    ):
        return
    if case.status == "new" and case.assignee_id is None:
        try:
            with session.begin_nested():
                draw_witnessed(
                    session,
                    coordinator,
                    when - WITNESS_DELAY,
                    when,
                    case,
                    witness_digits(case.reference),
                    notify=False,
                    zone=zone,
                )
        except (NotEligible, PoolTooSmall):
            return
    if case.assignee_id != expert.lawyer_id or case.status not in ("routed", "accepted"):
        return  # a visitor took it, or the draw went elsewhere
    if case.status == "routed":
        transition(session, expert, when, case, "accepted", notify=False)
    handon.ask_hand_back(
        session,
        expert,
        when + timedelta(minutes=30),
        case,
        {"reason": "下月需赴阿斯塔纳出席仲裁庭审两周，无法按期出具许可意见，请改派他人"},
    )


def _reopened(session: DbSession, coordinator: User, when: datetime, zone: ZoneInfo) -> None:
    case = _demo_case(session, REOPENED)
    if case is None or case.status != "closed":
        return
    done = session.scalar(
        sa.select(TimelineEntry.id).where(
            TimelineEntry.consultation_id == case.id, TimelineEntry.from_status == "closed"
        )
    )
    if done is None:
        reopen.reopen(
            session,
            coordinator,
            when,
            case,
            {"reason": "企业来电：平台再次下架同款商品，投诉方补充了证据，要求继续跟进"},
            zone=zone,
        )

"""Synthetic bulk data for benchmarks (`flask desk seed --cases N`).

Rows are written with bulk inserts, not through the intake service: a million
consultations through the service (and its audit chain) would take hours. The
seeded cases get unusable access codes, and one audit entry records the seeding.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from stdnum.cn import uscc as uscc_std

from legaldesk.audit import service as audit
from legaldesk.cases import codes, search
from legaldesk.cases.catalog import CATEGORIES, ensure_reference_data
from legaldesk.cases.models import Consultation, ConsultationCountry, TimelineEntry
from legaldesk.cases.rules import CHANNELS, STATUSES
from legaldesk.db import DbSession, advance_id_sequences
from legaldesk.enterprises.models import Contact, Enterprise
from legaldesk.enterprises.rules import name_initials
from legaldesk.followups.models import FollowUp

CITY = ["杭州", "宁波", "温州", "绍兴", "嘉兴", "湖州", "金华", "台州"]
TRADE = ["物流", "丝绸", "五金", "电子", "食品", "机械", "纺织", "化工", "医药", "数据"]
FORM = ["有限公司", "股份有限公司", "进出口有限公司", "科技有限公司"]
TOPICS = [
    "出口管制咨询",
    "合同纠纷",
    "商标被抢注",
    "海外仓纠纷",
    "反倾销应诉",
    "数据合规",
    "劳务用工",
    "投资设立",
    "货款追收",
    "信用修复",
]
COUNTRIES = ["US", "DE", "JP", "KR", "GB", "FR", "SG", "VN", "RU", "AE", "BR", "IN", "KZ"]
# A locked hash: werkzeug never matches it, so seeded cases cannot be looked up.
LOCKED = "locked$seeded"


def _uscc(rng: random.Random, number: int) -> str:
    body = f"91330{rng.randint(100, 999)}{number:09d}"
    return body + uscc_std.calc_check_digit(body)


def _batches(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


def seed(
    session: DbSession,
    now: datetime,
    cases: int,
    seed_value: int = 0,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 5000,
) -> int:
    """Add ``cases`` synthetic consultations spread over the past two years.

    Ids start after the largest ones present, so seeding adds to a demo desk or to
    an earlier seeding (each enterprise gets one new contact of its own).
    """
    rng = random.Random(seed_value)
    ensure_reference_data(session)
    enterprise_count = max(1, cases // 5)
    first_enterprise = _next_id(session, Enterprise)
    # Contacts are numbered apart: the demo's enterprises have several contacts each.
    contact_offset = _next_id(session, Contact) - first_enterprise
    for block in _batches(enterprise_count, batch_size):
        rows: list[dict[str, Any]] = []
        for i in block:
            name = (
                rng.choice(CITY) + rng.choice(TRADE) + f"{first_enterprise + i}" + rng.choice(FORM)
            )
            rows.append(
                {
                    "id": first_enterprise + i,
                    "uscc": _uscc(rng, first_enterprise + i),
                    "name": name,
                    "name_initials": name_initials(name),
                    "created_at": now,
                }
            )
        session.execute(sa.insert(Enterprise), rows)
        session.execute(
            sa.insert(Contact),
            [
                {
                    "id": row["id"] + contact_offset,
                    "enterprise_id": row["id"],
                    "name": "联系人",
                    "phone": f"+86138{row['id'] % 100_000_000:08d}",
                    "email": None,
                }
                for row in rows
            ],
        )
    category_codes = [code for code, *_ in CATEGORIES]
    first_case = _next_id(session, Consultation)
    span = int(timedelta(days=730).total_seconds())
    for block in _batches(cases, batch_size):
        consultations, countries, timeline, followups = [], [], [], []
        for i in block:
            case_id = first_case + i
            created = now - timedelta(seconds=rng.randrange(span))
            enterprise_id = first_enterprise + rng.randrange(enterprise_count)
            picked = rng.sample(COUNTRIES, rng.choice([0, 1, 1, 2]))
            status = rng.choice(STATUSES)
            answered = status in ANSWERED and created + timedelta(hours=rng.uniform(0.2, 30))
            consultations.append(
                {
                    "id": case_id,
                    "reference": f"LD-{created.year}-{_reference_suffix(case_id)}",
                    "access_code_hash": LOCKED,
                    "enterprise_id": enterprise_id,
                    "contact_id": enterprise_id + contact_offset,
                    "channel": rng.choice(CHANNELS),
                    "category_code": rng.choice(category_codes),
                    "summary": rng.choice(TOPICS) + f" #{case_id}",
                    "description": "合成数据，用于性能测试。" * rng.randint(1, 5),
                    "urgency": "urgent" if rng.random() < 0.1 else "normal",
                    "foreign_related": bool(picked),
                    "status": status,
                    "created_at": created,
                    "updated_at": created,
                    "first_response_at": answered or None,
                }
            )
            if status in FOLLOWED_UP:
                followups.append(_followup(rng, case_id, created))
            countries += [
                {"consultation_id": case_id, "country": c, "position": n}
                for n, c in enumerate(picked)
            ]
            timeline.append(
                {
                    "consultation_id": case_id,
                    "at": created,
                    "from_status": None,
                    "to_status": "new",
                    "note": "",
                }
            )
        session.execute(sa.insert(Consultation), consultations)
        if countries:
            session.execute(sa.insert(ConsultationCountry), countries)
        session.execute(sa.insert(TimelineEntry), timeline)
        if followups:
            session.execute(sa.insert(FollowUp), followups)
        session.commit()
        if progress:
            progress(len(block))
    advance_id_sequences(
        session,
        [Enterprise, Contact, Consultation, TimelineEntry],
    )
    search.index_missing(session, each_batch=lambda _: session.commit())
    audit.record(session, None, now, "seed", "consultation", "-", {"cases": cases})
    return cases


def _next_id(session: DbSession, model: Any) -> int:
    return int(session.scalar(sa.select(sa.func.max(model.id))) or 0) + 1


ANSWERED = ("accepted", "advised", "following_up", "closed")
FOLLOWED_UP = ("following_up", "closed")


def _followup(rng: random.Random, case_id: int, created: datetime) -> dict:
    """A recorded follow-up a week after the case: satisfaction, sometimes a loss avoided."""
    done = created + timedelta(days=7, hours=rng.uniform(0, 48))
    loss = rng.randrange(10_000, 5_000_000, 1000) if rng.random() < 0.3 else None
    return {
        "consultation_id": case_id,
        "due_on": done.date(),
        "channel": "phone",
        "created_at": created,
        "done_at": done,
        "result": "合成回访",
        "advice_worked": rng.choice(("yes", "yes", "partly", "no")),
        "loss_avoided_cny": loss,
        "loss_basis": "合同金额估算" if loss else "",
        "confirmed_by_enterprise": loss is not None and rng.random() < 0.5,
        "satisfaction": rng.choice((5, 5, 4, 4, 3, 2, 1)),
    }


def _reference_suffix(number: int) -> str:
    """Distinct per id (base 32, 'S' prefix), so seeded references never collide."""
    digits = ""
    while True:
        number, rest = divmod(number, 32)
        digits = codes.ALPHABET[rest] + digits
        if number == 0:
            return "S" + digits.rjust(5, "0")

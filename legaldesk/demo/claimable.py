"""Demo cases open to claim: a few new, unassigned cases that the demo lawyers could
take from their queue, so a visitor who logs in as one has something to claim.

Each passes the draw's own eligibility for its lawyer (see routing.claims): the
Belarus and Kazakhstan cases only the panel's 黄志强 (expert@) covers; the Canadian
case the panel's 王立明 would serve, but he once acted for the Canadian buyer (a
conflict recorded here), so the pool widens to the partner firms and 郑凯
(lawyer@) may claim it, as may his two colleagues.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.routing.directory_service import add_conflict
from legaldesk.routing.models import ConflictOfInterest, Lawyer

# (days ago, hour, minute) in Shanghai, (summary, category, countries, counterparties, channel)
OPEN_TO_CLAIM = [
    (
        (2, 10, 20),
        (
            "白俄罗斯客户拒收货物，海外仓滞留费用争议",
            "overseas_warehouse",
            ["BY"],
            ["Minsk Cargo Terminal OJSC"],
            "walk_in",
        ),
    ),
    ((1, 9, 45), ("哈萨克斯坦两用物项出口许可咨询", "export_control", ["KZ"], [], "phone")),
    (
        (1, 16, 10),
        (
            "加拿大买方拒付货款及反倾销保证金争议",
            "trade_remedies",
            ["CA"],
            ["Maple Leaf Steel Inc."],
            "online",
        ),
    ),
]
# A panel expert's conflict: lawyer, party, kind ("client": acted for them).
DEMO_CONFLICTS = [("王立明", "Maple Leaf Steel Inc.", "client")]


def ensure_demo_conflicts(session: DbSession, actor, now: datetime) -> None:
    """Record each demo conflict once, through the directory's service (audited)."""
    for name, party, kind in DEMO_CONFLICTS:
        lawyer = session.scalar(
            sa.select(Lawyer).where(Lawyer.name == name, Lawyer.kind == "panel_expert")
        )
        if lawyer is None:
            continue
        known = session.scalar(
            sa.select(ConflictOfInterest.id).where(
                ConflictOfInterest.lawyer_id == lawyer.id,
                ConflictOfInterest.party == party,
                ConflictOfInterest.kind == kind,
            )
        )
        if known is None:
            add_conflict(session, actor, now, party, kind, lawyer=lawyer)

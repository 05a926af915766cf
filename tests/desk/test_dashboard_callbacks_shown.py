"""The call-back line names the enterprises' cases waiting longest for a call (the
user walk found it, like the follow-ups line, a bare count among lines that list
their cases)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from legaldesk.db import db
from legaldesk.desk.dashboard import SHOWN
from legaldesk.followups.models import Callback, FollowUp
from tests.conftest import create_case, create_user
from tests.desk.test_dashboard_most_urgent import section, shown_refs

WAITING_DAYS = [3, 9, 1, 7, 5, 12, 2]


def test_the_callbacks_waiting_longest_are_shown_with_their_rating(app, client, login):
    now = datetime.now(UTC)
    with app.app_context():
        clerk = create_user("intake")
        refs = []
        for days in WAITING_DAYS:
            case, _ = create_case(clerk)
            asked = now - timedelta(days=days)
            followup = FollowUp(
                consultation_id=case.id,
                due_on=asked.date(),
                channel="phone",
                created_at=asked,
                done_at=asked,
                satisfaction=1,
            )
            db.session.add(followup)
            db.session.flush()
            db.session.add(
                Callback(
                    followup_id=followup.id,
                    consultation_id=case.id,
                    satisfaction=1,
                    created_at=asked,
                )
            )
            refs.append(case.reference)
        db.session.commit()
    longest = [ref for _, ref in sorted(zip(WAITING_DAYS, refs, strict=True), reverse=True)]
    login("coordinator")
    body = section(client.get("/").get_data(as_text=True), "callbacks")
    assert shown_refs(body, "#followups") == longest[:SHOWN]
    assert "1 / 5" in body
    assert f"{len(refs) - SHOWN}" in body  # 另有 N 件

"""The waiting-for-routing line puts urgent cases first (the user walk found an urgent
Hong Kong case seventh in received order, hidden beyond 另有 N 件), oldest first
within each urgency, and its link opens the list in that same order."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from legaldesk.db import db
from legaldesk.desk.dashboard import SHOWN
from tests.conftest import create_case, create_user
from tests.desk.test_dashboard_most_urgent import listed_refs, section, shown_refs

URGENCIES = ["normal"] * 6 + ["urgent", "normal", "urgent"]


def test_urgent_waiting_cases_come_first_oldest_first_within(app, client, login):
    now = datetime.now(UTC)
    with app.app_context():
        clerk = create_user("intake")
        received = []
        for days, urgency in zip(range(len(URGENCIES), 0, -1), URGENCIES, strict=True):
            case, _ = create_case(clerk, now=now - timedelta(days=days), urgency=urgency)
            received.append((urgency, case.reference))
        db.session.commit()
    expected = [ref for u, ref in received if u == "urgent"] + [
        ref for u, ref in received if u != "urgent"
    ]
    login("coordinator")
    body = section(client.get("/").get_data(as_text=True), "waiting")
    assert shown_refs(body) == expected[:SHOWN]
    href = html.unescape(re.search(r'<a[^>]+href="(/cases\?[^"]+)"', body).group(1))
    assert "sort=urgency" in href
    assert listed_refs(client, href) == expected

"""The dashboard's lines about lateness show their MOST urgent cases (the user walk on
issue 13 found the drawn line showing the five received first, while a case drawn a
month ago sat unseen beyond "另有 N 件"), and their links open the case list in the
same order: the round drawn longest ago first, the nearest mediation deadline first.
Follow-ups past due are a count whose list (/followups?overdue=1) starts with the
one due longest ago."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from legaldesk.clock import local_date
from legaldesk.db import db
from legaldesk.desk.dashboard import SHOWN
from legaldesk.followups.models import FollowUp
from legaldesk.mediation.models import Mediation
from tests.conftest import create_case, create_lawyer, create_user
from tests.desk.made_up import SHANGHAI_DAY, _draw

# Days since each case's round was drawn (or to its mediation deadline), in the order
# the cases are received: neither received order nor id order is the urgent order.
AGES = [1, 30, 5, 20, 2, 40, 10]


def section(page: str, key: str) -> str:
    return page.split(f'id="dash-{key}"')[1].split("</section>")[0]


def shown_refs(body: str, anchor: str = "") -> list[str]:
    return re.findall(rf'<li><a href="/cases/([A-Z0-9-]+){anchor}"', body)


def listed_refs(client, href: str) -> list[str]:
    page = client.get(href).get_data(as_text=True)
    return re.findall(r'<td><a href="/cases/([A-Z0-9-]+)"', page)


def figure_href(body: str) -> str:
    return html.unescape(re.search(r'<a class="figure-link" href="([^"]+)"', body).group(1))


def test_the_drawn_line_shows_the_rounds_drawn_longest_ago_and_links_in_that_order(
    app, client, login
):
    now = datetime.now(UTC)
    with app.app_context():
        clerk, lawyer = create_user("intake"), create_lawyer("赵律师", capacity=50)
        refs = []
        for days in AGES:
            case, _ = create_case(clerk, now=now - timedelta(days=60))
            _draw(case, lawyer.id, now - timedelta(days=days))
            refs.append(case.reference)
        db.session.commit()
    urgent = [ref for _, ref in sorted(zip(AGES, refs, strict=True), reverse=True)]
    login("coordinator")
    body = section(client.get("/").get_data(as_text=True), "drawn")
    assert shown_refs(body) == urgent[:SHOWN]
    href = figure_href(body)
    assert "sort=accept_by" in href
    assert listed_refs(client, href) == urgent
    late = html.unescape(re.search(r'<p><a href="([^"]+)"', body).group(1))
    assert "overdue=1" in late and "sort=accept_by" in late
    overdue = listed_refs(client, late)  # all but perhaps the one drawn a day ago
    assert len(overdue) >= len(urgent) - 1 and overdue == urgent[: len(overdue)]


def test_the_mediation_line_shows_the_nearest_deadlines_and_links_in_that_order(app, client, login):
    now = datetime.now(UTC)
    today = local_date(now, ZoneInfo(SHANGHAI_DAY))
    days = [min(d, 7) for d in (6, 1, 4, 0, 7, 2, 5)]
    with app.app_context():
        clerk = create_user("intake")
        refs = []
        for n, ahead in enumerate(days):
            case, _ = create_case(clerk, now=now - timedelta(days=n))
            due = today + timedelta(days=ahead)
            db.session.add(
                Mediation(
                    consultation_id=case.id,
                    status="awaiting_consent",
                    respondent_name="对方公司",
                    applied_on=today,
                    consent_due_on=due,
                    confirmation_due_on=due,
                    created_at=now,
                    updated_at=now,
                )
            )
            refs.append(case.reference)
        db.session.commit()
    nearest = [ref for _, ref in sorted(zip(days, refs, strict=True))]
    login("coordinator")
    body = section(client.get("/").get_data(as_text=True), "mediation")
    assert shown_refs(body, "#mediation") == nearest[:SHOWN]
    href = figure_href(body)
    assert "sort=mediation_deadline" in href
    assert listed_refs(client, href) == nearest


def test_the_overdue_followups_list_starts_with_the_one_due_longest_ago(app, client, login):
    now = datetime.now(UTC)
    today = local_date(now, ZoneInfo(SHANGHAI_DAY))
    with app.app_context():
        clerk = create_user("intake")
        refs = []
        for days in AGES:
            case, _ = create_case(clerk)
            case.status = "following_up"
            db.session.add(
                FollowUp(
                    consultation_id=case.id,
                    due_on=today - timedelta(days=days),
                    channel="phone",
                    created_at=now,
                )
            )
            refs.append(case.reference)
        db.session.commit()
    oldest = [ref for _, ref in sorted(zip(AGES, refs, strict=True), reverse=True)]
    login("coordinator")
    body = section(client.get("/").get_data(as_text=True), "followups")
    assert shown_refs(body, "#followups") == oldest[:SHOWN]  # the line shows them too
    href = figure_href(body)
    page = client.get(href).get_data(as_text=True).split('id="due"')[1]
    found = re.findall(r'href="/cases/([A-Z0-9-]+)', page)
    assert list(dict.fromkeys(found))[: len(oldest)] == oldest

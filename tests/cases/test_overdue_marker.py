"""A case row says when the case is overdue (the user walk on issue 13: the list showed
no sign of it). The marker is words, not colour alone, its title says what is late,
and it follows the very rule of the list's ``overdue=1`` filter; the rows of a page are
marked with one query, whatever their number."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from legaldesk.db import db
from tests.conftest import create_case, create_lawyer
from tests.desk import made_up
from tests.desk.test_dashboard import queries_of

MARK = re.compile(r'<span class="tag overdue" title="([^"]+)">([^<]+)</span>')


@pytest.fixture
def desk(app):
    with app.app_context():
        return made_up.build()


def row_of(page: str, reference: str) -> str:
    return page.split(f'<a href="/cases/{reference}">')[1].split("</tr>")[0]


def test_overdue_rows_carry_the_marker_and_on_time_rows_do_not(client, login, desk):
    login("coordinator")
    page = client.get("/cases?per_page=100").get_data(as_text=True)
    refs = desk.refs
    late = MARK.search(row_of(page, refs["late"]))
    assert late is not None and late.group(2).strip() == "超时"
    assert "超过受理时限" in late.group(1)
    followup = MARK.search(row_of(page, refs["followup_late"]))
    assert followup is not None and "回访" in followup.group(1)
    for key in ("fresh", "redrawn", "new_normal", "accepted", "closed_followup"):
        assert 'class="tag overdue"' not in row_of(page, refs[key]), key
    # the same rule as the filter: the marked rows are exactly the overdue list
    marked = {ref for ref in refs.values() if MARK.search(row_of(page, ref))}
    overdue = client.get("/cases?overdue=1&per_page=100").get_data(as_text=True)
    assert marked == set(re.findall(r'<td><a href="/cases/([A-Z0-9-]+)"', overdue))


def test_the_marker_speaks_english_too(client, login, desk):
    login("coordinator")
    page = client.get("/cases?per_page=100", headers={"Accept-Language": "en"})
    page = page.get_data(as_text=True)
    late = MARK.search(row_of(page, desk.refs["late"]))
    assert late is not None and late.group(2).strip() == "Overdue"


@pytest.mark.parametrize("path", ["/cases", "/cases?status=routed"])
def test_marking_costs_the_same_queries_for_more_overdue_rows(client, login, app, desk, path):
    login("coordinator")
    before = queries_of(client, app, path)
    with app.app_context():
        lawyer = create_lawyer("钱律师", capacity=50)
        for n in range(6):
            case, _ = create_case()
            made_up._draw(case, lawyer.id, datetime.now(UTC) - timedelta(days=10 + n))
        db.session.commit()
    page = client.get(path).get_data(as_text=True)
    assert page.count('class="tag overdue"') >= 7
    assert queries_of(client, app, path) == before

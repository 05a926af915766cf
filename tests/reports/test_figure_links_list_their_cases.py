"""Issue 13 item 1: every figure of the report counted by a date of its own (follow-ups
due and done on time, loss avoided, satisfaction, mediations applied for, reopenings,
SLA breaches) links to the cases behind it by that date, whenever they were received:
the list, its pages and its export hold exactly those cases, each once."""

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from html import unescape
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import TimelineEntry
from legaldesk.db import db
from legaldesk.followups.models import FollowUp, LossConfirmation
from legaldesk.mediation.models import Mediation
from legaldesk.routing.models import Draw

SHANGHAI = ZoneInfo("Asia/Shanghai")
H2 = "/reports?kind=half&on=2026-07"


def _at(day: str, clock: str = "10:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=SHANGHAI).astimezone(UTC)


def _followup(case_id, due_on, done_at=None, **more):
    followup = FollowUp(
        consultation_id=case_id,
        due_on=due_on,
        channel="phone",
        created_at=_at("2026-01-02"),
        done_at=done_at,
        **more,
    )
    db.session.add(followup)
    db.session.flush()
    return followup


def _mediation(case_id, applied_on):
    db.session.add(
        Mediation(
            consultation_id=case_id,
            status="awaiting_consent",
            respondent_name="某外商",
            applied_on=applied_on,
            consent_due_on=applied_on,
            created_at=_at("2026-01-02"),
            updated_at=_at("2026-01-02"),
        )
    )


def _draw(case_id, round_, drawn_at, escalated=True):
    db.session.add(
        Draw(
            consultation_id=case_id,
            round=round_,
            commitment="c" * 64,
            secret="s" * 64,
            committed_at=drawn_at,
            drawn_at=drawn_at,
            escalated_at=drawn_at if escalated else None,
        )
    )


def _desk(make) -> dict[str, set[str]]:
    """The period's figures' cases, as the test counts them (distinct references)."""
    clerk = make.user("intake")
    received = {
        "early": "2026-03-02",  # received before the period
        "july": "2026-07-03",
        "may": "2026-05-06",
        "later": "2026-08-04",
        "mediated": "2026-04-01",
        "mediated_before": "2026-02-01",
        "reopened": "2025-12-01",
        "reopened_before": "2026-01-05",
        "breached": "2026-07-20",
        "breached_before": "2026-06-01",
        "quiet": "2026-09-09",
    }
    cases = {name: make.case(clerk, now=_at(day)) for name, day in received.items()}
    ids = {name: case.id for name, case in cases.items()}

    def record():
        # early: two follow-ups due in the period (counted twice, listed once)
        _followup(
            ids["early"],
            date(2026, 8, 10),
            _at("2026-08-10", "23:30"),  # on its day, late evening
            loss_avoided_cny=5000,
            confirmed_by_enterprise=True,  # by phone to staff
            satisfaction=5,
        )
        _followup(ids["early"], date(2026, 9, 1))
        # july: done a day late, the enterprise confirmed less in its account
        late = _followup(
            ids["july"],
            date(2026, 7, 20),
            _at("2026-07-21", "00:10"),
            loss_avoided_cny=3000,
            satisfaction=3,
        )
        db.session.add(
            LossConfirmation(
                followup_id=late.id,
                consultation_id=ids["july"],
                confirmed_at=_at("2026-07-22"),
                claimed_cny=3000,
                amount_cny=2000,
                satisfaction=3,
            )
        )
        # may: due before the period, recorded in it, a claim no one confirmed
        _followup(ids["may"], date(2026, 6, 20), _at("2026-07-02"), loss_avoided_cny=1000)
        # later: due after the period; quiet: recorded in it, nothing claimed or rated
        _followup(ids["later"], date(2027, 1, 5))
        _followup(ids["quiet"], date(2027, 1, 6), _at("2026-09-10"))
        _mediation(ids["mediated"], date(2026, 9, 1))
        _mediation(ids["mediated_before"], date(2026, 6, 30))
        for name, day in (("reopened", "2026-10-01"), ("reopened", "2026-11-02")):
            db.session.add(
                TimelineEntry(
                    consultation_id=ids[name], at=_at(day), from_status="closed", to_status="new"
                )
            )
        db.session.add(
            TimelineEntry(
                consultation_id=ids["reopened_before"],
                at=_at("2026-06-30", "23:00"),
                from_status="withdrawn",
                to_status="new",
            )
        )
        _draw(ids["breached"], 1, _at("2026-08-01"))
        _draw(ids["breached"], 2, _at("2026-08-03"))  # two rounds, one case
        _draw(ids["breached_before"], 1, _at("2026-06-30", "23:00"))
        _draw(ids["quiet"], 1, _at("2026-09-09"), escalated=False)
        db.session.commit()

    make.run(record)
    ref = {name: case.reference for name, case in cases.items()}
    return {
        "followups_due": {ref["early"], ref["july"]},
        "followups_on_time": {ref["early"]},
        "loss_confirmed": {ref["early"], ref["july"]},
        "loss_confirmed_in_account": {ref["july"]},
        "loss_confirmed_by_staff": {ref["early"]},
        "loss_unconfirmed": {ref["may"]},
        "loss_claimed": {ref["early"], ref["july"], ref["may"]},
        "satisfaction": {ref["early"], ref["july"]},
        "mediation_applied": {ref["mediated"]},
        "reopened": {ref["reopened"]},
        "sla_breached": {ref["breached"]},
    }


def _overview_links(page: str) -> dict[str, list[str]]:
    """figure -> the links of the overview's rows to it (shares and means included)."""
    found: dict[str, list[str]] = {}
    for href in re.findall(r'<td><a href="(/cases\?[^"]+)">', page):
        query = parse_qs(urlsplit(unescape(href)).query)
        if "figure" in query:
            found.setdefault(query["figure"][0], []).append(unescape(href))
    return found


def _listed(api, query: str) -> set[str]:
    answer = api.get(f"/consultations?{query}&per_page=100")
    assert answer.status_code == 200, answer.json
    return {item["reference"] for item in answer.json["items"]}


def test_every_figure_links_to_exactly_the_cases_behind_it(client, login, make, api_as):
    expected = _desk(make)
    api = api_as("coordinator")
    login("coordinator")
    page = client.get(H2).get_data(as_text=True)
    links = _overview_links(page)
    assert set(links) == set(expected)
    for figure, hrefs in links.items():
        for href in hrefs:
            query = parse_qs(urlsplit(href).query)
            assert query["figure_from"] == ["2026-07-01"] and query["figure_to"] == ["2026-12-31"]
            assert "from" not in query and "to" not in query  # never "received in"
            assert _listed(api, urlsplit(href).query) == expected[figure], figure
    # shares and means link to the cases they are computed from
    assert len(links["followups_due"]) == 2 and len(links["satisfaction"]) == 3
    summary = api.get("/reports/summary?from=2026-07-01&to=2026-12-31").json
    assert summary["followups"]["due"] == 3  # rows: one case is listed once for two
    assert summary["sla_breaches"] == 2 and summary["reopened"] == 1
    assert summary["loss_avoided_cny"] == 5000 + 2000


def test_a_case_received_before_the_period_is_listed_by_its_follow_up(client, login, make):
    expected = _desk(make)
    login("coordinator")
    answer = client.get(
        "/cases?figure=followups_due&figure_from=2026-07-01&figure_to=2026-12-31&per_page=1"
    )
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert 'id="figure-list"' in page
    assert "2026-07-01 至 2026-12-31 期间有回访到期的案件" in page
    assert "<small>(2)</small>" in page
    # the pager, the sort and filter form and the exports keep the figure
    pager = re.findall(r'href="(/cases\?[^"]*page=2[^"]*)"', page)
    assert pager and all("figure=followups_due" in unescape(h) for h in pager)
    assert 'type="hidden" name="figure" value="followups_due"' in page
    assert re.search(r'href="/cases/export\.csv\?[^"]*figure=followups_due', page)
    second = client.get(unescape(pager[0])).get_data(as_text=True)
    shown = set(re.findall(r"/cases/(LD-[\w-]+)", page + second))
    assert expected["followups_due"] <= shown
    english = client.get(
        "/cases?figure=reopened&figure_from=2026-07-01&figure_to=2026-12-31",
        headers={"Accept-Language": "en"},
    )
    assert english.status_code == 200


def test_the_export_keeps_the_figure_and_records_it(client, login, make, app):
    expected = _desk(make)
    login("coordinator")
    answer = client.get(
        "/cases/export.csv?figure=loss_claimed&figure_from=2026-07-01&figure_to=2026-12-31"
    )
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))[1:]
    assert {row[0] for row in rows} == expected["loss_claimed"]
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "case.export")
        ).one()
    filters = json.loads(entry.detail)["filters"]
    assert filters["figure"] == "loss_claimed"
    assert filters["figure_from"] == "2026-07-01" and filters["figure_to"] == "2026-12-31"


def test_bad_figure_values_are_refused_without_a_500(client, login, make, api_as):
    api = api_as("coordinator")
    period = "figure_from=2026-07-01&figure_to=2026-12-31"
    for query, field in (
        (f"figure=everything&{period}", "figure"),
        ("figure=reopened", "figure_from"),
        ("figure=reopened&figure_from=2026-07-01", "figure_to"),
        (period, "figure"),
        ("figure=reopened&figure_from=2026-07-01&figure_to=2026-06-30", "figure_to"),
        ("figure=reopened&figure_from=2026-13-01&figure_to=2026-12-31", "figure_from"),
        ("figure=reopened&figure_from=1800-01-01&figure_to=2026-12-31", "figure_from"),
    ):
        answer = api.get(f"/consultations?{query}")
        assert answer.status_code in (400, 422), query
        assert field in json.dumps(answer.json), (query, answer.json)
    login("coordinator")
    page = client.get(f"/cases?figure=everything&{period}")
    assert page.status_code in (400, 422)
    wide = api.get(
        "/consultations?figure=followups_on_time&figure_from=1900-01-01&figure_to=9998-12-31"
    )
    assert wide.status_code == 200


def test_only_report_readers_list_by_a_figure(make, api_as):
    _desk(make)
    period = "figure_from=2026-07-01&figure_to=2026-12-31"
    for role in ("intake", "lawyer"):
        assert api_as(role).get(f"/consultations?figure=sla_breached&{period}").status_code == 403
    assert api_as("intake").get("/consultations").status_code == 200

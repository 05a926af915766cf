"""Review finding 2: every count of cases on /reports links to a case list holding
exactly those cases (国内 by region=domestic, firms by firm=ID), and figures counted by
a date of their own (rounds breaching the SLA, reopenings, follow-ups, loss,
satisfaction, mediations) never to the cases received in the period, but to the cases
behind them by that date (test_figure_links_list_their_cases.py)."""

import re
from html import unescape
from urllib.parse import urlsplit

from legaldesk.db import db
from legaldesk.routing.models import Firm, Lawyer

H2 = "/reports?kind=half&on=2026-07"


def _firm_lawyer(name: str) -> int:
    firm = Firm(name=name)
    db.session.add(firm)
    db.session.flush()
    lawyer = Lawyer(
        name=name[:2] + "律师",
        kind="firm_lawyer",
        firm_id=firm.id,
        jurisdictions=["US"],
        specialties=["export_control"],
        languages=["zh"],
        capacity=5,
    )
    db.session.add(lawyer)
    db.session.commit()
    return lawyer.id


def _desk(make):
    clerk = make.user("intake")
    cases = [make.case(clerk) for _ in range(3)]
    make.case(clerk, countries=[], counterparties=[], category="domestic_commercial")
    make.case(clerk, countries=["HK"], counterparties=["港商"])
    make.case(clerk, countries=["CN"], counterparties=["上海某公司"])
    first, second = make.run(_firm_lawyer, "甲律师事务所"), make.run(_firm_lawyer, "乙律师事务所")
    make.assign(cases[0], first)
    make.assign(cases[1], first)
    make.assign(cases[2], second)


def _linked_rows(page: str) -> list[tuple[str, int]]:
    """(link, the count shown beside it) of every linked row of the report's tables."""
    found = []
    for href, row in re.findall(
        r'<td><a href="(/cases\?[^"]+)">[^<]*</a></td>(.*?)</tr>', page, re.S
    ):
        if "figure=" in href:  # the cases behind a figure: test_figure_links_list_their_cases
            continue
        count = re.search(r'<td class="num">([\d,]+)</td>', row)
        found.append((unescape(href), int(count.group(1).replace(",", ""))))
    return found


def test_every_linked_figure_is_the_count_of_its_list(client, login, make, api_as):
    _desk(make)
    api = api_as("coordinator")
    login("coordinator")
    page = client.get(H2).get_data(as_text=True)
    links = _linked_rows(page)
    queries = {urlsplit(href).query for href, _ in links}
    assert any("region=domestic" in q for q in queries)
    assert sum("firm=" in q for q in queries) == 2
    for href, shown in links:
        listed = api.get("/consultations?" + urlsplit(href).query)
        assert listed.status_code == 200, href
        assert listed.json["total"] == shown, href


def test_figures_counted_by_their_own_date_never_link_to_cases_received(client, login, make):
    _desk(make)
    login("coordinator")
    page = client.get(H2).get_data(as_text=True)
    assert "overdue=1" not in page  # SLA breaches are rounds in the period, not cases overdue now
    for label in ("SLA", "重开", "重新办理", "回访", "挽回", "避免损失", "满意", "调解"):
        for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
            first = row.split("</td>")[0]
            if label in first and "<a " in first:
                assert "figure=" in first, row
                assert not re.search(r"(\?|&amp;)(from|to)=", first), row  # received in


def test_the_list_filters_domestic_and_by_firm(make, api_as):
    _desk(make)
    api = api_as("coordinator")
    domestic = api.get("/consultations?region=domestic").json
    assert domestic["total"] == 2
    assert all(not c.get("foreign_related") for c in domestic["items"])
    firm_id = make.run(lambda: db.session.query(Firm.id).filter_by(name="甲律师事务所").scalar())
    assert api.get(f"/consultations?firm={firm_id}").json["total"] == 2
    assert api.get("/consultations?firm=0").status_code in (400, 422)
    assert api.get("/consultations?region=elsewhere").status_code in (400, 422)

"""Issue 13 item 4: the coordinator's dashboard. Each line's figure is what the list
behind its link shows, on made-up data on both engines; the page costs the same
number of queries however many cases there are; intake and lawyers keep their home."""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import create_case
from tests.desk import made_up
from tests.helpers import statements_during

SECTION = re.compile(r'<section class="card dash-line[^"]*" id="dash-(\w+)">(.*?)</section>', re.S)
FIGURE = re.compile(
    r'<a class="figure-link" href="([^"]+)">\s*<strong class="figure">(\d+)</strong>'
)


def lines(page: str) -> dict[str, tuple[str, int, str]]:
    found = {}
    for key, body in SECTION.findall(page):
        href, figure = FIGURE.search(body).groups()
        found[key] = (html.unescape(href), int(figure), body)
    return found


def case_list_total(client, href: str) -> int:
    page = client.get(href).get_data(as_text=True)
    return int(re.search(r"<h1>[^<]*<small>\((\d+)\)</small>", page).group(1))


def references_listed(client, href: str, within: str = "") -> set[str]:
    page = client.get(href).get_data(as_text=True)
    if within:
        page = page.split(within)[1].split("</section>")[0]
    return set(re.findall(r'<td><a href="/cases/([A-Z0-9-]+)[#"]', page))


@pytest.fixture
def desk(app):
    with app.app_context():
        return made_up.build()


def test_each_line_counts_what_its_link_lists(client, login, desk):
    login("coordinator")
    page = client.get("/").get_data(as_text=True)
    shown = lines(page)
    refs = desk.refs

    href, figure, _ = shown["waiting"]
    assert figure == 2 == case_list_total(client, href)
    assert references_listed(client, href) == {refs["new_urgent"], refs["new_normal"]}

    href, figure, body = shown["drawn"]
    assert figure == 3 == case_list_total(client, href)
    late_href = html.unescape(re.search(r'<p><a href="([^"]+)"', body).group(1))
    assert "overdue=1" in late_href and "1 个已超过受理时限（4 个工作小时）" in html.unescape(body)
    assert references_listed(client, late_href) == {refs["late"]}  # not the redrawn one
    assert "超时" in body and "受理期限" in body  # the SLA clock beside the items

    href, figure, _ = shown["followups"]
    assert href == "/followups?overdue=1" and figure == 1
    listed = client.get(href).get_data(as_text=True)
    assert references_listed(client, href, 'id="due"') == {refs["followup_late"]}
    assert listed.count('class="overdue"') == 1

    href, figure, _ = shown["callbacks"]
    assert figure == 1
    callbacks = client.get(href).get_data(as_text=True)
    section = callbacks.split('id="callbacks"')[1].split("</section>")[0]
    assert section.count("/callbacks/") == 1

    href, figure, body = shown["mediation"]
    assert figure == 1 == case_list_total(client, href)
    assert references_listed(client, href) == {refs["accepted"]} and refs["accepted"] in body

    href, figure, _ = shown["mail"]
    assert figure == 1
    outbox = client.get(href.split("#")[0]).get_data(as_text=True)
    assert outbox.split('id="failed"')[1].count("/outbox/") == 1

    href, figure, body = shown["load"]
    assert href == "/directory" and figure == 1  # 王律师: 2 of 2
    for lawyer_id, expected in ((desk.busy, 2), (desk.idle, 3)):
        link = f"/cases?lawyer={lawyer_id}&amp;status=open"
        assert link in body
        assert case_list_total(client, html.unescape(link)) == expected

    # the case list's overdue=1: late to accept, or a follow-up past due
    assert references_listed(client, "/cases?overdue=1") == {refs["late"], refs["followup_late"]}


def test_an_empty_desk_says_all_is_well(client, login):
    login("admin")
    page = client.get("/").get_data(as_text=True)
    assert "一切正常" in page
    assert all(figure == 0 for _, figure, _ in lines(page).values())
    assert "没有待分派的新案件" in page or "所有新案件都已分派" in page


def test_intake_and_lawyers_keep_their_home(client, login, make):
    login("intake")
    page = client.get("/").get_data(as_text=True)
    assert "dash-waiting" not in page and "登记新咨询" in page
    client.post("/logout")
    login("lawyer")
    assert "dash-waiting" not in client.get("/").get_data(as_text=True)


def queries_of(client, app, path: str) -> int:
    return statements_during(app, lambda: client.get(path))


@pytest.mark.parametrize("path", ["/", "/cases?status=open&sort=urgency", "/cases?overdue=1"])
def test_no_query_per_case(client, login, app, desk, path):
    login("coordinator")
    before = queries_of(client, app, path)
    with app.app_context():
        for _ in range(12):
            create_case()
    assert queries_of(client, app, path) == before

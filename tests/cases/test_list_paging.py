"""Issue 14 item 3: the case list counts only up to a cap ("10,000+", here 5 so the
desk stays small), pages by signed cursors in the API and on the page, keeps page
numbers, and refuses an edited or outdated cursor with a 400 naming the field."""

from __future__ import annotations

import html
import re

import pytest

from legaldesk import paging
from tests.conftest import create_case


@pytest.fixture
def seven(app, monkeypatch):
    """Seven cases on a desk whose counts stop at 5; their references newest first."""
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    with app.app_context():
        made = [create_case(summary=f"第{n}件")[0].reference for n in range(7)]
    return made[::-1]  # same created_at: the newest is the highest id


def _refs(answer) -> list[str]:
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [item["reference"] for item in answer.json["items"]]


def test_the_api_counts_to_the_cap_and_pages_by_cursor(api_as, seven):
    api = api_as("coordinator")
    first = api.get("/consultations?per_page=2").json
    assert (first["total"], first["total_exact"], first["page"]) == (6, False, 1)
    assert first["prev_cursor"] is None and first["last_cursor"]
    walked, answer, pages = [i["reference"] for i in first["items"]], first, [1]
    while answer["next_cursor"]:
        answer = api.get(f"/consultations?per_page=2&cursor={answer['next_cursor']}").json
        walked += [i["reference"] for i in answer["items"]]
        pages.append(answer["page"])
    assert walked == seven and pages == [1, 2, 3, 4]
    assert answer["last_cursor"] is None and answer["prev_cursor"]
    back = api.get(f"/consultations?per_page=2&cursor={answer['prev_cursor']}").json
    assert [i["reference"] for i in back["items"]] == seven[4:6] and back["page"] == 3

    last = api.get(f"/consultations?per_page=2&cursor={first['last_cursor']}").json
    # a list too long to count: the last page holds its last two, its number unknown
    assert [i["reference"] for i in last["items"]] == seven[5:]
    assert last["page"] is None and last["next_cursor"] is None and last["prev_cursor"]


def test_page_numbers_still_work_and_a_deep_one_counts_to_the_end(api_as, seven):
    api = api_as("coordinator")
    second = api.get("/consultations?per_page=2&page=2").json
    assert [i["reference"] for i in second["items"]] == seven[2:4]
    assert second["total_exact"] is False  # within the cap: the count stopped there
    deep = api.get("/consultations?per_page=2&page=4").json  # beyond the cap
    assert [i["reference"] for i in deep["items"]] == seven[6:]
    assert (deep["total"], deep["total_exact"], deep["next_cursor"]) == (7, True, None)
    narrow = api.get("/consultations?per_page=2&q=第3件").json
    assert (narrow["total"], narrow["total_exact"]) == (1, True)


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "a.b",
        "..",
        "x" * 700,
        "eyJ9.AAAA",  # base64 of a brace, a made-up signature
        "中文.游标",
    ],
)
def test_a_made_up_cursor_is_a_400_naming_the_field(api_as, cursor):
    answer = api_as("coordinator").get(f"/consultations?cursor={cursor}")
    assert answer.status_code == 400, answer.get_data(as_text=True)
    assert list(answer.json["error"]["fields"]) == ["cursor"]


def test_an_edited_or_foreign_cursor_is_refused_on_the_api_and_the_page(
    api_as, client, login, seven
):
    api = api_as("coordinator", language="en")
    cursor = api.get("/consultations?per_page=2").json["next_cursor"]
    payload, signature = cursor.split(".")
    edited = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1] + "." + signature
    for bad, extra in ((edited, ""), (cursor[:-3], ""), (cursor, "&sort=oldest")):
        answer = api.get(f"/consultations?per_page=2&cursor={bad}{extra}")
        assert answer.status_code == 400, (bad, extra)
        assert "first page" in answer.json["error"]["fields"]["cursor"][0]
    login("coordinator")
    page = client.get(f"/cases?cursor={edited}")
    assert page.status_code == 400
    assert "翻页链接已过期或被改动过" in page.get_data(as_text=True)


def test_the_case_list_page_says_more_than_the_cap_and_links_by_cursor(client, login, seven):
    login("coordinator")
    page = client.get("/cases?per_page=2").get_data(as_text=True)
    assert "（超过 5 件）" in page or "(超过 5 件)" in page
    pager = re.search(r'<nav class="pager".*?</nav>', page, re.S)[0]
    assert "第 1 页" in pager and "共" not in pager  # no number of pages: not counted
    links = dict(
        (word, html.unescape(href))
        for href, word in re.findall(r'<a href="([^"]+)">(下一页|上一页|首页|末页)</a>', page)
    )
    assert set(links) == {"下一页", "末页"} and "cursor=" in links["下一页"]
    assert "per_page=2" in links["下一页"]
    second = client.get(links["下一页"]).get_data(as_text=True)
    assert seven[2] in second and seven[1] not in second and "第 2 页" in second
    assert "首页" in second and "上一页" in second
    last = client.get(links["末页"]).get_data(as_text=True)
    assert seven[6] in last and "末页" in last and "下一页" not in last


def test_a_page_number_beyond_a_long_list_goes_to_its_last_page(client, login, seven):
    login("coordinator")
    answer = client.get("/cases?per_page=2&page=99")
    assert answer.status_code == 302  # counted to its end: the last page by number
    assert (
        answer.headers["Location"].endswith("page=4") and "per_page=2" in answer.headers["Location"]
    )

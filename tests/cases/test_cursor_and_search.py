"""A list's cursor carries its order: the search's ranking is not the sort's, so a
cursor taken from the plain list and sent with a search (or the other way round) is a
400 naming the field, never a 500 (found by the attack on issue 14); a search's own
cursors walk the search."""

from __future__ import annotations

from urllib.parse import quote

from tests.conftest import create_case


def _cases(app, n: int) -> None:
    with app.app_context():
        for number in range(n):
            create_case(summary=f"物流合同第{number}件")


def test_a_list_cursor_sent_with_a_search_is_a_400_on_the_api_and_the_page(
    app, api_as, client, login
):
    _cases(app, 3)
    api = api_as("coordinator")
    plain = api.get("/consultations?per_page=1").json["next_cursor"]
    searched = api.get(f"/consultations?per_page=1&q={quote('物流')}").json["next_cursor"]
    for cursor, query in ((plain, f"&q={quote('物流')}"), (searched, "")):
        answer = api.get(f"/consultations?per_page=1&cursor={cursor}{query}")
        assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
        assert list(answer.json["error"]["fields"]) == ["cursor"]
    login("coordinator")
    page = client.get(f"/cases?per_page=1&cursor={plain}&q={quote('物流')}")
    assert page.status_code == 400


def test_a_search_walks_its_own_cursors(app, api_as):
    _cases(app, 3)
    api = api_as("coordinator")
    answer = api.get(f"/consultations?per_page=1&q={quote('物流')}").json
    seen = [answer["items"][0]["reference"]]
    while answer["next_cursor"]:
        answer = api.get(
            f"/consultations?per_page=1&q={quote('物流')}&cursor={answer['next_cursor']}"
        ).json
        seen += [item["reference"] for item in answer["items"]]
    assert len(seen) == len(set(seen)) == 3

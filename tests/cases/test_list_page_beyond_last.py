"""Review finding 6 (nit): ``?page=99`` beyond the last page leads to the last page
(filters kept), not to an empty page offering "上一页" to page 98."""

from __future__ import annotations

from tests.conftest import create_case


def test_a_page_beyond_the_last_goes_to_the_last(client, login, app):
    with app.app_context():
        for _ in range(3):
            create_case()
    login("coordinator")
    answer = client.get("/cases?page=99&per_page=1&status=new")
    assert answer.status_code in (302, 303)
    last = client.get(answer.headers["Location"])
    page = last.get_data(as_text=True)
    assert last.status_code == 200 and "第 3 页，共 3 页" in page
    assert "page=98" not in page


def test_an_empty_list_goes_to_its_only_page(client, login):
    login("coordinator")
    answer = client.get("/cases?page=5")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/cases")
    assert client.get("/cases").status_code == 200

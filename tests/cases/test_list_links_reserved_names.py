"""Review finding 2: the case list's links (pager, export buttons) are built from the
parsed filters alone, so Flask's reserved url_for names in the query string neither
break the page (500) nor rewrite a link (another scheme, host or anchor)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import create_case

RESERVED = ["_method", "_external", "_scheme", "_anchor", "endpoint", "values", "_host"]


def _hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', page)


@pytest.mark.parametrize("path", ["/cases", "/followups"])
def test_reserved_names_in_the_query_string(client, login, app, path):
    with app.app_context():
        for _ in range(3):
            create_case()
    login("coordinator")
    for name in RESERVED:
        answer = client.get(f"{path}?{name}=https&per_page=1&status=new")
        assert answer.status_code == 200, (name, answer.status_code)
        page = answer.get_data(as_text=True)
        for href in _hrefs(page):
            assert "://" not in href and "#https" not in href, (name, href)
            assert name + "=" not in href, (name, href)
    page = client.get(f"{path}?_external=1&_scheme=https&_anchor=x&per_page=1").get_data(
        as_text=True
    )
    assert not any(h.startswith("https:") or h.endswith("#x") for h in _hrefs(page))


def test_the_links_keep_the_known_filters(client, login, app):
    with app.app_context():
        for _ in range(3):
            create_case()
    login("coordinator")
    page = client.get("/cases?per_page=1&status=new&q=%E7%89%A9&from=2020-01-02&junk=1").get_data(
        as_text=True
    )
    exports = [h for h in _hrefs(page) if "/cases/export.csv" in h]
    assert len(exports) == 1
    assert "status=new" in exports[0] and "from=2020-01-02" in exports[0]
    assert "junk" not in exports[0] and "page=" not in exports[0].replace("per_page", "")
    nexts = [h for h in _hrefs(page) if "cursor=" in h]  # 下一页, 末页
    assert nexts and "status=new" in nexts[0] and "junk" not in nexts[0]

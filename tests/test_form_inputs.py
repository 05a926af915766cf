"""Every HTML form, public and staff, with a NUL in each of its fields in turn: a 400
page from legaldesk.inputs, never a 500 (PostgreSQL refused NUL with one, even on
/login and /status)."""

from html.parser import HTMLParser

import pytest

STAFF_PAGES = [
    "/",
    "/intake/new",
    "/cases",
    "/cases/{reference}",
    "/rooms",
    "/rooms/find",
    "/directory",
    "/calendar",
    "/followups",
]
ENTERPRISE_PAGES = ["/my", "/my/new", "/my/settings", "/my/cases/{reference}"]


class Forms(HTMLParser):
    """The forms of a page: (method, action, {field: first value})."""

    def __init__(self, page: str):
        super().__init__()
        self.page, self.found = page, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = attrs.get("action") or self.page
            self.found.append(((attrs.get("method") or "get").lower(), action, {}))
        elif tag in ("input", "textarea", "select") and self.found and attrs.get("name"):
            if attrs.get("type") in ("submit", "button", "file"):
                return
            self.found[-1][2].setdefault(attrs["name"], attrs.get("value") or "")


def forms_of(client, page):
    response = client.get(page)
    assert response.status_code == 200, page
    parser = Forms(page)
    parser.feed(response.get_data(as_text=True))
    return [form for form in parser.found if form[2] and not form[1].startswith("http")]


def submit_nul_in_each_field(client, pages):
    tried = 0
    for page in pages:
        for method, action, fields in forms_of(client, page):
            for name in fields:
                values = {**fields, name: fields[name] + "\x00"}
                if method == "post":
                    response = client.post(action, data=values)
                else:
                    response = client.get(action, query_string=values)
                assert response.status_code == 400, (method, action, name, response.status_code)
                tried += 1
    return tried


def test_public_forms_refuse_nul_in_every_field(client, make):
    assert submit_nul_in_each_field(client, ["/login", "/status"]) >= 4


def test_staff_forms_refuse_nul_in_every_field(client, login, make):
    case = make.case()
    login("coordinator")
    pages = [p.format(reference=case.reference) for p in STAFF_PAGES]
    assert submit_nul_in_each_field(client, pages) >= 30


def test_enterprise_forms_refuse_nul_in_every_field(client, login, make):
    case = make.case()
    login(make.user("enterprise", enterprise_uscc="91330105MA2H00010X"))
    pages = [p.format(reference=case.reference) for p in ENTERPRISE_PAGES]
    assert submit_nul_in_each_field(client, pages) >= 5


@pytest.mark.parametrize("value", ["a\x00b", "\x01", "\x7f"])
def test_login_with_control_characters_is_400_on_both_engines(client, value):
    response = client.post("/login", data={"email": value, "password": value})
    assert response.status_code == 400

"""Issue 12 items 8 and 9 on /my/new: the enterprise's form has the desk's layout,
asks for the category ("please choose", no default), keeps everything typed, and
warns before sending a question the enterprise has already asked."""

import re

import pytest

from legaldesk.cases.models import Consultation
from tests.conftest import count
from tests.portal.test_accounts import OTHER

ASKED = {
    "contact_name": "周经理",
    "phone": "13805710001",
    "email": "zhou@example.com",
    "category": "export_control",
    "countries": ["KZ"],
    "counterparties": "Steppe Trade LLP",
    "summary": "擬向某國出口前的法律風險諮詢",  # dummy_intake's summary, traditional
    "description": "想了解出口管制的要求。",
    "urgency": "urgent",
}


@pytest.fixture
def account(make, client):
    user = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    client.post("/login", data={"email": user.email, "password": "password123"})
    return user


def _cases(app) -> int:
    with app.app_context():
        return count(Consultation)


def test_the_form_has_the_desks_layout_and_no_default_category(make, client):
    make.case()  # the enterprise exists
    test_account = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    client.post("/login", data={"email": test_account.email, "password": "password123"})
    page = client.get("/my/new").get_data(as_text=True)
    assert "stacked" not in page
    assert page.count('class="field') >= 8  # labels above fields, as on /intake/new
    category = re.search(r'<select id="category" name="category">(.*?)</select>', page, re.S)
    options = re.findall(r"<option[^>]*>", category.group(1))
    assert 'value=""' in options[0]  # "— 请选择 —" first, and the one shown
    assert "— 请选择 —" in category.group(1)
    assert all("selected" not in o for o in options[1:])
    assert f'value="{test_account.email}"' in page  # the account's e-mail, to change


def test_no_category_is_a_field_error_and_everything_typed_is_kept(app, make, client):
    make.case()
    user = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    client.post("/login", data={"email": user.email, "password": "password123"})
    response = client.post("/my/new", data={**ASKED, "category": "", "summary": "新的出口问题"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and _cases(app) == 1
    field = page.split('<select id="category"')[0].rsplit('<div class="field', 1)[1]
    assert field.split('"')[0].strip() == "has-error"
    after = page.split('<select id="category"')[1].split("</div>")[0]
    assert '<p class="error" role="alert">请选择一项。</p>' in after  # at the field
    for name in ("contact_name", "phone", "email"):
        assert f'value="{ASKED[name]}"' in page
    assert 'value="新的出口问题"' in page and "想了解出口管制的要求。" in page
    assert '<option selected value="KZ">' in page


def test_a_question_asked_already_warns_first(app, make, client):
    earlier = make.case()
    user = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    client.post("/login", data={"email": user.email, "password": "password123"})
    response = client.post("/my/new", data={**ASKED, "form_key": "k1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and _cases(app) == 1
    warning = page.split('id="possible-duplicates"')[1].split("</section>")[0]
    assert f'href="/my/cases/{earlier.reference}"' in warning  # its own case page
    assert "拟向某国出口前的法律风险咨询" in warning
    assert "仍要提交" in page and "贵企业已就同一事项" in page  # in the enterprise's words
    assert 'value="k1"' in page  # the same form, kept
    saved = client.post(
        "/my/new", data={**ASKED, "form_key": "k1", "record_anyway": earlier.reference}
    )
    assert saved.status_code == 302 and _cases(app) == 2


def test_another_enterprises_case_never_shows(app, make, client):
    theirs = make.case(enterprise=OTHER)  # the very same summary, another enterprise
    make.case(summary="海外仓租金纠纷")  # the account's enterprise, another matter
    user = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    client.post("/login", data={"email": user.email, "password": "password123"})
    response = client.post("/my/new", data=ASKED)
    assert response.status_code == 302 and _cases(app) == 3
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert theirs.reference not in shown

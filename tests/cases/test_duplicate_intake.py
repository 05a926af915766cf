"""Issue 12 item 8: an intake like one of the enterprise's open or recent cases warns
before saving, names the earlier case, keeps every field, and saves only after
"Record it anyway". Real SQLite and PostgreSQL."""

from datetime import timedelta

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import transition
from legaldesk.clock import utcnow
from legaldesk.db import db
from tests.cases.test_web import INTAKE_FORM
from tests.conftest import count

ALIKE = {**INTAKE_FORM, "summary": "擬向某國出口前的法律風險諮詢。"}  # traditional, a full stop


def _cases(app) -> int:
    with app.app_context():
        return count(Consultation)


def test_a_near_identical_intake_warns_and_keeps_every_field(app, client, login, make):
    earlier = make.case(now=utcnow() - timedelta(days=3))
    login("intake")
    response = client.post("/intake/new", data=ALIKE)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert _cases(app) == 1  # nothing saved
    warning = page.split('id="possible-duplicates"')[1].split("</section>")[0]
    assert earlier.reference in warning
    assert f'href="/cases/{earlier.reference}"' in warning  # a link staff may follow
    assert "新登记" in warning  # its status
    assert "拟向某国出口前的法律风险咨询" in warning  # its summary
    assert (utcnow() - timedelta(days=3)).strftime("%Y-%m-") in warning  # its date
    assert "仍要登记" in page
    for name in ("uscc", "enterprise_name", "contact_name", "phone", "summary"):
        assert f'value="{ALIKE[name]}"' in page, name  # every field kept
    assert "即将出口物流设备。" in page and "Steppe Trade LLP" in page
    assert '<option selected value="KZ">' in page
    assert 'checked id="urgency-1" name="urgency" type="radio" value="urgent"' in page


def test_record_it_anyway_saves_the_case(app, client, login, make):
    earlier = make.case()
    login("intake")
    client.post("/intake/new", data=ALIKE)
    saved = client.post("/intake/new", data={**ALIKE, "record_anyway": earlier.reference})
    assert saved.status_code == 302 and "/receipt" in saved.headers["Location"]
    assert _cases(app) == 2


def test_a_confirmation_for_other_cases_warns_again(app, client, login, make):
    make.case()
    login("intake")
    response = client.post("/intake/new", data={**ALIKE, "record_anyway": "LD-2026-ZZZZZZ"})
    assert response.status_code == 409 and _cases(app) == 1


def test_another_matter_or_another_enterprise_saves_at_once(app, client, login, make):
    make.case()
    login("intake")
    other_matter = client.post("/intake/new", data={**INTAKE_FORM, "summary": "海外仓租金纠纷"})
    assert other_matter.status_code == 302
    other_enterprise = client.post(
        "/intake/new",
        data={**ALIKE, "uscc": "91330105MA2H000212", "enterprise_name": "北京某某科技有限公司"},
    )
    assert other_enterprise.status_code == 302
    assert _cases(app) == 3


def test_old_closed_and_withdrawn_cases_do_not_warn_but_old_open_ones_do(app, client, login, make):
    old = make.case(now=utcnow() - timedelta(days=30))
    withdrawn = make.case()

    def close_them():
        for case_id, to in ((old.id, "withdrawn"), (withdrawn.id, "withdrawn")):
            transition(db.session, None, utcnow(), db.session.get(Consultation, case_id), to)
        db.session.commit()

    login("intake")
    assert client.post("/intake/new", data=ALIKE).status_code == 409  # open, 30 days old
    make.run(close_them)
    assert client.post("/intake/new", data=ALIKE).status_code == 302


def test_the_window_is_a_setting(app, client, login, make):
    recent = make.case(now=utcnow() - timedelta(days=5))

    def close():
        case = db.session.get(Consultation, recent.id)
        case.status = "closed"  # a closed case, as the transition table would leave it
        db.session.commit()

    make.run(close)
    login("intake")
    assert client.post("/intake/new", data=ALIKE).status_code == 409  # closed 5 days ago
    app.config["DUPLICATE_WINDOW_DAYS"] = 3
    assert client.post("/intake/new", data=ALIKE).status_code == 302


def test_the_warning_is_in_the_audit_log(app, client, login, make):
    earlier = make.case()
    login("intake")
    client.post("/intake/new", data=ALIKE)
    with app.app_context():
        listed = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "consultation.list")
        ).all()
        assert any(earlier.reference in e.detail for e in listed)

"""The demo desk leaves cases open to claim: a visitor who logs in as a demo lawyer
finds some on /queue and can take one, and loading the demo twice adds nothing."""

import re

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.demo import DEMO_PASSWORD, load_demo
from legaldesk.routing.models import ConflictOfInterest
from legaldesk.zone import desk_zone

DEMO_LAWYERS = ("expert@legaldesk.local", "lawyer@legaldesk.local")


def _load(app) -> tuple[int, int]:
    with app.app_context():
        load_demo(db.session, utcnow(), desk_zone())
        db.session.commit()
        count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
        return count(Consultation), count(ConflictOfInterest)


def _open_part(page: str) -> str:
    return page.split("可认领的案件", 1)[1]


def test_each_demo_lawyer_finds_a_case_to_claim(app):
    first = _load(app)
    assert _load(app) == first  # idempotent, the demo conflict too
    for email in DEMO_LAWYERS:
        client = app.test_client()
        logged_in = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        assert logged_in.status_code == 302
        offered = re.findall(r"/queue/(LD-[\w-]+)/claim", _open_part(client.get("/queue").text))
        assert offered, email
        taken = client.post(f"/queue/{offered[0]}/claim")
        assert taken.headers["Location"].endswith(f"/cases/{offered[0]}"), email
        assert "已由您承办" in client.get(taken.headers["Location"]).text

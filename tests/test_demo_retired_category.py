"""The demo keeps one retired category with its old case (issue 13, item 5): the
intake no longer offers it, the old case still shows it, and a second run of the
demo changes nothing."""

import sqlalchemy as sa

from legaldesk.cases.models import Category, Consultation
from legaldesk.db import db


def run(app, *args):
    return app.test_cli_runner().invoke(args=["desk", *args])


def test_the_demo_has_a_retired_category_whose_old_case_keeps_it(app, client, login):
    assert run(app, "demo").exit_code == 0
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count()).select_from(Consultation))
    assert run(app, "demo").exit_code == 0
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Consultation)) == before
        retired = db.session.get(Category, "overseas_trade_fairs")
        assert retired is not None and retired.active is False
        old = db.session.scalars(
            sa.select(Consultation).where(Consultation.category_code == "overseas_trade_fairs")
        ).one()
        reference, status = old.reference, old.status
    assert status == "withdrawn"
    login("coordinator")
    assert "境外展会参展" in client.get(f"/cases/{reference}").get_data(as_text=True)
    assert "境外展会参展" not in client.get("/intake/new").get_data(as_text=True)

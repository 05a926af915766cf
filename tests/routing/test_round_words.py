"""A redraw after a decline reads in the reader's language on the case page, with the
lawyer's own reason as they typed it."""

from __future__ import annotations

import pytest

from legaldesk.cases.models import Consultation
from legaldesk.db import db

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools


def test_a_redraw_after_a_decline_is_worded(client, login, make, app):
    first, _second = make.user("lawyer"), make.user("lawyer")
    case = make.case()
    make.assign(case, first.lawyer_id)
    with app.app_context():
        db.session.get(Consultation, case.id).status = "routed"
        db.session.commit()
    login(first)
    client.post(f"/queue/{case.reference}/decline", data={"reason": "时间冲突"})
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "律师拒绝后重新抽签：时间冲突" in page and "declined:" not in page

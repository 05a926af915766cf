"""Finding 4: an admin's own role (or the last active admin's) refused at the role
field with the other edits kept; no 停用 button on one's own account nor on the
last active admin's."""

from __future__ import annotations

import re

from legaldesk.auth.models import User
from legaldesk.db import db


def test_demoting_oneself_is_a_field_error_and_keeps_the_edits(app, client, login):
    admin = login("admin")
    answer = client.post(
        f"/admin/users/{admin.id}", data={"name": "改过的名字", "account_role": "coordinator"}
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422, page
    assert 'value="改过的名字"' in page
    role_field = re.search(r'name="account_role".*?</div>', page, re.S).group(0)
    assert "不能停用自己的账户" in role_field
    assert re.search(r'<option selected value="coordinator">', page)
    with app.app_context():
        user = db.session.get(User, admin.id)
        assert user.role == "admin" and user.name != "改过的名字"


def test_no_deactivate_button_on_ones_own_account(client, login, make):
    admin = login("admin")
    own = client.get(f"/admin/users/{admin.id}").get_data(as_text=True)
    assert 'id="deactivate"' not in own
    other = make.user("admin")
    assert 'id="deactivate"' in client.get(f"/admin/users/{other.id}").get_data(as_text=True)
    clerk = make.user("intake")
    assert 'id="deactivate"' in client.get(f"/admin/users/{clerk.id}").get_data(as_text=True)

"""An account without a password (created for a token, or before its owner set one)
cannot be logged into with any password, the dummy hash's own included."""

from __future__ import annotations

from legaldesk.admin.service import create_user
from legaldesk.auth.service import authenticate
from legaldesk.clock import utcnow
from legaldesk.db import db


def test_no_password_no_login(app):
    with app.app_context():
        create_user(db.session, None, utcnow(), "nopass@desk.test", "无密码", "intake")
        db.session.commit()
        for guess in ("not-a-password", "", "password123"):
            assert authenticate(db.session, utcnow(), "nopass@desk.test", guess) is None

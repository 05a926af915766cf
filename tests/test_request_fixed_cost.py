"""What every API request costs before its own work (issue 14): the statements it
sends. Timing is the bench's business; these pin the statements an authenticated
request needs, so a change that adds one to every request shows here."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import ApiToken
from legaldesk.db import db
from tests.helpers import sent_during


def statements(app, request) -> list[str]:
    """The SQL ``request`` sends (BEGIN and the like aside)."""
    return [
        s
        for s in sent_during(app, request)
        if s.split()[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE")
    ]


def _reads_accounts(statement: str) -> bool:
    return "FROM users" in statement or "JOIN users" in statement


def _reloads_an_account(statement: str) -> bool:
    """A user row read again by its id (an expired account touched)."""
    return "FROM users WHERE users.id = " in " ".join(statement.split())


def test_an_authenticated_request_sends_one_statement_its_token_lookup(app, api_as):
    api = api_as("coordinator")
    api.get("/statuses")  # the token's first use is noted; later ones within minutes not
    seen = statements(app, lambda: api.get("/statuses"))
    assert len(seen) == 1 and "api_tokens" in seen[0] and _reads_accounts(seen[0]), seen


def test_a_tokens_use_is_noted_when_the_view_changes_nothing(app, api_as):
    """An admin tells tokens in use by their last use: a token that only reads (a
    monitoring script asking /statuses) is in use too."""
    api = api_as("coordinator")
    assert api.get("/statuses").status_code == 200
    with app.app_context():
        used = db.session.scalars(sa.select(ApiToken.last_used_at)).all()
    assert used and all(at is not None for at in used), used


def test_a_list_names_its_reader_in_the_audit_log_without_reading_the_account_again(
    app, make, api_as
):
    """The list ends the request's transaction before its reads; the account read
    with the token is still the one its audit entry names."""
    make.case(summary="出口到哈萨克斯坦")
    api = api_as("coordinator")
    api.get("/statuses")
    seen = statements(app, lambda: api.get("/consultations?status=new"))
    assert not any(_reloads_an_account(s) for s in seen), seen
    assert sum("api_tokens" in s for s in seen) == 1, seen
    with app.app_context():
        actor = db.session.scalars(
            sa.select(AuditEntry.actor).where(AuditEntry.action == "consultation.list")
        ).one()
    assert actor == f"coordinator:{api.user.email}"


def test_a_case_detail_looks_its_token_up_once_and_its_account_never_again(app, make, api_as):
    case = make.case()
    api = api_as("coordinator")
    api.get("/statuses")
    seen = statements(app, lambda: api.get(f"/consultations/{case.reference}"))
    assert not any(_reloads_an_account(s) for s in seen), seen
    assert sum("api_tokens" in s for s in seen) == 1, seen

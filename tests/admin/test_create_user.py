"""Account administration: a new account must point at something real. A lawyer's
account needs a lawyer of the directory, an enterprise's a known credit code; an
e-mail address is taken once."""

import pytest
import sqlalchemy as sa

from legaldesk.admin.service import create_user
from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.errors import Conflict, ValidationFailed
from tests.conftest import NOW, create_case, create_lawyer


def _fields(error: pytest.ExceptionInfo) -> set[str]:
    return set(error.value.fields)


def test_a_lawyer_or_enterprise_account_needs_its_record(ctx):
    with pytest.raises(ValidationFailed) as lawyer:
        create_user(db.session, None, NOW, "counsel@desk.test", "律师", "lawyer", None, 999)
    with pytest.raises(ValidationFailed) as enterprise:
        create_user(
            db.session, None, NOW, "firm@desk.test", "企业", "enterprise", None, None, "123"
        )
    assert _fields(lawyer) == {"lawyer_id"} and _fields(enterprise) == {"enterprise_uscc"}


def test_accounts_of_a_directory_lawyer_and_a_known_enterprise(ctx):
    lawyer = create_lawyer()
    case, _ = create_case()
    counsel = create_user(
        db.session, None, NOW, " Counsel@Desk.test ", "律师", "lawyer", "password1", lawyer.id
    )
    uscc = case.enterprise.uscc
    company = create_user(
        db.session, None, NOW, "firm@desk.test", "企业", "enterprise", None, None, uscc
    )
    assert (counsel.email, counsel.lawyer_id) == ("counsel@desk.test", lawyer.id)
    assert company.enterprise_id == case.enterprise_id and company.password_hash is None
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.object_type == "user")
    ).all()
    assert actions.count("user.create") >= 2
    with pytest.raises(Conflict):
        create_user(db.session, None, NOW, "counsel@desk.test", "又一个", "intake", "password1")

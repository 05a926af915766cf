"""Moving the first entry up (or the last down) changes nothing, so the audit log
records nothing (the attack pass found a category.reorder entry per such click)."""

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases import reference
from legaldesk.db import db
from tests.conftest import NOW, create_user


def _reorders() -> int:
    count = sa.select(sa.func.count()).where(AuditEntry.action == "closing_code.reorder")
    return db.session.scalar(count)


def test_a_move_that_moves_nothing_leaves_no_audit_entry(ctx):
    coordinator = create_user("coordinator")
    codes = reference.entries(db.session, "closing-codes")
    reference.move(db.session, coordinator, NOW, "closing-codes", codes[0], "up")
    reference.move(db.session, coordinator, NOW, "closing-codes", codes[-1], "down")
    assert _reorders() == 0
    reference.move(db.session, coordinator, NOW, "closing-codes", codes[1], "up")
    assert _reorders() == 1

"""Each follow-up's day done on, and the follow-ups due per day counted

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-04 11:00:00

Issue 14 (the half-year report under 300 ms at a million cases). Whether a
follow-up was done on time compared the desk's day of ``done_at`` with ``due_on``
for every follow-up due in the period (0.16 s of the report at a million on
SQLite). Each follow-up now keeps the desk's day it was done on (``done_on``, set
by the app: followups/done_day.py), and the database counts the follow-ups due,
done and done on time per due day (``report_followup_due_days``, by triggers:
reports/followup_models.py). Both are computed here for the follow-ups already
recorded, with the desk's time zone, as ``flask desk recount`` does.
"""

import sqlalchemy as sa
from alembic import op
from flask import current_app, has_app_context
from sqlalchemy.orm import Session

# revision identifiers, used by Alembic.
revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None


def upgrade():
    from legaldesk.clock import zone_named
    from legaldesk.reports import done_days
    from legaldesk.reports import followup_models as models

    op.add_column("followups", sa.Column("done_on", sa.Date(), nullable=True))
    op.create_table(
        "report_followup_due_days",
        sa.Column("day", sa.Date(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in models.DUE_SUMS),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_report_followup_due_days")),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in models.DUE_TRIGGERS.create(postgres):
        op.execute(statement)
    name = current_app.config["TIMEZONE"] if has_app_context() else "Asia/Shanghai"
    session = Session(bind=op.get_bind())
    done_days.rebuild(session, zone_named(name))
    session.flush()


def downgrade():
    from legaldesk.reports import followup_models as models

    for statement in models.DUE_TRIGGERS.drop(op.get_bind().dialect.name == "postgresql"):
        op.execute(statement)
    op.drop_table("report_followup_due_days")
    with op.batch_alter_table("followups") as batch:
        batch.drop_column("done_on")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite rebuilt the table without its triggers: the follow-up sums' (0035).
        for statement in models.TRIGGERS.create(postgres=False):
            op.execute(statement)

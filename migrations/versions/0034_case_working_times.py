"""Each answered case's working hours, stored and counted per day and tenth of an hour

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-04 09:00:00

Issue 14 (the half-year report under 300 ms at a million cases). The median and
90th percentile of working hours to acceptance and to advice computed every case's
working time of the period in one query (0.8-1.1 s of the report at a million on
SQLite). The desk now stores each case's figure (``case_working_times``, kept by
the app: reports/working.py) and the database counts them per UTC day of receipt
and tenth of an hour (``report_duration_days``, measures 'acceptance' and 'advice',
by triggers: reports/working_models.py). The figures of the cases already answered
are computed here, with the desk's calendar and time zone, as ``flask desk
recount`` does.
"""

import sqlalchemy as sa
from alembic import op
from flask import current_app, has_app_context
from sqlalchemy.orm import Session

import legaldesk.db

# revision identifiers, used by Alembic.
revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade():
    from legaldesk.clock import zone_named
    from legaldesk.reports import working
    from legaldesk.reports import working_models as models
    from legaldesk.workcal.service import overrides

    op.create_table(
        "case_working_times",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=12), nullable=False),
        sa.Column("received_at", legaldesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", legaldesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tenths", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_case_working_times_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "consultation_id", "measure", name=op.f("pk_case_working_times")
        ),
    )
    op.create_index(
        op.f("ix_case_working_times_answered_at"), "case_working_times", ["answered_at"]
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in models.TRIGGERS.create(postgres):
        op.execute(statement)
    name = current_app.config["TIMEZONE"] if has_app_context() else "Asia/Shanghai"
    session = Session(bind=op.get_bind())
    working.rebuild(session, zone_named(name), overrides(session))
    session.flush()


def downgrade():
    from legaldesk.reports import working_models as models

    op.execute("DELETE FROM report_duration_days WHERE measure IN ('acceptance', 'advice')")
    for statement in models.TRIGGERS.drop(op.get_bind().dialect.name == "postgresql"):
        op.execute(statement)
    op.drop_index(op.f("ix_case_working_times_answered_at"), table_name="case_working_times")
    op.drop_table("case_working_times")

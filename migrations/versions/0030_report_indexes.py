"""Indexes and stored counts the half-year report reads by

Revision ID: 0030
Revises: 0027
Create Date: 2026-12-01 09:00:00

Issue 14 (round 2, P3). The report of a period reads every case received in it: its
status, category, channel, regions, lawyer and first response, grouped in one pass
and sorted for the medians. One index holding all of these after the moment of
receipt makes that pass a range read of the index alone (no visit of each case's
row, a million of them on a big desk). Reopenings are found by the status a change
left and when, follow-ups due by their due day: each gets the index it is read by
instead of a scan of the whole timeline or of every follow-up.

The counts by status, category, channel, region, lawyer and country are stored per
UTC day (``report_days``, ``report_lawyer_days``, ``report_country_days``) and kept
by triggers on the cases (reports/rollup_models.py, whose statements of this day
are used here); they are filled from the cases already recorded (reports/rollups.py,
``flask desk recount`` later).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0030"
down_revision = "0027"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    "tr_report_case_delete",
    "tr_report_case_insert",
    "tr_report_case_update",
    "tr_report_country_delete",
    "tr_report_country_insert",
)
INDEXES = {
    "ix_consultations_report": (
        "consultations",
        [
            "created_at",
            "status",
            "category_code",
            "channel",
            "foreign_related",
            "hk_mo_tw",
            "assignee_id",
            "first_response_at",
            "id",
        ],
    ),
    "ix_timeline_entries_left_at": ("timeline_entries", ["from_status", "at", "consultation_id"]),
    "ix_followups_due_done": ("followups", ["due_on", "done_at"]),
}


def _tables():
    day = sa.Column("day", sa.Date(), primary_key=True)
    count = [sa.Column("cases", sa.Integer(), nullable=False)]
    return {
        "report_days": [
            day,
            sa.Column("dimension", sa.String(10), primary_key=True),
            sa.Column("value", sa.String(40), primary_key=True),
            *count,
        ],
        "report_lawyer_days": [
            day,
            sa.Column("lawyer_id", sa.Integer(), primary_key=True, autoincrement=False),
            *count,
            *[
                sa.Column(name, sa.Integer(), nullable=False)
                for name in ("open", "closed", "foreign_related", "hk_mo_tw")
            ],
        ],
        "report_country_days": [
            day,
            sa.Column("country", sa.String(2), primary_key=True),
            *count,
        ],
    }


def upgrade():
    from legaldesk.reports import rollups
    from legaldesk.reports.rollup_models import POSTGRESQL_DDL, SQLITE_DDL

    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    for table, columns in _tables().items():
        keys = [column.name for column in columns if column.primary_key]
        columns = [sa.Column(c.name, c.type, nullable=False, autoincrement=False) for c in columns]
        op.create_table(table, *columns, sa.PrimaryKeyConstraint(*keys, name=op.f(f"pk_{table}")))
    bind = op.get_bind()
    for statement in rollups.rebuild_statements(bind):
        op.execute(statement)
    for statement in POSTGRESQL_DDL if bind.dialect.name == "postgresql" else SQLITE_DDL:
        op.execute(statement)


def downgrade():
    from legaldesk.reports.rollup_models import POSTGRESQL_DROP

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL_DROP:
            op.execute(statement)
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in _tables():
        op.drop_table(table)
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)

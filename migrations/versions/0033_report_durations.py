"""The report's answer times stored as counts per day and tenth of an hour

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-03 09:00:00

Issue 14 (the half-year report under 300 ms at a million cases). The median hours
from receipt to first response sorted every case of the period (0.4 s of a 1.7 s
report on SQLite at a million). The database now keeps, per UTC day of receipt, how
many cases were first answered after each tenth of an hour
(``report_duration_days``, by triggers: reports/duration_models.py), and the report
reads the median off those counts. The counts of the cases already recorded are
computed here, as ``flask desk recount`` does.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None


def upgrade():
    from legaldesk.reports import duration_models as durations

    op.create_table(
        "report_duration_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(length=12), nullable=False),
        sa.Column("tenths", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "measure", "tenths", name=op.f("pk_report_duration_days")),
        sqlite_with_rowid=False,
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(durations.counting(postgres, "true", adding=False))
    for statement in durations.POSTGRESQL_DDL if postgres else durations.SQLITE_DDL:
        op.execute(statement)


def downgrade():
    from legaldesk.reports import duration_models as durations

    if op.get_bind().dialect.name == "postgresql":
        for statement in durations.POSTGRESQL_DROP:
            op.execute(statement)
    else:
        for name in durations.SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("report_duration_days")

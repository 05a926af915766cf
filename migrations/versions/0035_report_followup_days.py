"""The follow-ups' loss avoided and satisfaction stored as sums per day

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-04 10:00:00

Issue 14 (the half-year report under 300 ms at a million cases). The loss avoided
and satisfaction of a period summed every follow-up recorded in it (0.2 s of the
report at a million on SQLite). The database now keeps those sums per UTC day the
follow-up was recorded (``report_followup_days``, by triggers on ``followups``:
reports/followup_models.py). The sums of the follow-ups already recorded are
computed here, as ``flask desk recount`` does.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None


def upgrade():
    from legaldesk.reports import followup_models as models

    op.create_table(
        "report_followup_days",
        sa.Column("day", sa.Date(), nullable=False),
        *(sa.Column(name, sa.BigInteger() if name.endswith("_cny") else sa.Integer(),
                    nullable=False) for name in models.SUMS),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_report_followup_days")),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(models.counting(postgres))
    for statement in models.TRIGGERS.create(postgres):
        op.execute(statement)


def downgrade():
    from legaldesk.reports import followup_models as models

    for statement in models.TRIGGERS.drop(op.get_bind().dialect.name == "postgresql"):
        op.execute(statement)
    op.drop_table("report_followup_days")

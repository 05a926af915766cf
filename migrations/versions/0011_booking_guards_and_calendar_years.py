"""SQLite triggers against double bookings; the years whose official calendar is entered

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 19:30:00

"""

from alembic import op
import sqlalchemy as sa

import legaldesk.db
from legaldesk.mediation.models import SQLITE_CLASH_TRIGGERS


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("confirmed_at", legaldesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"], ["users.id"], name=op.f("fk_calendar_years_confirmed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_years")),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_CLASH_TRIGGERS:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS tr_bookings_no_clash_update")
        op.execute("DROP TRIGGER IF EXISTS tr_bookings_no_clash_insert")
    op.drop_table("calendar_years")

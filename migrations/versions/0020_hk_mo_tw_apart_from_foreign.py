"""涉港澳台 apart from 涉外: a stored hk_mo_tw flag on consultations

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-28 09:00:00

Issue 13, item 3. Hong Kong, Macao and Taiwan are regions of China: a case naming one
is 涉港澳台, counted apart from foreign-related (涉外). The flag is backfilled from
consultation_countries. Only those cases change: they are foreign-related now only
when they also name a country other than China and its regions (a counterparty's
English name no longer counts when a region is named). Every other case counted the
same under the old rule. The downgrade gives back the old counting (any country but
CN was foreign).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

NAMES_A_REGION = (
    "EXISTS (SELECT 1 FROM consultation_countries cc"
    " WHERE cc.consultation_id = consultations.id AND cc.country IN ('HK', 'MO', 'TW'))"
)
NAMES_A_FOREIGN_COUNTRY = (
    "EXISTS (SELECT 1 FROM consultation_countries cc WHERE cc.consultation_id ="
    " consultations.id AND cc.country NOT IN ('CN', 'HK', 'MO', 'TW'))"
)


def upgrade():
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hk_mo_tw", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(
        f"UPDATE consultations SET hk_mo_tw = true, foreign_related = {NAMES_A_FOREIGN_COUNTRY}"
        f" WHERE {NAMES_A_REGION}"
    )


def downgrade():
    op.execute("UPDATE consultations SET foreign_related = true WHERE hk_mo_tw")
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_column("hk_mo_tw")

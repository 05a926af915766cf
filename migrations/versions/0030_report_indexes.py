"""Indexes the half-year report reads by

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
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0030"
down_revision = "0027"
branch_labels = None
depends_on = None

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


def upgrade():
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade():
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)

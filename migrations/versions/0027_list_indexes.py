"""Indexes for lists that cost the same on page 1 and page 10,000

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-30 09:00:00

Issue 14, item 3. The case list finds a page by the sort key of the row next to it
(keyset paging) and counts at most 10,001 matching rows. Both are short range reads
when one index holds the filter's column, then the order's columns, then the id (the
tie-breaker of every order): PostgreSQL needs the id named; SQLite keeps it in every
index anyway. So the list's indexes gain the id, and the filters that matter on a
desk of a million cases get one each: status (with urgent first too, the waiting
line, and with a category), category, 涉外 and 涉港澳台 flags, the assigned lawyer
(their list, and their queue by status). Urgent first is urgency DESC then oldest:
its indexes hold urgency descending, so neither engine sorts. The single-column
indexes on category and assignee are replaced by the composite ones that start with
them. The calls owed to enterprises get the index the dashboard reads them by.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

URGENT_FIRST = sa.desc(sa.column("urgency"))  # urgent first, then the oldest: read with no sort
# name -> (columns before, columns after); None: the index did not exist / goes away
CONSULTATIONS = {
    "ix_consultations_created": (["created_at"], ["created_at", "id"]),
    "ix_consultations_updated": (["updated_at"], ["updated_at", "id"]),
    "ix_consultations_urgency_created": (
        ["urgency", "created_at"],
        [URGENT_FIRST, "created_at", "id"],
    ),
    "ix_consultations_status_created": (["status", "created_at"], ["status", "created_at", "id"]),
    "ix_consultations_status_urgency": (None, ["status", URGENT_FIRST, "created_at", "id"]),
    "ix_consultations_category_created": (None, ["category_code", "created_at", "id"]),
    "ix_consultations_status_category": (None, ["status", "category_code", "created_at", "id"]),
    "ix_consultations_foreign_created": (None, ["foreign_related", "created_at", "id"]),
    "ix_consultations_hk_mo_tw_created": (None, ["hk_mo_tw", "created_at", "id"]),
    "ix_consultations_assignee_created": (None, ["assignee_id", "created_at", "id"]),
    "ix_consultations_assignee_status": (None, ["assignee_id", "status", "created_at", "id"]),
    "ix_consultations_category_code": (["category_code"], None),
    "ix_consultations_assignee_id": (["assignee_id"], None),
}


def _swap(table: str, indexes: dict, old: int, new: int) -> None:
    for name, columns in indexes.items():
        if columns[old] is not None:
            op.drop_index(name, table_name=table)
    for name, columns in indexes.items():
        if columns[new] is not None:
            op.create_index(name, table, columns[new])


def upgrade():
    _swap("consultations", CONSULTATIONS, 0, 1)
    op.create_index("ix_callbacks_waiting", "callbacks", ["done_at", "created_at", "id"])


def downgrade():
    op.drop_index("ix_callbacks_waiting", table_name="callbacks")
    _swap("consultations", CONSULTATIONS, 1, 0)

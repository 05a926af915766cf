"""What a case table (templates/cases/_table.html: the case list, the queue, the home
page) says beside a row beyond the case's own columns: that the case is overdue, and
why, by the very rule of the list's ``overdue=1`` filter (cases/overdue_rules.py).

A template global, so every page that includes the table marks its rows alike; the
rows of a table are marked with one query, however many there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _

from legaldesk.cases import list_options
from legaldesk.clock import utcnow
from legaldesk.db import db


def overdue_marks(rows: Sequence[Any]) -> dict[int, str]:
    """id -> what is late (in the reader's language) for each overdue case of ``rows``."""
    found = list_options.reasons("overdue", db.session, utcnow(), [row.id for row in rows])
    return {case_id: "; ".join(_(why) for why in whys if why) for case_id, whys in found.items()}

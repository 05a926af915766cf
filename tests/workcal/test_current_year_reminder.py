"""A desk running past chinesecalendar's last year (the package not yet upgraded) counts
the current year Monday to Friday: coordinators are reminded of it at once, weekly,
not only of next year from November (found running the suite under faketime 2027)."""

from datetime import UTC, date, datetime

from legaldesk.db import db
from legaldesk.workcal.rules import official_years, year_to_remind


def test_an_unconfirmed_current_year_is_reminded_weekly_from_january():
    known = {2026}
    assert year_to_remind(date(2027, 1, 1), known, set()) == (2027, 0)
    assert year_to_remind(date(2027, 3, 15), known, set()) == (2027, 10)
    assert year_to_remind(date(2027, 3, 15), known, {2027}) is None
    # this year first: next year's reminder waits until this one is entered
    assert year_to_remind(date(2027, 11, 8), known, set()) == (2027, 44)
    assert year_to_remind(date(2027, 11, 8), known, {2027}) == (2028, 1)


def test_the_job_reminds_of_the_current_year_when_nobody_entered_it(ctx):
    from legaldesk.notify.models import OutboxMessage
    from legaldesk.workcal.service import confirm_year, remind_coordinators
    from tests.conftest import count, create_user

    coordinator = create_user("coordinator")
    year = max(official_years()) + 1  # the first year chinesecalendar does not know
    now = datetime(year, 3, 15, 2, tzinfo=UTC)
    assert remind_coordinators(db.session, now, date(year, 3, 15)) == 1
    db.session.commit()
    assert count(OutboxMessage) == 1
    confirm_year(db.session, coordinator, now, year)
    assert remind_coordinators(db.session, now, date(year, 3, 16)) == 0
